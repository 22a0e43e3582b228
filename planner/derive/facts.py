"""What the rules and the site derive from one segment, computed once into a frozen value.

The house rule for caching (see README, "Layout"): a fact that several readers need is
computed once, by whoever holds its inputs, into an immutable value that is passed to
them; nothing is memoised on the identity of its arguments. The rule runner builds one
`SegmentFacts` per segment for every rule of that segment (J701 and C601 both read the
journey graphs), and the site one per segment for all its pages, with the segment's
campaign occurrences (which only the site reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from planner.derive.journeys import Graph, graph
from planner.model import Kpi, Segment


@dataclass(frozen=True, slots=True)
class SegmentFacts:
    """Of one segment: the graph of each journey (in the order of `segment.journeys`), the
    ids of the goals its campaigns and journeys serve, and its KPIs by id (the first of a
    repeated id), which goal rules look up once per goal."""

    segment_id: str
    graphs: tuple[Graph, ...]
    served_goals: frozenset[str]
    kpis: Mapping[str, Kpi]


def segment_facts(segment: Segment, segment_id: str) -> SegmentFacts:
    kpis: dict[str, Kpi] = {}
    for k in segment.kpis:
        kpis.setdefault(k.id, k)
    return SegmentFacts(
        segment_id,
        graphs=tuple(graph(j, segment) for j in segment.journeys),
        served_goals=frozenset([g for c in segment.campaigns for g in c.goals]
                               + [g for j in segment.journeys for g in j.goals]),
        kpis=MappingProxyType(kpis))
