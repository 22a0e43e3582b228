"""The plan's calendar: campaign occurrences, goal deadlines and KPI measurement dates.

Semantics, for the rules and the site alike:

- A campaign runs from `start` to `end` (inclusive; `end` defaults to `start`).
  With `repeat` (see `planner.derive.recurrence`) every date of the RRULE,
  expanded by dateutil with DTSTART = `start`, begins one occurrence of the
  same length. A campaign whose `end` is before its `start` (a P008 error)
  counts as one day long.
- `occurrences()` keeps the occurrences that overlap the plan period and does
  not cut their dates: one that runs past the period's end keeps its real end
  (P008 reports it). An open rule (no COUNT, no UNTIL) repeats through the
  plan period.
- `Occurrence.index` is the occurrence's number in its series, counted from 0
  at the first date of the rule, so it stays the same when the period or
  other campaigns change.
- Goal deadlines: the last day of the `due` span (`2027-Q2` -> 30 June 2027),
  when it lies in the plan period; unparseable dues are skipped (T502 reports them).
- KPI measurement dates (the "annual clock"), each the last day of the span
  measured, within the plan period: `weekly` every Sunday (the end of the ISO
  week), `monthly` the last day of each month, `quarterly` the last day of each
  calendar quarter (31 March, 30 June, 30 September, 31 December), `yearly`
  the last day of the plan period.
- `entries()` sorts by date, then deadlines before measurements before
  campaigns, then segment and id. UIDs are `<kind>-<segment>-<id>-<YYYYMMDD>@planner`.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from planner.derive.goal_facts import GoalFacts, goal_facts
from planner.derive.recurrence import rrule_dates
from planner.model import Campaign, Goal, Kpi, Message, Playbook, Segment
from planner.plan import Plan
from planner.recurrence_rules import is_valid_rrule

# In the order entries of one day are sorted (see the module doc).
EntryKind = Literal["deadline", "measurement", "campaign"]
_KIND_ORDER = {kind: i for i, kind in enumerate(get_args(EntryKind))}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One dated run of a campaign."""

    segment: str
    campaign: Campaign
    start: dt.date
    end: dt.date
    index: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def starts(campaign: Campaign, through: dt.date) -> tuple[dt.date, ...]:
    """The start dates of every occurrence of `campaign` up to `through`, in order."""
    return _starts(campaign.repeat, campaign.start, through)


def length(campaign: Campaign) -> dt.timedelta:
    """How long each occurrence runs after its start day (0 for a one-day campaign)."""
    return max(campaign.last_day - campaign.start, dt.timedelta(0))


def start_ordinals(campaign: Campaign, first: dt.date, last: dt.date,
                   starts_: tuple[dt.date, ...] | None = None) -> tuple[int, ...]:
    """The start days (as ordinals) of the occurrences that overlap `first`..`last`: the
    cheap form of `campaign_occurrences` for counting (no objects per occurrence).
    `starts_`: the campaign's `starts()` through `last` or later, when the caller has them."""
    lo, hi = first.toordinal() - length(campaign).days, last.toordinal()
    days = starts(campaign, last) if starts_ is None else starts_
    return tuple(o for o in (d.toordinal() for d in days) if lo <= o <= hi)


def _starts(repeat: str | None, start: dt.date, through: dt.date) -> tuple[dt.date, ...]:
    if repeat is not None and is_valid_rrule(repeat, start):
        return rrule_dates(repeat, start, through)
    # no rule, or one P004 refuses (never from a validated model): the start date alone
    return (start,) if start <= through else ()


def series(campaign: Campaign, segment_id: str, through: dt.date) -> list[Occurrence]:
    """Every occurrence of `campaign` that starts on or before `through`, in order."""
    span = length(campaign)
    return [Occurrence(segment_id, campaign, s, s + span, i)
            for i, s in enumerate(starts(campaign, through))]


def campaign_occurrences(campaign: Campaign, segment_id: str, first: dt.date, last: dt.date
                         ) -> list[Occurrence]:
    """The occurrences of one campaign that overlap the days `first`..`last`."""
    span = length(campaign)
    return [Occurrence(segment_id, campaign, s, s + span, i)
            for i, s in enumerate(starts(campaign, last)) if s + span >= first]


def occurrences(playbook: Playbook, segment: Segment, segment_id: str) -> list[Occurrence]:
    """All campaign occurrences of a segment that overlap the plan period, by start date
    (computed once per segment into `planner.derive.facts.SegmentFacts`)."""
    out: list[Occurrence] = []
    for c in segment.campaigns:
        out += campaign_occurrences(c, segment_id, playbook.start, playbook.end)
    out.sort(key=lambda o: (o.start, o.end, o.campaign.id, o.index))
    return out


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of the annual clock: a campaign occurrence, a goal deadline or a KPI
    measurement date. `uid` is stable across builds (for ICS)."""

    kind: EntryKind
    segment: str
    item: str
    title: str
    start: dt.date
    end: dt.date
    uid: str
    message: Message | None = None
    goal: Goal | None = None
    kpi: Kpi | None = None
    occurrence: Occurrence | None = None


def series_uid(kind: str, segment: str, item: str) -> str:
    """The UID of an item as a whole (a campaign with all its occurrences, a goal's
    deadline): it survives a change of date, so a subscribed calendar moves the event."""
    return f"{kind}-{segment}-{item}@planner"


def uid(kind: str, segment: str, item: str, day: dt.date) -> str:
    """The UID of one dated entry (one occurrence of a series)."""
    return f"{kind}-{segment}-{item}-{day:%Y%m%d}@planner"


def measurement_dates(measured: str | None, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days a KPI measured on `measured` is read within `first`..`last` (see module doc)."""
    if measured == "weekly":
        sunday = first + dt.timedelta(days=6 - first.weekday())
        return [sunday + dt.timedelta(weeks=w) for w in range((last - sunday).days // 7 + 1)]
    if measured in ("monthly", "quarterly"):
        step = 1 if measured == "monthly" else 3
        out = []
        for year, month in _months(first, last):
            if month % step == 0:
                day = dt.date(year, month, _cal.monthrange(year, month)[1])
                if first <= day <= last:
                    out.append(day)
        return out
    if measured == "yearly":
        return [last]
    return []


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def deadline(facts: GoalFacts, first: dt.date, last: dt.date) -> dt.date | None:
    """A goal's deadline, from its facts: the last day of its `due` span (`2027-Q2` -> 30 June
    2027) when it lies within `first`..`last` (the plan period); None otherwise, or when `due`
    is none of the notations (T502 reports it)."""
    due = facts.due
    return due.last if due is not None and first <= due.last <= last else None


def segment_entries(playbook: Playbook, segment: Segment, segment_id: str,
                    occurrences_: Iterable[Occurrence] | None = None) -> list[Entry]:
    """The annual clock of one segment, sorted by date; `occurrences_` are the segment's
    `occurrences()` when the caller has them already."""
    first, last = playbook.start, playbook.end
    messages = {m.id: m for m in segment.messages}
    out: list[Entry] = []
    if occurrences_ is None:
        occurrences_ = occurrences(playbook, segment, segment_id)
    for o in occurrences_:
        c = o.campaign
        out.append(Entry("campaign", segment_id, c.id, c.title, o.start, o.end,
                         uid("campaign", segment_id, c.id, o.start),
                         message=messages.get(c.message), occurrence=o))
    kpis = {k.id: k for k in segment.kpis}
    for g in segment.goals:
        facts = goal_facts(g)
        day = deadline(facts, first, last)
        if day is None:
            continue
        kpi = kpis.get(facts.kpi) if facts.kpi is not None else None
        out.append(Entry("deadline", segment_id, g.id, facts.title or g.id, day, day,
                         uid("deadline", segment_id, g.id, day), goal=g, kpi=kpi))
    for k in segment.kpis:
        for day in measurement_dates(k.measured, first, last):
            out.append(Entry("measurement", segment_id, k.id, k.name, day, day,
                             uid("measurement", segment_id, k.id, day), kpi=k))
    out.sort(key=entry_order)
    return out


def entry_order(e: Entry) -> tuple[dt.date, int, str, str, dt.date]:
    """The clock's order (see module doc): the sort key of `entries()`."""
    return (e.start, _KIND_ORDER[e.kind], e.segment, e.item, e.end)


def entries(plan: Plan) -> list[Entry]:
    """The annual clock of every valid segment of the plan, sorted by date; [] without a
    valid playbook."""
    if plan.playbook is None:
        return []
    out: list[Entry] = []
    for sf, segment in plan.segments:
        out += segment_entries(plan.playbook, segment, sf.id)
    out.sort(key=entry_order)
    return out
