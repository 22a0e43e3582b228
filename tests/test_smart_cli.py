"""`planner check` on the bundled plans: clean as shipped, and breaking one SMART letter of
one goal makes it fail naming that letter. The plans are copied first: nothing is ever
written inside plans/ or examples/."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from planner import i18n
from planner.cli import main
from tests.helpers import REPO

BUNDLED = [p for p in [REPO / "plans", *sorted((REPO / "examples").glob("*"))]
           if (p / "playbook.yaml").is_file() and any((p / "segments").glob("*.yaml"))]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # plans refuse anchors and aliases (P005)
        return True


def _copy(plans: Path, tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(plans, target)
    return target


def _check(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           *args: str) -> tuple[int, list[dict[str, Any]]]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", *args,
                                       str(root.relative_to(tmp_path))])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output or "[]")


def _first_goal(root: Path, want: Callable[[dict, dict], bool] = lambda s, g: True
                ) -> tuple[Path, dict, dict]:
    for path in sorted((root / "segments").glob("*.yaml")):
        segment = yaml.safe_load(path.read_text(encoding="utf-8"))
        for goal in segment.get("goals") or []:
            if want(segment, goal):
                return path, segment, goal
    pytest.skip("no bundled goal fits this change")


def _kpi(segment: dict, goal: dict) -> dict:
    return next(k for k in segment.get("kpis", []) if k["id"] == goal.get("kpi"))


def _break_s(segment: dict, goal: dict) -> None:
    goal["title"] = "Sell coffee"


def _break_m(segment: dict, goal: dict) -> None:
    del goal["target"]


def _break_a(segment: dict, goal: dict) -> None:
    goal.pop("rationale", None)
    goal["baseline"] = 0  # any target is an unbounded change from 0


def _break_r(segment: dict, goal: dict) -> None:
    goal["supports"] = "world-domination"


def _break_t(segment: dict, goal: dict) -> None:
    del goal["due"]


BREAKS = {
    "S": (_break_s, "S101", lambda s, g: True),
    "M": (_break_m, "M203", lambda s, g: "target" in g),
    "A": (_break_a, "A301", lambda s, g: _kpi(s, g)["direction"] == "up" and g["target"] > 0),
    "R": (_break_r, "R402", lambda s, g: True),
    "T": (_break_t, "T501", lambda s, g: "start" not in g),
}


@pytest.mark.parametrize("plans", BUNDLED, ids=lambda p: str(p.relative_to(REPO)))
def test_bundled_plans_pass_the_smart_rules(plans: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(plans, tmp_path)
    code, found = _check(root, tmp_path, monkeypatch, "--strict")
    assert [f"{d['file']}:{d['line']} {d['rule']} {d['message']}" for d in found
            if d["smart"] and not d.get("waived")] == []


@pytest.mark.parametrize("letter", list(BREAKS))
@pytest.mark.parametrize("plans", BUNDLED, ids=lambda p: str(p.relative_to(REPO)))
def test_breaking_one_letter_fails_naming_it(plans: Path, letter: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy(plans, tmp_path)
    change, rule_id, fits = BREAKS[letter]
    path, segment, goal = _first_goal(root, fits)
    change(segment, goal)
    path.write_text(yaml.dump(segment, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    code, found = _check(root, tmp_path, monkeypatch)
    assert code == 1
    errors = [d for d in found if d["severity"] == "error"]
    assert {d["smart"] for d in errors} == {letter}, errors
    assert [(d["rule"], d["item"]) for d in errors] == [(rule_id, goal["id"])]

    monkeypatch.chdir(tmp_path)
    text = CliRunner().invoke(main, ["check", str(root.relative_to(tmp_path))])
    assert text.exit_code == 1
    # The text format speaks the plan's language (en, fi or he).
    lang = i18n.language(yaml.safe_load((root / "playbook.yaml").read_text(encoding="utf-8"))["language"])
    _ = lang._
    about = _("goal '{id}': ").format(id=goal["id"])
    assert f"{_('error')} {rule_id} [{letter}] {about}" in text.output
