"""Revenue at stake: customers x yearly value, split by the outlook's percentages.

8,000 customers x EUR 100 at 40/40/20 is EUR 800,000: 320,000 secure, 320,000
uncertain, 160,000 at risk. The shares are taken as written; an outlook that
does not sum to 100 is P009's business, not corrected here.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.derive.goal_facts import goal_facts
from planner.model import Goal, Outlook, Segment
from planner.plan import Plan


@dataclass(frozen=True, slots=True)
class Revenue:
    total: float
    secure: float
    uncertain: float
    at_risk: float

    def __add__(self, other: Revenue) -> Revenue:
        return Revenue(self.total + other.total, self.secure + other.secure,
                       self.uncertain + other.uncertain, self.at_risk + other.at_risk)


ZERO = Revenue(0.0, 0.0, 0.0, 0.0)


def segment_revenue(segment: Segment, outlook: Outlook | None = None) -> Revenue:
    """The segment's revenue split by its planned outlook, or by `outlook` (a re-measured
    one: see planner.derive.progress.outlook_now)."""
    total = float(segment.customers * segment.yearly_value)
    o = outlook or segment.outlook
    return Revenue(total, total * o.secure / 100, total * o.uncertain / 100,
                   total * o.at_risk / 100)


def plan_revenue(plan: Plan) -> Revenue:
    """The sum over the segments that validated."""
    out = ZERO
    for _sf, segment in plan.segments:
        out = out + segment_revenue(segment)
    return out


def plan_customers(plan: Plan) -> int:
    """The customers of the segments that validated."""
    return sum(segment.customers for _sf, segment in plan.segments)


def goal_share(goal: Goal, segment: Segment, currency: str) -> float | None:
    """The goal's target as a share of the segment's revenue (0.25 = 25 %) when the
    goal's KPI is measured in `currency`; None otherwise, or when it cannot be told
    (no such KPI, no numeric target, a segment worth nothing)."""
    kpi = next((k for k in segment.kpis if k.id == goal.kpi), None)
    if kpi is None or kpi.unit.strip().upper() != currency.strip().upper():
        return None
    target = goal_facts(goal).target
    if target is None:
        return None
    total = segment_revenue(segment).total
    return target / total if total > 0 else None
