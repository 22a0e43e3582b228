"""What the pages of the whole plan show of one segment, rendered once per segment.

The calendar shows a segment's lane (so does its own page) and lists its dates month by
month, the annual clock draws its ring, the home page lists its goals under their
objectives, and the ICS feeds carry its events. Each piece is a function of the segment's
inputs (`planner.render.context.SegmentInputs`), of what every page of the site shows
(`planner.render.Rendering.inputs`) and of the number of segments (the clock's rings
share the dial): after an edit, `planner serve` takes the fragments of the segments the
edit left alone from the last rendering instead of rendering them again
(`planner.render.render`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from planner.derive.calendar import Entry
from planner.render import calendar_html, clock_svg, ics

if TYPE_CHECKING:
    from planner.render.context import SegmentView, Site


@dataclass(frozen=True, slots=True)
class SegmentFragments:
    lane: str  # its rows of the calendar grid
    ring: Markup  # its ring of the annual clock
    agenda: tuple[tuple[Entry, Markup], ...]  # its dated entries and their list items
    goals: Mapping[str, Markup]  # the home page's list item of each goal, by goal id
    events: tuple[ics.Event, ...]  # its VEVENTs, but for their stamp


def segment_fragments(site: Site, view: SegmentView, macros: Any) -> SegmentFragments:
    """The fragments of `view`; `macros` is the module of the template `_fragments.j2`."""
    agenda_item, goal_item, fmt = macros.agenda_item, macros.goal_item, site.fmt
    return SegmentFragments(
        lane=calendar_html.lane(site, view),
        ring=clock_svg.ring(site, view),
        agenda=tuple((e, Markup(agenda_item(e, view, site, fmt, "calendar.md")))
                     for e in site.entries_by_segment.get(view.id, [])
                     if e.kind != "measurement"),
        goals={g.id: Markup(goal_item(g, site, "index.md")) for g in view.goals},
        events=tuple(ics.segment_events(site, view)))
