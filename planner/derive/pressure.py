"""Contact pressure: the most messages one customer of a segment can receive in a week or a month.

Window semantics (rolling, not calendar): a "week" is any 7 consecutive days
and a "month" any 30 consecutive days, wherever they start; 17-23 March is a
week as much as Monday to Sunday is, and 28 January to 3 February catches a
burst that calendar weeks or months would split in two. A customer feels the
rolling count, which is why contact policies are read this way.

What counts:

- every campaign occurrence (see `planner.derive.calendar`) is one message,
  counted on its start date, however many days it runs;
- every journey of the segment, entered at its worst moment: the most sends
  along any of its paths that fall within the window, with its waits laid
  out (`journeys.sends_along_worst_path`). Journeys are per-customer timers,
  so each can line up with the worst campaign window independently, and each
  is counted once (a customer goes through a journey once at a time).

So `count = max over window positions of campaign starts in the window + sum
of each journey's max sends in a window of that length`. Campaign starts are
swept in sorted order (no day-by-day loop). The worst position is the
earliest window that reaches the maximum; `start` is its first day (the
first day of the plan period when there are no campaign occurrences).

Caps: the segment's `contact_policy`, field by field, falling back to the
playbook's.

Purpose: only marketing messages count toward the caps. Messages with
`purpose: service` (order notices, contractual reminders) are counted apart,
the same way, with no cap (`worst_case(..., purpose="service")`), so the site
can show them next to the marketing pressure.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from planner.derive.facts import SegmentFacts, segment_facts
from planner.derive.journeys import purpose_of, sends_in_windows
from planner.model import Playbook, Segment
from planner.vocabulary import Purpose, Window

WINDOWS: dict[Window, int] = {"week": 7, "month": 30}
_CAP_FIELD: dict[Window, str] = {"week": "max_per_week", "month": "max_per_month"}


@dataclass(frozen=True, slots=True)
class Pressure:
    window: Window
    days: int
    count: int
    cap: int | None
    start: dt.date
    campaigns: tuple[tuple[str, int], ...] = ()  # (campaign id, occurrences starting in the window)
    journeys: tuple[tuple[str, int], ...] = ()  # (journey id, sends within the window)

    @property
    def over(self) -> bool:
        return self.cap is not None and self.count > self.cap

    @property
    def end(self) -> dt.date:
        """The last day of the worst window."""
        return self.start + dt.timedelta(days=self.days - 1)


def cap(playbook: Playbook, segment: Segment, window: Window) -> int | None:
    name = _CAP_FIELD[window]
    own: int | None = getattr(segment.contact_policy, name, None) if segment.contact_policy else None
    default: int | None = getattr(playbook.contact_policy, name)
    return own if own is not None else default


def busiest_window(starts: list[int], days: int) -> tuple[int, int]:
    """(count, index of its first start) of the earliest `days`-long window holding the
    most of `starts` (sorted day numbers, e.g. date ordinals)."""
    best, at = 0, 0
    for i, s in enumerate(starts):
        n = bisect_left(starts, s + days, lo=i) - i
        if n > best:
            best, at = n, i
    return best, at


def worst_case(playbook: Playbook, segment: Segment, segment_id: str,
               purpose: Purpose = "marketing", facts: SegmentFacts | None = None
               ) -> dict[Window, Pressure]:
    """The worst rolling week and month for one customer of the segment, counting the
    messages of one `purpose` (see module doc); service messages have no cap. `facts`: the
    segment's `SegmentFacts` (journey graphs, campaign start days), made here when not given."""
    if facts is None:
        facts = segment_facts(segment, segment_id, playbook.start, playbook.end)
    graphs = facts.graphs
    messages = {m.id: m for m in segment.messages}
    per = [(c.id, ords) for c, ords in zip(segment.campaigns, facts.ordinals, strict=True)
           if purpose_of(messages.get(c.message)) == purpose]
    starts = sorted(o for _cid, ords in per for o in ords)
    lengths = tuple(float(d) for d in WINDOWS.values())
    journey_sends = [(g.journey.id, dict(zip(WINDOWS, sends_in_windows(g, lengths, purpose),
                                             strict=True)))
                     for g in graphs]
    out: dict[Window, Pressure] = {}
    for window, days in WINDOWS.items():
        n, at = busiest_window(starts, days)
        first = starts[at] if starts else playbook.start.toordinal()
        found: list[tuple[int, str, int]] = []  # (first start in window, campaign id, count)
        if n:
            for cid, ords in per:
                lo = bisect_left(ords, first)
                k = bisect_left(ords, first + days) - lo
                if k:
                    found.append((ords[lo], cid, k))
            found.sort()
        per_campaign = [(cid, k) for _o, cid, k in found]
        per_journey = [(jid, counts[window]) for jid, counts in journey_sends if counts[window]]
        out[window] = Pressure(
            window=window,
            days=days, count=n + sum(k for _, k in per_journey),
            cap=cap(playbook, segment, window) if purpose == "marketing" else None,
            start=dt.date.fromordinal(first),
            campaigns=tuple(per_campaign), journeys=tuple(per_journey))
    return out


def room(playbook: Playbook, segment: Segment, campaign_id: str,
         worst: dict[Window, Pressure] | None = None, facts: SegmentFacts | None = None
         ) -> list[tuple[dt.date, dt.date]]:
    """Where the campaign could start instead without any rolling week or month going over
    its cap: ranges (first, last) of start dates, all its occurrences moved by the same
    number of days and kept inside the plan period. A repeating campaign is only tried
    within a month either way (further moves repeat the same pattern). Empty when no
    date fits, e.g. because the journeys alone fill a cap."""
    if facts is None:
        facts = segment_facts(segment, "", playbook.start, playbook.end)
    worst = worst if worst is not None else worst_case(playbook, segment, "", facts=facts)
    room_left = {p.window: p.cap - sum(k for _j, k in p.journeys)
                 for p in worst.values() if p.cap is not None}
    index = next((i for i, c in enumerate(segment.campaigns) if c.id == campaign_id), None)
    if index is None or any(n <= 0 for n in room_left.values()):
        return []
    campaign, own = segment.campaigns[index], facts.ordinals[index]
    if not own:
        return []
    others = sorted(o for i, ords in enumerate(facts.ordinals) if i != index for o in ords)
    origin = campaign.start.toordinal()
    rel = [o - origin for o in own]
    span = (campaign.last_day - campaign.start).days
    lo = playbook.start.toordinal() - rel[0]
    hi = playbook.end.toordinal() - span - rel[-1]
    if len(rel) > 1:
        lo, hi = max(lo, origin - 31), min(hi, origin + 31)

    def fits(start: int) -> bool:
        moved = [start + r for r in rel]
        for window, left in room_left.items():
            days = WINDOWS[window]
            for o in moved:
                for x in range(o - days + 1, o + 1):
                    n = (bisect_left(others, x + days) - bisect_left(others, x)
                         + bisect_left(moved, x + days) - bisect_left(moved, x))
                    if n > left:
                        return False
        return True

    ranges: list[tuple[dt.date, dt.date]] = []
    run: list[int] = []
    for start in range(lo, hi + 1):
        if fits(start):
            run.append(start)
        elif run:
            ranges.append((dt.date.fromordinal(run[0]), dt.date.fromordinal(run[-1])))
            run = []
    if run:
        ranges.append((dt.date.fromordinal(run[0]), dt.date.fromordinal(run[-1])))
    return ranges
