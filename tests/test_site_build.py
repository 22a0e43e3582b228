"""`planner build`, `planner generate` and the MkDocs plugin, end to end on copies of the plans."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from tests.helpers import start_server, stop_server
from tests.site.hostile import REPO, copy_plans

MKDOCS = [sys.executable, "-m", "mkdocs"]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(folder.rglob("*"))}


def break_a_goal(plans: Path) -> Path:
    """Make the first goal of the first segment not time-bound (T501, an error)."""
    seg = sorted((plans / "segments").glob("*.yaml"))[0]
    text = seg.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("goals:"))
    due = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("due:"))
    seg.write_text("".join(lines[:due] + lines[due + 1:]), encoding="utf-8")
    return seg


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: the bundled configuration is used
    return CliRunner()


def test_build_writes_a_site_and_leaves_plans_alone(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    before = snapshot(plans)
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    for page in ("index.html", "calendar/index.html", "clock/index.html", "journeys/index.html",
                 "rules/index.html", "segments/engaged/index.html", "calendar.ics",
                 "segments/engaged.ics", "campaigns.csv", "goals.csv", "assets/planner.css"):
        assert (site / page).is_file(), page
    assert snapshot(plans) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site"], "no temporary left"


def test_the_search_index_leaves_out_the_pages_that_repeat_the_segments(
        tmp_path: Path, runner: CliRunner) -> None:
    import json

    plans = copy_plans(tmp_path)
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"", "segments/engaged/", "rules/"} <= pages
    assert not pages & {"calendar/", "clock/", "journeys/", "segments/"}


def test_build_from_another_folder_with_default_output(tmp_path: Path, runner: CliRunner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    plans = copy_plans(tmp_path / "project")
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(main, ["build", str(plans)])
    assert result.exit_code == 0, result.output
    assert (work / "site" / "index.html").is_file()


def test_plan_error_stops_the_build_and_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    break_a_goal(plans)
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "T501" in result.output
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_plan_error_keeps_the_previous_site(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    site = tmp_path / "site"
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    before = snapshot(site)
    break_a_goal(plans)
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 1
    assert snapshot(site) == before


def test_failed_mkdocs_build_leaves_the_previous_site(tmp_path: Path, runner: CliRunner,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    plans = copy_plans(tmp_path)
    site = tmp_path / "site"
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    before = snapshot(site)
    import planner.render

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the renderer broke half way")

    monkeypatch.setattr(planner.render, "render", broken)
    result = runner.invoke(main, ["build", str(plans), "-o", str(site)])
    assert result.exit_code != 0
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site"], "no temporary left"


def test_strict_build_stops_on_a_warning(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    seg = plans / "segments" / "engaged.yaml"
    lines = seg.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.strip() == "waive:")
    seg.write_text("".join(lines[:at] + lines[at + 2:]), encoding="utf-8")  # S102 unwaived
    assert runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "a")]).exit_code == 0
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "b"), "--strict"])
    assert result.exit_code == 1, result.output
    assert "S102" in result.output
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("where", ["plans", "plans/segments", "."])
def test_build_refuses_to_write_over_the_plans(tmp_path: Path, runner: CliRunner, where: str) -> None:
    plans = copy_plans(tmp_path)
    before = snapshot(plans)
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / where)])
    assert result.exit_code == 2, result.output
    assert snapshot(plans) == before


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    copy_plans(project)
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    return project


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run([*MKDOCS, *args], cwd=project, capture_output=True, text=True, env=env,
                          timeout=300)


def test_mkdocs_build_strict_fails_on_a_non_smart_goal_and_passes_when_fixed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    ok = _mkdocs(project, "build", "--strict")
    assert ok.returncode == 0, ok.stderr
    assert (project / "site" / "calendar" / "index.html").is_file()
    seg = break_a_goal(project / "plans")
    bad = _mkdocs(project, "build", "--strict")
    assert bad.returncode != 0
    assert "T501" in bad.stderr + bad.stdout
    shutil.copyfile(REPO / "tests" / "site" / "plans" / "segments" / seg.name, seg)
    again = _mkdocs(project, "build", "--strict")
    assert again.returncode == 0, again.stderr


def test_the_plans_reach_the_plugin_through_its_config(tmp_path: Path, runner: CliRunner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A team's `plugins: - planner: plans: ...` names the plans for plain MkDocs (relative to
    mkdocs.yml); `planner build DIR` sets that option to DIR, whatever mkdocs.yml says. No
    environment variable takes part: the old PLANNER_PLANS is ignored."""
    project = tmp_path / "project"
    copy_plans(project / "team-plans")
    (project / "docs").mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      plans: plans\n" in config
    (project / "mkdocs.yml").write_text(config.replace("      plans: plans\n",
                                                       "      plans: team-plans/plans\n"),
                                        encoding="utf-8")
    env = {**os.environ, "PLANNER_PLANS": str(tmp_path / "nowhere")}
    ok = subprocess.run([*MKDOCS, "build", "--strict"], cwd=project, capture_output=True,
                        text=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert (project / "site" / "calendar" / "index.html").is_file()

    other = copy_plans(tmp_path / "other")
    title = "A playbook the command line names"
    playbook = other / "playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace(text.split("title: ", 1)[1].split("\n", 1)[0], title, 1),
                        encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("PLANNER_PLANS", str(tmp_path / "nowhere"))
    result = runner.invoke(main, ["build", str(other), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert title in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_generate_then_plain_mkdocs_build(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    out = tmp_path / "generated"
    result = runner.invoke(main, ["generate", str(plans), "--out", str(out)])
    assert result.exit_code == 0, result.output
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own loader: the slugify is a !!python/name

    config = yaml_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    assert (out / "docs" / "index.md").is_file() and (out / "docs" / "calendar.ics").is_file()
    built = _mkdocs(out, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert (out / "site" / "segments" / "engaged" / "index.html").is_file()
    # a second run replaces the pages it wrote, and refuses folders it did not write
    assert runner.invoke(main, ["generate", str(plans), "--out", str(out)]).exit_code == 0
    other = tmp_path / "mine"
    (other / "docs").mkdir(parents=True)
    (other / "docs" / "notes.md").write_text("# mine\n", encoding="utf-8")
    assert runner.invoke(main, ["generate", str(plans), "--out", str(other)]).exit_code == 2
    assert (other / "docs" / "notes.md").read_text(encoding="utf-8") == "# mine\n"


def test_generate_refuses_the_plans_dir(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    before = snapshot(plans)
    result = runner.invoke(main, ["generate", str(plans), "--out", str(plans / "site")])
    assert result.exit_code == 2
    assert snapshot(plans) == before


def test_site_makes_no_third_party_request(tmp_path: Path, runner: CliRunner) -> None:
    import re

    plans = copy_plans(tmp_path)
    assert runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")]).exit_code == 0
    loads = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=\"(https?:)?//", re.I)
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not loads.search(text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
    for css in (tmp_path / "site").rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def _get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test server
        return response.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    import time

    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page: {last[:300]}")


def test_serve_shows_diagnostics_and_recovers(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    server, url = start_server(plans, tmp_path)
    try:
        _wait_for(url, "Nordic Roast customer lifecycle plan 2027")
        seg = plans / "segments" / "engaged.yaml"
        good = seg.read_text(encoding="utf-8")
        break_a_goal(plans)
        page = _wait_for(url, "T501")
        assert "pl-errors" in page
        for path in ("segments/engaged/", "calendar/", "segments/loyal/"):
            # the reader's page reloads into the findings, and reloads again once fixed
            page = _get(url + path)
            assert "T501" in page and "pl-errors" in page and "livereload" in page, path
        seg.write_text(good, encoding="utf-8")
        _wait_for(url + "calendar/", "pl-cal-bar")
        assert server.poll() is None, "the server kept running"
    finally:
        stop_server(server)


@pytest.mark.parametrize(("option", "expected"), [
    (None, "Our CRM handbook"), ("site_name: false", "Our CRM handbook"),
    ("site_name: true", "title")])
def test_a_projects_own_site_name_is_kept_unless_the_plugin_is_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str | None, expected: str) -> None:
    from planner.engine.site import load_config
    from planner.plan import load_plan

    project = tmp_path / "project"
    plans = copy_plans(project)
    (project / "docs").mkdir()
    plugin = "  - planner:\n      plans: plans\n" + (f"      {option}\n" if option else "")
    (project / "mkdocs.yml").write_text(f"site_name: Our CRM handbook\nplugins:\n{plugin}",
                                        encoding="utf-8")
    monkeypatch.chdir(project)
    playbook = load_plan(plans).playbook
    assert playbook is not None
    config = load_config(plans, tmp_path / "site", None)
    config = config.plugins.on_config(config)
    assert config.site_name == (playbook.title if expected == "title" else expected)


def test_the_bundled_configuration_takes_the_playbook_title(tmp_path: Path,
                                                           runner: CliRunner) -> None:
    from planner.plan import load_plan

    plans = copy_plans(tmp_path)
    result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    playbook = load_plan(plans).playbook
    assert playbook is not None
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{playbook.title}</title>" in html
