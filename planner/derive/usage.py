"""What each message and goal of a segment is used by: the campaigns and journeys that
send a message (its `message`, a journey's `send` steps) and that serve a goal (their
`goals:` lists)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.derive.journeys import Graph
from planner.model import Segment

# (kind, id, title) of a campaign or a journey.
User = tuple[str, str, str]


def senders(segment: Segment, graphs: Sequence[Graph]) -> dict[str, list[str]]:
    """Message id -> the titles of the campaigns and then the journeys that send it (a
    journey once, however many of its steps send it). Every message of the touch plan has a
    key, with an empty list when nothing sends it; so has an unknown id a campaign names.
    `graphs`: the segment's journey graphs (`SegmentFacts.graphs`)."""
    used: dict[str, list[str]] = {m.id: [] for m in segment.messages}
    for c in segment.campaigns:
        used.setdefault(c.message, []).append(c.title)
    for j, journey_graph in zip(segment.journeys, graphs, strict=True):
        for node in journey_graph.sends:
            if node.message is not None:
                titles = used.setdefault(node.message.id, [])
                if j.title not in titles:
                    titles.append(j.title)
    return used


def served_by(segment: Segment) -> dict[str, list[User]]:
    """Goal id -> the campaigns and then the journeys whose `goals:` name it, in plan order
    (a goal nothing serves has an empty list; ids that are no goal of the segment are left out)."""
    out: dict[str, list[User]] = {g.id: [] for g in segment.goals}
    for c in segment.campaigns:
        for g in c.goals:
            if g in out:
                out[g].append(("campaign", c.id, c.title))
    for j in segment.journeys:
        for g in j.goals:
            if g in out:
                out[g].append(("journey", j.id, j.title))
    return out
