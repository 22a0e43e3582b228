"""Where each goal stands, from the measured values (plans/actuals/) as of a day.

Pure functions of the Plan, shared by the rules (K803, K804), the site and
`planner status`. Semantics (PLAN-FORMAT.md, "Measured values"):

- A goal's window runs from its `start` (the first day of its span; the plan
  period's start without one) to its `due` (the last day of its span; the period's
  end without one).
- The measured series of a KPI holds the usable rows of its segment and KPI that
  are dated inside the plan period and on or before today (and, for a "%" KPI or an
  outlook share, within 0..100); a date recorded twice (K802) counts once, with the
  value read last.
- `progress = (latest actual - baseline) / (target - baseline)` from the latest
  point of the series inside the window.
- `expected` is the share of the KPI's measurement dates (the annual clock, see
  `planner.derive.calendar`) inside the window that lie on or before today: a step
  per measurement. A window holding no measurement date (a yearly KPI with a
  mid-year goal, a KPI without `measured`) is measured once, on its last day.
- Status, the first that applies: `not-started` (no point in the window and no
  measurement date before today), `no-data` (no point, a date has passed),
  `achieved` (progress >= 1), `missed` (due before today), `on-track` (progress >=
  expected - tracking.behind points), `behind` (>= expected - tracking.off_track
  points), `off-track`. A goal whose numbers cannot be judged (no numeric baseline
  or target, target equal to baseline: M-rule errors) has no progress and is
  `no-data` or `not-started` by its points.
- A measurement date counts as recorded when a point of the KPI lies in the cycle
  that ends on it (its week, month, quarter; for yearly the plan period) or within
  `tracking.grace_days` after it; it is `missing` once more than grace_days have
  passed without one, `open` while the grace lasts, `upcoming` after today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.derive.calendar import measurement_dates
from planner.derive.goal_facts import GoalFacts, goal_facts
from planner.derive.revenue import ZERO, Revenue, segment_revenue
from planner.model import Goal, Kpi, Outlook, Playbook, Segment
from planner.plan import Plan
from planner.vocabulary import Recording, Status

LAGGING: frozenset[Status] = frozenset({"behind", "off-track", "missed"})
OUTLOOK_KPIS = {"outlook.secure": "secure", "outlook.uncertain": "uncertain",
                "outlook.at_risk": "at_risk"}
_EPSILON = 1e-9  # progress exactly on a threshold counts as meeting it

Series = dict[tuple[str, str], list[tuple[dt.date, float]]]


@dataclass(frozen=True, slots=True)
class GoalProgress:
    segment: str
    goal: Goal
    kpi: Kpi | None
    baseline: float | None
    target: float | None
    first: dt.date
    last: dt.date
    measurements: tuple[dt.date, ...]
    points: tuple[tuple[dt.date, float], ...]  # the series inside the window
    progress: float | None
    expected: float
    status: Status

    @property
    def actual(self) -> tuple[dt.date, float] | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True, slots=True)
class Measurement:
    day: dt.date
    state: Recording


def series(plan: Plan) -> Series:
    """The measured points per (segment, KPI id), sorted by date (see module doc)."""
    out: Series = {}
    if plan.actuals is None or plan.playbook is None:
        return out
    first, last = plan.playbook.start, min(plan.playbook.end, plan.today)
    percent = {(sf.id, k.id) for sf, seg in plan.segments for k in seg.kpis
               if k.unit.strip() == "%"}
    by_key: dict[tuple[str, str], dict[dt.date, float]] = {}
    for row in plan.actuals.rows:
        if row.day is None or row.number is None or not first <= row.day <= last:
            continue
        if not 0 <= row.number <= 100 and (
                row.kpi.text in OUTLOOK_KPIS or (row.segment.text, row.kpi.text) in percent):
            continue  # K801
        by_key.setdefault((row.segment.text, row.kpi.text), {})[row.day] = row.number
    for key, values in by_key.items():
        out[key] = sorted(values.items())
    return out


def window(playbook: Playbook, facts: GoalFacts) -> tuple[dt.date, dt.date]:
    """The days a goal is worked on: its `start` (else the plan's) to its `due` (else the plan's)."""
    start, due = facts.start, facts.due
    return (start.first if start else playbook.start, due.last if due else playbook.end)


def goal_measurements(playbook: Playbook, kpi: Kpi | None, first: dt.date, last: dt.date
                      ) -> tuple[dt.date, ...]:
    """The KPI's measurement dates of the plan period that fall inside first..last."""
    days = measurement_dates(kpi.measured if kpi else None, playbook.start, playbook.end)
    inside = tuple(d for d in days if first <= d <= last)
    return inside or (last,)


def goal_progress(playbook: Playbook, segment_id: str, segment: Segment, goal: Goal,
                  measured: Series, today: dt.date) -> GoalProgress:
    kpi = next((k for k in segment.kpis if k.id == goal.kpi), None)
    facts = goal_facts(goal)
    first, last = window(playbook, facts)
    dates = goal_measurements(playbook, kpi, first, last)
    points = tuple(p for p in measured.get((segment_id, kpi.id if kpi else ""), ())
                   if first <= p[0] <= min(last, today))
    expected = sum(d <= today for d in dates) / len(dates)
    baseline = float(facts.baseline) if facts.baseline is not None else None
    target = float(facts.target) if facts.target is not None else None
    progress = None
    if points and baseline is not None and target is not None and target != baseline:
        progress = (points[-1][1] - baseline) / (target - baseline)
    t = playbook.tracking
    status: Status
    if not points or progress is None:
        status = "no-data" if any(d < today for d in dates) else "not-started"
    elif progress >= 1 - _EPSILON:
        status = "achieved"
    elif last < today:
        status = "missed"
    elif progress >= expected - t.behind / 100 - _EPSILON:
        status = "on-track"
    elif progress >= expected - t.off_track / 100 - _EPSILON:
        status = "behind"
    else:
        status = "off-track"
    return GoalProgress(segment_id, goal, kpi, baseline, target, first, last, dates, points,
                        progress, expected, status)


def plan_progress(plan: Plan, measured: Series | None = None) -> list[GoalProgress]:
    """Every goal of every valid segment, in plan order."""
    if plan.playbook is None:
        return []
    measured = series(plan) if measured is None else measured
    return [goal_progress(plan.playbook, sf.id, seg, g, measured, plan.today)
            for sf, seg in plan.segments for g in seg.goals]


def cycle_start(measured: str | None, day: dt.date, playbook: Playbook) -> dt.date:
    """The first day of the cycle that ends on the measurement date `day`."""
    if measured == "weekly":
        return day - dt.timedelta(days=6)
    if measured == "monthly":
        return day.replace(day=1)
    if measured == "quarterly":
        return dt.date(day.year, day.month - 2, 1)
    return playbook.start


def recording(playbook: Playbook, kpi: Kpi, points: Iterable[tuple[dt.date, float]],
              today: dt.date) -> list[Measurement]:
    """Each measurement date of the KPI in the plan period, with its state (module doc)."""
    days = sorted(d for d, _v in points)
    grace = dt.timedelta(days=playbook.tracking.grace_days)
    out = []
    for day in measurement_dates(kpi.measured, playbook.start, playbook.end):
        low, high = cycle_start(kpi.measured, day, playbook), day + grace
        state: Recording
        if any(low <= d <= high for d in days):
            state = "recorded"
        elif day > today:
            state = "upcoming"
        elif (today - day).days > playbook.tracking.grace_days:
            state = "missing"
        else:
            state = "open"
        out.append(Measurement(day, state))
    return out


def listed_under(playbook: Playbook, kpi: Kpi, points: Iterable[tuple[dt.date, float]],
                 record: list[Measurement]) -> dict[dt.date, dt.date]:
    """The measurement date each recorded value belongs to (each value once): the
    measurement whose cycle holds it, else the latest one it was recorded late for (within
    the grace days); a value that belongs to none is not a key."""
    grace = dt.timedelta(days=playbook.tracking.grace_days)
    owner: dict[dt.date, dt.date] = {}
    for d, _v in points:
        for m in record:
            if cycle_start(kpi.measured, m.day, playbook) <= d <= m.day:
                owner[d] = m.day
                break
        else:
            late = [m.day for m in record if m.day < d <= m.day + grace]
            if late:
                owner[d] = late[-1]
    return owner


# The state of a day on which several KPIs are read: the first of these among theirs.
_WORST_FIRST: tuple[Recording, ...] = ("missing", "open", "recorded", "upcoming")


def worse(state: Recording, other: Recording | None) -> Recording:
    """The worse of two states of one measurement day (`other` None: `state`)."""
    if other is None or _WORST_FIRST.index(state) < _WORST_FIRST.index(other):
        return state
    return other


def outlook_now(segment_id: str, segment: Segment, measured: Series) -> tuple[Outlook, dt.date | None]:
    """The segment's outlook: the latest date on which all three shares were re-measured,
    or the planned `outlook` (and None) when none was."""
    shares: dict[dt.date, dict[str, float]] = {}
    for kpi, field in OUTLOOK_KPIS.items():
        for day, value in measured.get((segment_id, kpi), ()):
            shares.setdefault(day, {})[field] = value
    complete = [day for day, found in shares.items() if len(found) == len(OUTLOOK_KPIS)]
    if not complete:
        return segment.outlook, None
    day = max(complete)
    found = shares[day]
    return Outlook(secure=found["secure"], uncertain=found["uncertain"],
                   at_risk=found["at_risk"]), day


def revenue_now(segment_id: str, segment: Segment, measured: Series
                ) -> tuple[Revenue, dt.date | None]:
    """The segment's revenue at stake by its latest re-measured outlook, and the date of
    that outlook (None when none was re-measured: the plan's own holds)."""
    outlook, day = outlook_now(segment_id, segment, measured)
    return segment_revenue(segment, outlook), day


def plan_revenue_now(plan: Plan, measured: Series) -> Revenue:
    """Revenue at stake now: every segment that validated, by its latest outlook."""
    total = ZERO
    for sf, segment in plan.segments:
        total = total + revenue_now(sf.id, segment, measured)[0]
    return total
