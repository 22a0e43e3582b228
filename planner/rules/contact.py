"""Contact rules: how often, by which channel, and with what consent customers are contacted."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, match_skeleton
from babel.lists import format_list

from planner.derive.calendar import length
from planner.derive.lifecycle import GROUPS
from planner.derive.pressure import Pressure, room, worst_case
from planner.diagnostics import Severity
from planner.i18n import Language
from planner.rules import Finding, SegmentContext, rule
from planner.vocabulary import ELECTRONIC_CHANNELS, Window

_NOT_CUSTOMERS = dict(GROUPS)["interested"]  # suspects and prospects: no customer relationship


_DAYS = "yMMMMd"  # a span of days: 17-23 March 2027


def _days(start: dt.date, end: dt.date, lang: Language) -> str:
    return format_interval(start, end, skeleton=_interval_skeleton(_DAYS, lang.locale),
                           locale=lang.locale)


@cache
def _interval_skeleton(skeleton: str, locale: str) -> str:
    """The skeleton of `locale`'s interval formats that Babel uses for `skeleton`: Babel
    searches for it on every call (a finding that names a span of days would spend most of
    its time there). A pure function of Babel's locale data."""
    formats = Locale.parse(locale).interval_formats
    return skeleton if skeleton in formats else (match_skeleton(skeleton, formats) or skeleton)


def _items(p: Pressure, lang: Language) -> str:
    parts = [name if n == 1 else lang.ngettext("{id} ({n} send)", "{id} ({n} sends)", n).format(
        id=name, n=n) for name, n in (*p.campaigns, *p.journeys)]
    return ", ".join(parts)


@rule("C601", Severity.ERROR, scope="segment", needs=("period", "contact_policy"))
def contact_pressure(ctx: SegmentContext) -> Iterator[Finding]:
    """A customer receives no more messages in a week or a month than the contact policy allows.

    The worst case over any 7 and any 30 consecutive days (rolling windows, so
    a burst across a month end counts): every campaign occurrence is one
    message on its start date, and every journey of the segment adds the most
    sends it can make within the window along its heaviest path. The cap is the
    segment's `contact_policy`, field by field, else the playbook's. Too many
    touches and people unsubscribe: start small, raise if it works. Messages
    with `purpose: service` (order notices, contractual reminders) do not count.

    Fails:
        # playbook.yaml: contact_policy: {max_per_week: 2}
        campaigns:
          - {id: spring-offer, title: Spring offer, message: offer, start: 2027-03-17}
          - {id: spring-news, title: Spring news, message: news, start: 2027-03-18}
          - {id: spring-tips, title: Spring tips, message: tips, start: 2027-03-19}
    Passes:
        campaigns:
          - {id: spring-offer, title: Spring offer, message: offer, start: 2027-03-17}
          - {id: spring-news, title: Spring news, message: news, start: 2027-03-24}
    """
    lang = ctx.lang
    seg = ctx.segment
    worst = worst_case(ctx.playbook, seg, ctx.id, facts=ctx.facts)
    campaign_index = {c.id: i for i, c in enumerate(seg.campaigns)}
    journey_index = {j.id: i for i, j in enumerate(seg.journeys)}
    for window, p in worst.items():
        if not p.over:
            continue
        field = "max_per_week" if window == "week" else "max_per_month"
        if p.campaigns:
            when = lang._("{days} days ({dates})").format(days=p.days, dates=_days(p.start, p.end, lang))
        else:
            when = lang._("any {days} days").format(days=p.days)
        message = lang._("a customer can receive {count} messages in {when}, the cap is {cap}: "
                         "{items}").format(count=p.count, when=when, cap=p.cap, items=_items(p, lang))
        heaviest = max(p.journeys, key=lambda x: x[1])[0] if p.journeys else None
        hint = _fix(ctx, worst, p, heaviest)
        if seg.contact_policy is not None and getattr(seg.contact_policy, field) is not None:
            hint += lang._("; or raise `{field}` in this segment's contact_policy if the policy is "
                           "too strict").format(field=field)
        if p.campaigns:
            first = p.campaigns[0][0]
            path: tuple[str | int, ...] = ("campaigns", campaign_index[first])
            item: str | None = first
        else:
            path = ("journeys", journey_index[heaviest]) if heaviest is not None else ()
            item = heaviest
        yield Finding(message, path, hint, item=item)


def _fix(ctx: SegmentContext, worst: dict[Window, Pressure], p: Pressure, heaviest: str | None
         ) -> str:
    """What brings the window `p` under its cap: when the journeys alone fill it, only
    they can; else moving a campaign to a date that fits (or spacing out a repeat), or
    lengthening the waits of the heaviest journey."""
    lang = ctx.lang
    by_journeys = sum(k for _j, k in p.journeys)
    if p.campaigns and heaviest is not None and by_journeys >= (p.cap or 0):
        return lang._("the journeys alone can send {n} messages within any {days} days and the cap "
                      "is {cap}, so no campaign date can help: lengthen the waits in '{id}'").format(
            n=by_journeys, days=p.days, cap=p.cap, id=heaviest)
    fixes = []
    if p.campaigns:
        busiest, n = max(reversed(p.campaigns), key=lambda x: x[1])
        if n > 1:
            fixes.append(lang._("space out '{id}' (e.g. a larger INTERVAL in its repeat)").format(
                id=busiest))
        else:
            fixes.append(_move(ctx, worst, [cid for cid, _n in reversed(p.campaigns)]))
    if heaviest is not None:
        fixes.append(lang._("lengthen the waits in '{id}'").format(id=heaviest))
    return lang._("at most {cap} may fall within any {days} days: {fixes}").format(
        cap=p.cap, days=p.days, fixes=lang._("; or ").join(fixes))


# How many of the date ranges that fit a hint names.
_RANGES_SHOWN = 3


def _move(ctx: SegmentContext, worst: dict[Window, Pressure], ids: list[str]) -> str:
    """Where one of the campaigns `ids` (the latest first) could move so that no week or
    month goes over its cap: the one with room nearest to its date, or that none has."""
    lang = ctx.lang
    best: tuple[int, str, list[tuple[dt.date, dt.date]]] | None = None
    for cid in ids:
        ranges = room(ctx.playbook, ctx.segment, cid, worst, ctx.facts)
        if not ranges:
            continue
        start = next(c.start for c in ctx.segment.campaigns if c.id == cid)
        distance = min(0 if a <= start <= b else min(abs((a - start).days), abs((b - start).days))
                       for a, b in ranges)
        if best is None or distance < best[0]:
            best = (distance, cid, ranges)
    if best is None:
        return lang._("no date in the plan period leaves room for {ids} under the caps: drop one "
                      "of them").format(ids=format_list([f"'{i}'" for i in ids], style="or",
                                                   locale=lang.locale))
    _distance, cid, ranges = best
    start = next(c.start for c in ctx.segment.campaigns if c.id == cid)
    nearest = sorted(sorted(ranges, key=lambda r: min(abs((r[0] - start).days),
                                                      abs((r[1] - start).days)))[:_RANGES_SHOWN])
    spans = [_days(a, b, lang) if a != b else _day(a, lang) for a, b in nearest]
    return lang._("move '{id}' to start within {dates}").format(
        id=cid, dates=format_list(spans, style="or", locale=lang.locale))


def _day(day: dt.date, lang: Language) -> str:
    return format_date(day, format="long", locale=lang.locale)


@rule("C602", Severity.ERROR, scope="segment")
def consent(ctx: SegmentContext) -> Iterator[Finding]:
    """Email, SMS and push to suspects and prospects need `consent: opt-in`.

    Electronic direct marketing to consumers who are not (yet) customers is
    prohibited without their prior consent (in the EU the ePrivacy rules; the
    "customer relationship" exception covers only existing customers). Each
    email, sms or push message of a `suspect` or `prospect` segment whose
    consent is not `opt-in` is reported at its channel. A message with
    `purpose: service` (an order confirmation, a password reset) is not
    marketing and needs no marketing consent.

    Fails:
        stage: prospect
        consent: customer-relationship
        messages:
          - {id: welcome, kind: welcome, channel: email, title: Welcome}
    Passes:
        stage: prospect
        consent: opt-in
        messages:
          - {id: welcome, kind: welcome, channel: email, title: Welcome}
    """
    lang = ctx.lang
    seg = ctx.segment
    if seg.stage not in _NOT_CUSTOMERS or seg.consent == "opt-in":
        return
    for i, m in enumerate(seg.messages):
        if m.channel in ELECTRONIC_CHANNELS and m.purpose == "marketing":
            yield Finding(
                lang._("message '{id}' goes by {channel} to {stage}s without their opt-in consent "
                       "(consent: {consent}): electronic direct marketing to consumers who are not "
                       "customers is prohibited without their prior consent").format(
                    id=m.id, channel=m.channel, stage=seg.stage, consent=seg.consent),
                ("messages", i, "channel"),
                lang._("collect opt-in consent and set `consent: opt-in`, or use a channel that "
                       "needs none, such as letter, web, social or ads"), item=m.id)


@rule("C603", Severity.WARNING, scope="segment", needs=("period",))
def clashes(ctx: SegmentContext) -> Iterator[Finding]:
    """Two campaigns of a segment do not run the same kind of message at the same time.

    Compared occurrence by occurrence (with `repeat` expanded): two offers at
    once compete for the same attention and halve each other's effect. Each
    pair is reported once, at the campaign listed later.

    Fails:
        campaigns:
          - {id: spring-offer, title: Spring offer, message: offer, start: 2027-03-01,
             end: 2027-03-14}
          - {id: easter-offer, title: Easter offer, message: offer, start: 2027-03-10}
    Passes:
        campaigns:
          - {id: spring-offer, title: Spring offer, message: offer, start: 2027-03-01,
             end: 2027-03-14}
          - {id: easter-offer, title: Easter offer, message: offer, start: 2027-03-22}
    """
    lang = ctx.lang
    seg = ctx.segment
    kind_of = {m.id: m.kind for m in seg.messages}
    kinds = [kind_of.get(c.message) for c in seg.campaigns]
    of_kind: dict[str, list[int]] = {}
    for i, k in enumerate(kinds):
        if k is not None:
            of_kind.setdefault(k, []).append(i)
    days: dict[int, tuple[tuple[int, ...], int]] = {}
    pairs: set[tuple[int, int]] = set()
    for members in of_kind.values():
        if len(members) < 2:
            continue
        for i in members:
            c = seg.campaigns[i]
            days[i] = (ctx.facts.ordinals[i], length(c).days)
        pairs |= _overlapping({i: days[i] for i in members})
    reported: set[tuple[str, str]] = set()
    for j, i in sorted((j, i) for i, j in pairs):
        earlier, later = seg.campaigns[i], seg.campaigns[j]
        if earlier.id == later.id or (earlier.id, later.id) in reported:
            continue
        overlap = first_overlap(*days[i], *days[j])
        if overlap is None:
            continue
        reported.add((earlier.id, later.id))
        yield Finding(
            lang._("campaigns '{a}' and '{b}' both send '{kind}' messages and overlap "
                   "on {dates}: customers get both at once").format(
                a=earlier.id, b=later.id, kind=kinds[j],
                dates=_days(dt.date.fromordinal(overlap[0]), dt.date.fromordinal(overlap[1]), lang)),
            ("campaigns", j),
            lang._("move one of them so they do not overlap, or merge them into one campaign"),
            item=later.id)


def _overlapping(series: dict[int, tuple[tuple[int, ...], int]]) -> set[tuple[int, int]]:
    """The pairs (i, j), i < j, of the series whose occurrences overlap somewhere: one sweep
    over all occurrences by start day, keeping those still running (so the cost follows the
    occurrences and the overlaps, not the square of the campaigns)."""
    runs = sorted((s, s + span, i) for i, (starts, span) in series.items() for s in starts)
    running: list[tuple[int, int]] = []  # (last day, series) as a heap
    pairs: set[tuple[int, int]] = set()
    for start, last, i in runs:
        while running and running[0][0] < start:
            heapq.heappop(running)
        for _last, other in running:
            if other != i:
                pairs.add((min(i, other), max(i, other)))
        heapq.heappush(running, (last, i))
    return pairs


def first_overlap(a: tuple[int, ...], a_len: int, b: tuple[int, ...], b_len: int
                  ) -> tuple[int, int] | None:
    """The first days both series run, as (first, last) day numbers, or None. `a` and `b`
    are sorted start days; each occurrence runs its start day plus `*_len` more days."""
    i = j = 0
    while i < len(a) and j < len(b):
        s, t = a[i], b[j]
        if s <= t + b_len and t <= s + a_len:
            return max(s, t), min(s + a_len, t + b_len)
        if s + a_len < t + b_len:
            i += 1
        else:
            j += 1
    return None
