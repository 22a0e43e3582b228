"""Property tests: whatever bytes or YAML a plan file holds, `planner check` answers
with exit 0 or 1 and diagnostics, never a traceback."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import main
from tests.helpers import CASES

PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
KEYS = ["name", "stage", "owner", "customers", "yearly_value", "outlook", "consent", "kpis", "goals",
        "messages", "campaigns", "journeys", "id", "title", "kpi", "baseline", "target", "due",
        "start", "end", "repeat", "steps", "send", "wait", "branch", "if", "then", "else", "exit",
        "waive", "supports", "unit", "direction", "channel", "kind", "message", "goals", "trigger",
        "secure", "uncertain", "at_risk", "year", "period", "language", "objectives"]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["2027-06", "2027-Q2", "2027-13-01", "no", "3 days",
                                           "FREQ=MONTHLY;COUNT=3", "opened", "email", "%"]),
    st.dates(dt.date(2026, 1, 1), dt.date(2029, 1, 1)),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=30,
)


def _run(segment: bytes, playbook: bytes | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plans"
        (root / "segments").mkdir(parents=True)
        (root / "playbook.yaml").write_bytes(playbook if playbook is not None else PLAYBOOK.encode())
        (root / "segments" / "fuzz.yaml").write_bytes(segment)
        for fmt in ("text", "json"):
            result = CliRunner().invoke(main, ["check", "--format", fmt, str(root)])
            assert result.exit_code in (0, 1), result.output
            assert not isinstance(result.exception, Exception) or isinstance(
                result.exception, SystemExit), repr(result.exception)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _run(data)
    _run(MINIMAL.encode(), playbook=data)


@SETTINGS
@given(documents)
def test_arbitrary_yaml_documents(doc: object) -> None:
    _run(yaml.safe_dump(doc, allow_unicode=True).encode())


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from(
    ["", "  - send: nothing", "due: soon", "  target: -5", "baseline: 'x'", "    repeat: FREQ=YEARLY;X=1",
     "    repeat: FREQ=MONTHLY;BYMONTH=13",
     "- [", "journeys:\n  - id: j\n    title: J\n    trigger: joined\n    steps: [{wait: 2 fortnights}]",
     "campaigns: [{id: c, title: C, message: newsletter, start: 2027-02-30}]", "kpis: {}",
     "goals: [{id: BAD ID}]", "\t", "outlook: {secure: 100, uncertain: 5, at_risk: 0}"])), max_size=5))
def test_mutated_valid_plan(edits: list[tuple[int, str]]) -> None:
    lines = MINIMAL.splitlines()
    for index, text in edits:
        lines[index % len(lines)] = text
    _run("\n".join(lines).encode())
