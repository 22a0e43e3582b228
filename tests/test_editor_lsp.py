"""The exported JSON Schema in a real editor backend: yaml-language-server (the YAML
extension of VS Code and others), driven over stdio as an editor drives it.

The server comes from npm: $YAML_LANGUAGE_SERVER (its executable), or the package under
$PLANNER_NPM_CACHE (default: a folder in the system temporary directory), installed there
on first use. Skipped, saying why, without node or when npm cannot install it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from tests.lsp_client import LspClient, yaml_language_server

NPM_CACHE = Path(os.environ.get("PLANNER_NPM_CACHE",
                                Path(tempfile.gettempdir()) / "planner-yaml-language-server"))

# A segment as someone types it: the modeline the README documents, a goal without `due`
# yet (line 14 is where the cursor is), and a misspelt field in the second goal.
SEGMENT = """\
# yaml-language-server: $schema=schemas/segment.schema.json
name: Interested prospects
stage: prospect
customers: 2400
yearly_value: 100
outlook: {secure: 40, uncertain: 40, at_risk: 20}
consent: opt-in
kpis:
  - id: signup-rate
    name: Newsletter sign-up rate
    unit: "%"
    direction: up
goals:
  - id: signup-rate-15
    <cursor>
    kpi: signup-rate
  - id: second
    title: Raise the newsletter sign-up rate from 8 % to 12 %
    kpi: signup-rate
    baseline: 8
    target: 12
    due: 2027-Q2
    supports: grow-base
    targte: 12
messages:
  - id: welcome
    kind: welcome
    channel: email
    title: Welcome
journeys:
  - id: series
    title: Welcome series
    trigger: joined
    steps:
      - wait: 3 dyas
""".replace("<cursor>", "")
CURSOR = (14, 4)  # inside the first goal, on its empty line
MISSPELT = 23  # `targte:`
BAD_WAIT = 34  # `wait: 3 dyas`


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LspClient, Path]]:
    command = yaml_language_server(NPM_CACHE)
    if command is None:
        pytest.skip("yaml-language-server unavailable: needs node, and npm to install it "
                    f"into {NPM_CACHE} (or set YAML_LANGUAGE_SERVER)")
    root = tmp_path_factory.mktemp("editor")
    result = CliRunner().invoke(main, ["schema", "--out", str(root / "schemas")])
    assert result.exit_code == 0
    client = LspClient(command, root)
    try:
        client.initialize({"yaml": {"validate": True, "hover": True, "completion": True}})
        yield client, root
    finally:
        client.close()


@pytest.fixture(scope="module")
def document(server: tuple[LspClient, Path]) -> str:
    client, root = server
    path = root / "interested.yaml"
    path.write_text(SEGMENT, encoding="utf-8")
    return client.open(path, SEGMENT)


def _documentation(item: dict[str, object]) -> str:
    doc = item.get("documentation") or ""
    return str(doc.get("value", "")) if isinstance(doc, dict) else str(doc)


def test_completion_in_a_goal_offers_due_with_its_description(
        server: tuple[LspClient, Path], document: str) -> None:
    client, _root = server
    items = client.completion(document, *CURSOR)
    by_label = {item["label"]: item for item in items}
    print("completion labels:", sorted(by_label))
    assert "due" in by_label, sorted(by_label)
    due = _documentation(by_label["due"])
    print("completion of due:", due)
    assert "When the target must be reached" in due and "2027-Q2" in due
    # Every offered field says what it is; none inserts a null.
    assert all(_documentation(item) for item in items), items
    assert not any("null" in str(item.get("insertText", "")) for item in items)


def test_hover_shows_the_description(server: tuple[LspClient, Path], document: str) -> None:
    client, _root = server
    due = client.hover(document, 21, 5)  # `due: 2027-Q2` of the second goal
    print("hover on due:\n" + due)
    assert due.startswith("#### due (goal)")
    assert "When the target must be reached" in due and "||" not in due
    kind = client.hover(document, 26, 6)
    print("hover on kind:\n" + kind)
    assert kind.startswith("#### kind (message)\n") and "||" not in kind
    assert "Open vocabulary" in kind and "`survey`" in kind  # the suggestions
    own = client.hover(document, 32, 6)  # `trigger: joined`
    print("hover on trigger:\n" + own)
    assert own.startswith("#### trigger (journey)\n") and "`abandoned-cart`" in own
    assert "or `custom:<name>` for" in own  # the description's Markdown, not escaped
    consent = client.hover(document, 6, 2)
    assert "consent" in consent and "`customer-relationship`" in consent


def test_diagnostics_flag_a_misspelt_field_and_a_bad_duration(
        server: tuple[LspClient, Path], document: str) -> None:
    client, _root = server
    diagnostics = client.wait_for_diagnostics(document)
    for d in diagnostics:
        print(f"diagnostic at {d['range']['start']['line'] + 1}: {d['message']}")
    found = sorted((d["range"]["start"]["line"], d["message"]) for d in diagnostics)
    assert (MISSPELT, "Property targte is not allowed.") in found
    # `3 dyas` is not a duration: planner check says so too, and so does the editor, in words.
    assert (BAD_WAIT, "Not a duration: write a number and a unit, e.g. 3 days, 2 weeks, "
                      "12 hours or 1 month.") in found
    # The first goal lacks what the SMART rules require (S101, M203, M204, T501, R401).
    assert {m for line, m in found if line == CURSOR[0] - 1} == {
        f'Missing property "{name}".' for name in ("title", "baseline", "target", "due",
                                                   "supports")}
    assert len(found) == 7, found
