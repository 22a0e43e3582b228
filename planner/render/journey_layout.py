"""Where an automation map puts its nodes and how its connectors run: pure geometry.

Every branch path gets a lane of its own (a row in `layout: timeline`, a column in
`layout: journey`): a branch's `then` path stays in the branch's lane, its `else` path
takes the next lane free of the `then` path's own branches. An empty path still gets its
lane, so its connector is drawn apart from the other path's, with its label.

A connector runs from its source in three legs: it turns into the lane of the path it
stands for right after leaving the source, runs along that lane, and turns into the
target's lane just before reaching the target. So a branch path rejoins the flow at the
node that follows the branch, after the longer path, never in the middle of it, and
connectors that share neither their source nor their target never touch.

Coordinates are left to right; the drawing mirrors them for a right-to-left page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.derive.journeys import Edge, Graph, node_id
from planner.model import Journey, Step

COL = 210  # journey layout: the width of a column
ROW = 96  # journey layout: the height of a row
LANE = 124  # timeline layout: the height of a lane
GAP = 128  # timeline layout: the least distance between consecutive nodes
MARGIN = 24
TURN = 36  # how far from a node a connector turns into another lane
REACH = 24  # how far from a node's centre a connector starts or ends

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Route:
    """One connector: the polyline from its source to its target (the arrowhead at the
    end), and where its label (if any) starts."""

    edge: Edge
    points: tuple[Point, ...]
    label_at: Point | None


@dataclass(frozen=True, slots=True)
class Layout:
    vertical: bool
    width: float
    height: float
    nodes: dict[str, Point]  # node id -> centre
    routes: tuple[Route, ...]


def _width(steps: list[Step]) -> int:
    return max([1] + [_branch_width(s) for s in steps if s.branch is not None])


def _branch_width(step: Step) -> int:
    assert step.branch is not None
    return _width(step.branch.then) + _width(step.branch.else_)


def lanes(journey: Journey) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The lane of every node, and of every branch path: (branch id, edge label) -> lane,
    the edge label being the branch's `if` for its `then` path and "else" for the other."""
    nodes: dict[str, int] = {"trigger": 0, "end": 0}
    paths: dict[tuple[str, str], int] = {}

    def walk(steps: list[Step], path: tuple[str | int, ...], lane: int) -> None:
        for i, step in enumerate(steps):
            here = (*path, i)
            nid = node_id(here)
            nodes[nid] = lane
            if step.branch is not None:
                other = lane + _width(step.branch.then)
                paths[(nid, step.branch.if_)] = lane
                paths[(nid, "else")] = other
                walk(step.branch.then, (*here, "branch", "then"), lane)
                walk(step.branch.else_, (*here, "branch", "else"), other)

    walk(journey.steps, ("steps",), 0)
    return nodes, paths


def layout(g: Graph, edge_label_width: Callable[[Edge], float] = lambda _e: 0.0,
           node_label_width: Callable[[str], float] = lambda _n: 0.0) -> Layout:
    """The positions of `g`'s nodes and the routes of its edges. The widths (in px) of the
    labels an edge or a node will carry keep a timeline's nodes far enough apart."""
    vertical = g.journey.layout == "journey"
    node_lane, path_lane = lanes(g.journey)
    steps = [n for n in g.nodes if n.kind != "exit"]
    pos: dict[str, Point] = {}
    if vertical:
        for n in steps:
            pos[n.id] = (MARGIN + COL / 2 + COL * node_lane.get(n.id, 0), MARGIN + 30 + ROW * n.depth)
    else:
        incoming: dict[str, list[Edge]] = {}
        for e in g.edges:
            incoming.setdefault(e.target, []).append(e)
        longest = max((n.day for n in steps), default=0.0)
        per_day = min(30.0, max(4.0, 700 / longest)) if longest else 0.0
        for n in steps:  # nodes come in path order: every predecessor is placed first
            x = MARGIN + 90 + n.day * per_day
            for e in incoming.get(n.id, []):
                if e.source in pos:
                    apart = (node_label_width(e.source) + node_label_width(n.id)) / 2 + 12
                    room = 2 * TURN + 14 + edge_label_width(e) if e.label else 0.0
                    x = max(x, pos[e.source][0] + max(GAP, apart, room))
            pos[n.id] = (x, MARGIN + 40 + LANE * node_lane.get(n.id, 0))
    exit_node = next((n for n in g.nodes if n.kind == "exit"), None)
    if exit_node is not None and "end" in pos:
        ex, ey = pos["end"]
        pos["exit"] = (ex + COL * 0.8, ey) if vertical else (ex + GAP, ey)
    routes = []
    for e in g.edges:
        if e.source not in pos or e.target not in pos:
            continue
        lane = path_lane.get((e.source, e.label), node_lane.get(e.source, 0)) if e.label \
            else node_lane.get(e.source, 0)
        routes.append(_route(e, pos[e.source], pos[e.target], lane, vertical))
    xs = [x for x, _y in pos.values()] + [x for r in routes for x, _y in r.points]
    ys = [y for _x, y in pos.values()] + [y for r in routes for _x, y in r.points]
    width = max(xs) + (200 if vertical else 110) + MARGIN
    height = max(ys) + (ROW * 0.8 if vertical else 80) + MARGIN
    return Layout(vertical, width, height, pos, tuple(routes))


def lane_position(lane: int, vertical: bool) -> float:
    """The x (journey layout) or y (timeline) of a lane."""
    return MARGIN + COL / 2 + COL * lane if vertical else MARGIN + 40 + LANE * lane


def _route(e: Edge, source: Point, target: Point, lane: int, vertical: bool) -> Route:
    (x1, y1), (x2, y2) = source, target
    along = lane_position(lane, vertical)
    if vertical:
        start, end = (x1, y1 + REACH - 2), (x2, y2 - REACH)
        turn_in, turn_out = y1 + TURN + 4, y2 - TURN - 4
        pts: list[Point] = [start]
        if abs(along - x1) > 0.5:
            pts += [(x1, turn_in), (along, turn_in)]
        if abs(along - x2) > 0.5:
            pts += [(along, turn_out), (x2, turn_out)]
        pts.append(end)
        label = (along + 8, turn_in + 16) if e.label else None
    else:
        start, end = (x1 + REACH, y1), (x2 - REACH, y2)
        turn_in, turn_out = x1 + TURN, x2 - TURN
        pts = [start]
        if abs(along - y1) > 0.5:
            pts += [(turn_in, y1), (turn_in, along)]
        if abs(along - y2) > 0.5:
            pts += [(turn_out, along), (turn_out, y2)]
        pts.append(end)
        label = ((turn_in + 8 if abs(along - y1) > 0.5 else x1 + REACH + 10), along - 8) \
            if e.label else None
    return Route(e, tuple(pts), label)
