"""A journey as a graph: trigger -> sends, waits and branches (nested to any depth) -> end.

Reading of the steps, for the rules and the site alike:

- Steps run in order. A `branch` splits on the customer's reaction: the
  `then` path when the `if` holds, the `else` path otherwise; both paths go on
  with the steps that follow the branch (an empty path goes straight on). The
  steps after the last one lead to the `end` node.
- `Node.day` is the elapsed time in days from the moment the trigger fires (a
  trigger's `after` is part of the trigger: `inactive` after 90 days fires
  then), following the waits. Where paths join after a branch, a node takes
  the latest day of its incoming paths. `depth` is the row from the top: the
  trigger is 0, every step one more than the one before it; both paths of a
  branch start one row below it, and the step after a branch comes one row
  below the longer path.
- The `exit` node (only when the journey has an `exit`) stands apart with no
  edges: a customer leaves whenever the exit event happens.
- Node ids come from YAML paths (`steps-2-branch-then-0`), so they are stable
  and safe in diagrams; the trigger, end and exit are `trigger`, `end`, `exit`.

Problems (`Graph.problems`, the facts behind J701 and J702):

- `unreachable`: a branch path with steps that no customer can take. Three
  cases, judged along each path:
  `exit`: the branch asks `if: X` and X is the journey's `exit` event, so a
  customer for whom X holds has already left: the `then` path is dead;
  `no-message`: the branch asks about a reaction (`opened`, `clicked`,
  `no-reaction`) before any message was sent on that path: nobody can have
  opened or clicked nothing, so the `then` path of opened/clicked (or the
  `else` path of no-reaction) is dead;
  `decided`: the same question was already answered on this path with no send
  in between (and, for a negative answer, no wait either, since a customer may
  still open later; a positive answer stays true): the other path is dead.
  `opened` or `clicked` answered yes also means `no-reaction` is no, and
  `no-reaction` answered yes means `opened` and `clicked` are no.
  Steps inside a dead path are not judged again.
- `empty-path`: a branch path with no steps (`then: []`, or `else` left out)
  in a journey with no `exit`: the customers on it get nothing from the branch
  and nothing says when they leave. Not reported for a dead path.
- `no-exit`: the journey has no `exit`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from planner.dates import parse_duration
from planner.model import Journey, Message, Segment, Step
from planner.vocabulary import Reaction

NodeKind = Literal["trigger", "send", "wait", "branch", "exit", "end"]
YamlPath = tuple[str | int, ...]
_REACTIONS_ABOUT_MESSAGE: tuple[Reaction, ...] = ("opened", "clicked", "no-reaction")
_STAY_TRUE: set[tuple[Reaction, bool]] = {("opened", True), ("clicked", True), ("purchased", True),
                                          ("no-reaction", False)}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    label: str
    day: float
    depth: int
    path: YamlPath  # relative to the journey, e.g. ("steps", 2, "branch", "then", 0)
    message: Message | None = None
    reachable: bool = True
    wait: float = 0.0  # for a wait node, its length in days


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str = ""


Side = Literal["then", "else"]  # a branch's two paths
Reason = Literal["exit", "no-message", "decided"]  # why a path can never be taken


@dataclass(frozen=True, slots=True)
class Problem:
    kind: Literal["unreachable", "empty-path", "no-exit"]
    path: YamlPath  # relative to the journey: ("steps", 2, "branch", "then") or ()
    condition: str = ""  # the branch's `if`
    side: Side | Literal[""] = ""
    reason: Reason | Literal[""] = ""
    steps: tuple[str, ...] = ()  # ids of the nodes that can never run


@dataclass(frozen=True, slots=True)
class Graph:
    journey: Journey
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    problems: tuple[Problem, ...]

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def successors(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.source == node_id]

    @property
    def sends(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.kind == "send")


def node_id(path: YamlPath) -> str:
    return "-".join(map(str, path))


def wait_days(step: Step) -> float:
    d = parse_duration(step.wait)
    return d / dt.timedelta(days=1) if d is not None else 0.0


@dataclass
class _State:
    """What is known on one path at one point."""

    sent: bool = False
    facts: dict[str, bool] = field(default_factory=dict)

    def after_send(self) -> _State:
        return _State(sent=True)

    def after_wait(self) -> _State:
        return _State(self.sent, {k: v for k, v in self.facts.items() if (k, v) in _STAY_TRUE})

    def knowing(self, condition: str, value: bool) -> _State:
        facts = dict(self.facts)
        facts[condition] = value
        if value and condition in ("opened", "clicked"):
            facts["no-reaction"] = False
        if value and condition == "no-reaction":
            facts["opened"] = facts["clicked"] = False
        return _State(self.sent, facts)


def _merge(states: list[_State]) -> _State:
    if not states:
        return _State()
    first = states[0]
    common = {k: v for k, v in first.facts.items() if all(s.facts.get(k) == v for s in states)}
    return _State(all(s.sent for s in states), common)


class _Builder:
    def __init__(self, journey: Journey, segment: Segment | None) -> None:
        self.journey = journey
        self.messages = {m.id: m for m in segment.messages} if segment is not None else {}
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.problems: list[Problem] = []

    def add(self, node: Node, pending: list[tuple[str, str]]) -> list[tuple[str, str]]:
        self.nodes.append(node)
        self.edges += [Edge(src, node.id, label) for src, label in pending]
        return [(node.id, "")]

    def sequence(self, steps: list[Step], path: YamlPath, pending: list[tuple[str, str]],
                 day: float, depth: int, state: _State, reachable: bool
                 ) -> tuple[list[tuple[str, str]], float, int, _State]:
        for i, step in enumerate(steps):
            here = (*path, i)
            nid = node_id(here)
            if step.send is not None:
                msg = self.messages.get(step.send)
                pending = self.add(Node(nid, "send", msg.title if msg else step.send, day, depth,
                                        here, msg, reachable), pending)
                state = state.after_send()
                depth += 1
            elif step.wait is not None:
                w = wait_days(step)
                pending = self.add(Node(nid, "wait", step.wait, day, depth, here,
                                        reachable=reachable, wait=w), pending)
                day += w
                state = state.after_wait()
                depth += 1
            elif step.branch is not None:
                pending, day, depth, state = self.branch(step, here, pending, day, depth, state,
                                                         reachable)
        return pending, day, depth, state

    def branch(self, step: Step, here: YamlPath, pending: list[tuple[str, str]], day: float,
               depth: int, state: _State, reachable: bool
               ) -> tuple[list[tuple[str, str]], float, int, _State]:
        b = step.branch
        assert b is not None
        cond = b.if_
        nid = node_id(here)
        self.add(Node(nid, "branch", cond, day, depth, here, reachable=reachable), pending)
        dead: dict[Side, Reason] = {}
        if reachable:
            if self.journey.exit is not None and self.journey.exit == cond:
                dead["then"] = "exit"
            elif cond in _REACTIONS_ABOUT_MESSAGE and not state.sent:
                dead["else" if cond == "no-reaction" else "then"] = "no-message"
            elif cond in state.facts:
                dead["else" if state.facts[cond] else "then"] = "decided"
        out_pending: list[tuple[str, str]] = []
        ends: list[float] = []
        depths: list[int] = []
        states: list[_State] = []
        sides: tuple[tuple[Side, list[Step], str, bool], ...] = (("then", b.then, cond, True),
                                                              ("else", b.else_, "else", False))
        for side, steps, label, value in sides:
            side_path = (*here, "branch", side)
            side_reachable = reachable and side not in dead
            side_state = state.knowing(cond, value)
            first_node = len(self.nodes)
            p, d, dep, st = self.sequence(steps, side_path, [(nid, label)], day, depth + 1,
                                          side_state, side_reachable)
            out_pending += p
            ends.append(d)
            depths.append(dep)
            if side_reachable or not reachable:
                states.append(st)
            if side in dead and steps:
                self.problems.append(Problem(
                    "unreachable", side_path, cond, side, dead[side],
                    tuple(n.id for n in self.nodes[first_node:])))
            if not steps and side_reachable and self.journey.exit is None:
                self.problems.append(Problem("empty-path", side_path, cond, side))
        return out_pending, max(ends), max(depths), _merge(states)

    def build(self) -> Graph:
        j = self.journey
        label = j.trigger if not j.after else f"{j.trigger} +{j.after}"
        pending = self.add(Node("trigger", "trigger", label, 0.0, 0, ("trigger",)), [])
        pending, day, depth, _state = self.sequence(j.steps, ("steps",), pending, 0.0, 1,
                                                    _State(), True)
        self.add(Node("end", "end", "end", day, depth, ()), pending)
        if j.exit is not None:
            self.nodes.append(Node("exit", "exit", j.exit, 0.0, depth, ("exit",)))
        else:
            self.problems.append(Problem("no-exit", ()))
        return Graph(j, tuple(self.nodes), tuple(self.edges), tuple(self.problems))


def graph(journey: Journey, segment: Segment | None = None) -> Graph:
    """The journey as nodes and edges, with its problems (see the module doc).
    `segment` supplies the messages that send nodes name (their titles and objects).
    Built once per journey into `planner.derive.facts.SegmentFacts`."""
    return _Builder(journey, segment).build()


def _longest(steps: Iterable[Step]) -> float:
    total = 0.0
    for step in steps:
        if step.wait is not None:
            total += wait_days(step)
        elif step.branch is not None:
            total += max(_longest(step.branch.then), _longest(step.branch.else_))
    return total


def longest_duration(journey: Journey) -> dt.timedelta:
    """The time from the trigger firing to the end along the path with the longest waits."""
    return dt.timedelta(days=_longest(journey.steps))


def sends_along_worst_path(g: Graph | Journey, days: float | None = None) -> int:
    """The most sends one customer can get from this journey within any `days`-long
    stretch of time (sends at elapsed times t1 <= t2 share a stretch when t2 - t1 < days),
    over every path it can take; with `days=None`, the most sends along any whole path.
    Dead paths (J701) are left out."""
    return sends_in_windows(g, (math.inf if days is None else float(days),))[0]


def sends_in_windows(g: Graph | Journey, windows: tuple[float, ...],
                     purpose: str | None = None) -> tuple[int, ...]:
    """`sends_along_worst_path` for several window lengths at once (one sweep). With a
    `purpose` ("marketing" or "service"), only sends of messages of that purpose count; a
    send naming no message of the segment counts as marketing, the default purpose."""
    if isinstance(g, Journey):
        g = graph(g)
    return _window_sends(g, tuple(float(w) for w in windows), purpose)


def purpose_of(message: Message | None) -> str:
    """A message's purpose; an unknown message (P007) is marketing, the default."""
    return message.purpose if message is not None else "marketing"


def _window_sends(g: Graph, windows: tuple[float, ...], purpose: str | None
                  ) -> tuple[int, ...]:
    # Nodes are created in path order and every edge points to a later node, so the
    # node order is a topological order. From each possible first send (or from the
    # trigger for a whole path), sweep forward keeping per node the least elapsed time
    # at which it is reached with k sends counted: a node reached at elapsed e < L with
    # k sends before it gives k (+1 if it is a send) sends within a window of L days.
    nodes = [n for n in g.nodes if n.reachable]
    index = {n.id: i for i, n in enumerate(nodes)}
    succ: list[list[int]] = [[] for _ in nodes]
    for e in g.edges:
        if e.source in index and e.target in index:
            succ[index[e.source]].append(index[e.target])
    sends = [int(n.kind == "send" and (purpose is None or purpose_of(n.message) == purpose))
             for n in nodes]
    waits = [n.wait for n in nodes]
    horizon = max(windows, default=0.0) - 1e-9
    best = [0] * len(windows)
    whole = horizon == math.inf
    starts = [0] if whole else [i for i, is_send in enumerate(sends) if is_send]
    for first in starts:
        fronts: list[dict[int, float] | None] = [None] * len(nodes)
        fronts[first] = {0: 0.0}
        for i in range(first, len(nodes)):
            front = fronts[i]
            if not front:
                continue
            for k, elapsed in front.items():
                if elapsed >= horizon:
                    continue
                k2 = k + sends[i]
                for w, length in enumerate(windows):
                    if k2 > best[w] and elapsed < length - 1e-9:
                        best[w] = k2
                later = elapsed + waits[i]
                for s in succ[i]:
                    f = fronts[s]
                    if f is None:
                        fronts[s] = {k2: later}
                    elif later < f.get(k2, math.inf):
                        f[k2] = later
    return tuple(best)
