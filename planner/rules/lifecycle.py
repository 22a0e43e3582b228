"""L: lifecycle coverage. Every group of customers has goals and the messages its stage needs.

The practice behind the plan format: split customers into interested,
engaged, and passive-and-lost; set goals for each group; give each its own
messages; make every message part of the plan. The groups and the needs of
each stage are in `planner.derive.lifecycle`. These are warnings: a plan may
lack them on purpose, and a segment says why with `waive: {L804: reason}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from babel.lists import format_list

from planner.derive.lifecycle import GROUPS, NEEDS, coverage, missing_groups
from planner.diagnostics import Severity
from planner.i18n import Language
from planner.plan import Plan, display_path
from planner.plan_files import SEGMENTS
from planner.rules import Finding, SegmentContext, rule
from planner.rules.plan_integrity import journey_sends
from planner.vocabulary import GROUP_STAGES_LABELS, Group


def _or(words: list[str], lang: Language) -> str:
    return format_list(words, style="or", locale=lang.locale)


def _and(words: list[str], lang: Language) -> str:
    return format_list(words, locale=lang.locale)


def _kinds(kinds: tuple[str, ...], lang: Language) -> str:
    """`welcome`, or `reactivation` or `win-back`: the kinds any one of which meets a need."""
    return _or([f"`kind: {k}`" for k in kinds], lang)


def _group(group: Group, lang: Language) -> str:
    return lang._(GROUP_STAGES_LABELS[group])


def _why(kinds: tuple[str, ...], stage: str, lang: Language) -> str:
    """Why a stage needs a message of one of `kinds` (the practice, in one clause)."""
    if "welcome" in kinds:
        return lang._("new suspects and prospects need a welcome")
    if "welcome-back" in kinds:
        return lang._("customers who return after a pause need a welcome back")
    if "win-back" in kinds:
        return lang._("passive and lost customers need a reactivation or win-back offer")
    if stage in ("passive", "lost"):
        return lang._("a survey asks passive and lost customers why their interest dropped")
    return lang._("a survey asks engaged customers what keeps them buying")


@rule("L801", Severity.WARNING, scope="segment")
def no_goals(ctx: SegmentContext) -> Iterator[Finding]:
    """Every segment has goals: what the team wants to achieve with these customers.

    A segment without goals is a list of people nobody works for; every
    lifecycle group needs its own goals.

    Fails:
        name: Lapsed customers
        stage: passive
        goals: []
    Passes:
        name: Lapsed customers
        stage: passive
        goals:
          - id: reactivation-9
            title: Raise the quarterly reactivation rate from 6 % to 9 %
    """
    lang = ctx.lang
    if ctx.segment.goals:
        return
    path: tuple[str | int, ...] = ("goals",) if "goals" in ctx.segment.model_fields_set else (
        "stage",)
    yield Finding(
        lang._("the segment has no goals"), path,
        lang._("add a SMART goal under `goals:` in {file} (title, kpi, baseline, target, due, "
               "supports), and name it in the `goals:` of the campaign or journey that serves "
               "it").format(file=ctx.file.file),
        at_key=True)


@rule("L802", Severity.WARNING, scope="segment")
def unsent_message(ctx: SegmentContext) -> Iterator[Finding]:
    """Every message of the touch plan is sent by a campaign or a journey.

    A message that nothing sends is a wish, not part of the plan: either give
    it a campaign date or a journey step, or remove it.

    Fails:
        messages:
          - {id: welcome, kind: welcome, channel: email, title: Welcome}
        campaigns: []
    Passes:
        messages:
          - {id: welcome, kind: welcome, channel: email, title: Welcome}
        journeys:
          - id: welcome-series
            trigger: joined
            steps:
              - send: welcome
    """
    lang = ctx.lang
    seg = ctx.segment
    sent = {c.message for c in seg.campaigns}
    sent |= {ref for j in seg.journeys for ref, _path in journey_sends(j.steps, ())}
    for i, m in enumerate(seg.messages):
        if m.id in sent:
            continue
        yield Finding(
            lang._("message '{id}' (`kind: {kind}`) is sent by no campaign and no journey").format(
                id=m.id, kind=m.kind),
            ("messages", i, "id"),
            lang._("add a campaign with `message: {id}` under `campaigns:`, or a `- send: {id}` step "
                   "to a journey, in {file}; or remove the message if the plan does not use "
                   "it").format(id=m.id, file=ctx.file.file),
            item=m.id)


@rule("L803", Severity.WARNING, scope="plan")
def missing_group(plan: Plan) -> Iterator[Finding]:
    """The plan has a segment in each lifecycle group.

    The groups: interested (suspect, prospect), engaged (customer, loyal),
    passive and lost (passive, lost). Customers of a group without a segment
    are nobody's responsibility. Reported at the playbook, once per missing
    group; not judged while a segment file does not validate (its stage is
    unknown).

    Fails:
        # segments/: interested.yaml (stage: prospect), engaged.yaml (stage: customer)
        # no segment of stage passive or lost
    Passes:
        # segments/: interested.yaml (stage: prospect), engaged.yaml (stage: customer),
        # passive-lost.yaml (stage: passive)
    """
    lang = plan.language
    if plan.playbook_doc is None or not all(sf.segment for sf in plan.segment_files):
        return
    stages = dict(GROUPS)
    for group in missing_groups(seg.stage for _sf, seg in plan.segments):
        needs = _and([lang._("a message with {kinds}").format(kinds=_kinds(kinds, lang))
                      for kinds in NEEDS[group]], lang)
        example = display_path(plan.root / SEGMENTS / f"{group}.yaml")
        yield Finding(
            lang._("the plan has no segment in the lifecycle group {group}").format(
                group=_group(group, lang)),
            (), lang._("add a segment file such as {file} with {stage}, its goals, and under "
                       "`messages:` {needs}, each sent by a campaign or a journey").format(
                file=example, stage=_or([f"`stage: {s}`" for s in stages[group]], lang),
                needs=needs),
            absolute=True, file=plan.playbook_doc.file)


@rule("L804", Severity.WARNING, scope="segment")
def missing_stage_message(ctx: SegmentContext) -> Iterator[Finding]:
    """A segment has the messages its lifecycle stage needs.

    Suspects and prospects need a `welcome`; customers and loyal customers a
    `survey`; passive and lost customers a `reactivation` or `win-back` offer,
    a `survey` asking why their interest dropped, and a `welcome-back` once
    they return. One finding per missing message, at `messages:`. When
    another segment sends it for these customers, say so with
    `waive: {L804: reason}` on this segment.

    Fails:
        stage: passive
        messages:
          - {id: winback-offer, kind: win-back, channel: email, title: 15 % off}
    Passes:
        stage: passive
        messages:
          - {id: winback-offer, kind: win-back, channel: email, title: 15 % off}
          - {id: why-survey, kind: survey, channel: email, title: What changed?}
          - {id: welcome-back, kind: welcome-back, channel: email, title: Good to see you}
    """
    lang = ctx.lang
    seg = ctx.segment
    path: tuple[str | int, ...] = ("messages",) if "messages" in seg.model_fields_set else (
        "stage",)
    for need in coverage(seg):
        if need.met:
            continue
        yield Finding(
            lang._("the segment (stage {stage}) has no message with {kinds}: {why}").format(
                stage=seg.stage, kinds=_kinds(need.kinds, lang), why=_why(need.kinds, seg.stage, lang)),
            path,
            lang._("add a message with {kinds} under `messages:` in {file}, and send it from a "
                   "campaign (`message: <id>`) or a journey (`- send: <id>`); or, if another segment "
                   "sends it to these customers, add `waive: {{L804: <reason>}}` to this "
                   "segment").format(kinds=_kinds(need.kinds, lang), file=ctx.file.file),
            at_key=True)
