"""`planner serve` after an edit: only the changed pages are rebuilt, and the site served is
the one a full build makes (planner.engine.incremental)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from planner.engine.incremental import ServedSite
from planner.engine.site import _plugin, load_config
from tests.helpers import start_server, stop_server
from tests.site.hostile import copy_plans
from tests.test_site_build import _get, _wait_for, break_a_goal

SERVE_URL = "http://127.0.0.1:8000/"


def _served(plans: Path, folder: Path) -> tuple[ServedSite, Any]:
    """A site served from `folder` as `planner serve` builds it, and its config maker."""
    site_dir, docs = folder / "site", folder / "docs"
    site_dir.mkdir(parents=True)
    docs.mkdir()
    served = ServedSite(site_dir)

    def get_config() -> Any:
        config = load_config(plans, site_dir, docs, strict=False)
        plugin = _plugin(config)
        plugin.serving = True
        plugin.served = served
        config.site_url = SERVE_URL
        return config

    return served, get_config


def _build(served: ServedSite, get_config: Any) -> None:
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    served.build(config, get_config, SERVE_URL)


def _site(folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if rel.endswith(".gz"):  # its header holds the time it was written
            out[rel] = gzip.decompress(data)
        elif rel.endswith(".json"):
            out[rel] = json.loads(data)
        else:
            out[rel] = data
    return out


def retitle_a_campaign(plans: Path) -> None:
    """The loyal segment's monthly letter is now the "Roast Club monthly letter"."""
    loyal = plans / "segments" / "loyal.yaml"
    loyal.write_text(loyal.read_text(encoding="utf-8").replace(
        "title: Roast Club letter", "title: Roast Club monthly letter"), encoding="utf-8")


def _newcomers(segment: Path) -> str:
    """Another segment like `segment`, with ids of its own."""
    text = segment.read_text(encoding="utf-8").replace("cus-", "newcomers-")
    return "name: Newcomers\n" + "".join(line for line in text.splitlines(keepends=True)
                                         if not line.startswith("name:"))


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*.html")}


def _same_as_full_build(plans: Path, served: ServedSite, tmp_path: Path, name: str) -> None:
    fresh, get_config = _served(plans, tmp_path / name)
    _build(fresh, get_config)
    expected, got = _site(fresh.site_dir), _site(served.site_dir)
    assert sorted(got) == sorted(expected)
    differ = [rel for rel in expected if got[rel] != expected[rel]]
    assert not differ, f"{name}: not as a full build makes them: {differ}"


def test_edits_rebuild_what_changed_and_serve_what_a_full_build_makes(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plans = copy_plans(tmp_path)
    served, get_config = _served(plans, tmp_path / "serve")
    _build(served, get_config)
    site = served.site_dir

    # a campaign's new title: its segment, the calendar and the clock are rebuilt, not the rest
    before = _mtimes(site)
    retitle_a_campaign(plans)
    _build(served, get_config)
    after = _mtimes(site)
    rebuilt = {rel for rel in after if after[rel] != before.get(rel)}
    assert {"segments/loyal/index.html", "calendar/index.html"} <= rebuilt
    assert "segments/engaged/index.html" not in rebuilt and "rules/index.html" not in rebuilt
    assert "Roast Club monthly letter" in (site / "calendar" / "index.html").read_text("utf-8")
    # MkDocs' warning that a dirty build's navigation may be stale is not for this one
    assert not [r for r in caplog.records if "dirty" in r.getMessage()]
    _same_as_full_build(plans, served, tmp_path, "campaign-title")

    # a segment's new name is in the navigation of every page
    engaged = plans / "segments" / "engaged.yaml"
    engaged.write_text(engaged.read_text(encoding="utf-8").replace(
        "name: Engaged customers", "name: Engaged regulars"), encoding="utf-8")
    _build(served, get_config)
    assert "Engaged regulars" in (site / "rules" / "index.html").read_text("utf-8")
    _same_as_full_build(plans, served, tmp_path, "segment-name")

    # a new segment: a new page, in the navigation
    (plans / "segments" / "newcomers.yaml").write_text(_newcomers(engaged), encoding="utf-8")
    _build(served, get_config)
    assert "Newcomers" in (site / "segments" / "newcomers" / "index.html").read_text("utf-8")
    (plans / "segments" / "newcomers.yaml").unlink()
    _build(served, get_config)
    assert not (site / "segments" / "newcomers").exists()
    _same_as_full_build(plans, served, tmp_path, "segment-removed")

    # a plan that stops passing shows its findings everywhere, and recovers
    good = engaged.read_text(encoding="utf-8")
    broken = break_a_goal(plans)
    _build(served, get_config)
    assert "T501" in (site / "segments" / "loyal" / "index.html").read_text("utf-8")
    broken.write_text(good, encoding="utf-8")
    _build(served, get_config)
    _same_as_full_build(plans, served, tmp_path, "recovered")


def test_serve_an_edit_to_the_browser(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    server, url = start_server(plans, tmp_path)
    try:
        _wait_for(url, "Nordic Roast customer lifecycle plan 2027")
        retitle_a_campaign(plans)
        _wait_for(url + "segments/loyal/", "Roast Club monthly letter")
        _wait_for(url + "calendar/", "Roast Club monthly letter")
        assert "Engaged customers" in _get(url + "segments/engaged/")

        engaged = plans / "segments" / "engaged.yaml"
        engaged.write_text(engaged.read_text(encoding="utf-8").replace(
            "name: Engaged customers", "name: Engaged regulars"), encoding="utf-8")
        _wait_for(url + "rules/", "Engaged regulars")  # in the navigation of every page
        (plans / "segments" / "newcomers.yaml").write_text(_newcomers(engaged), encoding="utf-8")
        _wait_for(url + "segments/newcomers/", "Newcomers")
        assert "segments/newcomers/" in _get(url + "rules/")
        assert server.poll() is None, "the server kept running"
    finally:
        stop_server(server)


PROJECT_CONFIG = """\
site_name: Team playbook
theme:
  name: material
  font: false
plugins:
  - search
  - planner
markdown_extensions:
  - toc:
      permalink: true
"""


def test_a_teams_pages_stay_in_the_navigation_and_their_edits_rebuild_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = copy_plans(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(PROJECT_CONFIG, encoding="utf-8")
    team = tmp_path / "docs"
    team.mkdir()
    guide = team / "guide.md"
    guide.write_text("---\ntitle: Team guide\n---\n\n# How we work\n\nWe plan in YAML.\n",
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    served, get_config = _served(plans, tmp_path / "serve")
    _build(served, get_config)
    site = served.site_dir
    assert "Team guide" in (site / "index.html").read_text("utf-8")

    before = _mtimes(site)
    retitle_a_campaign(plans)
    _build(served, get_config)
    after = _mtimes(site)
    assert after["guide/index.html"] == before["guide/index.html"]  # not rebuilt
    assert after["segments/loyal/index.html"] != before["segments/loyal/index.html"]
    _same_as_full_build(plans, served, tmp_path, "plan-edit")

    guide.write_text(guide.read_text(encoding="utf-8").replace("Team guide", "How we plan"),
                     encoding="utf-8")
    _build(served, get_config)
    assert "How we plan" in (site / "rules" / "index.html").read_text("utf-8")
    _same_as_full_build(plans, served, tmp_path, "docs-edit")
