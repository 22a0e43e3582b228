"""Journey graphs: layout, problems (J701/J702 facts) and sends per window, by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from planner.derive.journeys import (
    Edge,
    graph,
    longest_duration,
    sends_along_worst_path,
    sends_in_windows,
)
from planner.model import Journey
from tests.derive_support import segment, yaml_data

MESSAGES = """
messages:
  - {id: welcome, kind: welcome, channel: email, title: Welcome to the club}
  - {id: product-info, kind: product-info, channel: email, title: Our roasts}
  - {id: reminder, kind: reminder, channel: email, title: Your code is waiting}
  - {id: offer, kind: offer, channel: email, title: First-order offer}
  - {id: survey, kind: survey, channel: email, title: How are we doing?}
"""

WELCOME = """
id: welcome-series
title: Welcome series
trigger: joined
after: 1 day
exit: purchased
steps:
  - send: welcome
  - wait: 3 days
  - branch:
      if: opened
      then:
        - send: product-info
      else:
        - send: reminder
        - wait: 2 days
        - send: offer
  - wait: 1 week
  - send: survey
"""


def journey(text: str) -> Journey:
    return Journey.model_validate(yaml_data(text))


def steps(text: str, exit_: str | None = "purchased") -> Journey:
    head = "id: j\ntitle: J\ntrigger: joined\n" + (f"exit: {exit_}\n" if exit_ else "")
    return journey(head + ("steps:\n" + text if text else "steps: []\n"))


def test_the_welcome_series_laid_out() -> None:
    g = graph(journey(WELCOME), segment(MESSAGES))
    got = [(n.id, n.kind, n.day, n.depth) for n in g.nodes]
    assert got == [
        ("trigger", "trigger", 0, 0),
        ("steps-0", "send", 0, 1),
        ("steps-1", "wait", 0, 2),
        ("steps-2", "branch", 3, 3),
        ("steps-2-branch-then-0", "send", 3, 4),
        ("steps-2-branch-else-0", "send", 3, 4),
        ("steps-2-branch-else-1", "wait", 3, 5),
        ("steps-2-branch-else-2", "send", 5, 6),
        ("steps-3", "wait", 5, 7),   # joins the paths: the later day, the deeper row
        ("steps-4", "send", 12, 8),
        ("end", "end", 12, 9),
        ("exit", "exit", 0, 9),
    ]
    assert g.edges == (
        Edge("trigger", "steps-0"), Edge("steps-0", "steps-1"), Edge("steps-1", "steps-2"),
        Edge("steps-2", "steps-2-branch-then-0", "opened"),
        Edge("steps-2", "steps-2-branch-else-0", "else"),
        Edge("steps-2-branch-else-0", "steps-2-branch-else-1"),
        Edge("steps-2-branch-else-1", "steps-2-branch-else-2"),
        Edge("steps-2-branch-then-0", "steps-3"),
        Edge("steps-2-branch-else-2", "steps-3"),
        Edge("steps-3", "steps-4"), Edge("steps-4", "end"),
    )
    assert g.problems == ()
    assert g.node("trigger").label == "joined +1 day"
    send = g.node("steps-2-branch-else-2")
    assert send.label == "First-order offer" and send.message is not None
    assert send.message.id == "offer" and send.path == ("steps", 2, "branch", "else", 2)
    assert g.node("steps-1").label == "3 days" and g.node("steps-1").wait == 3
    assert g.node("exit").label == "purchased" and g.node("exit").path == ("exit",)
    assert [e.target for e in g.successors("steps-2")] == ["steps-2-branch-then-0",
                                                           "steps-2-branch-else-0"]
    assert len(g.sends) == 5


def test_durations_and_sends_of_the_welcome_series() -> None:
    j = journey(WELCOME)
    assert longest_duration(j) == dt.timedelta(days=12)  # 3 days + 2 days + 1 week
    # sends on the heavier (else) path at days 0, 3, 5 and 12
    assert sends_along_worst_path(j) == 4
    assert sends_along_worst_path(j, 30) == 4
    assert sends_along_worst_path(j, 7) == 3
    assert sends_along_worst_path(j, 3) == 2   # 3 and 5; 0 and 3 are 3 days apart
    assert sends_along_worst_path(j, 1) == 1
    assert sends_in_windows(j, (1, 3, 7, 30)) == (1, 2, 3, 4)


def test_windows_in_hours() -> None:
    j = steps("  - send: a\n  - wait: 12 hours\n  - send: b\n  - wait: 12 hours\n  - send: c\n")
    assert sends_in_windows(j, (1, 7)) == (2, 3)
    assert longest_duration(j) == dt.timedelta(days=1)


def test_a_send_exactly_a_window_later_falls_in_the_next_window() -> None:
    j = steps("  - send: a\n  - wait: 7 days\n  - send: b\n  - wait: 6 days\n  - send: c\n")
    assert sends_in_windows(j, (7, 14, 30)) == (2, 3, 3)  # b and c are 6 days apart


def test_an_unknown_message_still_sends() -> None:
    g = graph(steps("  - send: nowhere\n"), segment(MESSAGES))
    node = g.node("steps-0")
    assert (node.label, node.message) == ("nowhere", None)
    assert sends_along_worst_path(g) == 1


def test_no_steps() -> None:
    g = graph(steps(""))
    assert [(n.id, n.depth) for n in g.nodes] == [("trigger", 0), ("end", 1), ("exit", 1)]
    assert g.edges == (Edge("trigger", "end"),)
    assert sends_along_worst_path(g) == 0 and sends_along_worst_path(g, 7) == 0


def test_nested_branches_and_depths() -> None:
    g = graph(steps("""\
  - send: a
  - branch:
      if: opened
      then:
        - branch:
            if: clicked
            then: [{send: b}]
            else: [{send: c}, {wait: 1 day}, {send: d}]
      else: [{send: e}]
  - send: f
"""))
    depth = {n.id: n.depth for n in g.nodes}
    assert depth["steps-1-branch-then-0"] == 3
    assert depth["steps-1-branch-then-0-branch-else-2"] == 6
    assert depth["steps-2"] == 7 and depth["end"] == 8
    assert g.node("steps-2").day == 1
    assert sends_along_worst_path(g) == 4  # a, c, d, f
    assert Edge("steps-1-branch-then-0", "steps-1-branch-then-0-branch-then-0", "clicked") in g.edges


# --- problems -------------------------------------------------------------------------


def _problems(j: Journey) -> list[tuple]:
    return [(p.kind, p.path, p.side, p.reason) for p in graph(j).problems]


def test_no_exit_is_a_problem() -> None:
    assert _problems(steps("  - send: a\n", exit_=None)) == [("no-exit", (), "", "")]


def test_empty_paths_without_an_exit() -> None:
    j = steps("  - send: a\n  - branch:\n      if: opened\n      then: []\n", exit_=None)
    assert _problems(j) == [
        ("empty-path", ("steps", 1, "branch", "then"), "then", ""),
        ("empty-path", ("steps", 1, "branch", "else"), "else", ""),
        ("no-exit", (), "", ""),
    ]
    g = graph(j)
    # an empty path goes straight on to what follows the branch
    assert Edge("steps-1", "end", "opened") in g.edges and Edge("steps-1", "end", "else") in g.edges


def test_empty_paths_with_an_exit_are_fine() -> None:
    assert _problems(steps("  - send: a\n  - branch:\n      if: opened\n      then: [{send: b}]\n")) == []


def test_a_branch_on_the_exit_event_has_a_dead_then_path() -> None:
    j = steps("""\
  - send: a
  - wait: 1 day
  - branch:
      if: purchased
      then: [{send: b}, {send: c}]
      else: [{send: d}]
""")
    g = graph(j)
    assert [(p.kind, p.path, p.side, p.reason, p.condition) for p in g.problems] == [
        ("unreachable", ("steps", 2, "branch", "then"), "then", "exit", "purchased")]
    assert g.problems[0].steps == ("steps-2-branch-then-0", "steps-2-branch-then-1")
    assert not g.node("steps-2-branch-then-0").reachable
    assert g.node("steps-2-branch-else-0").reachable
    assert sends_along_worst_path(g) == 2  # a, d: the dead path does not count


@pytest.mark.parametrize("condition,side", [("opened", "then"), ("clicked", "then"),
                                            ("no-reaction", "else")])
def test_a_reaction_before_any_message_is_dead(condition: str, side: str) -> None:
    j = steps(f"  - branch:\n      if: {condition}\n      then: [{{send: a}}]\n"
              "      else: [{send: b}]\n")
    assert _problems(j) == [("unreachable", ("steps", 0, "branch", side), side, "no-message")]


def test_a_purchase_needs_no_message() -> None:
    j = steps("  - wait: 1 day\n  - branch:\n      if: purchased\n      then: [{send: a}]\n"
              "      else: [{send: b}]\n", exit_="unsubscribed")
    assert _problems(j) == []


def test_a_question_already_answered_is_dead() -> None:
    j = steps("""\
  - send: a
  - branch:
      if: opened
      then:
        - wait: 2 days
        - branch:
            if: opened
            then: [{send: b}]
            else: [{send: c}]
      else:
        - branch:
            if: opened
            then: [{send: d}]
            else: [{send: e}]
""")
    assert _problems(j) == [
        # opened stays opened, even after a wait
        ("unreachable", ("steps", 1, "branch", "then", 1, "branch", "else"), "else", "decided"),
        # not opened, asked again at once
        ("unreachable", ("steps", 1, "branch", "else", 0, "branch", "then"), "then", "decided"),
    ]


def test_a_wait_or_a_send_opens_the_question_again() -> None:
    j = steps("""\
  - send: a
  - branch:
      if: opened
      then:
        - send: b
        - branch: {if: opened, then: [{send: c}], else: [{send: d}]}
      else:
        - wait: 3 days
        - branch: {if: opened, then: [{send: e}], else: [{send: f}]}
""")
    assert _problems(j) == []


def test_opened_means_a_reaction_and_no_reaction_means_not_opened() -> None:
    j = steps("""\
  - send: a
  - branch:
      if: clicked
      then:
        - branch: {if: no-reaction, then: [{send: b}], else: [{send: c}]}
      else:
        - branch:
            if: no-reaction
            then:
              - branch: {if: opened, then: [{send: d}], else: [{send: e}]}
            else: [{send: f}]
""")
    assert _problems(j) == [
        ("unreachable", ("steps", 1, "branch", "then", 0, "branch", "then"), "then", "decided"),
        ("unreachable", ("steps", 1, "branch", "else", 0, "branch", "then", 0, "branch", "then"),
         "then", "decided"),
    ]


def test_steps_inside_a_dead_path_are_not_judged_again() -> None:
    j = steps("""\
  - branch:
      if: opened
      then:
        - branch: {if: clicked, then: []}
      else: [{send: a}]
""", exit_=None)
    assert _problems(j) == [("unreachable", ("steps", 0, "branch", "then"), "then", "no-message"),
                            ("no-exit", (), "", "")]


def test_a_very_long_journey_is_no_problem() -> None:
    j = steps("".join("  - send: a\n  - wait: 1 day\n" for _ in range(1500)))
    assert sends_in_windows(j, (7, 30)) == (7, 30)
    assert sends_along_worst_path(j) == 1500
    assert longest_duration(j) == dt.timedelta(days=1500)


# --- durations in the model ---------------------------------------------------------


@pytest.mark.parametrize("text", ["3 days", "1 day", "2 weeks", "12 hours", "1 month", "1.5 days",
                                  "3d", "0 days"])
def test_durations_that_parse(text: str) -> None:
    steps(f"  - wait: {text}\n")


@pytest.mark.parametrize("text", ["3 dayz", "soon", "days", "-1 day", "3", "three days"])
def test_durations_that_do_not(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a duration"):
        steps(f"  - wait: '{text}'\n")
    with pytest.raises(ValidationError, match="is not a duration"):
        journey(f"id: j\ntitle: J\ntrigger: inactive\nafter: '{text}'\n")
