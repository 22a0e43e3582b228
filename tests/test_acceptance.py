"""Example-file acceptance tests, in the check-jsonschema style.

- every case under tests/plans/valid/ passes with no diagnostic at all;
- every case under tests/plans/invalid/<RULE>/ reports exactly the findings
  marked in it with `# expect: RULE` comments on the offending lines (several
  as `# expect: T503, A301`), and at least one of them is <RULE>.

A case is one segment file, checked with the fixture playbook (a file named
`playbook*.yaml` replaces the playbook instead), or a directory holding a
whole plan (`playbook.yaml` and `segments/`), whose files all count.

The lifecycle rules (L8xx) judge the coverage of a whole plan, which a
one-segment case lacks by construction, so they are left out of the cases of
other rules. Lifecycle cases (under invalid/L8xx/, or named `lifecycle-*`)
count them: one-file lifecycle cases in their segment file, whole-plan cases
everywhere.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from planner.diagnostics import Diagnostic
from tests.helpers import CASES, check_dir, plan_dir_for

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")


def _cases(kind: str) -> list[Path]:
    plans = {p.parent for p in (CASES / kind).rglob("playbook.yaml")}
    files = [p for p in (CASES / kind).rglob("*.yaml")
             if not any(d in p.parents for d in plans)]
    return sorted([*files, *plans])


VALID = _cases("valid")
INVALID = _cases("invalid")


def _about_lifecycle(case: Path) -> bool:
    rel = case.relative_to(CASES).parts
    return rel[1].startswith("L8") if rel[0] == "invalid" else case.name.startswith("lifecycle-")


def _plan(case: Path, tmp_path: Path) -> Path:
    if case.is_dir():
        return Path(shutil.copytree(case, tmp_path / "plans"))
    return plan_dir_for(case, tmp_path)


def _judged(case: Path, found: list[Diagnostic]) -> list[Diagnostic]:
    """The unwaived findings that count for `case` (see the module doc)."""
    found = [d for d in found if not d.waived]
    if case.is_dir():
        return found
    if not _about_lifecycle(case):
        return [d for d in found if not d.rule.startswith("L8")]
    if case.name.startswith("playbook"):
        return found
    return [d for d in found if "segments/" in d.file]


def _expected(case: Path) -> set[tuple[str, str, int]]:
    found = set()
    for file in sorted(case.rglob("*.yaml")) if case.is_dir() else [case]:
        name = file.relative_to(case).as_posix() if case.is_dir() else ""
        text = file.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if m := _EXPECT.search(line):
                found |= {(name, rule.strip(), number) for rule in m[1].split(",")}
    return found


def _where(case: Path, d: Diagnostic) -> str:
    """The finding's file relative to a whole-plan case; "" for a one-file case."""
    return d.file.split("plans/", 1)[-1] if case.is_dir() else ""


@pytest.mark.parametrize("case", VALID, ids=lambda p: str(p.relative_to(CASES)))
def test_valid_case_passes_clean(case: Path, tmp_path: Path) -> None:
    found = _judged(case, check_dir(_plan(case, tmp_path)))
    assert [f"{d.file}:{d.rule}:{d.line} {d.message}" for d in found] == []


@pytest.mark.parametrize("case", INVALID, ids=lambda p: str(p.relative_to(CASES)))
def test_invalid_case_reports_marked_lines(case: Path, tmp_path: Path) -> None:
    rule = case.relative_to(CASES / "invalid").parts[0]
    expected = _expected(case)
    assert any(r == rule for _f, r, _l in expected), f"{case} marks no '# expect: {rule}' line"
    found = _judged(case, check_dir(_plan(case, tmp_path)))
    if not case.is_dir():
        case_file = "playbook.yaml" if case.name.startswith("playbook") else "segments/"
        found = [d for d in found if case_file in d.file]
    got = {(_where(case, d), d.rule, d.line) for d in found}
    assert got == expected, "\n".join(f"{d.file}:{d.line}:{d.column} {d.rule} {d.message}"
                                       for d in found)
