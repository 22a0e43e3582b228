"""A team adopting planner: `planner init`, pre-commit on touched files, GitHub Actions output,
`mkdocs build --strict` with the plugin, and the team's own pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from planner.check import check_paths
from planner.cli import main
from planner.scaffold import plan_year, scaffold


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, timeout=300)


def planner_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run("planner", *args, cwd=cwd, env=env)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    scaffold(tmp_path / "team", "en", 2031)
    return tmp_path / "team"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- planner init ---------------------------------------------------------------------------


def test_plan_year_turns_in_october() -> None:
    import datetime as dt

    assert plan_year(dt.date(2030, 9, 30)) == 2030
    assert plan_year(dt.date(2030, 10, 1)) == 2031


@pytest.mark.parametrize("language", ["en", "fi", "he"])
def test_init_writes_a_plan_that_passes_strict_check(tmp_path: Path, language: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "t"), "--language", language,
                                       "--year", "2029"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "t"
    for expected in ("plans/playbook.yaml", "mkdocs.yml", "docs/.gitkeep", ".gitignore",
                     ".github/workflows/plans.yml", ".pre-commit-config.yaml",
                     ".vscode/settings.json", ".schemas/segment.schema.json"):
        assert (root / expected).is_file(), expected
    stages = {yaml.safe_load(p.read_text(encoding="utf-8"))["stage"]
              for p in (root / "plans" / "segments").glob("*.yaml")}
    assert stages == {"prospect", "customer", "passive"}  # the three lifecycle groups
    playbook = yaml.safe_load((root / "plans/playbook.yaml").read_text(encoding="utf-8"))
    assert (playbook["language"], playbook["year"]) == (language, 2029)
    result = check_paths([root / "plans"])
    assert [d for d in result.diagnostics if not d.waived] == []
    assert not result.failed(strict=True)


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    root = tmp_path / "t"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    (root / ".gitignore").write_text("secret\n", encoding="utf-8")
    outcomes = {o.path: o.written for o in scaffold(root, "en", 2030)}
    assert outcomes["mkdocs.yml"] is False and outcomes[".gitignore"] is False
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"
    assert (root / ".gitignore").read_text(encoding="utf-8") == "secret\n"
    # Run again: everything exists, nothing is written.
    assert not any(o.written for o in scaffold(root, "fi", 2030))


def test_init_leaves_an_existing_plan_alone(tmp_path: Path) -> None:
    root = tmp_path / "t"
    (root / "plans").mkdir(parents=True)
    (root / "plans" / "playbook.yaml").write_text("title: Ours\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(root)])
    assert result.exit_code == 0
    assert "no plan file was written" in result.output
    assert not (root / "plans" / "segments").exists()
    assert (root / "plans" / "playbook.yaml").read_text(encoding="utf-8") == "title: Ours\n"


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_init_workflow_checks_pull_requests_and_publishes_pages(team: Path) -> None:
    workflow = yaml.safe_load((team / ".github/workflows/plans.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = " ".join(str(s.get("run", s.get("uses", ""))) for s in workflow["jobs"]["check"]["steps"])
    assert "planner check plans" in steps and "mkdocs build --strict" in steps
    assert 'planner diff "origin/${{ github.base_ref }}" --format markdown' in steps
    assert "lifecycle-planner" in steps
    assert workflow["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    hooks = yaml.safe_load((team / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["id"] == "planner-check"
    settings = json.loads((team / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (team / schema).is_file()


def test_init_mkdocs_config_makes_no_third_party_request(team: Path) -> None:
    config = yaml.safe_load((team / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    assert {"planner": {"plans": "plans"}} in config["plugins"]


# --- pre-commit: touched files report what the change breaks elsewhere -------------------


def test_removing_an_objective_fails_on_the_segments_that_supported_it(team: Path) -> None:
    playbook = team / "plans" / "playbook.yaml"
    edit(playbook, "  - id: win-back\n    title: Bring passive and lost customers back\n", "")
    result = planner_cli("check", "plans/playbook.yaml", cwd=team)
    assert result.returncode == 1, result.stdout
    assert re.search(r"plans/segments/passive-lost.yaml:\d+:\d+: error R402", result.stdout)
    assert "goal 'reactivation-rate-8'" in result.stdout


@pytest.mark.parametrize("touched", ["engaged", "passive-lost"])  # before and after in file order
def test_a_colliding_goal_id_is_reported_in_the_touched_file(team: Path, touched: str) -> None:
    segments = team / "plans" / "segments"
    edit(segments / "passive-lost.yaml", "  - id: reactivation-rate-8\n", "  - id: repeat-rate-30\n")
    edit(segments / "passive-lost.yaml", "goals: [reactivation-rate-8]", "goals: [repeat-rate-30]")
    edit(segments / "passive-lost.yaml", "goals: [reactivation-rate-8]", "goals: [repeat-rate-30]")
    result = planner_cli("check", f"plans/segments/{touched}.yaml", cwd=team)
    assert result.returncode == 1, result.stdout
    assert re.search(rf"plans/segments/{touched}.yaml:\d+:\d+: error P006", result.stdout)
    assert result.stdout.rstrip().endswith("in 1 file")


def test_a_clean_touched_file_counts_one_file(team: Path) -> None:
    result = planner_cli("check", "plans/segments/engaged.yaml", cwd=team)
    assert result.returncode == 0
    assert result.stdout.strip() == "0 errors, 0 warnings in 1 file"


# --- GitHub Actions -------------------------------------------------------------------------


def _vague(team: Path, n: int) -> None:
    """`n` goals with a vague title (S102 warnings) and one error (a KPI nobody defined)."""
    path = team / "plans" / "segments" / "engaged.yaml"
    goals = "".join(
        f"  - id: vague-{i}\n    title: Get better results from customer number {i}\n"
        f"    kpi: repeat-rate\n    baseline: 25\n    target: 26\n    due: 2031-12-31\n"
        f"    supports: keep-revenue\n" for i in range(n))
    edit(path, "goals:\n", "goals:\n" + goals)
    edit(path, "    kpi: repeat-rate\n    baseline: 25\n    target: 30",
         "    kpi: no-such-kpi\n    baseline: 25\n    target: 30")


def test_github_annotations_are_relative_to_the_workspace_and_all_go_to_the_summary(
        team: Path) -> None:
    _vague(team, 12)
    sub = team / "plans" / "segments"  # a job that runs from a sub-folder of the repository
    summary = team / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(team),
           "GITHUB_STEP_SUMMARY": str(summary)}
    result = planner_cli("check", "..", cwd=sub, env=env)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=plans/segments/engaged.yaml,line=") for line in annotations)
    assert all("file=plans/" in line for line in annotations)
    # S102 marks the whole title (from column 12, GitHub's end column is inclusive).
    ends = {int(m[1]) for line in annotations if "title=S102" in line
            for m in [re.search(r",col=12,endLine=\d+,endColumn=(\d+),", line)] if m}
    titles = {f"Get better results from customer number {i}" for i in range(12)}
    assert ends == {12 + len(t) - 1 for t in titles}
    table = [line for line in summary.read_text(encoding="utf-8").splitlines()
             if line.startswith("| ") and "plans/segments/engaged.yaml:" in line]
    assert len(table) == len(annotations) >= 13  # GitHub shows 10 annotations; the summary all
    warnings = sum(line.startswith("::warning") for line in annotations)
    assert summary.read_text(encoding="utf-8").startswith(
        f"### ❌ planner check: 1 error, {warnings} warnings in 4 files")


def test_markdown_cells_cannot_break_the_table_or_inject_html() -> None:
    from planner.report.markdown import cell

    assert cell("a | b\n<img src=x onerror=alert(1)> `c`") == (
        "a &#124; b &#60;img src=x onerror=alert(1)&#62; &#96;c&#96;")


def test_no_job_summary_outside_github(team: Path, tmp_path: Path) -> None:
    summary = tmp_path / "s.md"
    result = planner_cli("check", "plans", cwd=team, env={"GITHUB_STEP_SUMMARY": str(summary),
                                                          "GITHUB_ACTIONS": "false"})
    assert result.returncode == 0 and not summary.exists()


# --- mkdocs build --strict and the team's own pages ---------------------------------------


def test_mkdocs_strict_fails_on_an_unwaived_warning_and_passes_without(team: Path) -> None:
    assert run("mkdocs", "build", "--strict", cwd=team).returncode == 0
    _vague(team, 1)
    edit(team / "plans/segments/engaged.yaml", "    kpi: no-such-kpi\n", "    kpi: repeat-rate\n")
    result = run("mkdocs", "build", "--strict", cwd=team)
    assert result.returncode == 1
    assert "S102" in result.stderr


def test_own_pages_stay_and_appear_in_the_navigation(team: Path) -> None:
    (team / "docs" / "team").mkdir()
    (team / "docs" / "team" / "how-we-work.md").write_text("# How we work\n\nReviews on Monday.\n",
                                                           encoding="utf-8")
    result = run("mkdocs", "build", "--strict", cwd=team)
    assert result.returncode == 0, result.stderr
    page = (team / "site" / "team" / "how-we-work" / "index.html").read_text(encoding="utf-8")
    assert "Reviews on Monday." in page
    home = (team / "site" / "index.html").read_text(encoding="utf-8")
    assert "How we work" in home  # in the navigation


def test_own_index_is_never_silently_replaced(team: Path) -> None:
    (team / "docs" / "index.md").write_text("# Our home\n", encoding="utf-8")
    result = run("mkdocs", "build", cwd=team)
    assert result.returncode == 1
    assert "index.md is also a page of the playbook" in result.stderr
    assert (team / "docs" / "index.md").read_text(encoding="utf-8") == "# Our home\n"
