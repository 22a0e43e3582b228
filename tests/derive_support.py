"""Small plans for the tests of planner.derive: models built from YAML text, as users write it."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from planner.i18n import ENGLISH
from planner.load import parse
from planner.model import Playbook, Segment
from planner.plan import Plan, load_plan

SEGMENT_HEAD = """\
name: Test segment
stage: customer
customers: 8000
yearly_value: 100
outlook: {secure: 40, uncertain: 40, at_risk: 20}
consent: customer-relationship
"""


def yaml_data(text: str) -> Any:
    doc, problems = parse(textwrap.dedent(text), "test.yaml", ENGLISH)
    assert problems == [], [p.message for p in problems]
    return doc.data


def segment(body: str = "", head: str = SEGMENT_HEAD) -> Segment:
    return Segment.model_validate(yaml_data(head + textwrap.dedent(body)))


def playbook(extra: str = "year: 2027") -> Playbook:
    return Playbook.model_validate(yaml_data("title: Test plan\n" + textwrap.dedent(extra)))


def write_plan(root: Path, playbook_text: str, segments: dict[str, str]) -> Plan:
    (root / "segments").mkdir(parents=True, exist_ok=True)
    (root / "playbook.yaml").write_text("title: Test plan\n" + textwrap.dedent(playbook_text),
                                        encoding="utf-8")
    for name, text in segments.items():
        (root / "segments" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_plan(root)
