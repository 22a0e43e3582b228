"""Example-file acceptance tests, in the check-jsonschema style.

- every file under tests/plans/valid/ passes with no diagnostic at all;
- every file under tests/plans/invalid/<RULE>/ reports exactly the findings
  marked in it with `# expect: RULE` comments on the offending lines (several
  as `# expect: T503, A301`), and at least one of them is <RULE>.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CASES, check_dir, plan_dir_for

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)")

VALID = sorted((CASES / "valid").rglob("*.yaml"))
INVALID = sorted((CASES / "invalid").rglob("*.yaml"))


def _expected(case: Path) -> set[tuple[str, int]]:
    text = case.read_bytes().decode("utf-8", errors="replace")
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _EXPECT.search(line):
            found |= {(rule.strip(), number) for rule in m[1].split(",")}
    return found


@pytest.mark.parametrize("case", VALID, ids=lambda p: str(p.relative_to(CASES)))
def test_valid_case_passes_clean(case: Path, tmp_path: Path) -> None:
    found = check_dir(plan_dir_for(case, tmp_path))
    assert [f"{d.rule}:{d.line} {d.message}" for d in found if not d.waived] == []


@pytest.mark.parametrize("case", INVALID, ids=lambda p: str(p.relative_to(CASES)))
def test_invalid_case_reports_marked_lines(case: Path, tmp_path: Path) -> None:
    rule = case.relative_to(CASES / "invalid").parts[0]
    expected = _expected(case)
    assert any(r == rule for r, _ in expected), f"{case} marks no '# expect: {rule}' line"
    found = check_dir(plan_dir_for(case, tmp_path))
    case_file = "playbook.yaml" if case.name.startswith("playbook") else "segments/"
    got = {(d.rule, d.line) for d in found if case_file in d.file and not d.waived}
    assert got == expected, "\n".join(f"{d.rule}:{d.line}:{d.column} {d.message}" for d in found)
