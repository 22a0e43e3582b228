"""`planner diff`: pairs of plans, one change each, and the level and facts it must show;
git revisions of a temporary repository; sides that cannot be read."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.review import SideError, review
from planner.review.formats import GITHUB_COMMENT_LIMIT, markdown
from planner.scaffold import scaffold


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    scaffold(tmp_path / "t", "en", 2031)
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "t" / "plans", before)
    shutil.copytree(tmp_path / "t" / "plans", tmp_path / "after")
    return before, tmp_path / "after"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_change(before: Path, after: Path) -> dict[str, object]:
    result = review(str(before), str(after), before)
    assert len(result.changes) == 1, result.changes
    return result.changes[0].as_json()


# Each case: (file under plans/, text before, text after, kind, change, level, a changed field).
CASES = [
    ("segments/engaged.yaml", "    target: 30\n", "    target: 28\n",
     "goal", "changed", "risky", "target"),
    ("segments/engaged.yaml", "    target: 30\n", "    target: 32\n",
     "goal", "changed", "notable", "target"),
    ("segments/engaged.yaml", "    due: 2031-12-31\n", "    due: 2031-Q3\n",
     "goal", "changed", "notable", "due"),
    ("segments/passive-lost.yaml", "    due: 2031-12-31\n", "    due: 2032-01-31\n",
     "goal", "changed", "risky", "due"),
    ("segments/engaged.yaml",
     "    title: Raise the 90-day repeat order rate of customers from 25 % to 30 %\n",
     "    title: Raise the 90-day repeat order rate of all customers from 25 % to 30 %\n",
     "goal", "changed", "info", "title"),
    ("segments/interested.yaml", "consent: opt-in ", "consent: customer-relationship ",
     "segment", "changed", "risky", "consent"),
    ("segments/engaged.yaml", "consent: customer-relationship", "consent: opt-in",
     "segment", "changed", "notable", "consent"),
    ("playbook.yaml", "  max_per_month: 8\n", "  max_per_month: 9\n",
     "playbook", "changed", "risky", "contact_policy.max_per_month"),
    ("playbook.yaml", "  max_per_month: 8\n", "  max_per_month: 7\n",
     "playbook", "changed", "notable", "contact_policy.max_per_month"),
    ("playbook.yaml", "  max_change: 1.0 ", "  max_change: 2.0 ",
     "playbook", "changed", "risky", "smart.max_change"),
    ("segments/engaged.yaml", "customers: 5000", "customers: 5200",
     "segment", "changed", "notable", "customers"),
    ("segments/engaged.yaml", "    start: 2031-05-04\n", "    start: 2031-05-11\n",
     "campaign", "changed", "notable", "start"),
    ("segments/engaged.yaml", "    content: New products, one useful tip, and what other customers liked.\n",
     "    content: New products and one useful tip.\n", "message", "changed", "info", "content"),
    ("segments/interested.yaml", "      - wait: 7 days\n", "      - wait: 5 days\n",
     "journey", "changed", "notable", "steps"),
    ("segments/engaged.yaml", "    kind: survey\n", "    kind: survey\n    purpose: service\n",
     "message", "changed", "risky", "purpose"),
    ("playbook.yaml", "    title: Keep the repeat revenue of existing customers\n",
     "    title: Keep the repeat revenue of our customers\n", "objective", "changed", "info", "title"),
]


@pytest.mark.parametrize(("file", "old", "new", "kind", "change", "level", "field"), CASES,
                         ids=[f"{c[3]}-{c[6]}-{c[5]}" for c in CASES])
def test_one_change_and_its_level(pair: tuple[Path, Path], file: str, old: str, new: str, kind: str,
                                  change: str, level: str, field: str) -> None:
    before, after = pair
    edit(after / file, old, new)
    found = only_change(before, after)
    assert (found["kind"], found["change"], found["level"]) == (kind, change, level)
    assert field in found["fields"]  # type: ignore[operator]


def test_removed_goal_and_journey_are_risky_added_campaign_notable(pair: tuple[Path, Path]) -> None:
    before, after = pair
    edit(after / "segments/passive-lost.yaml",
         "  - id: returned\n    title: Welcome back after a new order\n    trigger: reactivated\n"
         "    layout: timeline\n    goals: [reactivation-rate-8]\n    steps:\n      - send: welcome-back\n"
         "    exit: unsubscribed\n", "")
    edit(after / "segments/engaged.yaml", "campaigns:\n",
         "campaigns:\n  - id: autumn-survey\n    title: Autumn survey\n    message: customer-survey\n"
         "    start: 2031-10-05\n    goals: [repeat-rate-30]\n")
    result = review(str(before), str(after), before)
    levels = {(c.kind, c.change): c.level for c in result.changes}
    assert levels == {("journey", "removed"): "risky", ("campaign", "added"): "notable"}
    assert result.changes[0].kind == "journey"  # riskiest first
    assert result.reaches("risky") and result.reaches("notable")


def test_derived_facts_and_findings(pair: tuple[Path, Path]) -> None:
    before, after = pair
    edit(after / "segments/engaged.yaml", "outlook: {secure: 50, uncertain: 35, at_risk: 15}",
         "outlook: {secure: 40, uncertain: 35, at_risk: 25}")
    edit(after / "segments/engaged.yaml", "    supports: keep-revenue\n", "    supports: keep-revenues\n")
    result = review(str(before), str(after), before)
    facts = {(f.segment, f.fact): (f.before, f.after) for f in result.derived}
    assert facts[("engaged", "revenue.at_risk")] == (90000.0, 150000.0)
    assert facts[("engaged", "findings.error")] == (0, 1)
    assert [(f.rule, f.item) for f in result.introduced] == [("R402", "repeat-rate-30")]
    assert [(s.goal, s.before, s.after) for s in result.smart] == [("repeat-rate-30", "", "R")]
    assert result.reaches("risky")  # a new error


def test_contact_pressure_is_compared(pair: tuple[Path, Path]) -> None:
    before, after = pair
    edit(after / "segments/engaged.yaml", "    start: 2031-05-04\n", "    start: 2031-01-13\n")
    result = review(str(before), str(after), before)
    facts = {(f.segment, f.fact): (f.before, f.after) for f in result.derived}
    assert facts[("engaged", "pressure.week")] == (1, 2)


def test_no_change(pair: tuple[Path, Path]) -> None:
    before, after = pair
    edit(after / "segments/engaged.yaml", "# Engaged:", "# Reformatted, same plan. Engaged:")
    result = CliRunner().invoke(main, ["diff", str(before), str(after), "--fail-on", "notable"])
    assert result.exit_code == 0
    assert "no change to the plan" in result.output


def test_json_contract_and_fail_on(pair: tuple[Path, Path]) -> None:
    before, after = pair
    edit(after / "segments/engaged.yaml", "    target: 30\n", "    target: 28\n")
    result = CliRunner().invoke(main, ["diff", str(before), str(after), "--format", "json"])
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert {"base", "head", "summary", "changes", "derived"} <= body.keys()
    assert body["summary"]["changed"] == 1 and body["summary"]["risky"] == 1
    assert body["changes"][0] == {
        "segment": "engaged", "kind": "goal", "id": "repeat-rate-30", "change": "changed",
        "fields": {"target": [30, 28]}, "level": "risky",
        "why": "the target moved toward the baseline"}
    assert CliRunner().invoke(main, ["diff", str(before), str(after), "--fail-on", "risky"]).exit_code == 1


@pytest.mark.parametrize("bad", ["no-such-revision", "does/not/exist"])
def test_a_side_that_cannot_be_read_is_exit_2_never_no_changes(pair: tuple[Path, Path], bad: str) -> None:
    before, _after = pair
    result = CliRunner().invoke(main, ["diff", bad, "--plans", str(before)])
    assert result.exit_code == 2
    assert "no change" not in result.output
    with pytest.raises(SideError):
        review(bad, None, before)


def test_git_revisions_are_read_from_objects(tmp_path: Path) -> None:
    scaffold(tmp_path / "repo", "en", 2031)
    repo = tmp_path / "repo"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    edit(repo / "plans/segments/engaged.yaml", "    target: 30\n", "    target: 35\n")
    subprocess.run([*git, "commit", "-qam", "more ambitious"], check=True)
    edit(repo / "plans/segments/engaged.yaml", "    target: 35\n", "    target: 27\n")  # not committed
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    committed = review("HEAD~1", "HEAD", repo / "plans")
    assert committed.changes[0].fields == {"target": (30, 35)}
    assert committed.changes[0].level == "notable"
    working = review("HEAD", None, repo / "plans")
    assert working.changes[0].fields == {"target": (35, 27)} and working.changes[0].level == "risky"
    # Nothing was checked out: the working tree and HEAD are as they were.
    assert "target: 27" in (repo / "plans/segments/engaged.yaml").read_text(encoding="utf-8")
    assert subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout == head


def test_a_revision_without_the_plans(tmp_path: Path) -> None:
    scaffold(tmp_path / "repo", "en", 2031)
    repo = tmp_path / "repo"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "mkdocs.yml"], check=True)
    subprocess.run([*git, "commit", "-qm", "no plans yet"], check=True)
    with pytest.raises(SideError, match="has no plans/playbook.yaml"):
        review("HEAD", None, repo / "plans")


def test_markdown_fits_a_pull_request_comment(pair: tuple[Path, Path]) -> None:
    before, after = pair
    campaigns = "".join(
        f"  - id: flash-{i}\n    title: Flash sale number {i} with a long title for the table\n"
        f"    message: newsletter\n    start: 2031-0{1 + i % 9}-1{i % 10}\n" for i in range(900))
    edit(after / "segments/engaged.yaml", "campaigns:\n", "campaigns:\n" + campaigns)
    result = review(str(before), str(after), before)
    text = markdown(result, "https://plans.example.org")
    assert len(text) <= GITHUB_COMMENT_LIMIT
    assert text.startswith("### planner diff: 900 changes")
    assert "<details>" in text


@pytest.mark.parametrize("broken", ['    target: "30\n', "    start: {holiday: midsumer-eve}\n"])
def test_a_segment_that_breaks_is_never_read_as_removed(pair: tuple[Path, Path], broken: str) -> None:
    before, after = pair
    old = "    target: 30\n" if "target" in broken else "    start: 2031-05-04\n"
    edit(after / "segments/engaged.yaml", old, broken)
    result = review(str(before), str(after), before)
    (change,) = [c for c in result.changes if c.segment == "engaged"]
    assert (change.kind, change.change, change.level) == ("segment", "changed", "risky")
    assert "cannot be compared" in change.why
    assert result.introduced and result.reaches("risky")
