"""R: Relevant. Every goal supports one of the playbook's objectives."""

from __future__ import annotations

from collections.abc import Iterator

from planner.diagnostics import Severity
from planner.rules import Finding, GoalContext, rule
from planner.rules.measurable import given, reference_hint, unknown_reference, unnamed


def _objectives(ctx: GoalContext) -> list[str]:
    return [o.id for o in ctx.playbook.objectives]


@rule("R401", Severity.ERROR, scope="goal", smart="R")
def supports_missing(ctx: GoalContext) -> Iterator[Finding]:
    """The goal says which objective of the playbook it supports (`supports:`).

    The objectives in playbook.yaml are what the year is for; a goal that
    serves none of them is work nobody asked for.

    Fails:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
            supports: keep-revenue
    """
    lang = ctx.lang
    if not unnamed(ctx.goal.supports):
        return
    hint = reference_hint(
        None, _objectives(ctx),
        lang._("add `supports:` naming one of the playbook's objectives: {ids}"),
        lang._("add the year's objectives to playbook.yaml (`objectives:` with id and "
               "title) and name one here with `supports:`"), lang)
    yield Finding(lang._("the goal does not say which objective it supports (`supports:`)"),
                  given(ctx, "supports"), hint)


@rule("R402", Severity.ERROR, scope="goal", smart="R", needs=("objectives",))
def supports_unknown(ctx: GoalContext) -> Iterator[Finding]:
    """The goal's `supports` is the id of an objective in playbook.yaml.

    Fails:
        # playbook.yaml: objectives: [{id: keep-revenue, ...}]
        goals:
          - id: repeat-rate-26
            supports: keep-revenues
    Passes:
        goals:
          - id: repeat-rate-26
            supports: keep-revenue
    """
    lang = ctx.lang
    supports, known = ctx.goal.supports, _objectives(ctx)
    if unnamed(supports) or supports in known:  # (a value that is not text is in no list of ids)
        return
    yield unknown_reference(
        supports, known, "supports", lang,
        not_an_id=lang._("`supports` must name one objective id, not {what}"),
        unknown=lang._("'{ref}' is not an objective of the playbook"),
        naming=lang._("the playbook's objectives: {ids}"),
        defining=lang._("the playbook defines no objectives: add them to playbook.yaml "
                        "(`objectives:` with id and title)"))
