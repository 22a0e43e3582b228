"""Revenue at stake, with hand-computed answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.derive.revenue import Revenue, goal_share, plan_customers, plan_revenue, segment_revenue
from tests.derive_support import SEGMENT_HEAD, segment, write_plan


def test_the_textbook_case() -> None:
    # 8,000 customers x EUR 100 at 40/40/20
    assert segment_revenue(segment()) == Revenue(800_000, 320_000, 320_000, 160_000)


def test_uneven_shares_and_fractional_value() -> None:
    seg = segment(head=SEGMENT_HEAD.replace("customers: 8000", "customers: 2400")
                  .replace("yearly_value: 100", "yearly_value: 37.5")
                  .replace("{secure: 40, uncertain: 40, at_risk: 20}",
                           "{secure: 55, uncertain: 30, at_risk: 15}"))
    r = segment_revenue(seg)
    assert r.total == 90_000  # 2,400 x 37.5
    assert (r.secure, r.uncertain, r.at_risk) == pytest.approx((49_500, 27_000, 13_500))


def test_an_empty_segment_is_worth_nothing() -> None:
    assert segment_revenue(segment(head=SEGMENT_HEAD.replace("customers: 8000", "customers: 0"))
                           ) == Revenue(0, 0, 0, 0)


def test_plan_revenue_sums_the_valid_segments(tmp_path: Path) -> None:
    small = SEGMENT_HEAD.replace("customers: 8000", "customers: 1000")  # 100,000
    plan = write_plan(tmp_path, "year: 2027\n", {
        "engaged": SEGMENT_HEAD,                       # 800,000
        "loyal": small,
        "broken": SEGMENT_HEAD + "customers_typo: 3\n",  # P003: not counted
    })
    assert [sf.id for sf, _ in plan.segments] == ["engaged", "loyal"]
    assert plan_revenue(plan) == Revenue(900_000, 360_000, 360_000, 180_000)
    assert plan_customers(plan) == 9000  # 8,000 + 1,000: the broken one is not counted


def test_plan_revenue_of_no_segments(tmp_path: Path) -> None:
    assert plan_revenue(write_plan(tmp_path, "year: 2027\n", {})) == Revenue(0, 0, 0, 0)


_GOALS = """
kpis:
  - {id: revenue, name: Revenue from repeat buyers, unit: EUR, direction: up}
  - {id: repeat-rate, name: Repeat purchase rate, unit: "%", direction: up}
goals:
  - {id: keep-200k, kpi: revenue, baseline: 150000, target: 200000}
  - {id: rate-26, kpi: repeat-rate, baseline: 20, target: 26}
  - {id: no-target, kpi: revenue}
  - {id: text-target, kpi: revenue, target: lots}
  - {id: no-kpi, kpi: nothing, target: 5}
"""


def test_goal_share_of_a_currency_goal() -> None:
    seg = segment(_GOALS)
    goals = {g.id: g for g in seg.goals}
    assert goal_share(goals["keep-200k"], seg, "EUR") == 0.25  # 200,000 / 800,000
    assert goal_share(goals["keep-200k"], seg, "eur") == 0.25


@pytest.mark.parametrize("goal_id", ["rate-26", "no-target", "text-target", "no-kpi"])
def test_goal_share_is_none_when_it_cannot_be_told(goal_id: str) -> None:
    seg = segment(_GOALS)
    goal = next(g for g in seg.goals if g.id == goal_id)
    assert goal_share(goal, seg, "EUR") is None


def test_goal_share_in_another_currency_or_of_an_empty_segment() -> None:
    seg = segment(_GOALS)
    assert goal_share(seg.goals[0], seg, "USD") is None
    empty = segment(_GOALS, head=SEGMENT_HEAD.replace("customers: 8000", "customers: 0"))
    assert goal_share(empty.goals[0], empty, "EUR") is None
