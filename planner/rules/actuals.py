"""Measured values (plans/actuals/*.csv): usable rows, no contradictions, nothing overdue,
and which goals lag their path. Silent for a plan without an actuals folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from babel.numbers import format_decimal, format_percent

from planner.actuals import Row
from planner.derive import progress
from planner.diagnostics import Severity
from planner.plan import Plan
from planner.rules import Finding, rule
from planner.suggest import did_you_mean

_SHOWN_DATES = 3


def _at(row: Row, where: tuple[int, int], message: str, hint: str) -> Finding:
    return Finding(message, hint=hint, file=row.file, position=where,
                   segment=row.segment.text or None, item=row.kpi.text or None)


@rule("K801", Severity.ERROR, scope="plan")
def unusable_row(plan: Plan) -> Iterator[Finding]:
    """An actuals row names a segment and KPI of the plan, a number and a date in the period.

    A header row names the columns `segment`, `kpi`, `date`, `value` (and
    optionally `note`). The value is a number in the KPI's unit (0..100 on a "%"
    KPI and for the `outlook.secure`, `outlook.uncertain`, `outlook.at_risk`
    shares); the date an ISO date inside the plan period and not after today
    (`--today`). Rows that cannot be read are reported where they are read.

    Passes:
        segment,kpi,date,value,note
        engaged,cus-repeat-rate,2027-01-31,31.8,

    Fails:
        segment,kpi,date,value,note
        engaged,cus-repeat-rat,2027-01-31,31.8 %,
    """
    lang = plan.language
    playbook = plan.playbook
    if plan.actuals is None or playbook is None:
        return
    segments = {sf.id: seg for sf, seg in plan.segments}
    known_files = {sf.id for sf in plan.segment_files}
    for row in plan.actuals.rows:
        sid, kid = row.segment.text, row.kpi.text
        if not sid or not kid:
            continue  # reported by the loader
        segment = segments.get(sid)
        if segment is None:
            if sid not in known_files:  # an invalid segment file says why on its own
                yield _at(row, row.segment.position,
                          lang._("'{segment}' is not a segment of the plan").format(segment=sid),
                          did_you_mean(sid, sorted(known_files), lang, known=lang._("known here: {names}")))
            continue
        unit = next((k.unit for k in segment.kpis if k.id == kid), None)
        if kid in progress.OUTLOOK_KPIS:
            unit = "%"
        if unit is None:
            yield _at(row, row.kpi.position,
                      lang._("'{kpi}' is not a KPI of segment '{segment}'").format(kpi=kid, segment=sid),
                      did_you_mean(kid, [k.id for k in segment.kpis] + list(progress.OUTLOOK_KPIS), lang,
                                   known=lang._("known here: {names}")))
        elif unit.strip() == "%" and row.number is not None and not 0 <= row.number <= 100:
            yield _at(row, row.value.position,
                      lang._("{value} is outside 0..100, but '{kpi}' is measured in %").format(
                          value=row.value.text, kpi=kid),
                      lang._("write a percentage as a number from 0 to 100: 8.4 for 8.4 %"))
        day = row.day
        if day is None:
            continue
        if not playbook.start <= day <= playbook.end:
            yield _at(row, row.date.position,
                      lang._("{date} lies outside the plan period {start} – {end}").format(
                          date=day.isoformat(), start=playbook.start.isoformat(),
                          end=playbook.end.isoformat()),
                      lang._("record values of this plan's period only; keep other years' values "
                             "with those years' plans"))
        elif day > plan.today:
            yield _at(row, row.date.position,
                      lang._("{date} lies after today ({today})").format(
                          date=day.isoformat(), today=plan.today.isoformat()),
                      lang._("a value is recorded once it has been measured: check the date, or "
                             "judge the plan as of another day with --today"))


@rule("K802", Severity.ERROR, scope="plan")
def contradicting_rows(plan: Plan) -> Iterator[Finding]:
    """A segment's KPI is recorded once per date (or twice with the same value).

    Two different values for one day leave the progress of its goals to the
    order of the files; say which one holds.

    Passes:
        segment,kpi,date,value
        engaged,cus-nps,2027-03-31,46

    Fails:
        segment,kpi,date,value
        engaged,cus-nps,2027-03-31,46
        engaged,cus-nps,2027-03-31,48
    """
    lang = plan.language
    if plan.actuals is None:
        return
    first: dict[tuple[str, str, dt.date], Row] = {}
    for row in plan.actuals.rows:
        if not row.usable or not row.segment.text or not row.kpi.text:
            continue
        assert row.day is not None
        key = (row.segment.text, row.kpi.text, row.day)
        earlier = first.setdefault(key, row)
        if earlier is not row and earlier.number != row.number:
            yield _at(row, row.value.position,
                      lang._("'{kpi}' of '{segment}' on {date} is already recorded as {value} at "
                             "{file}:{line}").format(kpi=row.kpi.text, segment=row.segment.text,
                                                date=row.day.isoformat(),
                                                value=earlier.value.text, file=earlier.file,
                                                line=earlier.line),
                      lang._("keep one row per segment, KPI and date: delete the wrong one"))


@rule("K803", Severity.WARNING, scope="plan")
def overdue_measurement(plan: Plan) -> Iterator[Finding]:
    """Every measurement date that has passed has a recorded value (only with plans/actuals/).

    A KPI `measured: monthly` is read on the last day of each month; a value
    dated in that month, or up to `tracking.grace_days` (default 7) after its
    last day, records it. Later than that, the measurement is overdue. Plans
    without an actuals folder are not tracked and never get this warning.

    Passes:
        kpis:
          - id: cus-nps
            measured: quarterly    # and a value dated 2027-03-31 in plans/actuals/

    Fails:
        kpis:
          - id: cus-nps
            measured: quarterly    # no value for Q1, and today is 2027-04-15
    """
    lang = plan.language
    playbook = plan.playbook
    if plan.actuals is None or playbook is None:
        return
    measured = progress.series(plan)
    # the row the hint suggests, written the way the team's files are (`,` or `;`)
    separator = plan.actuals.files[0].delimiter if plan.actuals.files else ","
    for sf, segment in plan.segments:
        for index, kpi in enumerate(segment.kpis):
            if kpi.measured is None:
                continue
            missing = [m.day for m in progress.recording(
                playbook, kpi, measured.get((sf.id, kpi.id), ()), plan.today)
                if m.state == "missing"]
            if not missing:
                continue
            dates = ", ".join(d.isoformat() for d in missing[:_SHOWN_DATES])
            if len(missing) > _SHOWN_DATES:
                dates = lang._("{dates} and {n} more").format(dates=dates,
                                                           n=len(missing) - _SHOWN_DATES)
            yield Finding(
                lang.ngettext("KPI '{kpi}' has no recorded value for its measurement of {dates}",
                              "KPI '{kpi}' has no recorded values for {n} measurements: {dates}",
                         len(missing)).format(kpi=kpi.id, n=len(missing), dates=dates),
                path=("kpis", index, "measured"), absolute=True, file=sf.file,
                segment=sf.id, item=kpi.id,
                hint=lang._("add a row `{row}` to a CSV file in plans/actuals/ (a value may be "
                            "recorded up to {days} days after the date)").format(
                    row=separator.join([sf.id, kpi.id, missing[-1].isoformat(), lang._("<value>")]),
                    days=playbook.tracking.grace_days))


@rule("K804", Severity.INFO, scope="plan")
def lagging_goal(plan: Plan) -> Iterator[Finding]:
    """A goal is behind, off track or missed (information: it never fails a check).

    Status compares the goal's progress (latest value against baseline and
    target) with the share of its KPI's measurement dates already passed;
    `tracking: {behind: 10, off_track: 25}` are the percentage points of lag
    that make it `behind` and `off-track`. `planner status` lists every goal.

    Passes:
        goals:
          - id: cus-repeat-38     # 31 -> 38 by December, measured monthly;
            baseline: 31          # 32.5 at the end of March is 21 % of the
            target: 38            # way at 25 % of the dates: on track

    Fails:
        goals:
          - id: cus-repeat-38     # 31.2 at the end of March: 3 % of the way at
            baseline: 31          # 25 % of the dates: behind
            target: 38
    """
    lang = plan.language
    if plan.actuals is None or plan.playbook is None:
        return
    files = {sf.id: sf for sf in plan.segment_files}
    indexes = {(sf.id, g.id): i for sf, seg in plan.segments for i, g in enumerate(seg.goals)}
    for p in progress.plan_progress(plan):
        if p.status not in progress.LAGGING or p.progress is None or p.actual is None:
            continue
        day, value = p.actual
        facts = {"progress": format_percent(p.progress, locale=lang.locale),
                 "expected": format_percent(p.expected, locale=lang.locale),
                 "value": format_decimal(value, locale=lang.locale), "date": day.isoformat()}
        if p.status == "missed":
            message = lang._("missed: {value} on {date} is {progress} of the way to the target, "
                             "and the goal was due by {due}").format(due=p.last.isoformat(), **facts)
        elif p.status == "off-track":
            message = lang._("off track: {value} on {date} is {progress} of the way, where "
                             "{expected} was expected by now").format(**facts)
        else:
            message = lang._("behind: {value} on {date} is {progress} of the way, where "
                             "{expected} was expected by now").format(**facts)
        yield Finding(message, path=("goals", indexes[(p.segment, p.goal.id)]), absolute=True,
                      file=files[p.segment].file, segment=p.segment, item=p.goal.id,
                      goal=p.goal, item_kind="goal",
                      hint=lang._("`planner status` shows every goal's progress; the site charts "
                                  "its path"))
