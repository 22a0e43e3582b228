"""Automation maps: a journey drawn as an inline SVG diagram.

The trigger starts it, an envelope stands for each message sent, a diamond for
each branch on the customer's reaction, an hourglass for each wait, and the
journey ends at a stop mark with its exit event beside it. `layout: timeline`
runs left to right by elapsed days (right to left in a right-to-left
language); `layout: journey` runs top to bottom by stage, the paths of a branch
side by side. Positions come from `planner.derive.journeys.graph` (day, depth);
the columns of branch paths come from the steps' nesting.
"""

from __future__ import annotations

from markupsafe import Markup

from planner.dates import parse_duration
from planner.derive.journeys import Graph, Node, node_id
from planner.i18n import _
from planner.model import Journey, Step
from planner.render import labels
from planner.render.bidi import isolate_text, ui_text
from planner.render.svg import anchor_towards, num, tag, text_direction, void

COL = 210  # journey layout: the width of a column
ROW = 96  # journey layout: the height of a row
LANE = 108  # timeline layout: the height of a lane
GAP = 112  # timeline layout: the least distance between consecutive nodes
MARGIN = 24
LINE_CHARS = 18


def reaction_label(reaction: str) -> str:
    return {"opened": _("opened"), "clicked": _("clicked"), "purchased": _("purchased"),
            "no-reaction": _("no reaction")}.get(reaction, reaction)


def trigger_label(trigger: str) -> str:
    if trigger.startswith("custom:"):
        return trigger[len("custom:"):]
    return {"joined": _("joined"), "purchased": _("purchased"), "inactive": _("inactive"),
            "abandoned-cart": _("abandoned cart"), "birthday": _("birthday"),
            "anniversary": _("anniversary"), "renewal-due": _("renewal due"),
            "reactivated": _("reactivated")}.get(trigger, trigger)


def _width(steps: list[Step]) -> int:
    return max([1] + [_branch_width(s) for s in steps if s.branch is not None])


def _branch_width(step: Step) -> int:
    assert step.branch is not None
    return _width(step.branch.then) + _width(step.branch.else_)


def columns(journey: Journey) -> dict[str, int]:
    """The column of every step node: a branch's `then` path below it, its `else` path to
    the side, as wide as the `then` path needs."""
    out: dict[str, int] = {"trigger": 0, "end": 0}

    def walk(steps: list[Step], path: tuple, col: int) -> None:
        for i, step in enumerate(steps):
            here = (*path, i)
            out[node_id(here)] = col
            if step.branch is not None:
                walk(step.branch.then, (*here, "branch", "then"), col)
                walk(step.branch.else_, (*here, "branch", "else"), col + _width(step.branch.then))

    walk(journey.steps, ("steps",), 0)
    return out


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


def _text(x: float, y: float, text: str, cls: str, rightwards: bool | None = None,
          width: int = LINE_CHARS) -> Markup:
    """A label of up to three lines at (x, y): centred, or running right (`rightwards`) or
    left of x; its base direction follows its own text, not the page's."""
    direction, anchor = (text_direction(text), "middle") if rightwards is None else \
        anchor_towards(text, rightwards)
    lines = _lines(text, width)
    spans = [tag("tspan", ln, x=num(x), dy="0" if i == 0 else "1.15em") for i, ln in enumerate(lines)]
    return tag("text", *spans, x=num(x), y=num(y), class_=cls, text_anchor=anchor,
               direction=direction)


def _arrow(x1: float, y1: float, x2: float, y2: float, vertical: bool) -> Markup:
    """An elbow connector from (x1, y1) to (x2, y2) with an arrowhead at the end."""
    if vertical:
        if abs(x1 - x2) < 0.5:
            d = f"M{num(x1)} {num(y1)}V{num(y2)}"
        else:
            mid = y1 + min(22.0, (y2 - y1) / 2)
            d = f"M{num(x1)} {num(y1)}V{num(mid)}H{num(x2)}V{num(y2)}"
        head = f"M{num(x2 - 5)} {num(y2 - 8)}L{num(x2)} {num(y2)}L{num(x2 + 5)} {num(y2 - 8)}Z"
    else:
        if abs(y1 - y2) < 0.5:
            d = f"M{num(x1)} {num(y1)}H{num(x2)}"
        else:
            mid = x1 + (22.0 if x2 > x1 else -22.0)
            d = f"M{num(x1)} {num(y1)}H{num(mid)}V{num(y2)}H{num(x2)}"
        sign = 1 if x2 >= x1 else -1
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


def _label(node: Node, journey: Journey, fmt: object) -> tuple[str, str]:
    """The visible label of a node, and its fuller tooltip."""
    if node.kind == "send":
        msg = node.message
        title = msg.title if msg is not None else node.label
        channel = labels.channel(msg.channel) if msg is not None else ""
        tip = ui_text(_("Send {title} ({channel})"), title=title, channel=channel) if channel \
            else isolate_text(title)
        return title, tip
    if node.kind == "branch":
        text = _("{reaction}?").format(reaction=reaction_label(node.label))
        return text, _("Branch: has the customer {reaction}?").format(
            reaction=reaction_label(node.label))
    if node.kind == "wait":
        text = _("wait {duration}").format(duration=fmt.duration(node.label))  # type: ignore[attr-defined]
        return text, text
    if node.kind == "trigger":
        text = trigger_label(journey.trigger)
        if has_delay(journey.after):
            text = ui_text(_("{trigger}, after {after}"), trigger=text,
                           after=fmt.duration(journey.after))  # type: ignore[attr-defined]
        return text, ui_text(_("Trigger: {trigger}"), trigger=text)
    if node.kind == "exit":
        text = _("exits when {event}").format(event=reaction_label(node.label))
        return text, _("A customer leaves the journey as soon as: {event}").format(
            event=reaction_label(node.label))
    return _("end"), _("End of the journey")


def has_delay(after: str | None) -> bool:
    """Whether a trigger's `after` is worth saying (not missing, not zero)."""
    if not after:
        return False
    span = parse_duration(after)
    return span is None or span.total_seconds() > 0


def _edge_label(label: str) -> str:
    if label == "else":
        return _("otherwise")
    return reaction_label(label) if label else ""


def _day(fmt: object, day: float) -> str:
    days = fmt.number(round(day, 1))  # type: ignore[attr-defined]
    return _("day {n}").format(n=days)


def diagram(g: Graph, fmt: object) -> Markup:
    """The journey of `g` as an inline SVG (mirrored when `fmt.rtl`)."""
    journey = g.journey
    vertical = journey.layout == "journey"
    rtl: bool = fmt.rtl  # type: ignore[attr-defined]
    cols = columns(journey)
    steps = [n for n in g.nodes if n.kind != "exit"]
    exit_node = next((n for n in g.nodes if n.kind == "exit"), None)
    pos: dict[str, tuple[float, float]] = {}
    preds: dict[str, list[str]] = {}
    for e in g.edges:
        preds.setdefault(e.target, []).append(e.source)
    if vertical:
        for n in steps:
            pos[n.id] = (MARGIN + COL / 2 + COL * cols.get(n.id, 0), MARGIN + 30 + ROW * n.depth)
    else:
        longest = max((n.day for n in steps), default=0.0)
        per_day = min(30.0, max(4.0, 700 / longest)) if longest else 0.0
        for n in steps:
            x = MARGIN + 90 + n.day * per_day
            for p in preds.get(n.id, []):
                if p in pos:
                    x = max(x, pos[p][0] + GAP)
            pos[n.id] = (x, MARGIN + 40 + LANE * cols.get(n.id, 0))
    if exit_node is not None and "end" in pos:
        ex, ey = pos["end"]
        pos["exit"] = (ex + COL * 0.8, ey) if vertical else (ex + GAP, ey)
    width = max(x for x, _y in pos.values()) + (200 if vertical else 110) + MARGIN
    height = max(y for _x, y in pos.values()) + (ROW * 0.8 if vertical else 80) + MARGIN

    def mx(x: float) -> float:
        return width - x if rtl else x

    body: list[Markup] = []
    reachable = {n.id: n.reachable for n in g.nodes}
    for e in g.edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        if vertical:
            arrow = _arrow(mx(x1), y1 + 22, mx(x2), y2 - 24, True)
        else:
            off = 24 if x2 > x1 else -24
            arrow = _arrow(mx(x1 + off), y1, mx(x2 - off), y2, False)
        dead = not (reachable.get(e.source, True) and reachable.get(e.target, True))
        cls = "pl-j-link pl-j-dead" if dead else "pl-j-link"
        parts = [arrow]
        if e.label:
            text = _edge_label(e.label)
            if vertical:
                lx, ly = (mx(x2 + 8), y1 + 40) if abs(x1 - x2) < 0.5 else (mx(x2 + 8), y1 + 38)
            else:
                lx, ly = (mx(x1 + 48), y1 - 8) if abs(y1 - y2) < 0.5 else (mx(x1 + 34), y2 - 8)
            parts.append(_text(lx, ly, text, "pl-j-elabel", rightwards=not rtl))
        body.append(tag("g", *parts, class_=cls))
    for n in g.nodes:
        if n.id not in pos:
            continue
        x, y = pos[n.id]
        x = mx(x)
        text, tip = _label(n, journey, fmt)
        kids = [tag("title", tip), _icon(n, x, y)]
        if vertical:
            side = x - 30 if rtl else x + 30
            # the end's label sits clear of the dotted line to the exit, descenders and all
            lift = 9 if n.kind == "end" and exit_node is not None else 2
            kids.append(_text(side, y - lift, text, f"pl-j-label pl-j-{n.kind}-label",
                              rightwards=not rtl, width=24))
            if n.kind == "send":
                kids.append(_text(side, y - 20, _day(fmt, n.day), "pl-j-day", rightwards=not rtl))
        else:
            kids.append(_text(x, y + 36, text, f"pl-j-label pl-j-{n.kind}-label"))
            if n.kind in ("send", "trigger", "end"):
                kids.append(_text(x, y - 28, _day(fmt, n.day), "pl-j-day"))
        cls = f"pl-j-node pl-jn-{n.kind}" + ("" if n.reachable else " pl-j-dead")
        body.append(tag("g", *kids, class_=cls, data_node=n.id, data_kind=n.kind))
    if exit_node is not None and "exit" in pos and "end" in pos:
        (x1, y1), (x2, y2) = pos["end"], pos["exit"]
        body.insert(0, void("line", x1=num(mx(x1)), y1=num(y1), x2=num(mx(x2)), y2=num(y2),
                            class_="pl-j-exit-link"))
    title = ui_text(_("Automation map: {title}"), title=journey.title)
    return tag("svg", tag("title", title), *body, viewBox=f"0 0 {num(width)} {num(height)}",
               width=num(width), class_=f"pl-journey pl-journey-{journey.layout}", role="img",
               aria_label=title, data_journey=journey.id,
               style=f"inline-size:max(100%,{num(0.75 * width)}px);max-inline-size:{num(width)}px")
