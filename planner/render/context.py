"""What the page templates see: the plan and its derived facts, shaped for display.

Built once per rendering from the Plan and the diagnostics (in `planner serve`, with
the views of the unchanged segments taken from the last rendering's); every page is a
function of this `Site`. Nothing here writes markup except the diagrams'
modules it calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from planner.dates import Span
from planner.derive import calendar as cal
from planner.derive import journeys as jrn
from planner.derive import lifecycle as lc
from planner.derive import pressure as prs
from planner.derive import revenue as rev
from planner.derive import usage
from planner.derive.facts import SegmentFacts, segment_facts
from planner.derive.goal_facts import GoalFacts, goal_facts
from planner.diagnostics import Diagnostic
from planner.holidays import Calendar, Holiday, marked
from planner.i18n import Language
from planner.model import AnchoredDate, Campaign, Goal, Journey, Kpi, Message, Objective, Segment
from planner.plan import Plan
from planner.render import labels
from planner.render.bidi import isolate_text, ui_text
from planner.render.fmt import Formatter
from planner.render.health import GoalHealth, Health, badge_row, health
from planner.render.journey_svg import diagram, has_delay
from planner.render.links import href
from planner.render.svg import color
from planner.render.tracking import Tracking
from planner.vocabulary import STAGES, Purpose


@dataclass(slots=True)
class GoalView:
    segment_id: str
    goal: Goal
    kpi: Kpi | None
    health: GoalHealth
    badges: Markup  # its S/M/A/R/T badges, rendered once for every page that lists it
    title: str
    baseline: str
    target: str
    due: str
    start: str
    owner: str
    objective: Objective | None
    share: float | None
    facts: GoalFacts
    served_by: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, title)

    @property
    def id(self) -> str:
        return self.goal.id


@dataclass(slots=True)
class CampaignView:
    campaign: Campaign
    message: Message | None
    occurrences: list[cal.Occurrence]
    when: str
    repeat: str
    goals: list[GoalView]
    anchors: list[str] = field(default_factory=list)  # "7 days before Midsummer Eve"


@dataclass(slots=True)
class JourneyView:
    segment_id: str
    journey: Journey
    graph: jrn.Graph
    trigger: str
    goals: list[GoalView]
    sends: int
    svg: Markup


@dataclass(slots=True)
class PressureView:
    window: str
    label: str
    count: int
    cap: int | None
    over: bool
    when: str
    items: list[str]

    @property
    def percent(self) -> float:
        return 100.0 if not self.cap else min(100.0, 100.0 * self.count / self.cap)


@dataclass(slots=True)
class WaiverView:
    """A `waive:` entry of a segment and the findings it silenced (none: it is stale)."""

    rule: str
    reason: str
    silenced: list[Diagnostic]


@dataclass(slots=True)
class GroupView:
    """One lifecycle group on the home page: its segments and their stage messages."""

    group: str
    label: str
    stages: str  # the group's stages, as display text
    segments: list[SegmentView]


@dataclass(slots=True)
class SegmentView:
    id: str
    segment: Segment
    index: int
    color: str
    stage_label: str
    consent_label: str
    revenue: rev.Revenue
    pressure: list[PressureView]
    goals: list[GoalView]
    campaigns: list[CampaignView]
    journeys: list[JourneyView]
    messages_used: dict[str, list[str]]
    service_pressure: list[PressureView]  # messages with `purpose: service`, not capped
    waivers: list[WaiverView]
    coverage: list[lc.Need]  # the messages the segment's stage needs (L804)

    @property
    def has_service(self) -> bool:
        return any(m.purpose == "service" for m in self.segment.messages)

    @property
    def page(self) -> str:
        return f"segments/{self.id}.md"

    @property
    def name(self) -> str:
        return self.segment.name

    @property
    def owner(self) -> str:
        return self.segment.owner or ""


@dataclass(frozen=True, slots=True)
class SegmentInputs:
    """What a segment's views are derived from, besides the site's `shared` inputs: equal
    inputs, equal views (see `Site`)."""

    id: str
    index: int  # its place in the plan's order: its colour
    # Its file's text, which gives its model under the same playbook. Not the model: an
    # anchored date equals the plain date it falls on, whatever the holiday it names.
    source: str
    diagnostics: tuple[Diagnostic, ...]  # those of its file: badges, waivers


@dataclass(frozen=True, slots=True)
class SegmentPart:
    inputs: SegmentInputs
    entries: list[cal.Entry]
    view: SegmentView


def _diagnostics_by_segment(plan: Plan, diagnostics: list[Diagnostic]
                            ) -> dict[str, list[Diagnostic]]:
    """Each segment's findings: those about it and those in its file."""
    of_file = {sf.file: sf.id for sf in plan.segment_files}
    out: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        for sid in {d.segment, of_file.get(d.file)} - {None}:
            assert sid is not None
            out.setdefault(sid, []).append(d)
    return out


class Site:
    """The plan, ready to be rendered (see module doc)."""

    def __init__(self, plan: Plan, diagnostics: list[Diagnostic], directory_urls: bool = True,
                 previous: Site | None = None) -> None:
        if plan.playbook is None:
            raise ValueError("a site needs a plan whose playbook validated")
        self.plan = plan
        self.playbook = plan.playbook
        self.diagnostics = diagnostics
        self.directory_urls = directory_urls
        self.language = self.playbook.language
        self.lang = plan.language
        self.start: dt.date = self.playbook.start
        self.end: dt.date = self.playbook.end
        # What each segment is derived from (see `SegmentInputs`); `previous`, the site of
        # the last rendering (`planner serve`), lends the parts of the segments whose
        # inputs are equal, whose views are then the same.
        # the playbook's text, which gives its model (a plan made in code has only the model)
        self.shared = (plan.playbook_doc.text if plan.playbook_doc else self.playbook,
                       self.lang.code, directory_urls)
        findings = _diagnostics_by_segment(plan, diagnostics)
        self.inputs = {sf.id: SegmentInputs(sf.id, index, sf.doc.text,
                                            tuple(findings.get(sf.id, ())))
                       for index, (sf, _seg) in enumerate(plan.segments)}
        lent: dict[str, SegmentPart] = (previous.parts if previous is not None
                                        and previous.shared == self.shared else {})
        self.reused = frozenset(sid for sid, inputs in self.inputs.items()
                                if sid in lent and lent[sid].inputs == inputs)
        # Derived once per segment, for every page (see planner.derive.facts).
        occurrences = {sf.id: cal.occurrences(self.playbook, seg, sf.id)
                       for sf, seg in plan.segments if sf.id not in self.reused}
        facts = {sf.id: segment_facts(seg, sf.id, self.playbook.start, self.playbook.end)
                 for sf, seg in plan.segments if sf.id not in self.reused}
        segment_entries = {sf.id: lent[sf.id].entries if sf.id in self.reused else
                           cal.segment_entries(self.playbook, seg, sf.id, occurrences[sf.id])
                           for sf, seg in plan.segments}
        self.entries = sorted((e for entries in segment_entries.values() for e in entries),
                              key=cal.entry_order)
        self.entries_by_segment: dict[str, list[cal.Entry]] = {}
        for e in self.entries:
            self.entries_by_segment.setdefault(e.segment, []).append(e)
        # The dates and spans the pages repeat, formatted once (see planner.render.fmt).
        self.fmt = Formatter(self.playbook.language, self.playbook.currency,
                             period=(self.start, self.end),
                             spans=[(e.start, e.end) for e in self.entries])
        self.dir = self.fmt.dir
        self.rtl = self.fmt.rtl
        keys = [(sf.id, g.id) for sf, seg in plan.segments for g in seg.goals]
        self.health: Health = health(keys, diagnostics, self.lang)
        self.revenue = rev.plan_revenue(plan)
        self.customers = rev.plan_customers(plan)
        self.segments = [lent[sf.id].view if sf.id in self.reused else
                         self._segment(i, sf.id, seg, occurrences[sf.id], facts[sf.id])
                         for i, (sf, seg) in enumerate(plan.segments)]
        self.parts: dict[str, SegmentPart] = {v.id: SegmentPart(self.inputs[v.id], segment_entries[v.id], v)
                      for v in self.segments}
        self.objectives = self.playbook.objectives
        self.holidays = _holidays(plan)
        # Measured values, for a plan that records them (plans/actuals/); else None.
        self.tracking = Tracking(plan, self.fmt) if plan.actuals is not None else None

    def measurements(self, segment_id: str) -> list[tuple[dt.date, list[str]]]:
        """A segment's KPI measurement dates, each with the KPIs read that day (several KPIs
        read on one day make one mark, as they would overlap anyway)."""
        days: dict[dt.date, list[str]] = {}
        for e in self.entries_by_segment.get(segment_id, []):
            if e.kind == "measurement":
                days.setdefault(e.start, []).append(e.title)
        return sorted(days.items())

    # -- links -----------------------------------------------------------------------------
    def link(self, target: str, page: str) -> str:
        return href(target, page, self.directory_urls)

    # -- views -----------------------------------------------------------------------------
    def _span_text(self, span: Span | None, raw: object) -> str:
        if span is None:
            return "" if raw is None else str(raw)
        if span.precision == "day":
            return self.fmt.date(span.first)
        if span.precision == "month":
            return self.fmt.month_year(span.first)
        return self.fmt.quarter(span.first)

    def _goal(self, sid: str, segment: Segment, goal: Goal, derived: SegmentFacts
              ) -> GoalView:
        kpi = derived.kpis.get(goal.kpi) if isinstance(goal.kpi, str) else None
        unit = kpi.unit if kpi else None
        objective = next((o for o in self.playbook.objectives if o.id == goal.supports), None)
        facts = goal_facts(goal)
        title = facts.title or goal.id
        goal_health = self.health.goal(sid, goal.id)
        return GoalView(
            segment_id=sid, goal=goal, kpi=kpi, health=goal_health, badges=badge_row(goal_health),
            title=title,
            baseline=self.fmt.quantity(goal.baseline, unit), target=self.fmt.quantity(goal.target, unit),
            due=self._span_text(facts.due, goal.due) if goal.due is not None else "",
            start=self._span_text(facts.start, goal.start) if goal.start is not None else "",
            owner=goal.owner or segment.owner or "", objective=objective,
            share=rev.goal_share(goal, segment, self.playbook.currency), facts=facts)

    def _pressure(self, segment: Segment, facts: SegmentFacts, purpose: Purpose = "marketing"
                  ) -> list[PressureView]:
        lang = self.lang
        worst = prs.worst_case(self.playbook, segment, facts.segment_id, purpose, facts)
        titles = {c.id: c.title for c in segment.campaigns} | {j.id: j.title for j in segment.journeys}
        out = []
        for window in ("week", "month"):
            p = worst[window]
            items = [isolate_text(titles.get(cid, cid), lang.direction)
                     + (f" ×{self.fmt.number(n)}" if n > 1 else "")
                     for cid, n in p.campaigns]
            items += [ui_text(lang._("{journey} ({n} sends)"), lang.direction, journey=titles.get(jid, jid),
                              n=self.fmt.number(n))
                      if n > 1 else isolate_text(titles.get(jid, jid), lang.direction)
                      for jid, n in p.journeys]
            out.append(PressureView(window, labels.window(window, lang), p.count, p.cap, p.over,
                                    self.fmt.span(p.start, p.end), items))
        return out

    def _segment(self, index: int, sid: str, segment: Segment, occurrences: list[cal.Occurrence],
                 facts: SegmentFacts) -> SegmentView:
        lang = self.lang
        goals = [self._goal(sid, segment, g, facts) for g in segment.goals]
        by_id = {g.id: g for g in goals}
        for goal_id, users in usage.served_by(segment).items():
            if goal_id in by_id:
                by_id[goal_id].served_by.extend(users)
        messages = {m.id: m for m in segment.messages}
        campaigns = []
        for c in segment.campaigns:
            occs = [o for o in occurrences if o.campaign is c]
            first = occs[0] if occs else None
            when = self.fmt.span(first.start, first.end) if first else self.fmt.span(c.start, c.last_day)
            if c.repeat:
                repeat = lang.ngettext("{n} time in the plan period", "{n} times in the plan period",
                                  len(occs)).format(n=len(occs))
            else:
                repeat = ""
            campaigns.append(CampaignView(c, messages.get(c.message), occs, when, repeat,
                                          [by_id[g] for g in c.goals if g in by_id],
                                          anchor_texts(c, lang)))
        journeys = []
        for j, journey_graph in zip(segment.journeys, facts.graphs, strict=True):
            trigger = labels.trigger(j.trigger, lang)
            if has_delay(j.after):
                trigger = ui_text(lang._("{trigger}, after {after}"), lang.direction, trigger=trigger,
                                  after=self.fmt.duration(j.after))
            journeys.append(JourneyView(sid, j, journey_graph, trigger,
                                        [by_id[x] for x in j.goals if x in by_id],
                                        len(journey_graph.sends), diagram(journey_graph, self.fmt, lang)))
        return SegmentView(
            id=sid, segment=segment, index=index, color=color(index),
            stage_label=labels.stage(segment.stage, lang),
            consent_label=labels.consent(segment.consent, lang),
            revenue=rev.segment_revenue(segment), pressure=self._pressure(segment, facts),
            goals=goals, campaigns=campaigns, journeys=journeys,
            messages_used=usage.senders(segment, facts.graphs),
            service_pressure=self._pressure(segment, facts, "service"),
            waivers=[WaiverView(rule, reason, [d for d in self.diagnostics
                                               if d.segment == sid and d.rule == rule
                                               and d.waived == reason and d.item_kind != "goal"])
                     for rule, reason in segment.waive.items()],
            coverage=lc.coverage(segment))

    # -- plan-level summaries -----------------------------------------------------------------
    @property
    def goals(self) -> list[GoalView]:
        return [g for s in self.segments for g in s.goals]

    def goals_supporting(self, objective_id: str) -> list[GoalView]:
        return [g for g in self.goals if g.goal.supports == objective_id]

    @property
    def stages(self) -> list[tuple[str, str, str, list[SegmentView]]]:
        """(stage, label, hint, segments) along the lifecycle path."""
        lang = self.lang
        return [(s, labels.stage(s, lang), labels.stage_hint(s, lang),
                 [v for v in self.segments if v.segment.stage == s]) for s in STAGES]

    @property
    def groups(self) -> list[GroupView]:
        """The three lifecycle groups with their segments (L803, L804), in lifecycle order."""
        lang = self.lang
        return [GroupView(group, labels.group(group, lang), ", ".join(labels.stage(s, lang) for s in stages),
                          [v for v in self.segments if v.segment.stage in stages])
                for group, stages in lc.GROUPS]

    @property
    def period(self) -> str:
        return self.fmt.span(self.start, self.end) if self.start.year == self.end.year and (
            self.start, self.end) != (dt.date(self.start.year, 1, 1), dt.date(self.start.year, 12, 31)
        ) else (str(self.start.year) if self.start.year == self.end.year
                else f"{self.fmt.date(self.start)} – {self.fmt.date(self.end)}")


def anchor_texts(campaign: Campaign, lang: Language) -> list[str]:
    """How a campaign's holiday-anchored dates are given: "starts 7 days before Midsummer Eve"."""
    out = []
    for day, starts in ((campaign.start, True), (campaign.end, False)):
        if not isinstance(day, AnchoredDate):
            continue
        n, name = abs(day.offset), day.holiday_name
        if day.offset < 0:
            when = lang.ngettext("{n} day before {holiday}", "{n} days before {holiday}", n)
        elif day.offset > 0:
            when = lang.ngettext("{n} day after {holiday}", "{n} days after {holiday}", n)
        else:
            when = lang._("on {holiday}")
        text = when.format(n=n, holiday=isolate_text(name, lang.direction))
        out.append((lang._("starts {when}") if starts else lang._("ends {when}")).format(when=text))
    return out


def _holidays(plan: Plan) -> list[Holiday]:
    """The holidays the calendar and the clock mark (none without `holidays:` or anchors)."""
    playbook = plan.playbook
    assert playbook is not None
    anchors = {day.holiday for _sf, seg in plan.segments for c in seg.campaigns
               for day in (c.start, c.end) if isinstance(day, AnchoredDate)}
    if not playbook.holidays and not anchors:
        return []
    calendar = Calendar(tuple(playbook.holidays), playbook.start, playbook.end, playbook.language)
    return marked(calendar, anchors)
