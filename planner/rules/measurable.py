"""M: Measurable. A goal names a KPI of its segment and states numbers on it.

The checks are structural and exact: the title may mention numbers, but only
`kpi`, `baseline` and `target` are measured. Each rule stays quiet when an
earlier one already explains the problem (no M205 without both numbers).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.derive.goal_facts import goal_facts, number
from planner.diagnostics import Severity
from planner.i18n import Language
from planner.model import Goal, Kpi
from planner.rules import Finding, GoalContext, SegmentContext, rule
from planner.suggest import did_you_mean, number_hint


def kind_of(value: object, lang: Language) -> str:
    """What a YAML value is, in words: "a number", "a list"."""
    if isinstance(value, bool):
        return lang._("a yes/no value")
    if isinstance(value, int | float):
        return lang._("a number")
    if isinstance(value, list):
        return lang._("a list")
    if isinstance(value, dict):
        return lang._("a mapping")
    if isinstance(value, str):
        return lang._("text")
    return lang._("a date") if hasattr(value, "isoformat") else type(value).__name__


def show(value: int | float) -> str:
    """A number as people write it: 26, 3.5, 612000."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def with_unit(value: int | float, unit: str, currency: str = "") -> str:
    """`value` in `unit`: 26 %, EUR 29, 34 days, 52."""
    unit = (unit or "").strip()
    if unit == "%":
        return f"{show(value)} %"
    if currency and unit.upper() == currency.upper():
        return f"{unit} {show(value)}"
    if unit.lower() in ("", "count", "score", "number"):
        return show(value)
    return f"{show(value)} {unit}"


def is_percent(kpi: Kpi | None) -> bool:
    return kpi is not None and kpi.unit.strip() == "%"


def percent_out_of_bounds(ctx: GoalContext) -> list[tuple[str, int | float]]:
    """(field, value) of the goal's numbers outside 0..100 on a "%" KPI."""
    if not is_percent(ctx.kpi):
        return []
    numbers = (("baseline", ctx.facts.baseline), ("target", ctx.facts.target))
    return [(field, value) for field, value in numbers if value is not None and not 0 <= value <= 100]


def against_direction(ctx: GoalContext) -> bool:
    """Whether the target equals the baseline or moves against the KPI's direction."""
    kpi, baseline, target = ctx.kpi, ctx.facts.baseline, ctx.facts.target
    if kpi is None or baseline is None or target is None:
        return False
    if target == baseline:
        return True
    return (target < baseline) if kpi.direction == "up" else (target > baseline)


def given(ctx: GoalContext, field: str) -> tuple[str, ...]:
    """The path of `field` when the goal has the key (even empty), else the goal itself:
    where the user has to write the value."""
    return (field,) if field in ctx.goal.model_fields_set else ()


def unnamed(value: object) -> bool:
    """Whether a goal's reference (`kpi`, `supports`) is missing or blank; any other value
    names something, known or not (M202, R402)."""
    return value is None or (isinstance(value, str) and not value.strip())


def reference_hint(value: object, known: list[str], naming: str, defining: str,
                   lang: Language) -> str:
    """The hint for a reference (`kpi`, `supports`) that is missing or names nothing known:
    the known id `value` is closest to, else the `known` ids (`naming` shows them as {ids}),
    else, when there are none, `defining` one first."""
    guess = did_you_mean(value, known, lang) if isinstance(value, str) else ""
    return guess or (naming.format(ids=", ".join(known)) if known else defining)


def unknown_reference(value: object, known: list[str], field: str, lang: Language, *,
                      not_an_id: str, unknown: str, naming: str, defining: str) -> Finding:
    """The finding for a reference that names nothing `known`: `not_an_id` (with {what})
    when it is not text, else `unknown` (with {ref}); the hint is `reference_hint`'s."""
    message = (unknown.format(ref=value) if isinstance(value, str)
               else not_an_id.format(what=kind_of(value, lang)))
    return Finding(message, (field,), reference_hint(value, known, naming, defining, lang))


def _numeric_finding(ctx: GoalContext, field: str) -> Iterator[Finding]:
    lang = ctx.lang
    value, good = ((ctx.goal.target, ctx.facts.target) if field == "target"
                   else (ctx.goal.baseline, ctx.facts.baseline))
    if value is None:
        if field == "target":
            message = lang._("there is no numeric `target`: the goal cannot be measured")
            hint = lang._("add `target:` with the value the KPI should reach, e.g. `target: 26`")
        else:
            message = lang._("there is no numeric `baseline`: nobody can tell how far the target is")
            hint = lang._("add `baseline:` with the KPI's value today, e.g. `baseline: 20`; "
                          "if it is not measured yet, measure it first")
        yield Finding(message, given(ctx, field), hint)
        return
    if good is not None:
        return
    if isinstance(value, str):
        what = lang._("the text '{value}'").format(value=value)
    elif isinstance(value, float):
        what = lang._("'{value}'").format(value=value)
    else:
        what = kind_of(value, lang)
    message = lang._("`{field}` is {what}, not a number").format(field=field, what=what)
    if field == "target":
        hint = lang._("write the number alone, e.g. `target: 26`: the unit comes from the KPI")
    else:
        hint = lang._("write today's value alone, e.g. `baseline: 20`: the unit comes from the KPI")
    if isinstance(value, str) and number(_parse_float(value)) is not None:
        hint = lang._("remove the quotes: `{field}: {value}`").format(field=field, value=value.strip())
    hint = number_hint(value, lang) or hint
    yield Finding(message, (field,), hint)


def _parse_float(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


@rule("M201", Severity.ERROR, scope="goal", smart="M")
def kpi_missing(ctx: GoalContext) -> Iterator[Finding]:
    """The goal names the KPI that measures it (`kpi:`).

    Without a KPI there is nothing to measure the goal with, however precise its
    title sounds.

    Fails:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
            baseline: 20
            target: 26
    Passes:
        kpis:
          - id: repeat-rate
            name: Repeat purchase rate
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
    """
    lang = ctx.lang
    if not unnamed(ctx.goal.kpi):
        return
    hint = reference_hint(
        None, [k.id for k in ctx.segment.kpis],
        lang._("add `kpi:` naming one of this segment's KPIs: {ids}"),
        lang._("define the KPI under the segment's `kpis:` (id, name, unit, direction, "
               "source) and name it here with `kpi:`"), lang)
    yield Finding(lang._("the goal names no KPI (`kpi:`): it cannot be measured"),
                  given(ctx, "kpi"), hint)


@rule("M202", Severity.ERROR, scope="goal", smart="M")
def kpi_unknown(ctx: GoalContext) -> Iterator[Finding]:
    """The goal's `kpi` is the id of a KPI defined in the same segment.

    Fails:
        kpis:
          - id: repeat-rate
        goals:
          - id: repeat-rate-26
            kpi: repeat-purchase-rate
    Passes:
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
    """
    lang = ctx.lang
    kpi = ctx.goal.kpi
    if unnamed(kpi) or ctx.kpi is not None:
        return
    yield unknown_reference(
        kpi, [k.id for k in ctx.segment.kpis], "kpi", lang,
        not_an_id=lang._("`kpi` must be one KPI id, not {what}"),
        unknown=lang._("'{ref}' is not a KPI of this segment"),
        naming=lang._("KPIs of this segment: {ids}"),
        defining=lang._("this segment defines no KPIs: add one under `kpis:` with id, name, unit, "
                        "direction and source"))


@rule("M203", Severity.ERROR, scope="goal", smart="M")
def target_missing(ctx: GoalContext) -> Iterator[Finding]:
    """The goal has a numeric `target`: the value its KPI should reach.

    A number in the title does not count; the target is a field so that the
    site can chart it and the checks can compare it. Quoted numbers ("26") and
    numbers with units ("26 %") are text; the unit comes from the KPI.

    Fails:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
            baseline: 20
            target: 26 %
    Passes:
        goals:
          - id: repeat-rate-26
            baseline: 20
            target: 26
    """
    yield from _numeric_finding(ctx, "target")


@rule("M204", Severity.ERROR, scope="goal", smart="M")
def baseline_missing(ctx: GoalContext) -> Iterator[Finding]:
    """The goal has a numeric `baseline`: the KPI's value when the goal was set.

    Without it nobody can tell whether the target is a stretch or already
    reached.

    Fails:
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
            target: 26
    Passes:
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
            baseline: 20
            target: 26
    """
    yield from _numeric_finding(ctx, "baseline")


@rule("M205", Severity.ERROR, scope="goal", smart="M")
def wrong_direction(ctx: GoalContext) -> Iterator[Finding]:
    """The target differs from the baseline, in the direction the KPI calls better.

    A KPI with `direction: up` (a repeat rate) needs a target above the baseline;
    one with `direction: down` (an unsubscribe rate) a target below it.

    Fails:
        kpis:
          - id: unsubscribe-rate
            direction: down
        goals:
          - id: unsubscribe-rate
            kpi: unsubscribe-rate
            baseline: 0.45
            target: 0.6
    Passes:
        goals:
          - id: unsubscribe-rate
            kpi: unsubscribe-rate
            baseline: 0.45
            target: 0.3
    """
    lang = ctx.lang
    if not against_direction(ctx) or percent_out_of_bounds(ctx):
        return
    kpi, baseline, target = ctx.kpi, ctx.facts.baseline, ctx.facts.target
    if kpi is None or baseline is None or target is None:  # pragma: no cover - see above
        return
    if target == baseline:
        yield Finding(
            lang._("the target equals the baseline ({value}): the goal asks for no change").format(
                value=show(target)), ("target",),
            lang._("set the target the KPI should reach; to hold a level, aim at the value to "
                   "defend and say so in the title"))
        return
    if kpi.direction == "up":
        message = lang._("the KPI '{kpi}' is better when it goes up, but the target {target} is "
                         "below the baseline {baseline}")
        hint = lang._("set a target above {baseline}, or set `direction: down` on the KPI if lower "
                      "is better")
    else:
        message = lang._("the KPI '{kpi}' is better when it goes down, but the target {target} is "
                         "above the baseline {baseline}")
        hint = lang._("set a target below {baseline}, or set `direction: up` on the KPI if higher "
                      "is better")
    yield Finding(message.format(kpi=kpi.id, target=show(target), baseline=show(baseline)),
                  ("target",), hint.format(baseline=show(baseline)))


@rule("M206", Severity.ERROR, scope="goal", smart="M")
def percent_bounds(ctx: GoalContext) -> Iterator[Finding]:
    """On a KPI measured in "%", the baseline and the target lie between 0 and 100.

    Fails:
        kpis:
          - id: repeat-rate
            unit: "%"
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
            baseline: 0.20
            target: 126
    Passes:
        goals:
          - id: repeat-rate-26
            kpi: repeat-rate
            baseline: 20
            target: 26
    """
    lang = ctx.lang
    kpi = ctx.kpi
    if kpi is None:
        return  # (only a "%" KPI bounds the numbers)
    for field, value in percent_out_of_bounds(ctx):
        yield Finding(
            lang._("`{field}` is {value} %, outside 0..100 % for the KPI '{kpi}'").format(
                field=field, value=show(value), kpi=kpi.id),
            (field,),
            lang._("write percentages as numbers from 0 to 100 (26 for 26 %); for a change in "
                   "points or a ratio, give the KPI another unit"))


@rule("M207", Severity.WARNING, scope="segment", smart="M")
def kpi_source(ctx: SegmentContext) -> Iterator[Finding]:
    """A KPI that a goal is measured on says where its numbers come from (`source:`).

    A KPI that nobody knows how to read is not measured on the annual clock.
    Reported once per KPI, at the KPI, whichever goals use it; silenced when
    every goal on the KPI waives M207.

    Fails:
        kpis:
          - id: repeat-rate
            name: Repeat purchase rate
            unit: "%"
            direction: up
    Passes:
        kpis:
          - id: repeat-rate
            name: Repeat purchase rate
            unit: "%"
            direction: up
            source: Shop analytics "Returning buyers"
    """
    lang = ctx.lang
    unsourced = [(i, kpi) for i, kpi in enumerate(ctx.segment.kpis)
                 if not (kpi.source and kpi.source.strip())]
    if not unsourced:
        return  # (most segments: no need to see which goals use which KPI)
    users_of: dict[str, list[Goal]] = {}
    for g in ctx.segment.goals:
        kpi_id = goal_facts(g).kpi
        if kpi_id is not None:
            users_of.setdefault(kpi_id, []).append(g)
    for i, kpi in unsourced:
        users = users_of.get(kpi.id, [])
        if not users:
            continue
        waiving = [g for g in users if "M207" in g.waive]
        yield Finding(
            lang._("the KPI '{kpi}' has no `source`: nobody can tell where its numbers come from").format(
                kpi=kpi.id), ("kpis", i),
            lang._("add `source:` to the KPI '{kpi}', naming the report or system it is read from, "
                   "e.g. `source: CRM report \"Returning buyers\"`").format(kpi=kpi.id),
            item=kpi.id, goal=waiving[0] if len(waiving) == len(users) else None)
