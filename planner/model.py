"""Typed plan objects: the vocabulary of PLAN-FORMAT.md as pydantic models.

Fields that the SMART rules judge (a goal's kpi, numbers and dates) are kept
lenient here on purpose: a goal without a `due` is still a goal, and T501 says
so with a SMART letter and a hint, which a generic "field required" could not.
The JSON Schema exported from these models still tells editors the intended
types (see `_schema_as`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planner.dates import MAX_DURATION_DAYS, parse_duration, too_long
from planner.i18n import ENGLISH
from planner.recurrence_rules import rrule_problem
from planner.vocabulary import (
    CADENCES,
    CUSTOM_TRIGGER,
    MESSAGE_KINDS,
    N_,
    TRIGGERS,
    Cadence,
    Channel,
    Consent,
    Direction,
    ItemKind,
    JourneyLayout,
    LanguageCode,
    Purpose,
    Reaction,
    Stage,
    Tier,
)

# The model's own errors, in the words a diagnostic says them: planner.plan translates them
# into the plan's language and fills in {where} (the YAML path) and {value} (the value found);
# the other {names} are the context each error is raised with.
ERRORS: dict[str, str] = {
    "planner_id": N_("'{value}' is not a valid id: use lowercase letters, digits and single "
                     "hyphens"),
    "planner_holiday": N_("'{holiday}' is no holiday of the plan's countries ({countries}) in "
                          "the plan period"),
    "holiday_no_country": N_("'{holiday}' is no holiday of the plan: the playbook's `holidays:` "
                             "names no country, so only the commercial days are"),
    "holiday_undated": N_("'{holiday}' cannot be dated while the playbook's `holidays`, `year`, "
                          "`period` or `language` has an error"),
    "holiday_form": N_("{where}: a holiday date is written {example}, with `days` a whole "
                       "number (negative: before the holiday)"),
    "holiday_days": N_("{where}: `days` is {days}: a campaign anchored to a holiday lies "
                       "within a year of it"),
    "holiday_country": N_("{where}: {value} is not a country code the holiday data knows: "
                          "use an ISO 3166 code such as FI, IL, SE, US"),
    "waiver_reason": N_("a waiver needs a reason: say why the rule does not apply to "
                        "this goal"),
    "segment_waiver_reason": N_("a waiver needs a reason: say why the rule does not "
                                "apply to this segment"),
    "period_order": N_("the period ends before it starts"),
    "plan_year": N_("{value} is outside the years a plan can cover ({first} to {last})"),
    "plan_period": N_("give the plan period as either `year` or `period`, not both or "
                      "none"),
    "step_kind": N_("a step is exactly one of `send`, `wait` or `branch`"),
    "trigger": N_("{value} is not a trigger: use one of {expected}, or custom:<name>"),
    "duration": N_("{value} is not a duration: write a number and a unit, e.g. `3 days`, "
                   "`2 weeks`, `12 hours` or `1 month` (30 days)"),
    "rrule": N_("{value} is not a valid RRULE: {reason}"),
    "one_line": N_("{where} holds a line break or control character (U+{code}): a name "
                   "or title is one line"),
    "duration_long": N_("{value} is longer than {days} days, the longest delay planner "
                        "accepts"),
}


def _error(kind: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, ERRORS[kind], context)


# Runs of letters and digits (no A-Z) joined by single hyphens; in ASCII (most ids, and
# faster to match), runs of a-z and 0-9, which are all lower case.
_ID = re.compile(r"^[^\W_A-Z]+(?:-[^\W_A-Z]+)*$")
_ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not (_ASCII_ID.match(value) if value.isascii()
            else _ID.match(value) and value == value.lower()):
        raise _error("planner_id", value=value)
    return value


Id = Annotated[str, AfterValidator(_check_id)]


def _check_reason(value: str) -> str:
    if not value.strip():
        raise _error("waiver_reason")
    return value


def _check_segment_reason(value: str) -> str:
    if not value.strip():
        raise _error("segment_waiver_reason")
    return value


WaiverReason = Annotated[str, AfterValidator(_check_reason)]
SegmentWaiverReason = Annotated[str, AfterValidator(_check_segment_reason)]
Text = Annotated[str, Field(min_length=1)]


_NOT_IN_A_LINE = frozenset({"Cc", "Zl", "Zp"})  # control characters, line and paragraph breaks


def _check_line(value: Any) -> Any:
    """Names and titles are one line: a line break (even the one `name: |` leaves at the
    end) or another control character would break headings, page titles, calendar feeds
    and every line of output that quotes them."""
    # Every character of those categories is unprintable: a printable text (most) has none.
    if isinstance(value, str) and not value.isprintable():
        bad = next((ch for ch in value
                    if unicodedata.category(ch) in _NOT_IN_A_LINE and ch != "\t"), None)
        if bad is not None:
            raise _error("one_line", code=f"{ord(bad):04X}")
    return value


OneLine = Annotated[str, AfterValidator(_check_line)]
Line = Annotated[OneLine, Field(min_length=1)]
Count = Annotated[int, Field(ge=0)]
Cap = Annotated[int, Field(ge=1)]


def _schema_as(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema)


def _any_case(pattern: str) -> str:
    """`pattern` matching its letters in either case (JSON Schema patterns have no flags)."""
    return re.sub(r"[A-Za-z]", lambda m: f"[{m[0].upper()}{m[0].lower()}]", pattern)


# The patterns below let an editor flag what the validators refuse; they are deliberately
# a little looser than the validators (an RRULE's values are checked by dateutil only).
# `patternErrorMessage` is what VS Code's JSON and YAML extensions show instead of the regex.
_DATE_LIKE = {
    "type": "string",
    "pattern": r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$|^\d{4}-" + _any_case("q") + "[1-4]$",
    "patternErrorMessage": "Not a date, month or quarter: write 2027-06-30, 2027-06 or 2027-Q2.",
}
DURATION_PATTERN = (r"^\s*\d+(\.\d+)?\s*(" + _any_case("hours?|days?|weeks?|months?|h|d|w")
                    + r")\s*$")
_PART = r"[A-Za-z]+=[^\s;]+"
RRULE_PATTERN = (
    r"^(\s*(" + _any_case("|".join(CADENCES)) + r")\s*$|"  # a cadence word, or
    "(" + _any_case("rrule") + ":)?"
    "(?=(" + _PART + ";)*" + _any_case("freq=(yearly|monthly|weekly|daily)") + "(;|$))"
    "(?!(" + _PART + ";)*" + _any_case("by(hour|minute|second)") + "=)"
    + _PART + "(;" + _PART + ")*$)"
)
# Open vocabularies: the usual values are offered, any other is accepted. The two
# alternatives are disjoint so that an editor shows the field's own title and description.
_KIND_SCHEMA = {"anyOf": [
    {"enum": list(MESSAGE_KINDS)},
    {"type": "string", "minLength": 1, "not": {"enum": list(MESSAGE_KINDS)},
     "description": "Another kind is accepted, with a warning (P010)."},
]}
_TRIGGER_SCHEMA = {"anyOf": [
    {"enum": list(TRIGGERS)},
    {"type": "string", "pattern": f"^{CUSTOM_TRIGGER}.+", "description": "An event of your own."},
]}
# A goal's numbers, dates and texts are taken as written (editors are still told the type), so
# that the SMART rules, not the loader, say what is wrong with them; what reads them when they
# are good reads planner.derive.goal_facts, which normalises them once into typed values.
Number = Annotated[Any, _schema_as({"type": "number"})]
DateLike = Annotated[Any, _schema_as(_DATE_LIKE)]
OptionalText = Annotated[Any, _schema_as({"type": "string"})]
Duration = Annotated[str, _schema_as({
    "type": "string", "pattern": DURATION_PATTERN,
    "patternErrorMessage": "Not a duration: write a number and a unit, e.g. 3 days, 2 weeks, "
                           "12 hours or 1 month."})]
Recurrence = Annotated[str, _schema_as({
    "type": "string", "pattern": RRULE_PATTERN,
    "patternErrorMessage": "Not a campaign repeat: weekly, monthly, quarterly, yearly, or an RRULE "
                           "such as FREQ=MONTHLY;COUNT=3 (FREQ YEARLY, MONTHLY, WEEKLY or DAILY; "
                           "no BYHOUR, BYMINUTE, BYSECOND)."})]
MessageKind = Annotated[str, Field(min_length=1), _schema_as(_KIND_SCHEMA)]


def _check_country(value: str) -> str:
    from planner.holidays import supported_countries

    known = supported_countries()
    if value not in known:
        raise _error("holiday_country", value=value)
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class ContactPolicy(Strict):
    """The most messages one customer may receive, over all channels together."""

    model_config = ConfigDict(title="contact policy")

    max_per_week: Cap | None = Field(
        default=None, description="At most this many messages to one customer in any 7 consecutive days "
        "(C601). No cap when left out.", examples=[2])
    max_per_month: Cap | None = Field(
        default=None, description="At most this many messages to one customer in any 30 consecutive days "
        "(C601). No cap when left out.", examples=[6])


class Objective(Strict):
    """A business objective of the plan, which goals support."""

    model_config = ConfigDict(title="objective")

    id: Id = Field(description="The objective's id, which goals name in `supports`.",
                   examples=["keep-revenue"])
    title: Line = Field(description="What the business wants to achieve, in one sentence.",
                        examples=["Keep the recurring revenue of existing customers"])
    description: str | None = Field(default=None, description="Free text shown on the site.",
                                    examples=["Repeat orders are 60 % of revenue."])


# The years a plan period may span: those of `year`, far enough from the ends of Python's
# calendar (years 1 to 9999) that nothing derived from a plan date can overflow it.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _check_plan_year(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise _error("plan_year", value=value, first=FIRST_YEAR, last=LAST_YEAR)
    return value


PeriodDate = Annotated[dt.date, AfterValidator(_check_plan_year)]


class Period(Strict):
    """An explicit plan period."""

    model_config = ConfigDict(title="period")

    start: PeriodDate = Field(description="The first day of the plan period.", examples=["2027-04-01"])
    end: PeriodDate = Field(description="The last day of the plan period; not before `start`.",
                         examples=["2028-03-31"])

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise _error("period_order")
        return self


class SmartPolicy(Strict):
    """The `smart` settings of the playbook."""

    model_config = ConfigDict(title="smart")

    max_change: Annotated[float, Field(gt=0)] = Field(
        default=1.0, description="The largest change from baseline to target, as a share of the baseline "
        "(1.0 = 100 %), that a goal may plan without a `rationale` (A301).", examples=[0.5])
    strict: bool = Field(default=False, description="When true, warnings fail the check too, as with "
                         "`planner check --strict`.", examples=[True])

    @field_validator("max_change", mode="before")
    @classmethod
    def _int_is_float(cls, v: Any) -> Any:
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


# Whole numbers stay whole (shown as 45, not 45.0); editors see one number type.
NonNegative = Annotated[Annotated[float, Field(ge=0)] | Annotated[int, Field(ge=0)],
                        _schema_as({"type": "number", "minimum": 0})]
Percent = Annotated[Annotated[float, Field(ge=0, le=100)] | Annotated[int, Field(ge=0, le=100)],
                    _schema_as({"type": "number", "minimum": 0, "maximum": 100})]


class Tracking(Strict):
    """How measured values (plans/actuals/*.csv) are judged against the goals."""

    model_config = ConfigDict(title="tracking")

    behind: Percent = Field(
        default=10, description="A goal whose progress lags its expected progress by more than "
        "this many percentage points is `behind`.", examples=[15])
    off_track: Percent = Field(
        default=25, description="A goal whose progress lags its expected progress by more than "
        "this many percentage points is `off-track`.", examples=[30])
    grace_days: Annotated[int, Field(ge=0, le=366)] = Field(
        default=7, description="How many days after a measurement date its value may still be "
        "recorded before K803 calls it overdue.", examples=[14])
    as_of: dt.date | None = Field(default=None, description=(
        "Judge the plan as of this date instead of the current one when no `--today` is "
        "given: for example and demonstration plans, and archived ones."), examples=["2027-06-30"])


class Playbook(Strict):
    """playbook.yaml: the plan as a whole."""

    model_config = ConfigDict(title="playbook")

    title: Line = Field(description="The plan's name; the site's title.",
                        examples=["Customer lifecycle plan 2027"])
    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = Field(
        default=None, description="The plan period is this calendar year. Give either `year` or `period`.",
        examples=[2027])
    period: Period | None = Field(
        default=None, description="The plan period as a first and a last day, for a plan that does not "
        "follow the calendar year. Give either `year` or `period`.",
        examples=[{"start": "2027-04-01", "end": "2028-03-31"}])
    language: LanguageCode = Field(
        default="en", description="The language of the site and of every diagnostic, and the word lists "
        "the text rules use (Hebrew is written right to left).", examples=["fi"])
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        default="EUR", description="The ISO 4217 code of the currency of yearly values and money goals.",
        examples=["EUR"])
    objectives: list[Objective] = Field(
        default=[], description="The business objectives that goals support (R401, R402).",
        examples=[[{"id": "grow-base", "title": "Turn prospects into first-time buyers"}]])
    contact_policy: ContactPolicy = Field(
        default_factory=ContactPolicy, description="The contact caps of every segment, per customer over all "
        "channels; a segment may override them.", examples=[{"max_per_week": 2, "max_per_month": 6}])
    smart: SmartPolicy = Field(default_factory=SmartPolicy, description="How strictly goals are judged.",
                               examples=[{"max_change": 1.0, "strict": False}])
    holidays: list[Annotated[str, AfterValidator(_check_country),
                             _schema_as({"type": "string", "pattern": "^[A-Z]{2,3}$"})]] = Field(
        default=[], description="ISO 3166 codes of the countries whose holidays the plan uses: "
        "campaign dates may name them (`planner holidays` lists them), and the calendar and the "
        "annual clock mark them.", examples=[["FI", "IL"]])
    tracking: Tracking = Field(
        default_factory=Tracking, description="Thresholds for the status of goals measured through "
        "the year (see `planner status`).",
        examples=[{"behind": 10, "off_track": 25, "grace_days": 7}])

    @model_validator(mode="after")
    def _one_period(self) -> Playbook:
        if (self.year is None) == (self.period is None):
            raise _error("plan_period")
        return self

    @property
    def start(self) -> dt.date:
        return self.period.start if self.period else dt.date(self.year or 1, 1, 1)

    @property
    def end(self) -> dt.date:
        return self.period.end if self.period else dt.date(self.year or 1, 12, 31)


class Rfm(Strict):
    """Recency, frequency and monetary value that describe the segment's customers."""

    model_config = ConfigDict(title="RFM")

    recency_days: Count | None = Field(
        default=None, description="Recency: days since the customers' last purchase.", examples=[90])
    frequency: NonNegative | None = Field(
        default=None, description="Frequency: purchases per customer per year.", examples=[2])
    monetary: NonNegative | None = Field(
        default=None, description="Monetary value: money spent per customer per year, in the plan's "
        "currency.", examples=[96])


class Outlook(Strict):
    """How sure the segment's revenue is, in percent; the three shares sum to 100 (P009)."""

    model_config = ConfigDict(title="outlook")

    secure: Percent = Field(description="Percent of the segment's revenue that is secure.",
                            examples=[40])
    uncertain: Percent = Field(description="Percent of the segment's revenue that is uncertain.",
                               examples=[40])
    at_risk: Percent = Field(description="Percent of the segment's revenue that is at risk.",
                             examples=[20])


class Kpi(Strict):
    """A key performance indicator that goals are measured by."""

    model_config = ConfigDict(title="KPI")

    id: Id = Field(description="The KPI's id, which goals name in `kpi`.", examples=["signup-rate"])
    name: Line = Field(description="What is measured.", examples=["Newsletter sign-up rate"])
    unit: Line = Field(description="The unit of baselines and targets: \"%\", the currency code, "
                       "count, days, score or any other word.", examples=["%"])
    direction: Direction = Field(
        description="Which way is better: `up` when a higher value is better, `down` when a lower "
        "one is (M205).", examples=["up"])
    measured: Cadence | None = Field(
        default=None, description="How often the KPI is measured; places it on the annual clock.",
        examples=["monthly"])
    source: str | None = Field(default=None, description="Where the value is read from (M207 warns "
                               "without one).", examples=['CRM report "Sign-ups"'])


def _required_by_rules(schema: dict[str, Any]) -> None:
    # The model accepts a goal without these so that the SMART rules can say what is missing
    # (S101, M201, M203, M204, T501, R401); editors are told they are required.
    schema["required"] = [*schema.get("required", []),
                          "title", "kpi", "baseline", "target", "due", "supports"]


class Goal(Strict):
    """A SMART goal of the segment."""

    model_config = ConfigDict(title="goal", json_schema_extra=_required_by_rules)

    id: Id = Field(description="The goal's id, which campaigns and journeys name in `goals`.",
                   examples=["signup-rate-15"])
    title: Annotated[OptionalText, AfterValidator(_check_line)] = Field(
        default=None, description="The goal in one specific sentence of at least 4 words, without vague "
        "words or two outcomes in one (S101-S103, T505).",
        examples=["Raise the newsletter sign-up rate of new prospects from 8 % to 15 %"])
    kpi: OptionalText = Field(default=None, description="The id of the segment's KPI that measures the "
                              "goal (M201, M202).", examples=["signup-rate"])
    baseline: Number = Field(default=None, description="The KPI's value when the goal is set, in the "
                             "KPI's unit (M204).", examples=[8])
    target: Number = Field(default=None, description="The KPI's value to reach by `due`, in the KPI's "
                           "unit, in its better direction (M203, M205).", examples=[15])
    start: DateLike = Field(default=None, description="When work on the goal starts: a date, a month or "
                            "a quarter. Defaults to the start of the plan period.",
                            examples=["2027-01-01"])
    due: DateLike = Field(default=None, description="When the target must be reached: a date "
                          "(2027-06-30), a month (2027-06, its last day) or a quarter (2027-Q2, "
                          "its last day), inside the plan period (T501-T504).",
                          examples=["2027-06-30", "2027-06", "2027-Q2"])
    owner: OneLine | None = Field(default=None, description="Who answers for the goal. Defaults to the "
                              "segment's owner (A302).", examples=["Anna Virtanen"])
    supports: OptionalText = Field(default=None, description="The id of the playbook objective the goal "
                                   "serves (R401, R402).", examples=["grow-base"])
    rationale: str | None = Field(
        default=None, description="Why the target is attainable; required when the change exceeds "
        "`smart.max_change` (A301).",
        examples=["A 2026 pilot of the welcome series lifted sign-ups from 6 % to 9 %."])
    waive: dict[str, WaiverReason] = Field(
        default={}, description="Rules that do not apply to this goal: a rule id, and the reason, which "
        "the site shows (P011 for an unknown rule).",
        examples=[{"S102": "'Better Coffee' is our product name"}])


class Message(Strict):
    """A message type of the segment's touch plan."""

    model_config = ConfigDict(title="message")

    id: Id = Field(description="The message's id, which campaigns and journey steps send.",
                   examples=["welcome"])
    kind: MessageKind = Field(description="What kind of message it is. Open vocabulary: a kind outside "
                       "the list is a warning with a suggestion (P010).", examples=["welcome"])
    channel: Channel = (
        Field(description="Where the message is sent; email, sms and push need consent (C602).",
              examples=["email"]))
    title: Line = Field(description="The message's title or subject line.",
                        examples=["Welcome to the club"])
    content: str | None = Field(default=None, description="What the message says or offers.",
                                examples=["A thank-you for joining, and a 10 % code for the first "
                                          "order."])
    purpose: Purpose = Field(
        default="marketing",
        description="`service` for messages that are not marketing (order and delivery "
                    "notices, renewal reminders a contract requires, password resets): they do "
                    "not count toward the contact caps (C601) and need no marketing consent "
                    "(C602); the site marks them.", examples=["service"])


class AnchoredDate(dt.date):
    """A campaign date given as a holiday, `{holiday: midsummer-eve, days: -7}`: the date
    itself, and what it is anchored to, for the site ("7 days before Midsummer Eve").
    Arithmetic gives plain dates: only the field itself is anchored."""

    holiday: str = ""
    offset: int = 0
    holiday_name: str = ""

    @classmethod
    def anchored(cls, day: dt.date, holiday: str, offset: int, holiday_name: str) -> AnchoredDate:
        self = cls(day.year, day.month, day.day)
        self.holiday, self.offset, self.holiday_name = holiday, offset, holiday_name
        return self

    def plain(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    # A day computed from an anchored date is a plain date: it is not the holiday's day, so
    # these break `date`'s promise to return the subclass on purpose.
    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.plain() + other

    __radd__ = __add__  # type: ignore[assignment]  # the same, as above

    def __sub__(self, other: Any) -> Any:
        return self.plain() - other

    def __reduce__(self) -> Any:
        return (AnchoredDate.anchored, (self.plain(), self.holiday, self.offset, self.holiday_name))


def _holiday_or_date(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """A date, or a holiday of the plan (validation context `holidays`, a holidays.Calendar)."""
    if not isinstance(value, dict):
        return handler(value)
    unknown = set(value) - {"holiday", "days"}
    holiday, days = value.get("holiday"), value.get("days", 0)
    if unknown or not isinstance(holiday, str) or isinstance(days, bool) or not isinstance(days, int):
        raise _error("holiday_form", example="{holiday: midsummer-eve, days: -7}")
    if abs(days) > 366:
        raise _error("holiday_days", days=days)
    calendar = (info.context or {}).get("holidays")
    if calendar is None:  # the playbook's findings say why
        raise _error("holiday_undated", holiday=holiday)
    found = calendar.table.get(holiday)
    if found is None and not calendar.countries:
        raise _error("holiday_no_country", holiday=holiday)
    if found is None:
        raise _error("planner_holiday", holiday=holiday, countries=", ".join(calendar.countries))
    return AnchoredDate.anchored(found.date + dt.timedelta(days=days), holiday, days, found.name)


_HOLIDAY_DATE = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "object", "additionalProperties": False, "required": ["holiday"],
         "properties": {"holiday": {"type": "string", "description": "a holiday id, e.g. midsummer-eve "
                                    "(`planner holidays` lists them)"},
                        "days": {"type": "integer", "description": "days after (negative: before) "
                                 "the holiday; default 0"}}},
    ],
}
CampaignDate = Annotated[dt.date, WrapValidator(_holiday_or_date), _schema_as(_HOLIDAY_DATE)]


class Campaign(Strict):
    """A dated item on the annual calendar."""

    model_config = ConfigDict(title="campaign")

    id: Id = Field(description="The campaign's id.", examples=["spring-offer"])
    title: Line = Field(description="The campaign's name on the calendar.", examples=["Spring offer"])
    message: Text = Field(description="The id of the message of this segment that the campaign "
                          "sends (P007).", examples=["offer"])
    start: CampaignDate = Field(
        description="The campaign's first day, inside the plan period (P008): a date, or a day "
        "relative to a holiday of the playbook's `holidays` countries (P014).",
        examples=["2027-03-01", {"holiday": "midsummer-eve", "days": -7}])
    end: CampaignDate | None = Field(
        default=None, description="The campaign's last day, a date or a holiday like `start`. "
        "Defaults to `start`.", examples=["2027-03-14", {"holiday": "midsummer-eve"}])
    repeat: Recurrence | None = Field(
        default=None, description="Repeats the campaign from `start`: one of the words weekly, "
        "monthly, quarterly, yearly (every such interval until the end of the plan period), or an "
        "RFC 5545 RRULE whose FREQ is DAILY, WEEKLY, MONTHLY or YEARLY, without times of day "
        "(without COUNT or UNTIL it too repeats until the end of the plan period).",
        examples=["FREQ=MONTHLY;COUNT=3", "quarterly"])
    goals: list[str] = Field(default=[], description="The ids of the goals the campaign serves (A304, "
                             "P007).", examples=[["first-purchase"]])
    description: str | None = Field(default=None, description="Free text shown on the site.",
                                    examples=["Spring coffees, 10 % off for two weeks."])

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start

    @field_validator("repeat")
    @classmethod
    def _valid_rrule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        start = info.data.get("start")
        # The reason is said in the plan's language (validation context `language`).
        lang = (info.context or {}).get("language", ENGLISH)
        reason = rrule_problem(value, start if isinstance(start, dt.date) else None, lang)
        if reason is not None:
            raise _error("rrule", value=value, reason=reason)
        return value


class Branch(Strict):
    """A fork of a journey on the customer's reaction to the message sent before it."""

    model_config = ConfigDict(title="branch")

    if_: Reaction = Field(
        alias="if", description="The reaction to the previous message that takes the `then` path.",
        examples=["opened"])
    then: list[Step] = Field(default=[], description="The steps taken when the reaction happened.",
                             examples=[[{"send": "product-info"}]])
    else_: list[Step] = Field(default=[], alias="else", description="The steps taken otherwise.",
                              examples=[[{"send": "welcome-reminder"}]])


class Step(Strict):
    """One step of a journey: exactly one of `send`, `wait` or `branch`."""

    model_config = ConfigDict(title="journey step")

    send: Text | None = Field(default=None, description="Sends the message with this id (P007).",
                              examples=["welcome"])
    wait: Duration | None = Field(default=None, description="Waits this long before the next step: a number "
                              "and a unit (hours, days, weeks, months of 30 days).",
                              examples=["3 days"])
    branch: Branch | None = Field(default=None, description="Forks the journey on the customer's reaction.",
                                  examples=[{"if": "opened", "then": [{"send": "product-info"}],
                                             "else": [{"send": "welcome-reminder"}]}])

    @field_validator("wait")
    @classmethod
    def _wait_duration(cls, value: str | None) -> str | None:
        return _check_duration(value)

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        if sum(x is not None for x in (self.send, self.wait, self.branch)) != 1:
            raise _error("step_kind")
        return self


Branch.model_rebuild()


def _check_duration(value: str | None) -> str | None:
    if value is not None and too_long(value):
        raise _error("duration_long", value=value, days=MAX_DURATION_DAYS)
    if value is not None and parse_duration(value) is None:
        raise _error("duration", value=value)
    return value


def _check_trigger(value: str) -> str:
    if value in TRIGGERS or (value.startswith(CUSTOM_TRIGGER) and len(value) > len(CUSTOM_TRIGGER)):
        return value
    raise _error("trigger", value=value, expected=", ".join(TRIGGERS))


class Journey(Strict):
    """An automation map: what is sent when a trigger happens."""

    model_config = ConfigDict(title="journey")

    id: Id = Field(description="The journey's id.", examples=["welcome-series"])
    title: Line = Field(description="The journey's name on the site.", examples=["Welcome series"])
    trigger: Annotated[str, AfterValidator(_check_trigger), _schema_as(_TRIGGER_SCHEMA)] = Field(
        description="The event that starts the journey, or `custom:<name>` for an event of your own.",
        examples=["joined", "custom:webinar-attended"])
    after: Duration | None = Field(
        default=None, description="How long after the trigger the journey starts, or the "
        "threshold of the trigger (inactive for 90 days): a duration.",
                              examples=["90 days"])
    layout: JourneyLayout = Field(
        default="timeline", description="How the site draws the journey: `timeline` left to right, "
        "`journey` top to bottom through stages.", examples=["journey"])
    goals: list[str] = Field(default=[], description="The ids of the goals the journey serves (A304, P007).",
                             examples=[["signup-rate-15"]])
    steps: list[Step] = Field(default=[], description="What happens, in order: send a message, wait, or "
                              "branch on the reaction (J701).",
                              examples=[[{"send": "welcome"}, {"wait": "3 days"}]])
    exit: str | None = Field(default=None, description="The event that takes a customer out of the journey "
                             "(J702 warns when the journey has neither an exit nor an end).",
                             examples=["purchased"])
    description: str | None = Field(default=None, description="Free text shown on the site.",
                                    examples=["Starts on the double opt-in."])

    @field_validator("after")
    @classmethod
    def _after_duration(cls, value: str | None) -> str | None:
        return _check_duration(value)


class Segment(Strict):
    """segments/<id>.yaml: one customer segment; the file stem is its id."""

    model_config = ConfigDict(title="segment")

    name: Line = Field(description="The segment's name.", examples=["Interested prospects"])
    stage: Stage = Field(
        description="The lifecycle stage of the segment's customers.", examples=["prospect"])
    tier: Tier | None = Field(
        default=None, description="The value tier of the segment, A the most valuable.", examples=["B"])
    owner: OneLine | None = Field(default=None, description="Who answers for the segment; goals without an "
                              "owner fall back to it (A302).", examples=["Anna Virtanen"])
    definition: str | None = Field(default=None, description="Who belongs to the segment, in words.",
                                   examples=["Subscribed or registered in the last 90 days, no "
                                             "purchase yet."])
    rfm: Rfm | None = Field(default=None, description="Recency, frequency and monetary value of the "
                            "segment's customers.",
                            examples=[{"recency_days": 90, "frequency": 0, "monetary": 0}])
    customers: Count = Field(description="How many customers the segment has.", examples=[2400])
    yearly_value: NonNegative = Field(description="Average purchases per customer per year, in "
                                      "the plan's currency.", examples=[100])
    outlook: Outlook = Field(description="How sure the segment's revenue is: secure, uncertain "
                             "and at-risk percentages that sum to 100 (P009).",
                             examples=[{"secure": 40, "uncertain": 40, "at_risk": 20}])
    consent: Consent = Field(
        description="The marketing consent the segment's customers have given (C602).",
        examples=["opt-in"])
    contact_policy: ContactPolicy | None = Field(
        default=None, description="The segment's own contact caps, replacing the playbook's.",
        examples=[{"max_per_week": 1}])
    kpis: list[Kpi] = Field(default=[], description="The KPIs that the segment's goals are measured by.",
                            examples=[[{"id": "signup-rate", "name": "Newsletter sign-up rate",
                                        "unit": "%", "direction": "up", "measured": "monthly"}]])
    goals: list[Goal] = Field(default=[], description="The segment's SMART goals.",
                              examples=[[{"id": "signup-rate-15", "kpi": "signup-rate",
                                          "baseline": 8, "target": 15, "due": "2027-06-30"}]])
    messages: list[Message] = Field(default=[], description="The touch plan: the message types the "
                                    "segment receives.",
                                    examples=[[{"id": "welcome", "kind": "welcome",
                                                "channel": "email", "title": "Welcome"}]])
    campaigns: list[Campaign] = Field(default=[], description="Dated items on the annual calendar.",
                                      examples=[[{"id": "spring-offer", "title": "Spring offer",
                                                  "message": "offer", "start": "2027-03-01"}]])
    journeys: list[Journey] = Field(default=[], description="Automation maps: messages sent on a trigger.",
                                    examples=[[{"id": "welcome-series", "title": "Welcome series",
                                                "trigger": "joined", "steps": [{"send": "welcome"}]}]])
    waive: dict[str, SegmentWaiverReason] = Field(
        default={},
        description="Segment-level rules that do not apply to this segment: a rule id, and the "
                    "reason, which is required and shown on the site.",
        examples=[{"L804": "win-back runs in the shared lost segment"}])


# The lists of a segment whose items have ids: (the item's kind, the segment's field).
SEGMENT_ITEMS: tuple[tuple[ItemKind, str], ...] = (
    ("kpi", "kpis"), ("goal", "goals"), ("message", "messages"), ("campaign", "campaigns"),
    ("journey", "journeys"))
