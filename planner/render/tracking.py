"""The year's loop on the site: goal status, progress charts, measurements and revenue now.

Built only for a plan with a plans/actuals/ folder (a plan that is not tracked renders
as before, whatever the date). Everything comes from `planner.derive.progress`; this
module shapes it for the templates and draws the goal charts:

- a goal's chart runs over its window (start to due): the baseline and the target as
  thin lines, the expected path as steps at the KPI's measurement dates (the share of
  the way expected after each one), the measured values as dots joined by a line, and
  today as a vertical line. Time runs right to left in a right-to-left language.
  Every mark has a <title>; the figure has a text alternative, and the same facts are
  written next to it, so nothing needs a script or colour to be read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_currency
from markupsafe import Markup

from planner.derive import progress as prg
from planner.derive import revenue as rev
from planner.model import Kpi, Segment
from planner.plan import Plan
from planner.render import labels
from planner.render.bidi import ui_text
from planner.render.fmt import Formatter
from planner.render.svg import anchor_towards, num, tag, text_direction
from planner.vocabulary import STATUSES, Recording

WIDTH, HEIGHT = 360, 150
PAD_START, PAD_END, PAD_TOP, PAD_BOTTOM = 54, 14, 12, 26


@dataclass(slots=True)
class GoalTrack:
    progress: prg.GoalProgress
    status_label: str
    actual: str  # the latest value, formatted ("" without one)
    actual_date: str
    progress_text: str
    expected_text: str
    chart: Markup


@dataclass(slots=True)
class MeasurementRow:
    day: dt.date
    state: Recording
    state_label: str
    values: list[tuple[dt.date, str, str]]  # (date, value, note) of the rows recording it


@dataclass(slots=True)
class KpiTrack:
    kpi: Kpi
    rows: list[MeasurementRow]
    extra: list[tuple[dt.date, str, str]]  # values outside any measurement's cycle


class Tracking:
    """What the pages show of the measured values (see module doc)."""

    def __init__(self, plan: Plan, fmt: Formatter) -> None:
        assert plan.playbook is not None
        self.plan, self.playbook, self.fmt = plan, plan.playbook, fmt
        self.lang = plan.language
        self.today = plan.today
        self.rtl = fmt.rtl
        self.series = prg.series(plan)
        self.notes = _notes(plan)
        self.goals = {(p.segment, p.goal.id): self._goal(p)
                      for p in prg.plan_progress(plan, self.series)}
        self.days: dict[tuple[str, dt.date], Recording] = {}
        self.kpis: dict[str, list[KpiTrack]] = {}
        for sf, segment in plan.segments:
            self.kpis[sf.id] = [self._kpi(sf.id, k) for k in segment.kpis]

    # -- goals ---------------------------------------------------------------------------
    def goal(self, segment_id: str, goal_id: str) -> GoalTrack | None:
        return self.goals.get((segment_id, goal_id))

    def _value(self, value: float, kpi: Kpi | None) -> str:
        unit = kpi.unit.strip() if kpi else None
        if unit and len(unit) == 3 and unit.isupper() and not float(value).is_integer():
            return format_currency(value, unit, locale=self.fmt.locale)
        return self.fmt.quantity(int(value) if float(value).is_integer() else value, unit)

    def _goal(self, p: prg.GoalProgress) -> GoalTrack:
        lang = self.lang
        actual = p.actual
        return GoalTrack(
            progress=p, status_label=labels.status(p.status, lang),
            actual=self._value(actual[1], p.kpi) if actual else "",
            actual_date=self.fmt.date(actual[0]) if actual else "",
            progress_text="" if p.progress is None else self.fmt.percent(round(p.progress, 2)),
            expected_text=self.fmt.percent(round(p.expected, 2)),
            chart=self._chart(p))

    def _chart(self, p: prg.GoalProgress) -> Markup:
        lang = self.lang
        if p.baseline is None or p.target is None or p.target == p.baseline:
            return Markup("")
        first, last = p.first, max(p.last, p.first + dt.timedelta(days=1))
        values = [p.baseline, p.target, *(v for _d, v in p.points)]
        low, high = min(values), max(values)
        margin = (high - low) * 0.08 or 1.0
        low, high = low - margin, high + margin
        inner_w = WIDTH - PAD_START - PAD_END
        inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
        days = (last - first).days

        def x(day: dt.date) -> float:
            share = min(max((day - first).days / days, 0.0), 1.0)
            return (PAD_END + inner_w * (1 - share)) if self.rtl else PAD_START + inner_w * share

        def y(value: float) -> float:
            return PAD_TOP + inner_h * (high - value) / (high - low)

        kpi = p.kpi
        left, right = (PAD_END, WIDTH - PAD_START) if self.rtl else (PAD_START, WIDTH - PAD_END)
        label_x = WIDTH - PAD_START + 6 if self.rtl else PAD_START - 6
        parts: list[Markup] = [tag("rect", x=num(left), y=num(PAD_TOP), width=num(inner_w),
                                   height=num(inner_h), class_="pl-chart-area")]
        for value, cls, name in ((p.baseline, "pl-chart-baseline", lang._("baseline")),
                                 (p.target, "pl-chart-target", lang._("target"))):
            text = self._value(value, kpi)
            parts.append(tag("line", tag("title", ui_text(lang._("{name}: {value}"), lang.direction,
                                                          name=name,
                                                           value=text)),
                             x1=num(left), x2=num(right), y1=num(y(value)), y2=num(y(value)),
                             class_=cls))
            # outside the plot: to its left (right to left: to its right)
            direction, anchor = anchor_towards(text, self.rtl, self.lang.direction)
            parts.append(tag("text", text, x=num(label_x), y=num(y(value) + 4),
                             text_anchor=anchor, class_="pl-chart-label", direction=direction))
        # The expected path: baseline until the first measurement, then a step per date.
        steps = [f"M{num(x(first))} {num(y(p.baseline))}"]
        n = len(p.measurements)
        for i, day in enumerate(p.measurements, start=1):
            level = p.baseline + (p.target - p.baseline) * i / n
            steps.append(f"H{num(x(day))}V{num(y(level))}")
        parts.append(tag("path", tag("title", lang._("expected path")), d="".join(steps),
                         class_="pl-chart-path"))
        if p.points:
            line = " ".join(f"{num(x(d))},{num(y(v))}" for d, v in p.points)
            parts.append(tag("polyline", points=line, class_="pl-chart-line"))
            for d, v in p.points:
                text = ui_text(lang._("{date}: {value}"), lang.direction, date=self.fmt.date(d),
                               value=self._value(v, kpi))
                parts.append(tag("circle", tag("title", text), cx=num(x(d)), cy=num(y(v)), r="3.2",
                                 class_="pl-chart-point"))
        if first <= self.today <= last:
            tx = x(self.today)
            today = lang._("today")
            parts.append(tag("line", tag("title", ui_text(lang._("today, {date}"), lang.direction,
                                                          date=self.fmt.date(self.today))),
                             x1=num(tx), x2=num(tx), y1=num(PAD_TOP - 4),
                             y2=num(HEIGHT - PAD_BOTTOM), class_="pl-chart-today"))
            parts.append(tag("text", today, x=num(tx), y=num(HEIGHT - PAD_BOTTOM + 22),
                             text_anchor="middle", class_="pl-chart-label pl-chart-today-label",
                             direction=text_direction(today, lang.direction)))
        for day, at_start in ((first, True), (last, False)):
            text = self.fmt.day_month(day)
            # each runs from its end of the axis towards the middle
            direction, anchor = anchor_towards(text, at_start != self.rtl, self.lang.direction)
            parts.append(tag("text", text, x=num(x(day)), y=num(HEIGHT - PAD_BOTTOM + 11),
                             text_anchor=anchor, class_="pl-chart-label", direction=direction))
        summary = self._summary(p)
        return tag("svg", tag("title", summary), *parts, viewBox=f"0 0 {WIDTH} {HEIGHT}",
                   width=str(WIDTH), height=str(HEIGHT), class_="pl-chart", role="img",
                   aria_label=summary)

    def _summary(self, p: prg.GoalProgress) -> str:
        lang = self.lang
        kpi = p.kpi
        assert p.baseline is not None and p.target is not None
        base = ui_text(lang._("From {baseline} to {target} by {due}"), lang.direction,
                       baseline=self._value(p.baseline, kpi), target=self._value(p.target, kpi),
                       due=self.fmt.date(p.last))
        if p.actual is None or p.progress is None:
            return f"{base}; {labels.status(p.status, lang)}"
        day, value = p.actual
        return f"{base}; " + ui_text(
            lang._("{value} on {date}: {progress} of the way, {expected} expected ({status})"),
            lang.direction,
            value=self._value(value, kpi), date=self.fmt.date(day),
            progress=self.fmt.percent(round(p.progress, 2)),
            expected=self.fmt.percent(round(p.expected, 2)),
            status=labels.status(p.status, lang))

    # -- measurements --------------------------------------------------------------------
    def _kpi(self, segment_id: str, kpi: Kpi) -> KpiTrack:
        lang = self.lang
        points = self.series.get((segment_id, kpi.id), [])
        record = prg.recording(self.playbook, kpi, points, self.today)
        # Each value is listed once: under its measurement, else apart.
        owner = prg.listed_under(self.playbook, kpi, points, record)
        rows = []
        for m in record:
            values = [(d, self._value(v, kpi), self.notes.get((segment_id, kpi.id, d), ""))
                      for d, v in points if owner.get(d) == m.day]
            rows.append(MeasurementRow(m.day, m.state, labels.recording(m.state, lang), values))
            key = (segment_id, m.day)
            self.days[key] = prg.worse(m.state, self.days.get(key))
        extra = [(d, self._value(v, kpi), self.notes.get((segment_id, kpi.id, d), ""))
                 for d, v in points if d not in owner]
        return KpiTrack(kpi, rows, extra)

    def day_state(self, segment_id: str, day: dt.date) -> Recording | None:
        """The state of a segment's measurement day (the worst of its KPIs read that day)."""
        return self.days.get((segment_id, day))

    def today_share(self) -> float | None:
        """Where today lies in the plan period (0..1), or None outside it."""
        start, end = self.playbook.start, self.playbook.end
        if not start <= self.today <= end:
            return None
        return (self.today - start).days / ((end - start).days + 1)

    # -- summaries -----------------------------------------------------------------------
    def counts(self, goals: Iterable[Any]) -> list[tuple[str, str, int]]:
        """(status, label, number of goals) for the statuses present among `goals` (views
        with `segment_id` and `id`)."""
        lang = self.lang
        found = Counter(self.goals[(g.segment_id, g.id)].progress.status for g in goals
                        if (g.segment_id, g.id) in self.goals)
        return [(s, labels.status(s, lang), found[s]) for s in STATUSES if found[s]]

    def revenue_now(self, segment_id: str, segment: Segment) -> tuple[rev.Revenue, str]:
        """The segment's revenue at stake by its latest re-measured outlook, and the date of
        that outlook ("" when none was re-measured: the plan's own holds)."""
        revenue, day = prg.revenue_now(segment_id, segment, self.series)
        return revenue, self.fmt.date(day) if day else ""

    @property
    def remeasured(self) -> bool:
        return any(self.revenue_now(sf.id, seg)[1] for sf, seg in self.plan.segments)

    @property
    def total_now(self) -> rev.Revenue:
        """Revenue at stake now: every segment by its latest outlook."""
        return prg.plan_revenue_now(self.plan, self.series)

    @property
    def date(self) -> str:
        return self.fmt.date(self.today)


def _notes(plan: Plan) -> dict[tuple[str, str, dt.date], str]:
    out: dict[tuple[str, str, dt.date], str] = {}
    for row in plan.actuals.rows if plan.actuals else ():
        if row.day is not None and row.note:
            out[(row.segment.text, row.kpi.text, row.day)] = row.note
    return out
