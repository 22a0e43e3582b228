"""The loader's refusals: each bad input gets a positioned diagnostic, never a traceback."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from planner.i18n import ENGLISH
from planner.load import parse, read


def _one(text: str) -> tuple[str, int, int]:
    _doc, problems = parse(text, "f.yaml", ENGLISH)
    assert len(problems) == 1, [p.message for p in problems]
    p = problems[0]
    return p.rule, p.line, p.column


def test_values_keep_types_and_positions() -> None:
    doc, problems = parse("a: 1\nb:\n  - 2027-03-01\n  - '2027-03-01'\n  - 1.5\nc: true\nd: ~\n", "f",
                          ENGLISH)
    assert problems == []
    assert doc.data == {"a": 1, "b": [dt.date(2027, 3, 1), "2027-03-01", 1.5], "c": True, "d": None}
    assert doc.locate(("b", 2)) == (5, 5)
    assert doc.locate(("b",), at_key=True) == (2, 1)
    assert doc.locate(("b", 9)) == (3, 3)  # a missing item resolves to its parent


def test_invalid_yaml_is_p001_at_the_problem() -> None:
    assert _one("a: [1, 2\nb: 3\n")[0] == "P001"
    rule, line, _col = _one("a: 1\n b: 2\n")
    assert (rule, line) == ("P001", 2)


def test_duplicate_key_is_p002_at_the_second() -> None:
    assert _one("a: 1\nb: 2\na: 3\n") == ("P002", 3, 1)


@pytest.mark.parametrize("text,line", [
    ("a: &x 1\nb: 2\n", 1),
    ("a: &x 1\nb: *x\n", 1),
    ("a: !!python/object:os.system {}\n", 1),
    ("a: !custom 3\n", 1),
    ("base: {x: 1}\nother:\n  <<: {y: 2}\n", 3),
    ("a: !!binary aGVsbG8=\n", 1),
])
def test_anchors_aliases_merge_keys_and_tags_are_p005(text: str, line: int) -> None:
    rule, got_line, _ = _one(text)
    assert (rule, got_line) == ("P005", line)


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES"])
def test_yaml11_booleans_are_refused(word: str) -> None:
    assert _one(f"consent: {word}\n") == ("P004", 1, 10)


def test_quoted_yes_no_are_text() -> None:
    doc, problems = parse("a: 'no'\nb: \"yes\"\n", "f", ENGLISH)
    assert problems == [] and doc.data == {"a": "no", "b": "yes"}


def test_impossible_date_is_p004() -> None:
    assert _one("due: 2027-13-01\n") == ("P004", 1, 6)
    assert _one("due: 2027-02-29\n")[0] == "P004"
    assert parse("due: 2028-02-29\n", "f", ENGLISH)[0].data == {"due": dt.date(2028, 2, 29)}


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    start = time.perf_counter()
    rule, _line, _col = _one("\n".join(lines) + "\n")
    assert rule == "P005" and time.perf_counter() - start < 1.0


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "a:\n" + "- " * 50_000 + "x\n",
                                  "{a: " * 20_000 + "1" + "}" * 20_000])
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    start = time.perf_counter()
    rule, _line, _col = _one(text)
    assert rule == "P001" and time.perf_counter() - start < 1.0


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    doc, problems = read(path, "f.yaml", ENGLISH)
    assert problems == [] and doc.data == {"a": 1, "b": "two"}


def test_non_utf8_is_p001_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    _doc, problems = read(path, "f.yaml", ENGLISH)
    assert [(p.rule, p.line, p.column) for p in problems] == [("P001", 2, 7)]


def test_nul_byte_is_p001(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: x\x00y\n")
    _doc, problems = read(path, "f.yaml", ENGLISH)
    assert [(p.rule, p.line) for p in problems] == [("P001", 2)]


def test_empty_and_multi_document_files() -> None:
    assert parse("", "f", ENGLISH) == (parse("", "f", ENGLISH)[0], [])
    assert _one("a: 1\n---\nb: 2\n")[0] == "P001"


_SHAPES = {
    "comments and blank lines between entries": (
        "# head\nname: x\n\nkpis:\n  - id: a\n    unit: '%'\n# between\n\n"
        "  - {id: b, unit: EUR}\n   # indented comment\ngoals: []\nlast: 1"),
    "block scalars and a flow list over lines": (
        "definition: |\n  line one\n\n  line two\n\nnotes: >-\n  folded\n  text\n"
        "tags: [a,\n  b, c]\nend: 2\n"),
    "CRLF, non-ASCII and a document start": (
        "---\r\nnimi: Äiti 🎉\r\nkpis:\r\n  - id: ä\r\n    name: \"x\u2028y\"\r\nz: 1\r\n"),
    "repeated keys": "a: 1\nb:\n  c: 2\n  c: 3\na:\n  - 4\n",
    "an indented root": "  a: 1\n  b:\n    c: 2\n  d:\n    - 4\n",
    "a root that is not a block mapping": "{a: [1, 2], b: {c: 3}}\n",
}


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path into `value`, and one past each of its ends (a missing key or index)."""
    out = [path, (*path, "missing"), (*path, 99)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


@pytest.mark.parametrize("shape", _SHAPES)
def test_a_released_document_gives_every_span_it_gave_before(shape: str) -> None:
    """A released document composes only the top-level entry a position is in (or nothing,
    for a top-level key or value): every span is the one the whole graph gave."""
    doc, _problems = parse(_SHAPES[shape], "seg.yaml", ENGLISH)
    paths = _paths(doc.data)
    before = [doc.span(p, at_key=k) for p in paths for k in (False, True)]
    doc.release()
    assert [doc.span(p, at_key=k) for p in paths for k in (False, True)] == before


def test_a_released_document_still_has_every_position() -> None:
    text = "name: x\nkpis:\n  - id: a\n    unit: '%'\n  - {id: b, unit: EUR}\n"
    doc, _problems = parse(text, "seg.yaml", ENGLISH)
    before = [doc.span(p) for p in (("kpis", 1, "unit"), ("kpis", 0), ("name",), ("nope",))]
    doc.release()
    assert doc.data is None
    assert [doc.span(p) for p in (("kpis", 1, "unit"), ("kpis", 0), ("name",), ("nope",))] == before
