"""The annual clock ("vuosikello"): the plan period as a dial of months, a ring per segment.

Campaign occurrences are arcs on their segment's ring (overlapping ones share the
ring on separate tracks), goal deadlines are ticks across the ring, KPI
measurement dates are dots on its outer edge. Every mark carries a <title>
tooltip. The dial runs clockwise from twelve o'clock, and counter-clockwise in a
right-to-left language (a mirrored dial).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from markupsafe import Markup

from planner.derive.calendar import Entry
from planner.render.bidi import isolate_text, ui_text
from planner.render.calendar_html import months
from planner.render.labels import recording as recording_label
from planner.render.svg import block, esc, num, polar, tag, text_direction, void

if TYPE_CHECKING:
    from planner.render.context import SegmentView, Site

SIZE = 760
CENTER = SIZE / 2
INNER = 96
MAX_OUTER = 300
MAX_RING = 44
MIN_TURN = 0.004  # the shortest arc drawn, so a one-day campaign stays visible


def _arc(radius: float, a: float, b: float, rtl: bool) -> str:
    x1, y1 = polar(CENTER, CENTER, radius, a, rtl)
    x2, y2 = polar(CENTER, CENTER, radius, b, rtl)
    large = 1 if b - a > 0.5 else 0
    sweep = 0 if rtl else 1
    return (f"M{num(x1)} {num(y1)}A{num(radius)} {num(radius)} 0 {large} {sweep} "
            f"{num(x2)} {num(y2)}")


def _sector(r_in: float, r_out: float, a: float, b: float, rtl: bool) -> str:
    """A ring segment between two radii, as a closed path."""
    large = 1 if b - a > 0.5 else 0
    sweep, back = (0, 1) if rtl else (1, 0)
    x1, y1 = polar(CENTER, CENTER, r_out, a, rtl)
    x2, y2 = polar(CENTER, CENTER, r_out, b, rtl)
    x3, y3 = polar(CENTER, CENTER, r_in, b, rtl)
    x4, y4 = polar(CENTER, CENTER, r_in, a, rtl)
    return (f"M{num(x1)} {num(y1)}A{num(r_out)} {num(r_out)} 0 {large} {sweep} {num(x2)} {num(y2)}"
            f"L{num(x3)} {num(y3)}A{num(r_in)} {num(r_in)} 0 {large} {back} {num(x4)} {num(y4)}Z")


def _tracks(spans: list[tuple[float, float]]) -> list[int]:
    """Greedy interval packing: the track of each span so that spans on a track never overlap."""
    ends: list[float] = []
    out = []
    for a, b in spans:
        for i, end in enumerate(ends):
            if a >= end:
                ends[i] = b
                out.append(i)
                break
        else:
            ends.append(b)
            out.append(len(ends) - 1)
    return out


def _dial(site: Site) -> tuple[bool, dt.date, dt.date, int, Callable[[dt.date], float]]:
    """The dial of the plan period: whether it turns counter-clockwise (right to left), its
    first and last day, its number of days, and the share of a turn at which a day starts."""
    start: dt.date = site.start
    end: dt.date = site.end
    total = (end - start).days + 1
    return site.fmt.rtl, start, end, total, lambda day: (day - start).days / total


def _ring_width(count: int) -> float:
    """The width of each of `count` rings."""
    return min(MAX_RING, (MAX_OUTER - INNER) / max(1, count))


def ring(site: Site, view: SegmentView) -> Markup:
    """The ring of one segment (the `view.index`th of the plan's, from the centre): drawn
    once per segment (planner.render.fragments)."""
    lang, fmt = site.lang, site.fmt
    rtl, start, end, total, frac = _dial(site)
    ring = _ring_width(len(site.segments))
    n = view.index
    by_segment: dict[str, list[Entry]] = site.entries_by_segment
    r_in = INNER + n * ring
    r_out = r_in + ring
    group: list[Markup] = [
        tag("title", isolate_text(view.segment.name, lang.direction)),
        tag("circle", cx=num(CENTER), cy=num(CENTER), r=num((r_in + r_out) / 2),
            class_="pl-clock-ring", stroke_width=num(ring - 2)),
    ]
    campaigns = sorted((e for e in by_segment.get(view.id, []) if e.kind == "campaign"),
                       key=lambda e: e.start)
    spans = []
    for e in campaigns:
        a = max(0.0, frac(e.start))
        b = min(1.0, frac(e.end + dt.timedelta(days=1)))
        spans.append((a, max(b, a + MIN_TURN)))
    tracks = _tracks(spans)
    lanes = max(tracks, default=0) + 1
    lane_w = (ring - 4) / lanes
    width = num(max(1.5, lane_w - 1.5))
    for e, (a, b), track in zip(campaigns, spans, tracks, strict=True):
        radius = r_in + 2 + lane_w * (track + 0.5)
        # TRANSLATORS: the tooltip of a campaign's arc on the annual clock.
        text = ui_text(lang._("{segment} · {title}: {dates}"), lang.direction, segment=view.segment.name,
                       title=e.title, dates=fmt.span(e.start, e.end))
        group.append(Markup(f'<path d="{_arc(radius, a, b, rtl)}" class="pl-clock-arc" '
                            f'stroke-width="{width}"><title>{esc(text)}</title></path>'))
    for e in by_segment.get(view.id, []):
        if e.kind != "deadline" or not start <= e.start <= end:
            continue
        f = frac(e.start) + 0.5 / total
        x1, y1 = polar(CENTER, CENTER, r_in + 1, f, rtl)
        x2, y2 = polar(CENTER, CENTER, r_out - 1, f, rtl)
        text = ui_text(lang._("Goal due {date}: {title}"), lang.direction, date=fmt.date(e.start),
                       title=e.title)
        group.append(tag("line", tag("title", text), x1=num(x1), y1=num(y1), x2=num(x2),
                         y2=num(y2), class_="pl-clock-due", data_kind="deadline"))
    measured = lang._("KPI measured {date}: {title}")
    tracking = site.tracking
    for day, names in site.measurements(view.id):
        if not start <= day <= end:
            continue
        x, y = polar(CENTER, CENTER, r_out - 2.5, frac(day) + 0.5 / total, rtl)
        text = ui_text(measured, lang.direction, date=fmt.date(day),
                       title=", ".join(isolate_text(n, lang.direction) for n in names))
        state = tracking.day_state(view.id, day) if tracking is not None else None
        cls, dot_radius = "pl-clock-measure", "1.8"
        if state is not None:
            cls, dot_radius = f"{cls} pl-m-{state}", "2.6"
            text = f"{text} ({recording_label(state, lang)})"
        group.append(Markup(f'<circle cx="{num(x)}" cy="{num(y)}" r="{dot_radius}" class="{cls}" '
                            f'data-kind="measurement"><title>{esc(text)}</title></circle>'))
    return block("g", *group, class_=f"pl-clock-segment {view.color}", data_segment=view.id)


def clock(site: Site, rings: Mapping[str, Markup]) -> Markup:
    """The annual clock, with each segment's `ring`."""
    lang, fmt = site.lang, site.fmt
    rtl, start, end, total, frac = _dial(site)
    views = site.segments
    ring = _ring_width(len(views))
    outer = INNER + ring * len(views)

    parts: list[Markup] = []
    # Month sectors and labels.
    label_r = outer + 30
    for i, m in enumerate(months(start, end, fmt)):
        a, b = frac(m.first), frac(m.last + dt.timedelta(days=1))
        parts.append(tag("path", tag("title", fmt.month_year(m.first)),
                         d=_sector(INNER - 6, outer + 12, a, b, rtl),
                         class_="pl-clock-month" + (" pl-clock-odd" if i % 2 else "")))
        x, y = polar(CENTER, CENTER, label_r, (a + b) / 2, rtl)
        parts.append(tag("text", m.name, x=num(x), y=num(y + 5), class_="pl-clock-mname",
                         text_anchor="middle", direction=text_direction(m.name, lang.direction)))

    parts += [rings[view.id] for view in views]
    # Holidays: a short mark outside the rings, its name on hover.
    for h in site.holidays:
        if not start <= h.date <= end:
            continue
        f = frac(h.date) + 0.5 / total
        x1, y1 = polar(CENTER, CENTER, outer + 3, f, rtl)
        x2, y2 = polar(CENTER, CENTER, outer + 11, f, rtl)
        parts.append(tag("line", tag("title", f"{fmt.date(h.date)}: {h.name}"), x1=num(x1),
                         y1=num(y1), x2=num(x2), y2=num(y2), class_="pl-clock-holiday",
                         data_kind="holiday", data_holiday=h.id))
    # Month dividers over the rings, then the centre and today's hand.
    for m in months(start, end, fmt):
        x1, y1 = polar(CENTER, CENTER, INNER - 6, frac(m.first), rtl)
        x2, y2 = polar(CENTER, CENTER, outer + 12, frac(m.first), rtl)
        parts.append(void("line", x1=num(x1), y1=num(y1), x2=num(x2), y2=num(y2),
                          class_="pl-clock-divider"))
    parts.append(tag("circle", cx=num(CENTER), cy=num(CENTER), r=num(INNER - 10),
                     class_="pl-clock-face"))
    tracking = site.tracking
    share = tracking.today_share() if tracking is not None else None
    if share is not None and tracking is not None:
        f = share + 0.5 / total
        x1, y1 = polar(CENTER, CENTER, INNER - 10, f, rtl)
        x2, y2 = polar(CENTER, CENTER, outer + 16, f, rtl)
        hand = ui_text(lang._("today, {date}"), lang.direction, date=tracking.date)
        parts.append(tag("line", tag("title", hand), x1=num(x1), y1=num(y1), x2=num(x2),
                         y2=num(y2), class_="pl-clock-today", data_kind="today"))
        word = lang._("today")
        lx, ly = polar(CENTER, CENTER, INNER - 30, f, rtl)
        parts.append(tag("text", word, x=num(lx), y=num(ly + 5), class_="pl-clock-today-label",
                         text_anchor="middle", direction=text_direction(word, lang.direction)))
    period = (str(start.year) if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
              and start.year == end.year else f"{fmt.month_year(start)} – {fmt.month_year(end)}")
    parts.append(tag("text", period, x=num(CENTER), y=num(CENTER - 2), class_="pl-clock-year",
                     text_anchor="middle"))
    caption = lang._("annual clock")
    parts.append(tag("text", caption, x=num(CENTER), y=num(CENTER + 22),
                     class_="pl-clock-caption", text_anchor="middle",
                     direction=text_direction(caption, lang.direction)))
    title = lang._("Annual clock {start} to {end}").format(start=fmt.date(start), end=fmt.date(end))
    box = f"0 0 {SIZE} {SIZE}"
    return block("svg", tag("title", title), *parts, viewBox=box, width=str(SIZE), class_="pl-clock",
               role="img",
               aria_label=title)
