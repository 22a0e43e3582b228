"""Automation maps: a journey drawn as an inline SVG diagram.

The trigger starts it, an envelope stands for each message sent, a diamond for
each branch on the customer's reaction, an hourglass for each wait, and the
journey ends at a stop mark with its exit event beside it. `layout: timeline`
runs left to right by elapsed days (right to left in a right-to-left
language); `layout: journey` runs top to bottom by stage, the paths of a branch
side by side. The geometry (positions, connector routes) comes from
`planner.render.journey_layout`; this module draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

from planner.dates import parse_duration
from planner.derive.journeys import Graph, Node
from planner.i18n import Language
from planner.model import Journey
from planner.render import labels
from planner.render.bidi import isolate_text, ui_text
from planner.render.journey_layout import Point, layout
from planner.render.svg import anchor_towards, num, tag, text_direction, void

if TYPE_CHECKING:
    from planner.render.fmt import Formatter

LINE_CHARS = 18


def _lines(text: str, width: int = LINE_CHARS, most: int = 3) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return [ln if len(ln) <= width + 8 else ln[: width + 7] + "…" for ln in lines] or [""]


def _text(x: float, y: float, text: str, cls: str, page_dir: str, rightwards: bool | None = None,
          width: int = LINE_CHARS, most: int = 3) -> Markup:
    """A label of up to three lines at (x, y): centred, or running right (`rightwards`) or
    left of x; its base direction follows its own text, not the page's (`page_dir`)."""
    direction, anchor = (text_direction(text, page_dir), "middle") if rightwards is None else \
        anchor_towards(text, rightwards, page_dir)
    lines = _lines(text, width, most)
    spans = [tag("tspan", ln, x=num(x), dy="0" if i == 0 else "1.15em") for i, ln in enumerate(lines)]
    return tag("text", *spans, x=num(x), y=num(y), class_=cls, text_anchor=anchor,
               direction=direction)


def _connector(points: tuple[Point, ...], mx: Callable[[float], float], vertical: bool) -> Markup:
    """A connector along `points` (left-to-right coordinates, mirrored by `mx`) with an
    arrowhead at the end: pointing down in the journey layout, along the flow in a timeline."""
    d = "M" + "L".join(f"{num(mx(x))} {num(y)}" for x, y in points)
    x2, y2 = mx(points[-1][0]), points[-1][1]
    if vertical:
        head = f"M{num(x2 - 5)} {num(y2 - 8)}L{num(x2)} {num(y2)}L{num(x2 + 5)} {num(y2 - 8)}Z"
    else:
        sign = 1 if mx(points[-1][0]) >= mx(points[-2][0]) else -1
        head = (f"M{num(x2 - 8 * sign)} {num(y2 - 5)}L{num(x2)} {num(y2)}"
                f"L{num(x2 - 8 * sign)} {num(y2 + 5)}Z")
    return Markup(f'<path class="pl-j-edge" d="{d}"/><path class="pl-j-head" d="{head}"/>')


def _icon(node: Node, x: float, y: float) -> Markup:
    """The shape of a node centred on (x, y)."""
    if node.kind == "send":
        w, h = 34, 24
        left, top = x - w / 2, y - h / 2
        return Markup(
            f'<rect class="pl-j-envelope" x="{num(left)}" y="{num(top)}" width="{w}" height="{h}" rx="3"/>'
            f'<path class="pl-j-flap" d="M{num(left)} {num(top)}L{num(x)} {num(y + 3)}'
            f'L{num(left + w)} {num(top)}"/>')
    if node.kind == "branch":
        r = 20
        return Markup(f'<path class="pl-j-diamond" d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y)}'
                      f'L{num(x)} {num(y + r)}L{num(x - r)} {num(y)}Z"/>'
                      f'<text class="pl-j-q" x="{num(x)}" y="{num(y + 5)}" text-anchor="middle">?</text>')
    if node.kind == "wait":
        return Markup(f'<path class="pl-j-wait" d="M{num(x - 9)} {num(y - 12)}H{num(x + 9)}'
                      f'L{num(x - 9)} {num(y + 12)}H{num(x + 9)}Z"/>')
    if node.kind == "trigger":
        return Markup(f'<circle class="pl-j-trigger" cx="{num(x)}" cy="{num(y)}" r="16"/>'
                      f'<path class="pl-j-bolt" d="M{num(x + 2)} {num(y - 10)}L{num(x - 6)} {num(y + 2)}'
                      f'H{num(x)}L{num(x - 2)} {num(y + 10)}L{num(x + 6)} {num(y - 2)}H{num(x)}Z"/>')
    if node.kind == "exit":
        return Markup(f'<rect class="pl-j-exit" x="{num(x - 13)}" y="{num(y - 16)}" width="26" '
                      f'height="32" rx="2"/><circle class="pl-j-knob" cx="{num(x + 6)}" '
                      f'cy="{num(y + 1)}" r="2.2"/>')
    return Markup(f'<circle class="pl-j-end" cx="{num(x)}" cy="{num(y)}" r="13"/>'
                  f'<circle class="pl-j-end-dot" cx="{num(x)}" cy="{num(y)}" r="7"/>')


def _label(node: Node, journey: Journey, fmt: Formatter, lang: Language) -> tuple[str, str]:
    """The visible label of a node, and its fuller tooltip."""
    if node.kind == "send":
        msg = node.message
        title = msg.title if msg is not None else node.label
        channel = labels.channel(msg.channel, lang) if msg is not None else ""
        tip = ui_text(lang._("Send {title} ({channel})"), lang.direction, title=title,
                      channel=channel) if channel \
            else isolate_text(title, lang.direction)
        return title, tip
    if node.kind == "branch":
        text = lang._("{reaction}?").format(reaction=labels.reaction(node.label, lang))
        return text, lang._("Branch: has the customer {reaction}?").format(
            reaction=labels.reaction(node.label, lang))
    if node.kind == "wait":
        text = lang._("wait {duration}").format(duration=fmt.duration(node.label))
        return text, text
    if node.kind == "trigger":
        text = labels.trigger(journey.trigger, lang)
        if has_delay(journey.after):
            text = ui_text(lang._("{trigger}, after {after}"), lang.direction, trigger=text,
                           after=fmt.duration(journey.after))
        return text, ui_text(lang._("Trigger: {trigger}"), lang.direction, trigger=text)
    if node.kind == "exit":
        text = lang._("exits when {event}").format(event=labels.reaction(node.label, lang))
        return text, lang._("A customer leaves the journey as soon as: {event}").format(
            event=labels.reaction(node.label, lang))
    return lang._("end"), lang._("End of the journey")


def has_delay(after: str | None) -> bool:
    """Whether a trigger's `after` is worth saying (not missing, not zero)."""
    if not after:
        return False
    span = parse_duration(after)
    return span is None or span.total_seconds() > 0


def _edge_label(label: str, lang: Language) -> str:
    if label == "else":
        return lang._("otherwise")
    return labels.reaction(label, lang) if label else ""


def _day(fmt: Formatter, day: float, lang: Language) -> str:
    days = fmt.number(round(day, 1))
    return lang._("day {n}").format(n=days)


EDGE_CHARS = 32  # an edge label is one line


def _label_width(text: str, per_char: float = 6.8, width: int = LINE_CHARS, most: int = 3
                 ) -> float:
    """About how wide (px) a label drawn by `_text` runs: its longest line at 12px."""
    return per_char * max(len(line) for line in _lines(text, width, most))


def diagram(g: Graph, fmt: Formatter, lang: Language) -> Markup:
    """The journey of `g` as an inline SVG (mirrored when `fmt.rtl`); the geometry comes
    from `planner.render.journey_layout`."""
    journey = g.journey
    rtl: bool = fmt.rtl
    texts = {n.id: _label(n, journey, fmt, lang) for n in g.nodes}
    placed = layout(g, edge_label_width=lambda e: _label_width(_edge_label(e.label, lang), 6.6,
                                                                   EDGE_CHARS, 1),
                    node_label_width=lambda nid: _label_width(texts[nid][0]))
    vertical, width, pos = placed.vertical, placed.width, placed.nodes
    exit_node = next((n for n in g.nodes if n.kind == "exit"), None)

    def mx(x: float) -> float:
        return width - x if rtl else x

    body: list[Markup] = []
    reachable = {n.id: n.reachable for n in g.nodes}
    for route in placed.routes:
        e = route.edge
        parts = [_connector(route.points, mx, vertical)]
        if e.label and route.label_at is not None:
            lx, ly = route.label_at
            parts.append(_text(mx(lx), ly, _edge_label(e.label, lang), "pl-j-elabel", lang.direction,
                               rightwards=not rtl,
                               width=EDGE_CHARS, most=1))
        dead = not (reachable.get(e.source, True) and reachable.get(e.target, True))
        body.append(tag("g", *parts, class_="pl-j-link pl-j-dead" if dead else "pl-j-link",
                        data_from=e.source, data_to=e.target))
    for n in g.nodes:
        if n.id not in pos:
            continue
        x, y = pos[n.id]
        x = mx(x)
        text, tip = texts[n.id]
        kids = [tag("title", tip), _icon(n, x, y)]
        if vertical:
            side = x - 30 if rtl else x + 30
            # the end's label sits clear of the dotted line to the exit, descenders and all
            lift = 9 if n.kind == "end" and exit_node is not None else 2
            kids.append(_text(side, y - lift, text, f"pl-j-label pl-j-{n.kind}-label", lang.direction,
                              rightwards=not rtl, width=24))
            if n.kind == "send":
                kids.append(_text(side, y - 20, _day(fmt, n.day, lang), "pl-j-day", lang.direction,
                                  rightwards=not rtl))
        else:
            kids.append(_text(x, y + 36, text, f"pl-j-label pl-j-{n.kind}-label", lang.direction))
            if n.kind in ("send", "trigger", "end"):
                kids.append(_text(x, y - 28, _day(fmt, n.day, lang), "pl-j-day", lang.direction))
        cls = f"pl-j-node pl-jn-{n.kind}" + ("" if n.reachable else " pl-j-dead")
        body.append(tag("g", *kids, class_=cls, data_node=n.id, data_kind=n.kind))
    if exit_node is not None and "exit" in pos and "end" in pos:
        (x1, y1), (x2, y2) = pos["end"], pos["exit"]
        body.insert(0, void("line", x1=num(mx(x1)), y1=num(y1), x2=num(mx(x2)), y2=num(y2),
                            class_="pl-j-exit-link"))
    title = ui_text(lang._("Automation map: {title}"), lang.direction, title=journey.title)
    return tag("svg", tag("title", title), *body, viewBox=f"0 0 {num(width)} {num(placed.height)}",
               width=num(width), class_=f"pl-journey pl-journey-{journey.layout}", role="img",
               aria_label=title, data_journey=journey.id,
               style=f"inline-size:max(100%,{num(0.75 * width)}px);max-inline-size:{num(width)}px")
