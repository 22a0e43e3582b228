"""Plan integrity: the file can be read, its fields are known, ids and references hold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from planner import textmatch
from planner.derive.calendar import length
from planner.diagnostics import Severity
from planner.i18n import Language
from planner.model import SEGMENT_ITEMS, Campaign, Step
from planner.plan import Plan
from planner.rules import Finding, Rule, SegmentContext, all_rules, rule
from planner.suggest import did_you_mean
from planner.vocabulary import ITEM_KIND_LABELS, MESSAGE_KINDS, label


@rule("P001", Severity.ERROR, scope="loader")
def invalid_yaml(_ctx: object) -> Iterator[Finding]:
    """The file is valid YAML in UTF-8.

    Also refused: NUL bytes, nesting deeper than 64 levels, a missing playbook.yaml.

    Fails:
        name: Engaged customers
        definition: "Bought in the last 12 months
    """
    yield from ()


@rule("P002", Severity.ERROR, scope="loader")
def duplicate_key(_ctx: object) -> Iterator[Finding]:
    """A key appears only once in a mapping.

    Most YAML tools silently keep the last value, so a duplicated `target:`
    would hide the first one from review.

    Fails:
        goals:
          - id: repeat-rate
            target: 26
            target: 30
    """
    yield from ()


@rule("P003", Severity.ERROR, scope="loader")
def unknown_field(_ctx: object) -> Iterator[Finding]:
    """Every field is one the plan format knows (with a "did you mean").

    Fails:
        goals:
          - id: repeat-rate
            tagret: 26
    Passes:
        goals:
          - id: repeat-rate
            target: 26
    """
    yield from ()


@rule("P004", Severity.ERROR, scope="loader")
def wrong_type(_ctx: object) -> Iterator[Finding]:
    """Values have the right type and come from the field's vocabulary.

    YAML 1.1 yes/no words (`consent: no`) and impossible dates (`2027-13-01`)
    are refused here too.

    Fails:
        channel: e-mail
        customers: many
    Passes:
        channel: email
        customers: 2400
    """
    yield from ()


@rule("P005", Severity.ERROR, scope="loader")
def anchors_and_tags(_ctx: object) -> Iterator[Finding]:
    """No anchors, aliases, merge keys or tags: a plan reads the same to people and tools.

    Fails:
        contact_policy: &strict {max_per_week: 1}
        other: *strict
    """
    yield from ()


@rule("P013", Severity.WARNING, scope="loader")
def stray_file(_ctx: object) -> Iterator[Finding]:
    """Every YAML or CSV file under the plans directory is part of the plan.

    The plan is `playbook.yaml` (or `playbook.yml`), `segments/*.yaml` (or
    `.yml`), `wordlists/<language>.yaml` and `actuals/*.csv`; any other YAML or
    CSV file there is reported with where it belongs, instead of being ignored
    without a word.

    Fails:
        # plans/segment/vip.yaml (the folder is `segments/`)
        name: VIP customers
        stage: loyal
    Passes:
        # plans/segments/vip.yaml
        name: VIP customers
        stage: loyal
    """
    yield from ()


@rule("P006", Severity.ERROR, scope="plan")
def repeated_ids(plan: Plan) -> Iterator[Finding]:
    """Ids are valid and unique within their kind across the whole playbook.

    Ids appear in URLs and calendar UIDs, so two goals called `repeat-rate` in
    two segments would share a page anchor and a calendar event.

    Fails:
        # segments/engaged.yaml and segments/loyal.yaml
        goals:
          - id: repeat-rate
    Passes:
        goals:
          - id: engaged-repeat-rate
    """
    lang = plan.language
    # (kind, id) -> (file, field, index, segment) of each use: a `_Use` only for the repeated
    uses: defaultdict[tuple[str, str], list[tuple[str, str, int, str | None]]] = defaultdict(list)
    pb = plan.playbook
    if pb is not None and plan.playbook_doc is not None:
        for i, obj in enumerate(pb.objectives):
            uses["objective", obj.id].append(
                (plan.playbook_doc.file, "objectives", i, None))
    for sf, seg in plan.segments:
        for kind, field in SEGMENT_ITEMS:
            for i, item in enumerate(getattr(seg, field)):
                uses[kind, item.id].append((sf.file, field, i, sf.id))
    for (item_kind, item_id), places in uses.items():
        if len(places) > 1:
            yield from _repeats(item_kind, item_id, [
                _Use(file, (field, i, "id"), segment) for file, field, i, segment in places], lang)


@dataclass(frozen=True, slots=True)
class _Use:
    file: str
    path: tuple[str | int, ...]
    segment: str | None


def _repeats(kind: str, item_id: str, places: list[_Use], lang: Language) -> Iterator[Finding]:
    """Every use after the first; and the first too when a later one is in another file, so that
    checking either file alone (a pre-commit hook) shows the collision."""
    hint = lang._("give each {kind} its own id, e.g. prefix it with the segment id").format(
        kind=label(ITEM_KIND_LABELS, kind, lang))
    first, *later = places
    other_files = sorted({p.file for p in later} - {first.file})
    if other_files:
        yield Finding(
            lang._("the {kind} id '{id}' is used again in {where}").format(
                kind=label(ITEM_KIND_LABELS, kind, lang), id=item_id, where=", ".join(other_files)),
            first.path, hint=hint, absolute=True, file=first.file, segment=first.segment, item=item_id)
    for use in later:
        yield Finding(
            lang._("the {kind} id '{id}' is already used in {where}").format(
                kind=label(ITEM_KIND_LABELS, kind, lang), id=item_id, where=first.file),
            use.path, hint=hint, absolute=True, file=use.file, segment=use.segment, item=item_id)


def journey_sends(steps: list[Step], path: tuple[str | int, ...]
           ) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    for i, step in enumerate(steps):
        if step.send is not None:
            yield step.send, (*path, i, "send")
        elif step.branch is not None:
            yield from journey_sends(step.branch.then, (*path, i, "branch", "then"))
            yield from journey_sends(step.branch.else_, (*path, i, "branch", "else"))


def _suggest(name: str, known: list[str], lang: Language) -> str:
    return did_you_mean(name, known, lang, known=lang._("known here: {names}"))


@rule("P007", Severity.ERROR, scope="segment")
def dangling_reference(ctx: SegmentContext) -> Iterator[Finding]:
    """Every reference names something that exists in the segment.

    A campaign's `message`, a journey's `send` steps and the `goals:` lists of
    campaigns and journeys name ids of the same segment.

    Fails:
        campaigns:
          - id: spring-offer
            message: ofer
    Passes:
        campaigns:
          - id: spring-offer
            message: offer
    """
    lang = ctx.lang
    seg = ctx.segment
    messages = [m.id for m in seg.messages]
    goals = [g.id for g in seg.goals]
    message_ids, goal_ids = set(messages), set(goals)
    for i, c in enumerate(seg.campaigns):
        if c.message not in message_ids:
            yield Finding(lang._("campaign '{id}' sends the message '{ref}', which this segment does "
                                 "not define").format(id=c.id, ref=c.message),
                          ("campaigns", i, "message"), _suggest(c.message, messages, lang), item=c.id)
        for j, g in enumerate(c.goals):
            if g not in goal_ids:
                yield Finding(lang._("campaign '{id}' serves the goal '{ref}', which this segment does "
                                     "not define").format(id=c.id, ref=g),
                              ("campaigns", i, "goals", j), _suggest(g, goals, lang), item=c.id)
    for i, j_ in enumerate(seg.journeys):
        for ref, path in journey_sends(j_.steps, ("journeys", i, "steps")):
            if ref not in message_ids:
                yield Finding(lang._("journey '{id}' sends the message '{ref}', which this segment "
                                     "does not define").format(id=j_.id, ref=ref),
                              path, _suggest(ref, messages, lang), item=j_.id)
        for k, g in enumerate(j_.goals):
            if g not in goal_ids:
                yield Finding(lang._("journey '{id}' serves the goal '{ref}', which this segment does "
                                     "not define").format(id=j_.id, ref=g),
                              ("journeys", i, "goals", k), _suggest(g, goals, lang), item=j_.id)


@rule("P008", Severity.ERROR, scope="segment", needs=("period",))
def campaign_outside_period(ctx: SegmentContext) -> Iterator[Finding]:
    """Campaign dates lie inside the plan period, and a campaign ends on or after its start.

    A repeating campaign counts with all its occurrences: a `repeat` whose COUNT
    or UNTIL carries it past the end of the period, an occurrence that starts in
    the period but runs past its end, and a rule that yields no date in the
    period at all are reported at `repeat`. A rule without COUNT or UNTIL
    repeats through the plan period and stops there.

    Fails:
        # playbook.yaml: year: 2027
        campaigns:
          - id: black-friday
            start: 2026-11-27
          - id: monthly-news
            start: 2027-06-01
            repeat: FREQ=MONTHLY;COUNT=12     # runs to May 2028
    Passes:
        campaigns:
          - id: black-friday
            start: 2027-11-26
            end: 2027-11-29
          - id: monthly-news
            start: 2027-06-01
            repeat: FREQ=MONTHLY              # June to December 2027
    """
    lang = ctx.lang
    pb = ctx.playbook
    first, last = pb.start, pb.end
    for i, c in enumerate(ctx.segment.campaigns):
        if c.end is not None and c.end < c.start:
            yield Finding(lang._("campaign '{id}' ends ({end}) before it starts ({start})").format(
                id=c.id, end=c.end, start=c.start), ("campaigns", i, "end"),
                lang._("set `end` on or after `start`"), item=c.id)
        for field, day in (("start", c.start), ("end", c.end)):
            if day is not None and not first <= day <= last:
                yield Finding(
                    lang._("campaign '{id}' {field} {day} lies outside the plan period "
                           "{start} to {end}").format(id=c.id, field=field, day=day,
                                                 start=pb.start, end=pb.end),
                    ("campaigns", i, field),
                    lang._("move the campaign into the plan period, or plan it in next year's file"),
                    item=c.id)
        if c.repeat is not None:
            yield from _repeat_outside_period(ctx, i, c)


def _repeat_outside_period(ctx: SegmentContext, i: int, c: Campaign) -> Iterator[Finding]:
    lang = ctx.lang
    pb = ctx.playbook
    span = length(c)
    days = ctx.facts.starts[i]  # with a COUNT or UNTIL, followed past the period
    first, last = pb.start, pb.end
    inside = any(s + span >= first and s <= last for s in days)
    past = [s for s in days if s + span > last]
    where = ("campaigns", i, "repeat")
    if not inside and c.start <= pb.end and c.last_day >= pb.start:
        yield Finding(
            lang._("campaign '{id}' repeats as '{rule}', which gives no date in the plan period "
                   "{start} to {end}").format(id=c.id, rule=c.repeat, start=pb.start, end=pb.end),
            where, lang._("check the rule against `start`: with BYDAY, BYMONTHDAY or UNTIL the "
                          "start date itself is an occurrence only when it matches the rule"),
            item=c.id)
    elif past and c.last_day <= pb.end:
        if len(past) == 1:
            what = lang._("its occurrence from {first} to {last} runs past {end}").format(
                first=past[0], last=past[0] + span, end=pb.end)
        else:
            what = lang._("{n} of its occurrences run past {end}, from {first} to {last}").format(
                n=len(past), end=pb.end, first=past[0], last=past[-1])
        if past[0] > pb.end:
            hint = lang._("end the rule by the period's end, e.g. UNTIL={until}, or leave out COUNT "
                          "and UNTIL to repeat through the plan period").format(
                until=f"{pb.end:%Y%m%d}")
        else:
            hint = lang._("shorten the campaign, or stop the rule before that occurrence, e.g. "
                          "UNTIL={until}").format(until=f"{past[0] - dt.timedelta(days=1):%Y%m%d}")
        yield Finding(
            lang._("campaign '{id}' repeats past the plan period: {what}").format(id=c.id, what=what),
            where, hint, item=c.id)


@rule("P009", Severity.ERROR, scope="segment")
def outlook_sum(ctx: SegmentContext) -> Iterator[Finding]:
    """The revenue outlook's secure, uncertain and at-risk shares sum to 100.

    Fails:
        outlook: {secure: 40, uncertain: 40, at_risk: 30}
    Passes:
        outlook: {secure: 40, uncertain: 40, at_risk: 20}
    """
    lang = ctx.lang
    o = ctx.segment.outlook
    total = o.secure + o.uncertain + o.at_risk
    if abs(total - 100) > 1e-9:
        yield Finding(lang._("the outlook sums to {total:g} %, not 100 %").format(total=total),
                      ("outlook",), lang._("adjust secure, uncertain and at_risk so they sum to 100"))


@rule("P010", Severity.WARNING, scope="segment")
def unknown_message_kind(ctx: SegmentContext) -> Iterator[Finding]:
    """A message's `kind` comes from the touch-plan vocabulary (an open list: a warning).

    Known kinds: welcome, product-info, offer, education, loyalty-info,
    newsletter, preview, loyalty, event-reminder, interest-based, greeting,
    cross-sell, survey, reactivation, win-back, welcome-back, value-content,
    reward, reminder.

    Fails:
        kind: winback
    Passes:
        kind: win-back
    """
    lang = ctx.lang
    for i, m in enumerate(ctx.segment.messages):
        if m.kind not in MESSAGE_KINDS:
            yield Finding(lang._("message '{id}' has the unknown kind '{kind}'").format(
                id=m.id, kind=m.kind), ("messages", i, "kind"),
                did_you_mean(m.kind, MESSAGE_KINDS, lang, field="kind", known=lang._("known kinds: {names}")),
                item=m.id)


@rule("P011", Severity.ERROR, scope="segment")
def unknown_waiver(ctx: SegmentContext) -> Iterator[Finding]:
    """A `waive` names a rule that exists and is checked at that level.

    A goal waives rules checked per goal (S, M, A, R, T); a segment waives
    rules checked per segment (such as C603, L801, L802, L804). A rule of the
    other level is refused rather than ignored: a segment-wide waiver of a goal
    rule would also silence goals added later, whose titles nobody reviewed
    against it, and a goal cannot own a finding about its whole segment. Rules
    of the whole plan (L803, P006), of the loader (P001-P005) and the errors of
    a broken plan (P007-P009 and the other P errors) cannot be waived.

    Fails:
        waive: {S999: "typo"}
    Passes:
        waive: {S102: "'Better Coffee' is our product name"}
    """
    lang = ctx.lang
    rules = all_rules()
    known = list(rules)
    for i, goal in enumerate(ctx.segment.goals):
        for rule_id in goal.waive:
            yield from _waiver_problem(rules.get(rule_id), "goal", rule_id, known, Finding(
                lang._("goal '{id}' waives '{rule}', which is not a rule").format(
                    id=goal.id, rule=rule_id), ("goals", i, "waive", rule_id), at_key=True,
                item=goal.id), lang)
    for rule_id in ctx.segment.waive:
        yield from _waiver_problem(rules.get(rule_id), "segment", rule_id, known, Finding(
            lang._("the segment waives '{rule}', which is not a rule").format(rule=rule_id),
            ("waive", rule_id), at_key=True), lang)


def _waiver_problem(found: Rule | None, level: str, rule_id: str, known: list[str],
                    unknown: Finding, lang: Language) -> Iterator[Finding]:
    """`unknown` (with a "did you mean") when the rule does not exist; a finding at the same
    place when it exists but is not checked at `level` ("goal" or "segment")."""
    if found is None:
        unknown.hint = _suggest(rule_id, known, lang)
        yield unknown
        return
    if found.id.startswith("P") and found.severity is Severity.ERROR:
        # A broken plan (a dangling reference, a date outside the period) is not a judgement
        # a team can disagree with: the site and the calendar would be built on it.
        message = lang._("'{rule}' reports a broken plan and cannot be waived").format(rule=rule_id)
        hint = lang._("remove the waiver; fix what the rule reports instead")
    elif found.scope == level:
        return
    elif found.scope == "goal":
        message = lang._("'{rule}' is checked per goal, so a segment cannot waive it").format(
            rule=rule_id)
        hint = lang._("move it to the `waive:` of each goal it does not apply to, with the reason "
                      "for that goal")
    elif found.scope == "segment":
        message = lang._("'{rule}' is checked per segment, so a goal cannot waive it").format(
            rule=rule_id)
        hint = lang._("move it to the segment's own `waive:` (at the top level of the segment "
                      "file)")
    else:
        message = lang._("'{rule}' is checked for the whole plan or when reading the files, and "
                         "cannot be waived").format(rule=rule_id)
        hint = lang._("remove the waiver; fix what the rule reports instead")
    yield Finding(message, unknown.path, hint, at_key=True, item=unknown.item)


@rule("P012", Severity.ERROR, scope="plan", needs=("language",))
def team_wordlist(plan: Plan) -> Iterator[Finding]:
    """The team's word list `plans/wordlists/<language>.yaml` can be read.

    It has the format of planner's own lists: categories (vague, soft, time,
    outcome, and, filler, months, allow) holding one word pattern per line.
    Until it is fixed, the bundled list is used.

    Fails:
        vague: [better
    Passes:
        vague:
          - synergy
        allow:
          - better coffee
    """
    lang = plan.language
    words = textmatch.plan_lists(plan)  # P012 needs no analyses of titles
    if words.problem is not None and words.file:
        yield Finding(
            lang._("the team word list cannot be used: {problem}").format(problem=words.problem.message),
            hint=lang._("fix the file (same format as planner's own word lists); until then the "
                        "bundled list is used"),
            absolute=True, file=words.file, item=words.file,
            position=(words.problem.line or 1, 1))
