"""A: Attainable. A goal is within reach, somebody answers for it, and work serves it."""

from __future__ import annotations

from collections.abc import Iterator

from planner.diagnostics import Severity
from planner.rules import Finding, GoalContext, rule
from planner.rules.measurable import (
    against_direction,
    percent_out_of_bounds,
    show,
    with_unit,
)

# Currency symbols a KPI's unit may use instead of the playbook's ISO code.
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "₪": "ILS", "ש״ח": "ILS", 'ש"ח': "ILS"}


def _text(value: str | None) -> str:
    return (value or "").strip()


def change_ratio(baseline: float, target: float) -> float:
    """|target - baseline| / |baseline|; a change from 0 is infinite."""
    if baseline == 0:
        return float("inf") if target != baseline else 0.0
    return abs(target - baseline) / abs(baseline)


@rule("A301", Severity.ERROR, scope="goal", smart="A", needs=("smart",))
def change_without_rationale(ctx: GoalContext) -> Iterator[Finding]:
    """A target far from its baseline says why it is attainable (`rationale:`).

    "Far" is a change of more than the playbook's `smart.max_change` (1.0, i.e.
    100 %, by default) relative to the baseline: |target - baseline| / baseline.
    A baseline of 0 is an unbounded change. Give the reason in `rationale:`: a
    pilot, a benchmark, a new channel.

    Fails:
        # playbook.yaml: smart: {max_change: 1.0}
        goals:
          - id: referrals-400
            baseline: 100
            target: 400
    Passes:
        goals:
          - id: referrals-400
            baseline: 100
            target: 400
            rationale: The 2026 referral pilot in Tampere tripled referrals in three months.
    """
    lang = ctx.lang
    goal = ctx.goal
    baseline, target = ctx.facts.baseline, ctx.facts.target
    if baseline is None or target is None or _text(goal.rationale):
        return
    if against_direction(ctx) or percent_out_of_bounds(ctx):
        return  # M205 / M206 explain the numbers first
    limit = ctx.playbook.smart.max_change
    ratio = change_ratio(baseline, target)
    if ratio <= limit * (1 + 1e-9):
        return
    if baseline == 0:
        message = lang._("the baseline is 0, so reaching {target} is an unbounded change; the "
                         "goal gives no `rationale`").format(target=show(target))
        hint = lang._("add `rationale:` saying why {target} is attainable (a pilot, a benchmark, a "
                      "new channel)").format(target=show(target))
    else:
        message = lang._("the target {target} is {ratio:.0f} % away from the baseline {baseline}, "
                         "more than the {limit:.0f} % the playbook allows without a "
                         "`rationale`").format(target=show(target), baseline=show(baseline),
                                          ratio=ratio * 100, limit=limit * 100)
        nearer = baseline + limit * abs(baseline) * (1 if target > baseline else -1)
        hint = lang._("add `rationale:` saying why this is attainable (a pilot, a benchmark, a new "
                      "channel), or set a nearer target such as {nearer}").format(
            nearer=show(round(nearer, 2)))
    yield Finding(message, ("target",), hint)


@rule("A302", Severity.ERROR, scope="goal", smart="A")
def owner_missing(ctx: GoalContext) -> Iterator[Finding]:
    """Somebody owns the goal: the goal's `owner`, or else its segment's.

    Customers who are nobody's responsibility are the classic failure of
    lifecycle plans; a goal without an owner is the same failure.

    Fails:
        # no `owner:` on the segment
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
    Passes:
        owner: Anna Virtanen
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
    """
    lang = ctx.lang
    if _text(ctx.goal.owner) or _text(ctx.segment.owner):
        return
    yield Finding(
        lang._("nobody owns the goal: it has no `owner` and neither has its segment"),
        ("owner",) if "owner" in ctx.goal.model_fields_set else (),
        lang._("add `owner: <name>` to the goal, or to the segment so that it covers all "
               "its goals"))


def _is_currency(unit: str, currency: str) -> bool:
    unit = unit.strip()
    return unit.upper() == currency.upper() or _SYMBOLS.get(unit) == currency.upper()


@rule("A303", Severity.ERROR, scope="goal", smart="A", needs=("currency",))
def above_revenue(ctx: GoalContext) -> Iterator[Finding]:
    """A goal in money does not exceed what the whole segment buys in a year.

    For a KPI whose unit is the playbook's currency, the target must not be
    above the segment's revenue: customers x yearly_value.

    Fails:
        # playbook.yaml: currency: EUR
        customers: 8000
        yearly_value: 100            # EUR 800,000 a year
        kpis:
          - id: revenue
            unit: EUR
        goals:
          - id: revenue-1m
            kpi: revenue
            baseline: 700000
            target: 1000000
    Passes:
        goals:
          - id: revenue-760k
            kpi: revenue
            baseline: 700000
            target: 760000
    """
    lang = ctx.lang
    kpi, target = ctx.kpi, ctx.facts.target
    currency = ctx.playbook.currency
    if kpi is None or target is None or not _is_currency(kpi.unit, currency):
        return
    seg = ctx.segment
    revenue = seg.customers * seg.yearly_value
    if target <= revenue:
        return
    yield Finding(
        lang._("the target {target} exceeds the segment's whole yearly revenue: {customers} "
               "customers x {value} = {revenue}").format(
            target=with_unit(target, kpi.unit, currency), customers=seg.customers,
            value=with_unit(seg.yearly_value, kpi.unit, currency),
            revenue=with_unit(revenue, kpi.unit, currency)),
        ("target",),
        lang._("a segment cannot buy more than its customers spend in a year: lower the target, "
               "or correct `customers` or `yearly_value` if the segment is larger"))


@rule("A304", Severity.WARNING, scope="goal", smart="A")
def nothing_serves(ctx: GoalContext) -> Iterator[Finding]:
    """Some campaign or journey of the segment works toward the goal (its `goals:` list).

    A goal that no campaign or journey serves is a wish: either plan the work
    or drop the goal.

    Fails:
        goals:
          - id: repeat-rate-26
        campaigns:
          - id: monthly-news
            goals: []
    Passes:
        campaigns:
          - id: monthly-news
            goals: [repeat-rate-26]
    """
    lang = ctx.lang
    goal_id = ctx.goal.id
    if goal_id in ctx.seg.served_goals:
        return
    yield Finding(
        lang._("no campaign or journey of the segment serves this goal"), (),
        lang._("add '{id}' to the `goals:` of the campaign or journey that works toward it, "
               "e.g. `goals: [{id}]`").format(id=goal_id))
