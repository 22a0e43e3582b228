"""`render(plan, previous=...)`: after an edit, the pages of the segments whose inputs did not
change are taken from the last rendering (`planner serve`), and every file is still the one
a rendering from scratch makes, whichever file the edit was in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planner.check import check_paths
from planner.diagnostics import Diagnostic, Severity
from planner.plan import load_plan
from planner.render import Rendering, render

ROOT = Path(__file__).resolve().parent.parent


def _render(plans: Path, previous: Rendering | None = None) -> Rendering:
    plan = load_plan(plans)
    diagnostics = check_paths([plans]).diagnostics
    return render(plan, diagnostics, previous=previous)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (plans, file edited, text replaced, its replacement, segments whose pages must be kept)
EDITS = [
    # the segment's own text: the other segments' pages are kept
    ("plans", "segments/loyal.yaml", "title: Roast Club letter", "title: Roast Club news",
     {"engaged", "interested", "passive-lost"}),
    # a goal with a finding: its badges on its page
    ("plans", "segments/engaged.yaml", "due: 2027-12-31", "due: 2029-12-31", {"loyal"}),
    # the largest revenue of the plan: the scale of every revenue bar on the home page
    ("plans", "segments/loyal.yaml", "yearly_value: 310", "yearly_value: 31000",
     {"engaged", "interested", "passive-lost"}),
    # a name that moves the segment in the plan's order: the colours of those it passes
    ("plans", "segments/interested.yaml", "name: Interested prospects", "name: Zealous prospects",
     set()),
    # the playbook: every page
    ("plans", "playbook.yaml", "as_of: 2027-04-15", "as_of: 2027-05-15", set()),
    # a measured value: every page that tracks progress
    ("plans", "actuals/2027-q1.csv", "engaged,cus-repeat-rate,2027-01-31,31.4,",
     "engaged,cus-repeat-rate,2027-01-31,35.4,", set()),
    # a campaign anchored to a holiday no other is: the holiday row of every calendar
    ("examples/fi", "segments/asiakkaat.yaml",
     "{holiday: black-friday}\n    end: {holiday: cyber-monday}",
     "{holiday: singles-day}\n    end: {holiday: singles-day, days: 2}", set()),
    # an anchored date made the plain date it falls on: the page no longer names the holiday
    ("examples/fi", "segments/asiakkaat.yaml", "start: {holiday: midsummer-eve, days: -7}",
     "start: 2027-06-18", {"kiinnostuneet", "menetetyt", "passiiviset"}),
    # a comment at the end: the segment's page again (its text changed), the others kept
    ("plans", "segments/loyal.yaml", "\nname:", "\nname:", {"engaged", "interested",
                                                           "passive-lost"}),
]


@pytest.mark.parametrize(("source", "file", "old", "new", "kept"), EDITS)
def test_a_rendering_after_an_edit_is_one_from_scratch(
        tmp_path: Path, source: str, file: str, old: str, new: str, kept: set[str]) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / source, plans)
    before = _render(plans)
    _edit(plans / file, old, new)
    if file.endswith(".yaml"):
        with (plans / file).open("a", encoding="utf-8") as f:
            f.write("# edited\n")
    os.utime(plans / file, (2e9, 2e9))  # the plan's last change, the ICS stamp, moves too
    after = _render(plans, previous=before)
    scratch = _render(plans)
    assert after.site.reused >= kept
    for sid in kept:  # taken, not rendered again
        assert after.files[f"segments/{sid}.md"] is before.files[f"segments/{sid}.md"]
    assert sorted(after.files) == sorted(scratch.files)
    differ = [path for path in scratch.files if after.files[path] != scratch.files[path]]
    assert not differ
    assert before.files["calendar.ics"] != after.files["calendar.ics"]  # a new stamp


def test_a_removed_or_added_segment_renders_the_rest_as_from_scratch(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    before = _render(plans)
    (plans / "segments" / "loyal.yaml").unlink()
    after = _render(plans, previous=before)
    assert "segments/loyal.md" not in after.files
    assert after.files == _render(plans).files


def test_a_new_finding_on_a_goal_renders_its_page_again(tmp_path: Path) -> None:
    """Whatever file a finding comes from, the badges of the goal it is about change."""
    plan = load_plan(ROOT / "plans")
    diagnostics = check_paths([ROOT / "plans"]).diagnostics
    before = render(plan, diagnostics)
    sf, segment = plan.segments[0]
    goal = segment.goals[0]
    finding = Diagnostic(rule="S102", severity=Severity.WARNING, message="vague", file="other.yaml",
                         smart="S", segment=sf.id, item=goal.id, item_kind="goal")
    after = render(plan, [*diagnostics, finding], previous=before)
    assert after.site.reused == {s.id for s, _ in plan.segments} - {sf.id}
    assert after.files == render(plan, [*diagnostics, finding]).files


def test_a_fifth_segment_narrows_every_ring_of_the_clock(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    before = _render(plans)
    engaged = (plans / "segments" / "engaged.yaml").read_text(encoding="utf-8")
    (plans / "segments" / "zz-copy.yaml").write_text(
        engaged.replace("name: Engaged customers", "name: Zz copy").replace("cus-", "zz-"),
        encoding="utf-8")
    after = _render(plans, previous=before)
    assert after.site.reused  # pages kept, fragments drawn again
    assert after.files["clock.md"] == _render(plans).files["clock.md"]
    assert after.files["clock.md"] != before.files["clock.md"]
