"""The yearly campaign calendar as plain HTML and CSS: no script, prints as it shows.

One lane per segment; in it a row of milestones (goal deadlines, KPI measurement
dates) and one row per campaign with a bar for each occurrence, positioned in
percent of the plan period. Positions use `inset-inline-start`, so the same
markup runs right to left in a right-to-left language (the first month on the
right) without a second layout.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from planner.derive.calendar import Entry, entry_order
from planner.render import labels
from planner.render.bidi import isolate_text, ui_text
from planner.render.fmt import Formatter
from planner.render.svg import block, esc, num, tag

if TYPE_CHECKING:
    from planner.render.context import SegmentView, Site


@dataclass(frozen=True, slots=True)
class Month:
    first: dt.date
    last: dt.date
    name: str
    offset: float  # percent of the period before the month
    width: float  # percent of the period the month covers


def months(start: dt.date, end: dt.date, fmt: Formatter) -> list[Month]:
    """The months of the period, clipped to it (a period may start mid-month)."""
    total = (end - start).days + 1
    out = []
    first = start
    while first <= end:
        following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        last = min(end, following - dt.timedelta(days=1))
        out.append(Month(first, last, fmt.month(first.month),
                         100 * (first - start).days / total, 100 * ((last - first).days + 1) / total))
        first = following
    return out


class Scale:
    """Days of the period as percentages along the track."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self.days = (end - start).days + 1

    def at(self, day: dt.date) -> float:
        return 100 * (day - self.start).days / self.days

    def width(self, first: dt.date, last: dt.date) -> float:
        return 100 * ((last - first).days + 1) / self.days

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _place(offset: float, width: float | None = None) -> str:
    style = f"inset-inline-start:{num(offset)}%"
    return style + (f";inline-size:{num(width)}%" if width is not None else "")


ROOT = "\x00"  # stands for the relative path to the site root until a page is known


def _lane(site: Site, view: SegmentView, scale: Scale) -> str:
    """The rows of one segment, with links relative to ROOT (one rendering per segment,
    shared by the plan's calendar and the segment's own page)."""
    lang = site.lang
    fmt: Formatter = site.fmt

    def link(target: str) -> str:
        return ROOT + site.link(target, "index.md")

    sid, segment = view.id, view.segment
    entries = site.entries_by_segment.get(sid, [])
    milestones = []
    for e in entries:
        if e.kind == "deadline" and scale.contains(e.start):
            text = ui_text(lang._("Goal due {date}: {title}"), lang.direction, date=fmt.date(e.start),
                           title=e.title)
            milestones.append(tag(
                "a", class_="pl-cal-due", title=text, href=link(f"segments/{sid}.md#goal-{e.item}"),
                style=_place(scale.at(e.start)), data_kind="deadline", data_date=e.start.isoformat()))
    measured = lang._("KPI measured {date}: {title}")
    tracking = site.tracking
    for day, names in site.measurements(sid):
        if scale.contains(day):
            text = ui_text(measured, lang.direction, date=fmt.date(day),
                           title=", ".join(isolate_text(n, lang.direction) for n in names))
            state = tracking.day_state(sid, day) if tracking is not None else None
            cls = "pl-cal-measure"
            if state is not None:
                cls += f" pl-m-{state}"
                text = f"{text} ({labels.recording(state, lang)})"
            milestones.append(Markup(
                f'<span class="{cls}" title="{esc(text)}" style="{_place(scale.at(day))}" '
                f'data-kind="measurement" data-date="{day.isoformat()}"></span>'))
    lane_label = tag("div", tag("a", segment.name, href=link(f"segments/{sid}.md")),
                     tag("small", view.stage_label), class_="pl-cal-label")
    rows = [tag("div", lane_label, block("div", *milestones, class_="pl-cal-track"),
                class_=f"pl-cal-row pl-cal-lane {view.color}", role="row",
                data_segment=sid)]
    campaign_entries: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.kind == "campaign":
            campaign_entries[e.item].append(e)
    purposes = {m.id: m.purpose for m in segment.messages}
    for campaign in segment.campaigns:
        anchor = link(f"segments/{sid}.md#campaign-{campaign.id}")
        service = purposes.get(campaign.message) == "service"
        bars = []
        for e in campaign_entries.get(campaign.id, []):
            first, last = max(e.start, scale.start), min(e.end, scale.end)
            if first > last:
                continue
            # TRANSLATORS: the tooltip of a campaign's bar in the calendar.
            text = ui_text(lang._("{title}: {dates}"), lang.direction, title=campaign.title,
                           dates=fmt.span(e.start, e.end))
            if service:
                # TRANSLATORS: added to the tooltip of a service message's campaign bar.
                text = lang._("{text} (service message)").format(text=text)
            text = esc(text)
            bars.append(Markup(
                f'<span class="pl-cal-bar{" pl-cal-service" if service else ""}" '
                f'title="{text}" '
                f'style="{_place(scale.at(first), scale.width(first, last))}" data-kind="campaign" '
                f'data-segment="{esc(sid)}" data-campaign="{esc(campaign.id)}" '
                f'data-start="{e.start.isoformat()}"></span>'))
        label = tag("div", tag("a", campaign.title, href=anchor),
                    *([tag("small", labels.purpose("service", lang), class_="pl-purpose")]
                      if service else []),
                    class_="pl-cal-label pl-cal-sub")
        rows.append(tag("div", label, block("div", *bars, class_="pl-cal-track"),
                        class_=f"pl-cal-row {view.color}", role="row"))
    return "\n".join(rows)


def _holiday_row(site: Site, scale: Scale) -> str:
    """A row marking the holidays of the plan's countries (and those campaigns are anchored to)."""
    lang = site.lang
    fmt: Formatter = site.fmt
    marks = [tag("span", class_="pl-cal-holiday", title=f"{fmt.date(h.date)}: {h.name}",
                 style=_place(scale.at(h.date)), data_kind="holiday", data_holiday=h.id,
                 data_date=h.date.isoformat())
             for h in site.holidays if scale.contains(h.date)]
    if not marks:
        return ""
    label = tag("div", lang._("Holidays"), class_="pl-cal-label pl-cal-sub")
    return str(tag("div", label, block("div", *marks, class_="pl-cal-track"),
                   class_="pl-cal-row pl-cal-holidays", role="row"))


def lane(site: Site, view: SegmentView) -> str:
    """The rows of one segment, for `calendar`: rendered once, shared by the calendar page
    and the segment's own page (planner.render.fragments)."""
    return _lane(site, view, Scale(site.start, site.end))


def calendar(site: Site, page: str, segment_lanes: Mapping[str, str],
             only: str | None = None) -> Markup:
    """The calendar grid for `site` (a `planner.render.context.Site`) on the page `page`,
    with each segment's `lane`; with `only`, the lane of that one segment."""
    lang = site.lang
    fmt: Formatter = site.fmt
    scale = Scale(site.start, site.end)
    month_list = months(site.start, site.end, fmt)
    stripes = Markup("").join(
        tag("div", class_="pl-cal-month" + (" pl-cal-odd" if i % 2 else ""),
            style=_place(m.offset, m.width))
        for i, m in enumerate(month_list))
    header = tag(
        "div",
        tag("div", lang._("Segment and campaign"), class_="pl-cal-label"),
        tag("div", *(tag("div", tag("span", m.name), class_="pl-cal-mname", title=fmt.month_year(m.first),
                         style=_place(m.offset, m.width)) for m in month_list),
            class_="pl-cal-track"),
        class_="pl-cal-row pl-cal-head", role="row")
    holidays = _holiday_row(site, scale)
    rows_of = [holidays] if holidays else []
    for view in site.segments:
        if only is None or view.id == only:
            rows_of.append(segment_lanes[view.id])
    root = site.link("index.md", page)
    rows = "\n".join([str(header), *rows_of]).replace(ROOT, esc(root))
    body = Markup(f'<div class="pl-cal-rows">\n{rows}\n</div>')
    tracking = site.tracking
    share = tracking.today_share() if tracking is not None else None
    today = Markup("") if share is None or tracking is None else tag(
        "div", class_="pl-cal-today", style=_place(100 * share),
        title=ui_text(lang._("today, {date}"), lang.direction, date=tracking.date), data_kind="today")
    overlay = tag("div", tag("div", stripes, today, class_="pl-cal-stripes"),
                  class_="pl-cal-overlay", aria_hidden="true")
    return block("div", overlay, body, class_="pl-cal" + (" pl-cal-one" if only else ""), role="table",
               aria_label=lang._("Campaign calendar {start} to {end}").format(
                   start=fmt.date(site.start), end=fmt.date(site.end)))


@dataclass(slots=True)
class AgendaMonth:
    month: Month
    items: list[Markup]


def agenda(site: Site, items: Mapping[str, Sequence[tuple[Entry, Markup]]]) -> list[AgendaMonth]:
    """Campaign occurrences and deadlines month by month (measurements are summarised), as
    the list items each segment's `items` are (planner.render.fragments)."""
    fmt: Formatter = site.fmt
    out = [AgendaMonth(m, []) for m in months(site.start, site.end, fmt)]
    dated: list[list[tuple[Entry, Markup]]] = [[] for _ in out]
    for view in site.segments:
        for e, item in items[view.id]:
            for i, am in enumerate(out):
                if am.month.first <= e.start <= am.month.last:
                    dated[i].append((e, item))
                    break
    for am, month in zip(out, dated, strict=True):
        # the order of the whole plan's entries (`entry_order`) where the month's is the same
        month.sort(key=lambda pair: (pair[0].start, pair[0].kind != "campaign", pair[0].segment,
                                     pair[0].item, entry_order(pair[0])))
        am.items = [item for _e, item in month]
    return out
