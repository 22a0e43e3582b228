"""A one-file check reads that file and the segments that may share an id with it, and reports
exactly what the whole-plan check reports for that file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.check import check_paths
from planner.plan import load_plan
from tests.helpers import CASES

PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _segment(prefix: str) -> str:
    return (MINIMAL.replace("id: ", f"id: {prefix}-").replace("message: ", f"message: {prefix}-")
            .replace("goals: [", f"goals: [{prefix}-").replace("kpi: ", f"kpi: {prefix}-"))


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    for name in ("alpha", "beta", "gamma", "delta"):
        (root / "segments" / f"{name}.yaml").write_text(_segment(name), encoding="utf-8")
    return root


def _rename_goal(path: Path, old: str, new: str, spelling: str = "id: {id}") -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"  - id: {old}\n", "  - " + spelling.format(id=new) + "\n", 1)
    path.write_text(text.replace(f"goals: [{old}]", f"goals: [{new}]"), encoding="utf-8")


def _read(plan_root: Path, *names: str) -> list[str]:
    only = {f"{plan_root.as_posix()}/segments/{n}.yaml" for n in names}
    return sorted(sf.id for sf in load_plan(plan_root, only=only).segment_files)


def test_only_the_file_is_read_when_it_shares_no_id(plans: Path) -> None:
    assert _read(plans, "beta") == ["beta"]


@pytest.mark.parametrize("spelling", ["id: {id}", "\"id\": '{id}'", "id:\n      {id}",
                                      "{{id: {id}, title: x}}"])
def test_a_segment_that_may_share_an_id_is_read_too(plans: Path, spelling: str) -> None:
    # gamma takes alpha's goal id, however the id is written
    _rename_goal(plans / "segments" / "gamma.yaml", "gamma-repeat-rate-26", "alpha-repeat-rate-26",
                 spelling)
    assert _read(plans, "alpha") == ["alpha", "gamma"]


def _found(result: object, file: str) -> list[tuple[str, int, int, str]]:
    return [(d.rule, d.line, d.column, d.message) for d in result.diagnostics  # type: ignore[attr-defined]
            if d.file == file]


@pytest.mark.parametrize("touched", ["alpha", "beta", "gamma", "delta"])
def test_a_file_reports_what_the_whole_plan_reports_for_it(plans: Path, touched: str) -> None:
    segments = plans / "segments"
    _rename_goal(segments / "beta.yaml", "beta-repeat-rate-26", "alpha-repeat-rate-26")
    _rename_goal(segments / "gamma.yaml", "gamma-repeat-rate-26", "alpha-repeat-rate-26")
    text = (segments / "delta.yaml").read_text(encoding="utf-8")  # broken, and not reported
    (segments / "delta.yaml").write_text(text.replace("owner:", "ownr:", 1), encoding="utf-8")
    file = f"{plans.as_posix()}/segments/{touched}.yaml"
    whole = _found(check_paths([plans]), file)
    assert any(rule == ("P003" if touched == "delta" else "P006") for rule, *_ in whole)
    assert _found(check_paths([segments / f"{touched}.yaml"]), file) == whole
