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
from typing import Annotated, Any, Literal

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
from planner.derive.recurrence import rrule_problem

STAGES = ("suspect", "prospect", "customer", "loyal", "passive", "lost")
CHANNELS = ("email", "sms", "push", "phone", "letter", "store", "web", "social", "ads")
ELECTRONIC_CHANNELS = frozenset({"email", "sms", "push"})
MESSAGE_KINDS = (
    "welcome", "product-info", "offer", "education", "loyalty-info", "newsletter", "preview",
    "loyalty", "event-reminder", "interest-based", "greeting", "cross-sell", "survey",
    "reactivation", "win-back", "welcome-back", "value-content", "reward", "reminder",
)
TRIGGERS = (
    "joined", "purchased", "inactive", "abandoned-cart", "birthday", "anniversary",
    "renewal-due", "reactivated",
)
REACTIONS = ("opened", "clicked", "purchased", "no-reaction")
CADENCES = ("weekly", "monthly", "quarterly", "yearly")

_ID = re.compile(r"^[^\W_A-Z](?:[^\W_A-Z]|-(?=[^\W_A-Z]))*$")


def _check_id(value: str) -> str:
    if not _ID.match(value) or value != value.lower():
        raise PydanticCustomError(
            "planner_id",
            "'{value}' is not a valid id: use lowercase letters, digits and single hyphens",
            {"value": value},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]


def _check_reason(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError(
            "waiver_reason", "a waiver needs a reason: say why the rule does not apply to this goal"
        )
    return value


def _check_segment_reason(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError(
            "segment_waiver_reason",
            "a waiver needs a reason: say why the rule does not apply to this segment")
    return value


WaiverReason = Annotated[str, AfterValidator(_check_reason)]
SegmentWaiverReason = Annotated[str, AfterValidator(_check_segment_reason)]
Text = Annotated[str, Field(min_length=1)]


_NOT_IN_A_LINE = frozenset({"Cc", "Zl", "Zp"})  # control characters, line and paragraph breaks


def _check_line(value: Any) -> Any:
    """Names and titles are one line: a line break (even the one `name: |` leaves at the
    end) or another control character would break headings, page titles, calendar feeds
    and every line of output that quotes them."""
    if isinstance(value, str):
        bad = next((ch for ch in value
                    if unicodedata.category(ch) in _NOT_IN_A_LINE and ch != "\t"), None)
        if bad is not None:
            raise PydanticCustomError(
                "one_line", "the text holds a line break or control character (U+{code}): a "
                "name or title is one line", {"code": f"{ord(bad):04X}"})
    return value


OneLine = Annotated[str, AfterValidator(_check_line)]
Line = Annotated[OneLine, Field(min_length=1)]
Count = Annotated[int, Field(ge=0)]
Cap = Annotated[int, Field(ge=1)]


def _schema_as(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema)


_DATE_LIKE = {
    "description": "a date (2027-06-30), a month (2027-06) or a quarter (2027-Q2)",
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
        {"type": "string", "pattern": r"^\d{4}-Q[1-4]$"},
    ],
}
Number = Annotated[Any, _schema_as({"type": "number"})]
DateLike = Annotated[Any, _schema_as(_DATE_LIKE)]
OptionalText = Annotated[Any, _schema_as({"type": "string"})]


def _check_country(value: str) -> str:
    from planner.holidays import supported_countries

    known = supported_countries()
    if value not in known:
        raise PydanticCustomError(
            "holiday_country", "'{value}' is not a country code the holiday data knows: use an "
            "ISO 3166 code such as FI, IL, SE, US", {"value": value})
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class ContactPolicy(Strict):
    max_per_week: Cap | None = None
    max_per_month: Cap | None = None


class Objective(Strict):
    id: Id
    title: Line
    description: str | None = None


# The years a plan period may span: those of `year`, far enough from the ends of Python's
# calendar (years 1 to 9999) that nothing derived from a plan date can overflow it.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _check_plan_year(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "plan_year", "{value} is outside the years a plan can cover ({first} to {last})",
            {"value": value, "first": FIRST_YEAR, "last": LAST_YEAR})
    return value


PeriodDate = Annotated[dt.date, AfterValidator(_check_plan_year)]


class Period(Strict):
    start: PeriodDate
    end: PeriodDate

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("period_order", "the period ends before it starts")
        return self


class SmartPolicy(Strict):
    max_change: Annotated[float, Field(gt=0)] = 1.0
    strict: bool = False

    @field_validator("max_change", mode="before")
    @classmethod
    def _int_is_float(cls, v: Any) -> Any:
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Tracking(Strict):
    """How measured values (plans/actuals/*.csv) are judged against the goals."""

    behind: Annotated[float, Field(ge=0, le=100, description=(
        "A goal whose progress lags its expected progress by more than this many "
        "percentage points is `behind` (default 10)."))] | int = 10
    off_track: Annotated[float, Field(ge=0, le=100, description=(
        "A goal whose progress lags its expected progress by more than this many "
        "percentage points is `off-track` (default 25)."))] | int = 25
    grace_days: Annotated[int, Field(ge=0, le=366, description=(
        "How many days after a measurement date its value may still be recorded "
        "before K803 calls it overdue (default 7)."))] = 7
    as_of: dt.date | None = Field(default=None, description=(
        "Judge the plan as of this date instead of the current one when no `--today` is "
        "given: for example and demonstration plans, and archived ones."))


class Playbook(Strict):
    title: Line
    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = None
    period: Period | None = None
    language: Literal["en", "fi", "he"] = "en"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    objectives: list[Objective] = []
    contact_policy: ContactPolicy = ContactPolicy()
    smart: SmartPolicy = SmartPolicy()
    holidays: list[Annotated[str, AfterValidator(_check_country)]] = []
    tracking: Tracking = Field(default=Tracking(), description=(
        "Thresholds for the status of goals measured through the year (see `planner status`)."))

    @model_validator(mode="after")
    def _one_period(self) -> Playbook:
        if (self.year is None) == (self.period is None):
            raise PydanticCustomError(
                "plan_period", "give the plan period as either `year` or `period`, not both or none"
            )
        return self

    @property
    def start(self) -> dt.date:
        return self.period.start if self.period else dt.date(self.year or 1, 1, 1)

    @property
    def end(self) -> dt.date:
        return self.period.end if self.period else dt.date(self.year or 1, 12, 31)


class Rfm(Strict):
    recency_days: Count | None = None
    frequency: Annotated[float, Field(ge=0)] | int | None = None
    monetary: Annotated[float, Field(ge=0)] | int | None = None


class Outlook(Strict):
    secure: Annotated[float, Field(ge=0, le=100)] | int
    uncertain: Annotated[float, Field(ge=0, le=100)] | int
    at_risk: Annotated[float, Field(ge=0, le=100)] | int


class Kpi(Strict):
    id: Id
    name: Line
    unit: Line
    direction: Literal["up", "down"]
    measured: Literal["weekly", "monthly", "quarterly", "yearly"] | None = None
    source: str | None = None


class Goal(Strict):
    id: Id
    title: Annotated[OptionalText, AfterValidator(_check_line)] = None
    kpi: OptionalText = None
    baseline: Number = None
    target: Number = None
    start: DateLike = None
    due: DateLike = None
    owner: OneLine | None = None
    supports: OptionalText = None
    rationale: str | None = None
    waive: dict[str, WaiverReason] = {}


class Message(Strict):
    id: Id
    kind: Text
    channel: Literal["email", "sms", "push", "phone", "letter", "store", "web", "social", "ads"]
    title: Line
    content: str | None = None
    purpose: Literal["marketing", "service"] = Field(
        default="marketing",
        description="`service` for messages that are not marketing (order and delivery "
                    "notices, renewal reminders a contract requires, password resets): they do "
                    "not count toward the contact caps (C601) and need no marketing consent "
                    "(C602); the site marks them")


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

    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.plain() + other

    __radd__ = __add__

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
        raise PydanticCustomError(
            "holiday_form", "a holiday date is written {example}, with `days` a whole number "
            "(negative: before the holiday)", {"example": "{holiday: midsummer-eve, days: -7}"})
    if abs(days) > 366:
        raise PydanticCustomError("holiday_days", "`days` is {days}: a campaign anchored to a "
                                  "holiday lies within a year of it", {"days": days})
    calendar = (info.context or {}).get("holidays")
    found = calendar.table.get(holiday) if calendar is not None else None
    if found is None:
        countries = ", ".join(calendar.countries) if calendar is not None and calendar.countries else "-"
        raise PydanticCustomError(
            "planner_holiday", "'{holiday}' is no holiday of the plan's countries ({countries}) "
            "in the plan period", {"holiday": holiday, "countries": countries})
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
    id: Id
    title: Line
    message: Text
    start: CampaignDate
    end: CampaignDate | None = None
    repeat: str | None = Field(default=None, description=(
        "How the campaign repeats: an RFC 5545 RRULE (FREQ=MONTHLY;COUNT=3), or one of the "
        "words weekly, monthly, quarterly, yearly (every such interval from `start` to the end "
        "of the plan period)"))
    goals: list[str] = []
    description: str | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start

    @field_validator("repeat")
    @classmethod
    def _valid_rrule(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        start = info.data.get("start")
        reason = rrule_problem(value, start if isinstance(start, dt.date) else None)
        if reason is not None:
            raise PydanticCustomError(
                "rrule", "'{value}' is not a valid RRULE: {reason}",
                {"value": value, "reason": reason})
        return value


class Branch(Strict):
    if_: Literal["opened", "clicked", "purchased", "no-reaction"] = Field(alias="if")
    then: list[Step] = []
    else_: list[Step] = Field(default=[], alias="else")


class Step(Strict):
    send: Text | None = None
    wait: Text | None = None
    branch: Branch | None = None

    @field_validator("wait")
    @classmethod
    def _wait_duration(cls, value: str | None) -> str | None:
        return _check_duration(value)

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        if sum(x is not None for x in (self.send, self.wait, self.branch)) != 1:
            raise PydanticCustomError(
                "step_kind", "a step is exactly one of `send`, `wait` or `branch`"
            )
        return self


Branch.model_rebuild()


def _check_duration(value: str | None) -> str | None:
    if value is not None and too_long(value):
        raise PydanticCustomError(
            "duration_long", "'{value}' is longer than {days} days, the longest delay planner "
            "accepts", {"value": value, "days": MAX_DURATION_DAYS})
    if value is not None and parse_duration(value) is None:
        raise PydanticCustomError(
            "duration",
            "'{value}' is not a duration: write a number and a unit, "
            "e.g. `3 days`, `2 weeks`, `12 hours` or `1 month` (30 days)",
            {"value": value})
    return value


def _check_trigger(value: str) -> str:
    if value in TRIGGERS or (value.startswith("custom:") and len(value) > len("custom:")):
        return value
    raise PydanticCustomError(
        "trigger",
        "'{value}' is not a trigger: use one of {expected}, or custom:<name>",
        {"value": value, "expected": ", ".join(TRIGGERS)},
    )


class Journey(Strict):
    id: Id
    title: Line
    trigger: Annotated[str, AfterValidator(_check_trigger)]
    after: str | None = None
    layout: Literal["timeline", "journey"] = "timeline"
    goals: list[str] = []
    steps: list[Step] = []
    exit: str | None = None
    description: str | None = None

    @field_validator("after")
    @classmethod
    def _after_duration(cls, value: str | None) -> str | None:
        return _check_duration(value)


class Segment(Strict):
    name: Line
    stage: Literal["suspect", "prospect", "customer", "loyal", "passive", "lost"]
    tier: Literal["A", "B", "C"] | None = None
    owner: OneLine | None = None
    definition: str | None = None
    rfm: Rfm | None = None
    customers: Count
    yearly_value: Annotated[float, Field(ge=0)] | Count
    outlook: Outlook
    consent: Literal["opt-in", "customer-relationship", "none"]
    contact_policy: ContactPolicy | None = None
    kpis: list[Kpi] = []
    goals: list[Goal] = []
    messages: list[Message] = []
    campaigns: list[Campaign] = []
    journeys: list[Journey] = []
    waive: dict[str, SegmentWaiverReason] = Field(
        default={},
        description="rule id -> reason: silences a segment-level rule (e.g. L804) for this "
                    "segment; the reason is required and shown on the site")

    @property
    def revenue(self) -> float:
        return self.customers * self.yearly_value
