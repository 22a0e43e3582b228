"""`load_plan(root, previous=...)` (`planner serve` after an edit): the segment files whose text
is the same are not validated again, and the check finds what a check from scratch finds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planner.check import CheckResult, check_paths
from planner.plan import load_plan
from planner.report import FORMATS

ROOT = Path(__file__).resolve().parent.parent


def _report(result: CheckResult) -> list[dict[str, str]]:
    return json.loads(FORMATS["json"](result, False))


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    # files whose findings come from reading them: a name that is no id, a YAML error
    segments = plans / "segments"
    (segments / "Bad_Name.yaml").write_text((segments / "loyal.yaml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    (segments / "broken.yaml").write_text("name: Broken\nstage: [engaged\n", encoding="utf-8")
    return plans


def test_unchanged_files_are_lent_and_findings_stay(plans: Path) -> None:
    first = load_plan(plans)
    engaged = plans / "segments" / "engaged.yaml"
    engaged.write_text(engaged.read_text(encoding="utf-8").replace("due: 2027-12-31",
                                                                   "due: 2031-12-31"),
                       encoding="utf-8")
    again = check_paths([plans], previous=first)
    lent = {sf.id for sf in again.plans[0].segment_files
            if any(sf is before for before in first.segment_files)}
    assert lent == {sf.id for sf in first.segment_files} - {"engaged"}
    assert _report(again) == _report(check_paths([plans]))
    rules = {(d["file"].rsplit("/", 1)[-1], d["rule"]) for d in _report(again)}
    assert {("Bad_Name.yaml", "P006"), ("broken.yaml", "P001")} <= rules


def test_a_playbook_edit_reads_every_file_again(plans: Path) -> None:
    first = load_plan(plans)
    playbook = plans / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("language: en", "language: fi"),
                        encoding="utf-8")
    again = load_plan(plans, previous=first)
    assert not any(a is b for a in again.segment_files for b in first.segment_files)
    assert _report(check_paths([plans], previous=first)) == _report(check_paths([plans]))
