"""The language is the plan's, passed along with it: plans of different languages checked,
reported and rendered one after another (or together) each speak their own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.check import check_paths
from planner.cli import main
from planner.i18n import ENGLISH, language
from planner.plan import load_plan
from planner.render import nav
from tests.helpers import CASES

# The base case with a vague goal title (S102) and a due date outside the plan (T502).
VAGUE_GOAL = ((CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
              .replace("title: Raise the repeat purchase rate of engaged customers from 20 % to 26 %",
                       "title: More sales")
              .replace("due: 2027-09-30", "due: 2029-09-30"))


def _plan(into: Path, name: str, lang: str) -> Path:
    root = into / name
    (root / "segments").mkdir(parents=True)
    playbook = (CASES / "playbook.yaml").read_text(encoding="utf-8")
    (root / "playbook.yaml").write_text(playbook.replace("language: en", f"language: {lang}"),
                                        encoding="utf-8")
    (root / "segments" / "engaged.yaml").write_text(VAGUE_GOAL, encoding="utf-8")
    return root


def _hints(result_plans: list[Path]) -> dict[str, str]:
    """The hint of the first finding of each plan directory, keyed by its name."""
    found = check_paths(result_plans).diagnostics
    return {root.name: next(d.hint for d in found if d.file.startswith(str(root)) and d.hint)
            for root in result_plans}


@pytest.mark.parametrize("order", [("fi", "en", "he"), ("he", "fi", "en"), ("en", "he", "fi")])
def test_plans_checked_together_each_speak_their_own_language(tmp_path: Path,
                                                              order: tuple[str, ...]) -> None:
    roots = [_plan(tmp_path, f"plans-{code}", code) for code in order]
    together = _hints(roots)
    alone = {root.name: _hints([root])[root.name] for root in roots}
    assert together == alone
    assert len(set(together.values())) == 3, "three languages, three different hints"


def test_a_report_of_plans_in_several_languages_is_in_english(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    _plan(tmp_path, "fi", "fi"), _plan(tmp_path, "en", "en")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "fi"]).output.splitlines()[-1].endswith(" tiedostossa")
    for order in (["fi", "en"], ["en", "fi"]):
        assert runner.invoke(main, ["check", *order]).output.splitlines()[-1].endswith(" in 4 files")
    # Each finding is still said in its own plan's language; only the report's frame is shared.
    alone = json.loads(runner.invoke(main, ["check", "--format", "json", "fi"]).output)
    both = json.loads(runner.invoke(main, ["check", "--format", "json", "fi", "en"]).output)
    assert [d for d in both if d["file"].startswith("fi/")] == alone


def test_reading_a_plan_does_not_change_the_next_ones_language(tmp_path: Path) -> None:
    he, en = _plan(tmp_path, "he", "he"), _plan(tmp_path, "en", "en")
    english_first = load_plan(en).diagnostics, [d.message for d in check_paths([en]).diagnostics]
    load_plan(he)
    check_paths([he])
    assert (load_plan(en).diagnostics, [d.message for d in check_paths([en]).diagnostics]) \
        == english_first
    assert load_plan(he).language == language("he") and load_plan(en).language == ENGLISH


def test_the_navigation_follows_the_plan_it_is_made_for(tmp_path: Path) -> None:
    fi = load_plan(shutil.copytree(Path(__file__).parent.parent / "examples" / "fi",
                                   tmp_path / "fi"))
    en = load_plan(_plan(tmp_path, "en", "en"))
    titles = [next(iter(entry)) for entry in nav(fi)]
    assert [next(iter(entry)) for entry in nav(en)][0] == "Home"
    assert titles[0] != "Home" and titles == [next(iter(entry)) for entry in nav(fi)]


def test_an_unknown_or_unreadable_language_is_english(tmp_path: Path) -> None:
    root = _plan(tmp_path, "x", "klingon")
    plan = load_plan(root)
    assert plan.language == ENGLISH
    found = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(root)]).output)
    assert any("is not allowed for language" in d["message"] for d in found)
