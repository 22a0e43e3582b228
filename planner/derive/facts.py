"""What the rules and the site derive from one segment, computed once into a frozen value.

The house rule for caching (see README, "Layout"): a fact that several readers need is
computed once, by whoever holds its inputs, into an immutable value that is passed to
them; nothing is memoised on the identity of its arguments. The rule runner builds one
`SegmentFacts` per segment for every rule of that segment (J701 and C601 both read the
journey graphs; C601 and C603 the campaigns' start days), and the site one per segment for
all its pages, with the segment's campaign occurrences (which only the site reads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from planner.derive.calendar import start_ordinals, starts
from planner.derive.journeys import Graph, graph
from planner.model import Kpi, Segment
from planner.recurrence_rules import is_bounded

# How far past the period a rule with COUNT or UNTIL is followed, to see whether it goes on
# (P008): such a rule ends by itself, so this costs little.
LOOK_PAST = dt.timedelta(days=3660)


@dataclass(frozen=True, slots=True)
class SegmentFacts:
    """Of one segment: the graph of each journey (in the order of `segment.journeys`), the
    start dates of each campaign's occurrences up to the end of the plan period (`LOOK_PAST`
    further for a rule that ends by itself) and, as day ordinals, those that overlap the
    period (both in the order of `segment.campaigns`), the ids of the goals its campaigns and
    journeys serve, and its KPIs by id (the first of a repeated id), which goal rules look up
    once per goal."""

    segment_id: str
    graphs: tuple[Graph, ...]
    starts: tuple[tuple[dt.date, ...], ...]
    ordinals: tuple[tuple[int, ...], ...]
    served_goals: frozenset[str]
    kpis: Mapping[str, Kpi]


def segment_facts(segment: Segment, segment_id: str, first: dt.date, last: dt.date
                  ) -> SegmentFacts:
    """The facts of `segment` in the plan period `first`..`last`."""
    campaign_starts = tuple(
        starts(c, last + LOOK_PAST if c.repeat is not None and is_bounded(c.repeat) else last)
        for c in segment.campaigns)
    kpis: dict[str, Kpi] = {}
    for k in segment.kpis:
        kpis.setdefault(k.id, k)
    return SegmentFacts(
        segment_id,
        graphs=tuple(graph(j, segment) for j in segment.journeys),
        starts=campaign_starts,
        ordinals=tuple(start_ordinals(c, first, last, s)
                       for c, s in zip(segment.campaigns, campaign_starts, strict=True)),
        served_goals=frozenset([g for c in segment.campaigns for g in c.goals]
                               + [g for j in segment.journeys for g in j.goals]),
        kpis=MappingProxyType(kpis))
