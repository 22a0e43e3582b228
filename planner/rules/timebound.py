"""T: Time-bound. A goal has a deadline inside the plan period, and its title does not
stand in for one with "soon".

`due` and `start` accept a date (2027-06-30), a month (2027-06) or a quarter
(2027-Q2); a month or a quarter stands for its last day when it is a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from planner.dates import Span
from planner.diagnostics import Severity
from planner.rules import Finding, GoalContext, rule
from planner.rules.measurable import given
from planner.rules.specific import suggested_title


def example_due(ctx: GoalContext) -> dt.date:
    """A due date inside the plan period to show in hints: 30 June, or the period's end."""
    pb = ctx.playbook
    day = dt.date(pb.start.year, 6, 30)
    return day if pb.start <= day <= pb.end else pb.end


def _notations(ctx: GoalContext) -> dict[str, str]:
    """The example deadline as a date, a month and a quarter."""
    day = example_due(ctx)
    return {"date": day.isoformat(), "month": f"{day:%Y-%m}",
            "quarter": f"{day.year}-Q{(day.month + 2) // 3}"}


def due_hint(ctx: GoalContext) -> str:
    lang = ctx.lang
    return lang._("add `due: {date}`, a month `{month}` or a quarter `{quarter}`").format(
        **_notations(ctx))


def _loader_reported(ctx: GoalContext, field: str) -> bool:
    """Whether the loader already refused this value (an impossible date, P004)."""
    doc = ctx.seg.file.doc
    line, _col = doc.locate(("goals", ctx.index, field))
    return any(d.file == doc.file and d.line == line and d.rule == "P004"
               for d in ctx.seg.plan.diagnostics)


def _bad(ctx: GoalContext, field: str) -> bool:
    """Whether `field` is set but is not a date, a month or a quarter (T502)."""
    value, span = ((ctx.goal.start, ctx.facts.start) if field == "start"
                   else (ctx.goal.due, ctx.facts.due))
    return value is not None and span is None


def _outside(ctx: GoalContext, due: Span) -> bool:
    pb = ctx.playbook
    return not pb.start <= due.last <= pb.end


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@rule("T501", Severity.ERROR, scope="goal", smart="T")
def due_missing(ctx: GoalContext) -> Iterator[Finding]:
    """The goal has a deadline (`due:`): a date, a month or a quarter.

    Fails:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
            due: 2027-09-30        # or 2027-09, or 2027-Q3
    """
    lang = ctx.lang
    if ctx.goal.due is None:
        yield Finding(lang._("the goal has no deadline (`due:`)"), given(ctx, "due"), due_hint(ctx))


@rule("T502", Severity.ERROR, scope="goal", smart="T")
def not_a_date(ctx: GoalContext) -> Iterator[Finding]:
    """`due` and `start` are a date (2027-06-30), a month (2027-06) or a quarter (2027-Q2).

    Nothing else is read as a date: not a year alone, a week, a season or a
    date in another notation.

    Fails:
        goals:
          - id: repeat-rate-26
            start: spring 2027
            due: 30.9.2027
    Passes:
        goals:
          - id: repeat-rate-26
            start: 2027-Q2
            due: 2027-09-30
    """
    lang = ctx.lang
    for field in ("start", "due"):
        if not _bad(ctx, field) or _loader_reported(ctx, field):
            continue
        value = getattr(ctx.goal, field)
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2999:
            hint = lang._("a year alone is not a {field}: write a date `{year}-12-31`, a month "
                          "`{year}-12` or a quarter `{year}-Q4`").format(field=field, year=value)
        else:
            hint = lang._("write `{field}` as a date `{date}`, a month `{month}` or a quarter "
                          "`{quarter}`").format(field=field, **_notations(ctx))
        yield Finding(
            lang._("`{field}` is '{value}', which is not a date, a month or a quarter").format(
                field=field, value=_shown(value)), (field,), hint)


@rule("T503", Severity.ERROR, scope="goal", smart="T", needs=("period",))
def due_outside_period(ctx: GoalContext) -> Iterator[Finding]:
    """The deadline lies inside the plan period (the playbook's `year` or `period`).

    A month or a quarter counts as its last day: `due: 2027-Q4` is 31 December 2027.

    Fails:
        # playbook.yaml: year: 2027
        goals:
          - id: repeat-rate-26
            due: 2026-12
    Passes:
        goals:
          - id: repeat-rate-26
            due: 2027-12
    """
    lang = ctx.lang
    due = ctx.facts.due
    if due is None or not _outside(ctx, due):
        return
    pb = ctx.playbook
    shown = due.text if due.precision == "day" else lang._("{text} (ends {last})").format(
        text=due.text, last=due.last.isoformat())
    yield Finding(
        lang._("the deadline {due} lies outside the plan period {start} to {end}").format(
            due=shown, start=pb.start.isoformat(), end=pb.end.isoformat()),
        ("due",),
        lang._("set a deadline inside the plan period, e.g. `due: {date}`, or move the goal to the "
               "plan of its year").format(date=example_due(ctx).isoformat()))


@rule("T504", Severity.ERROR, scope="goal", smart="T")
def start_after_due(ctx: GoalContext) -> Iterator[Finding]:
    """The goal starts on or before its deadline.

    A month or a quarter counts from its first day as a start and to its last
    day as a deadline, so `start: 2027-06` with `due: 2027-06` is fine.

    Fails:
        goals:
          - id: repeat-rate-26
            start: 2027-10-01
            due: 2027-09-30
    Passes:
        goals:
          - id: repeat-rate-26
            start: 2027-07-01
            due: 2027-09-30
    """
    lang = ctx.lang
    start, due = ctx.facts.start, ctx.facts.due
    if start is None or due is None or _outside(ctx, due) or start.first <= due.last:
        return
    yield Finding(
        lang._("the goal starts ({start}) after its deadline ({due})").format(
            start=start.text, due=due.text), ("start",),
        lang._("set `start` on or before `due`, or leave `start` out"))


@rule("T505", Severity.WARNING, scope="goal", smart="T", needs=("language",))
def vague_time_words(ctx: GoalContext) -> Iterator[Finding]:
    """The title does not use a vague time word (soon, in the coming months; pian; בהקדם).

    The deadline belongs in `due:`, where it is checked and put on the
    calendar. Phrases count too ("in the long run", "pitkällä aikavälillä",
    "בטווח הארוך"); "ongoing" describing a thing ("ongoing subscribers") does
    not. The words come from the playbook language's word list, which a team
    extends in plans/wordlists/<language>.yaml.

    Fails:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate to 26 % as soon as possible
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 % by September
            due: 2027-09-30
    """
    lang = ctx.lang
    if ctx.title_analysis is None:
        return
    words = ctx.title_analysis.time
    if not words:
        return
    quoted = ", ".join(f"'{w}'" for w in words)
    due = ctx.facts.due
    example = suggested_title(ctx)
    if due is not None:
        hint = lang._("the deadline is already `due: {due}`: drop {words} from the title, e.g. "
                      "\"{example}\"").format(due=due.text, words=quoted, example=example)
    else:
        hint = lang._("drop {words} from the title and {add}, e.g. \"{example}\"").format(
            words=quoted, add=due_hint(ctx), example=example)
    yield Finding(lang._("the title says {words} where a deadline belongs").format(words=quoted),
                  ("title",), hint)
