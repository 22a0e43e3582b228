"""What the pages of the whole plan show of one segment, rendered once per segment.

The calendar shows a segment's lane (so does its own page) and lists its dates month by
month, the annual clock draws its ring, the home page lists its goals under their
objectives and has its rows and card, so has the segments overview, and the ICS feeds
carry its events. Each piece is a function of the segment's inputs
(`planner.render.context.SegmentInputs`), of what every page of the site shows
(`planner.render.Rendering.inputs`) and of `plan_inputs`: after an edit, `planner serve`
takes the fragments of the segments the edit left alone from the last rendering instead
of rendering them again (`planner.render.render`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from planner.derive.calendar import Entry
from planner.render import calendar_html, clock_svg, ics

if TYPE_CHECKING:
    from planner.render.context import SegmentView, Site


@dataclass(frozen=True, slots=True)
class HomeRows:
    """A segment's rows and cards on the home page."""

    progress: Markup  # goals by status (a tracked plan; else empty)
    revenue: Markup  # its revenue bar, on the scale of the largest segment's
    lifecycle: Markup
    coverage: Markup  # the messages its stage needs
    card: Markup


@dataclass(frozen=True, slots=True)
class SegmentFragments:
    lane: str  # its rows of the calendar grid
    ring: Markup  # its ring of the annual clock
    agenda: tuple[tuple[Entry, Markup], ...]  # its dated entries and their list items
    goals: Mapping[str, Markup]  # the home page's list item of each goal, by goal id
    home: HomeRows
    overview_row: Markup  # its row of the segments overview
    events: tuple[ics.Event, ...]  # its VEVENTs, but for their stamp


class PlanInputs(NamedTuple):
    """What fragments take from the whole plan."""

    segments: int  # their number: the clock's rings share the dial
    revenue_scale: float  # the largest segment's revenue: the scale of the revenue bars


def plan_inputs(site: Site) -> PlanInputs:
    return PlanInputs(len(site.segments), max((v.revenue.total for v in site.segments), default=0))


def segment_fragments(site: Site, view: SegmentView, plan: PlanInputs, macros: Any
                      ) -> SegmentFragments:
    """The fragments of `view`, given the `plan_inputs`; `macros` is the module of the
    template `_fragments.j2`."""
    agenda_item, goal_item, fmt = macros.agenda_item, macros.goal_item, site.fmt
    home, overview = "index.md", "segments/index.md"
    return SegmentFragments(
        lane=calendar_html.lane(site, view),
        ring=clock_svg.ring(site, view),
        agenda=tuple((e, Markup(agenda_item(e, view, site, fmt, "calendar.md")))
                     for e in site.entries_by_segment.get(view.id, [])
                     if e.kind != "measurement"),
        goals={g.id: Markup(goal_item(g, site, home)) for g in view.goals},
        home=HomeRows(
            progress=Markup(macros.home_progress(view, site, home)),
            revenue=Markup(macros.home_revenue(view, plan.revenue_scale, site, fmt, home)),
            lifecycle=Markup(macros.home_lifecycle(view, site, fmt, home)),
            coverage=Markup(macros.home_coverage(view, site, fmt, home)),
            card=Markup(macros.home_card(view, site, fmt, home))),
        overview_row=Markup(macros.segments_row(view, site, fmt, overview)),
        events=tuple(ics.segment_events(site, view)))
