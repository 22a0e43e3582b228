"""Calendar feeds (RFC 5545) with the icalendar library: one for the plan, one per segment.

- A campaign is one all-day VEVENT; a recurring one carries its `repeat` as an
  RRULE (an open rule gets UNTIL = the plan's last day, as the site reads it)
  instead of one event per occurrence.
- Goal deadlines are all-day events; a KPI's measurement dates are one all-day
  event with an RRULE.
- UIDs come from `planner.derive.calendar.series_uid` and depend only on the
  kind, the segment and the item's id, not on its dates: when a campaign or a
  deadline moves, a subscribed calendar moves the event instead of adding one.
  Ids in other scripts than Latin ("לקוחות", "äänestäjät") are percent-encoded
  in them (UTF-8), so that the UID is ASCII, as calendar servers that name
  their resources after it expect; ASCII ids pass through unchanged.
- DTSTAMP and LAST-MODIFIED are the plan's last change (`planner.last_change`:
  `SOURCE_DATE_EPOCH`, else the last git commit of the plans folder when it is
  all committed, else its newest file time), and SEQUENCE is that instant in
  minutes since 1970: a feed rendered twice from the same plan is the same bytes,
  and after a change every event carries a higher SEQUENCE, so a client that
  imported the file takes a moved campaign.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from icalendar import Calendar, vDate, vDatetime, vRecur, vText

from planner import __version__
from planner.derive.calendar import deadline, measurement_dates, series, series_uid
from planner.last_change import last_change
from planner.recurrence_rules import as_rrule, is_bounded
from planner.render import labels
from planner.render.escape import contain_bidi
from planner.vocabulary import Cadence

if TYPE_CHECKING:
    from planner.render.context import SegmentView, Site


def sequence(stamp: dt.datetime) -> int:
    """The SEQUENCE of every event stamped `stamp`: it grows with every change of the plan
    (minutes since 1970 stay below 2**31 until the year 6053)."""
    return int(stamp.timestamp()) // 60


# Every line break Unicode knows, as the one RFC 5545 TEXT can hold (an escaped \n).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What TEXT cannot hold at all (RFC 5545 3.3.11: CONTROL), and the C1 controls a terminal
# or calendar client may act on.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def text(value: object) -> vText:
    """Plan text as an iCalendar TEXT value: line breaks of every kind become the escaped
    `\\n` that TEXT allows, other control characters are dropped, explicit bidi controls
    are closed within the value (see planner.render.escape.contain_bidi), and vText
    escapes what is left (backslash, `;`, `,`)."""
    clean = _CONTROLS.sub("", _BREAKS.sub("\n", contain_bidi(str(value))))
    return vText(clean)


def _text(value: object) -> str:
    return text(value).to_ical().decode()


def _calendar(site: Site, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//planner {__version__}//lifecycle playbook//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text(name))
    return cal


def _rrule(text: str, until: dt.date) -> vRecur:
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    rule: vRecur = vRecur.from_ical(body)
    if not is_bounded(body):
        rule["UNTIL"] = [until]
    return rule


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets, never inside a UTF-8 character or a backslash escape."""
    if len(line) < 75 and line.isascii():
        return line
    data = line.encode("utf-8")
    if len(data) < 75:
        return line
    parts, start = [], 0
    while len(data) - start > 74:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character start
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # keep a backslash with what it escapes
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def ascii_uid(uid_: str) -> str:
    """`uid_` with every non-ASCII character percent-encoded (see module doc)."""
    return uid_ if uid_.isascii() else quote(uid_, safe="@-._~+")


# An event as the lines before and after its stamp (see `_stamp`), which every change of
# the plan moves while a segment's events stay the same otherwise.
Event = tuple[bytes, bytes]


def _event(uid_: str, summary: str, first: dt.date, last: dt.date,
           description: str = "", categories: list[str] | None = None,
           rrule: vRecur | None = None) -> Event:
    """One all-day VEVENT. Values are encoded by icalendar's property types; the lines are
    assembled and folded here, which is several times faster than Component.to_ical on
    plans of hundreds of segments."""
    head = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(summary),
        "DTSTART;VALUE=DATE:" + vDate(first).to_ical().decode(),
        "DTEND;VALUE=DATE:" + vDate(last + dt.timedelta(days=1)).to_ical().decode(),
        "",
    ]
    tail = ["UID:" + vText(ascii_uid(uid_)).to_ical().decode()]
    if rrule is not None:
        tail.append("RRULE:" + rrule.to_ical().decode())
    if categories:
        tail.append("CATEGORIES:" + ",".join(_text(c) for c in categories))
    if description:
        tail.append("DESCRIPTION:" + _text(description))
    tail += ["TRANSP:TRANSPARENT", "END:VEVENT", ""]
    return ("\r\n".join(_fold(line) for line in head).encode("utf-8"),
            "\r\n".join(_fold(line) for line in tail).encode("utf-8"))


def _stamp(stamp: dt.datetime) -> bytes:
    """The lines of every event that say when the plan last changed."""
    stamped = vDatetime(stamp).to_ical().decode()
    return f"DTSTAMP:{stamped}\r\nLAST-MODIFIED:{stamped}\r\nSEQUENCE:{sequence(stamp)}\r\n".encode()


_MEASURE_RULES: dict[Cadence, dict[str, list[str | int]]] = {
    "weekly": {"FREQ": ["WEEKLY"]},
    "monthly": {"FREQ": ["MONTHLY"], "BYMONTHDAY": [-1]},
    "quarterly": {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [-1]},
}


def segment_events(site: Site, v: SegmentView) -> list[Event]:
    """The VEVENTs of one segment, serialised once for its own feed and the plan's."""
    lang = site.lang
    end: dt.date = site.end
    start: dt.date = site.start
    name = v.name
    sid = v.id
    out: list[Event] = []
    for c in v.campaigns:
        camp = c.campaign
        lines = []
        if c.message is not None:
            service = [labels.purpose("service", lang)] if c.message.purpose == "service" else []
            lines.append(f"{c.message.title} ("
                         + ", ".join([labels.kind(c.message.kind, lang),
                                      labels.channel(c.message.channel, lang), *service]) + ")")
            if c.message.content:
                lines.append(c.message.content)
        if camp.description:
            lines.append(camp.description)
        if c.goals:
            lines.append(lang._("Serves: {goals}").format(goals="; ".join(g.title for g in c.goals)))
        # DTSTART is the series' first date: RFC 5545 counts DTSTART as an occurrence,
        # dateutil does not when it misses the rule, so the two agree only there.
        runs = series(camp, sid, end)
        first, last = (runs[0].start, runs[0].end) if runs else (camp.start, camp.last_day)
        out.append(_event(series_uid("campaign", sid, camp.id), f"{camp.title} · {name}", first,
                          last, "\n".join(lines), [name],
                          _rrule(as_rrule(camp.repeat, camp.start), end) if camp.repeat else None))
    for g in v.goals:
        day = deadline(g.facts, start, end)
        if day is None:
            continue
        desc = lang._("{kpi}: from {baseline} to {target}. Owner: {owner}.").format(
            kpi=g.kpi.name if g.kpi else g.goal.kpi, baseline=g.baseline, target=g.target,
            owner=g.owner or "—")
        summary = lang._("Goal due: {title}").format(title=g.title) + f" · {name}"
        out.append(_event(series_uid("deadline", sid, g.id), summary, day, day, desc, [name]))
    for k in v.segment.kpis:
        days = measurement_dates(k.measured, start, end)
        if not days:
            continue
        desc = lang._("Source: {source}").format(source=k.source) if k.source else ""
        summary = lang._("Measure: {kpi}").format(kpi=k.name) + f" · {name}"
        rule = (vRecur({**_MEASURE_RULES[k.measured], "UNTIL": [end]})
                if len(days) > 1 and k.measured in _MEASURE_RULES else None)
        out.append(_event(series_uid("measurement", sid, k.id), summary, days[0], days[0],
                          desc, [name], rule))
    return out


def feeds(site: Site, events: Mapping[str, Sequence[Event]]) -> dict[str | None, bytes]:
    """The ICS feed of the whole plan (key None) and of every segment (key: its id).

    A campaign is one VEVENT (with its RRULE when it repeats), a goal deadline one
    all-day VEVENT, a KPI's measurement dates one VEVENT with an RRULE (weekly on
    Sundays, monthly and quarterly on the month's last day) or a single one (yearly);
    the dates are those of `planner.derive.calendar`. Every summary names its segment,
    so the plan's feed reads well and each event is the same in both feeds. `events` are
    each segment's `segment_events`.
    """
    title = site.playbook.title
    stamp = _stamp(last_change(site.plan.root))
    per_segment = {v.id: (v, b"".join(head + stamp + tail for head, tail in events[v.id]))
                   for v in site.segments}

    def wrap(name: str, body: bytes) -> bytes:
        head: bytes = _calendar(site, name).to_ical()
        closing = b"END:VCALENDAR\r\n"
        assert head.endswith(closing)
        return head[: -len(closing)] + body + closing

    out: dict[str | None, bytes] = {
        None: wrap(title, b"".join(body for _v, body in per_segment.values()))}
    for sid, (v, body) in per_segment.items():
        out[sid] = wrap(f"{title}: {v.name}", body)
    return out
