"""Automation maps draw the flow the YAML says, read from the drawn SVG alone.

Each connector is followed from the node box its line leaves to the node box its
arrowhead points at; the connections found must be exactly the ones the steps make
(worked out here from the YAML, independently of planner.derive.journeys): every
branch path's last node joins the node that follows the branch. A connector never
runs through a node it does not connect, and two connectors that share neither their
source nor their target never touch, so no path seems to join another in the middle.
Uneven and nested branches, empty paths, both layouts, left-to-right and right-to-left.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

import pytest
import yaml

from planner import i18n
from planner.derive.journeys import graph
from planner.model import Journey
from planner.render.fmt import Formatter
from planner.render.journey_svg import diagram

# The trial journey of the report: the non-openers' path is shorter than the openers'.
UNEVEN = """
- send: trial-welcome
- wait: 3 days
- branch:
    if: opened
    then:
      - send: tips
      - wait: 4 days
      - send: trial-ends-tomorrow
      - wait: 1 day
      - send: last-day
    else:
      - wait: 4 days
      - send: trial-ends-tomorrow
- send: join-now-19-eur
"""
NESTED = """
- send: welcome
- branch:
    if: opened
    then:
      - wait: 2 days
      - branch:
          if: clicked
          then:
            - send: offer
          else:
            - send: reminder
            - wait: 9 days
            - branch:
                if: no-reaction
                then:
                  - send: last-call
      - send: survey
    else:
      - send: resend
- wait: 1 week
- send: goodbye
"""
EMPTY_PATHS = """
- send: hello
- wait: 3 days
- branch:
    if: no-reaction
    then:
      - send: nudge
- branch:
    if: clicked
    else:
      - wait: 2 days
      - send: second-try
- branch:
    if: opened
- send: after-all
"""
BRANCH_LAST = """
- send: hello
- branch:
    if: opened
    then:
      - branch:
          if: clicked
          then:
            - send: a
    else:
      - wait: 20 days
      - send: b
      - wait: 20 days
      - send: c
"""
CASES = {"uneven": UNEVEN, "nested": NESTED, "empty-paths": EMPTY_PATHS, "branch-last": BRANCH_LAST}


def _expected(steps: list[dict[str, Any]], prefix: str, sources: list[str],
              edges: Counter[tuple[str, str]]) -> list[str]:
    """Count the connections `steps` make into `edges`; the nodes the next step follows."""
    for i, step in enumerate(steps):
        nid = f"{prefix}-{i}"
        edges.update((s, nid) for s in sources)
        if "branch" in step:
            sources = []
            for side in ("then", "else"):
                sources += _expected(step["branch"].get(side, []), f"{nid}-branch-{side}", [nid], edges)
        else:
            sources = [nid]
    return sources


def expected_connections(steps_yaml: str) -> Counter[tuple[str, str]]:
    edges: Counter[tuple[str, str]] = Counter()
    last = _expected(yaml.safe_load(steps_yaml), "steps", ["trigger"], edges)
    edges.update((s, "end") for s in last)
    return edges


Box = tuple[float, float, float, float]
Segment = tuple[tuple[float, float], tuple[float, float]]
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _path_points(d: str) -> list[tuple[float, float]]:
    """The points of a path of absolute M/L/H/V commands (all the maps use)."""
    points: list[tuple[float, float]] = []
    for command, args in re.findall(r"([MLHVZ])([^MLHVZ]*)", d):
        values = [float(v) for v in _NUMBER.findall(args)]
        if command in "ML":
            points += list(zip(values[0::2], values[1::2], strict=True))
        elif command == "H":
            points += [(v, points[-1][1]) for v in values]
        elif command == "V":
            points += [(points[-1][0], v) for v in values]
    return points


def _box(points: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def node_boxes(svg: ET.Element) -> dict[str, Box]:
    """Each node's box: the extent of its drawn shape (its labels left out)."""
    boxes = {}
    for g in svg.iter("g"):
        if "data-node" not in g.attrib:
            continue
        points: list[tuple[float, float]] = []
        for shape in g:
            a = {k: float(v) for k, v in shape.attrib.items() if _NUMBER.fullmatch(v)}
            if shape.tag == "rect":
                points += [(a["x"], a["y"]), (a["x"] + a["width"], a["y"] + a["height"])]
            elif shape.tag == "circle":
                points += [(a["cx"] - a["r"], a["cy"] - a["r"]), (a["cx"] + a["r"], a["cy"] + a["r"])]
            elif shape.tag == "path":
                points += _path_points(shape.attrib["d"])
        boxes[g.attrib["data-node"]] = _box(points)
    return boxes


def _near(point: tuple[float, float], box: Box, margin: float) -> bool:
    x, y = point
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


def _touching(a: Segment, b: Segment) -> bool:
    """Whether two axis-parallel segments share a point."""
    (ax1, ay1), (ax2, ay2) = a
    (bx1, by1), (bx2, by2) = b
    return (max(min(ax1, ax2), min(bx1, bx2)) <= min(max(ax1, ax2), max(bx1, bx2)) + 0.01
            and max(min(ay1, ay2), min(by1, by2)) <= min(max(ay1, ay2), max(by1, by2)) + 0.01)


def _crosses_box(seg: Segment, box: Box) -> bool:
    return _touching(seg, ((box[0], box[1]), (box[2], box[3])))


def drawn_connections(svg_text: str) -> tuple[Counter[tuple[str, str]], list[str]]:
    """The connections the connectors draw (by geometry only), and what is wrong with them."""
    svg = ET.fromstring(svg_text)
    boxes = node_boxes(svg)
    found: Counter[tuple[str, str]] = Counter()
    lines: list[tuple[str, str, list[Segment]]] = []
    faults: list[str] = []
    for edge in svg.iter("path"):
        if edge.attrib.get("class") != "pl-j-edge":
            continue
        points = _path_points(edge.attrib["d"])
        ends = []
        for point in (points[0], points[-1]):
            near = [n for n, box in boxes.items() if _near(point, box, 16)]
            if len(near) != 1:
                faults.append(f"connector {edge.attrib['d']} ends near {near or 'no node'}")
                break
            ends.append(near[0])
        else:
            source, target = ends
            found[(source, target)] += 1
            segments = list(itertools.pairwise(points))
            assert all(a[0] == b[0] or a[1] == b[1] for a, b in segments), "axis-parallel legs"
            lines.append((source, target, segments))
            for n, box in boxes.items():
                if n not in (source, target) and any(_crosses_box(s, box) for s in segments):
                    faults.append(f"{source}->{target} runs through node {n}")
    for i, (s1, t1, segs1) in enumerate(lines):
        for s2, t2, segs2 in lines[i + 1:]:
            if s1 != s2 and t1 != t2 and any(_touching(a, b) for a in segs1 for b in segs2):
                faults.append(f"{s1}->{t1} touches {s2}->{t2}")
    return found, faults


@pytest.mark.parametrize("layout", ["timeline", "journey"])
@pytest.mark.parametrize("language", ["en", "he"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_path_joins_after_its_branch(case: str, layout: str, language: str) -> None:
    steps = CASES[case]
    journey = Journey.model_validate({"id": "j", "title": "J", "trigger": "joined", "layout": layout,
                                      "exit": "purchased", "steps": yaml.safe_load(steps)})
    svg = diagram(graph(journey), Formatter(language), i18n.language(language))
    found, faults = drawn_connections(str(svg))
    assert faults == []
    assert found == expected_connections(steps)


def test_the_check_sees_a_join_drawn_in_the_middle() -> None:
    """The old drawing: the short path's connector turned into the long path beside its
    own last node, touching the long path's connectors before the join."""
    svg = ('<svg><g data-node="a"><rect x="0" y="0" width="20" height="20"/></g>'
           '<g data-node="b"><rect x="100" y="0" width="20" height="20"/></g>'
           '<g data-node="c"><rect x="200" y="0" width="20" height="20"/></g>'
           '<g data-node="s"><rect x="80" y="100" width="20" height="20"/></g>'
           '<path class="pl-j-edge" d="M20 10H100"/><path class="pl-j-edge" d="M120 10H200"/>'
           '<path class="pl-j-edge" d="M100 110H90V10H200"/></svg>')
    found, faults = drawn_connections(svg)
    assert found == Counter({("a", "b"): 1, ("b", "c"): 1, ("s", "c"): 1})
    assert "a->b touches s->c" in faults
