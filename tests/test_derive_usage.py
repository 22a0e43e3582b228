"""Which campaigns and journeys send each message and serve each goal."""

from __future__ import annotations

from planner.derive.journeys import graph
from planner.derive.usage import senders, served_by
from tests.derive_support import segment

SEGMENT = """
goals:
  - {id: first, title: First goal}
  - {id: second, title: Second goal}
  - {id: idle, title: Nothing serves it}
messages:
  - {id: news, kind: newsletter, channel: email, title: News}
  - {id: nudge, kind: reminder, channel: sms, title: Nudge}
  - {id: unsent, kind: survey, channel: email, title: Survey}
campaigns:
  - {id: spring, title: Spring, message: news, start: 2027-03-01, goals: [second, first]}
  - {id: ghost, title: Ghost, message: missing, start: 2027-04-01, goals: [nope]}
journeys:
  - id: welcome
    title: Welcome
    trigger: joined
    goals: [first]
    steps:
      - send: nudge
      - wait: 3 days
      - send: news
      - branch: {if: opened, then: [{send: nudge}], else: [{send: news}]}
"""


def test_senders_campaigns_then_journeys_each_journey_once() -> None:
    seg = segment(SEGMENT)
    assert senders(seg, [graph(j, seg) for j in seg.journeys]) == {
        "news": ["Spring", "Welcome"],
        "nudge": ["Welcome"],
        "unsent": [],  # L802 says so; the site lists it with nobody
        "missing": ["Ghost"],  # P007 reports the unknown id; the campaign still names it
    }


def test_served_by_campaigns_then_journeys() -> None:
    assert served_by(segment(SEGMENT)) == {
        "first": [("campaign", "spring", "Spring"), ("journey", "welcome", "Welcome")],
        "second": [("campaign", "spring", "Spring")],
        "idle": [],
    }
