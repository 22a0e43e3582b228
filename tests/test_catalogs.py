"""Translation catalogs: complete for fi and he, and used for everything `planner check` says.

A message added to the code or a template without a translation fails here (run
`python tools/catalogs.py extract && python tools/catalogs.py update`, translate,
and `python tools/catalogs.py check`), rather than showing English on a user's page.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale
from babel.messages.catalog import Catalog, Message
from click.testing import CliRunner

from planner import i18n
from planner.cli import main
from tests.helpers import CASES, REPO
from tools import catalogs

LANGUAGES = catalogs.TRANSLATED  # ("fi", "he")


@pytest.fixture(scope="module")
def template() -> Catalog:
    """The messages of the code and templates as they are now (pybabel extract, afresh)."""
    return catalogs.fresh_template()


def _catalog(language: str) -> Catalog:
    return catalogs.read_catalog(catalogs.catalog_path(language), language)


def _messages(template: Catalog) -> list[Message]:
    return [m for m in template if m.id]


def _strings(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.id, tuple) else (message.string,)


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


# --- the extraction itself ---------------------------------------------------------------


def test_extraction_covers_the_code_and_the_templates(template: Catalog) -> None:
    ids = {m.id for m in template}
    assert "goal '{id}': " in ids and "hint" in ids  # the text reporter
    assert "Supports" in ids  # only in site_templates/segment.md.j2
    assert ("{summary} in {n} file", "{summary} in {n} files") in ids
    assert "the goal has no deadline (`due:`)" in ids  # a rule
    assert "{where}: expected a whole number, but the value is {value}" in ids  # pydantic


def test_planner_pot_is_current(template: Catalog) -> None:
    assert catalogs.stale(template) == [], "run `python tools/catalogs.py extract`"


def _gettext_calls_in_fstrings(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                        and inner.func.id in ("_", "ngettext")):
                    lines.append(inner.lineno)
    return lines


@pytest.mark.parametrize("path", sorted((REPO / "planner").rglob("*.py")),
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_marked_strings_are_extractable(path: Path) -> None:
    """pybabel does not look inside f-strings: `f"{_('hint')}"` is never extracted, so it
    can never be translated. Call `_()` outside and put the result in the f-string."""
    found = _gettext_calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8")))
    assert found == [], f"_() inside an f-string at lines {found}"


# --- the catalogs ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_missing(template: Catalog, language: str) -> None:
    catalog = _catalog(language)
    missing = [m.id for m in _messages(template) if catalog.get(m.id) is None]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_empty(template: Catalog, language: str) -> None:
    catalog = _catalog(language)
    empty = [m.id for m in _messages(template)
             if (found := catalog.get(m.id)) is not None
             and not all(s.strip() for s in _strings(found))]
    assert empty == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_fuzzy(language: str) -> None:
    assert [m.id for m in _catalog(language) if m.id and m.fuzzy] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_kept(template: Catalog, language: str) -> None:
    catalog = _catalog(language)
    wrong = []
    for m in _messages(template):
        found = catalog.get(m.id)
        if found is None:
            continue
        expected = set().union(*(catalogs.placeholders(i) for i in _ids(m)))
        wrong += [(m.id, s) for s in _strings(found) if catalogs.placeholders(s) != expected]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_follow_cldr(template: Catalog, language: str) -> None:
    catalog = _catalog(language)
    assert catalogs.plural_problems(language, catalog) == []
    expected = len(Locale.parse(language).plural_form.tags | {"other"})
    assert catalog.num_plurals == expected  # fi: one, other; he: one, two, other
    short = [m.id for m in _messages(template) if m.pluralizable
             and (found := catalog.get(m.id)) is not None
             and len(_strings(found)) != expected]
    assert short == []


def test_check_command_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogs.check_catalogs() == 0, capsys.readouterr().out


@pytest.mark.parametrize("language,n,expected", [
    ("fi", 1, "1 virhe"), ("fi", 2, "2 virhettä"),
    ("he", 1, "1 שגיאה"), ("he", 2, "2 שגיאות"), ("he", 7, "7 שגיאות"),
])
def test_plurals_are_chosen_at_runtime(language: str, n: int, expected: str) -> None:
    lang = i18n.language(language)
    assert lang.ngettext("{n} error", "{n} errors", n).format(n=n) == expected


# --- `planner check` speaks the plan's language ------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # plans refuse aliases (P005)
        return True


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


def _broken_copy(example: Path, into: Path, language: str) -> Path:
    """The example plan with one goal broken in several ways (T501, M205, R402, M207) and
    one segment that does not validate (P003, P004), in `language`."""
    root = into / "plans"
    shutil.copytree(example, root)
    playbook = root / "playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(re.sub(r"(?m)^language: \w+$", f"language: {language}", text),
                        encoding="utf-8")
    first, second = sorted((root / "segments").glob("*.yaml"))[:2]
    seg = yaml.safe_load(first.read_text(encoding="utf-8"))
    goals = seg["goals"]
    del goals[0]["due"]                                      # T501
    goals[1]["target"] = goals[1]["baseline"]                # M205
    goals[2]["supports"] = "no-such-objective"               # R402
    kpi = next(k for k in seg["kpis"] if k["id"] == goals[0]["kpi"])
    kpi.pop("source", None)                                  # M207 (a warning)
    _dump(first, seg)
    other = yaml.safe_load(second.read_text(encoding="utf-8"))
    other["custmers"] = other.pop("customers")               # P003 (and a missing field)
    other["yearly_value"] = "many"                           # P004 float_type
    other["stage"] = "custmer"                               # P004 literal_error
    _dump(second, other)
    return root


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root.parent)
    result = CliRunner().invoke(main, ["check", *args, "plans"])
    return result.exit_code, result.output


def _by_place(found: list[dict]) -> dict[tuple, dict]:
    return {(d["file"], d["line"], d["column"], d["rule"]): d for d in found}


BROKEN = {"T501", "M205", "R402", "M207", "P003", "P004"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_diagnostics_leave_no_english(language: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    example = REPO / "examples" / language
    code, out = _run(_broken_copy(example, tmp_path / language, language), monkeypatch,
                     "--format", "json")
    assert code == 1
    theirs = _by_place(json.loads(out))
    code, out = _run(_broken_copy(example, tmp_path / "en", "en"), monkeypatch,
                     "--format", "json")
    english = _by_place(json.loads(out))
    # Word lists differ by language (S102, T505); the breaks above do not depend on them.
    theirs = {k: d for k, d in theirs.items() if d["rule"] in BROKEN}
    english = {k: d for k, d in english.items() if d["rule"] in BROKEN}
    assert {k[3] for k in theirs} == BROKEN
    assert theirs.keys() == english.keys()
    for place, d in theirs.items():
        en = english[place]
        assert d["message"].strip() and d["message"] != en["message"], place
        assert d["hint"] != en["hint"] or not en["hint"], place
        for english_words in ("Input should", "String should", "Field required", "expected",
                              "the goal", "missing", "unknown field", "did you mean"):
            assert english_words not in d["message"] + d["hint"], (place, d)


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_format_labels_are_translated(language: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = _broken_copy(REPO / "examples" / language, tmp_path, language)
    code, out = _run(root, monkeypatch)
    assert code == 1
    found = json.loads(_run(root, monkeypatch, "--format", "json")[1])
    errors = sum(1 for d in found if d["severity"] == "error")
    waived = sum(1 for d in found if d.get("waived"))  # examples/fi waives L804 for a segment
    warnings = sum(1 for d in found if d["severity"] == "warning")
    # K804 notes on goals behind their path (a waived finding is shown as info too)
    notes = sum(1 for d in found if d["severity"] == "info" and not d.get("waived"))
    files = (1 + len(list((root / "segments").glob("*.yaml")))
             + len(list((root / "actuals").glob("*.csv"))))
    lang = i18n.language(language)
    _, ngettext = lang._, lang.ngettext
    assert f": {_('error')} T501 [T] " in out
    assert f": {_('warning')} M207 [M] " in out
    assert f"  = {_('hint')}: " in out
    summary = ", ".join([ngettext("{n} error", "{n} errors", errors).format(n=errors),
                         ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)]
                        + [ngettext("{n} note", "{n} notes", notes).format(n=notes)] * (notes > 0)
                        + ([ngettext("{n} waived", "{n} waived", waived).format(n=waived)]
                           if waived else []))
    assert out.rstrip("\n").splitlines()[-1] == ngettext(
        "{summary} in {n} file", "{summary} in {n} files", files).format(summary=summary, n=files)
    for english in (": error ", ": warning ", "= hint:", " errors", " warnings", " files",
                    "goal '"):
        assert english not in out, english


# --- pydantic's messages ------------------------------------------------------------------

_SEGMENT = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
_PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")


def _segment_with(old: str, new: str) -> str:
    assert old in _SEGMENT
    return _SEGMENT.replace(old, new, 1)


_JOURNEY = """journeys:
  - id: welcome-series
    title: Welcome series
    trigger: {trigger}
    after: {after}
    steps:
      - send: newsletter
      - {step}
"""

# (pydantic error type, segment text, playbook text or None)
PYDANTIC_CASES = [
    ("missing", _segment_with("stage: customer\n", ""), None),
    ("string_type", _segment_with("name: Engaged customers", "name: 42"), None),
    ("string_too_short", _segment_with("name: Engaged customers", "name: ''"), None),
    ("int_type", _segment_with("customers: 8000", "customers: many"), None),
    ("greater_than_equal", _segment_with("customers: 8000", "customers: -1"), None),
    ("float_type", _segment_with("yearly_value: 100", "yearly_value: lots"), None),
    ("list_type", _segment_with("kpis:\n", "kpis: {}\nold_kpis:\n"), None),
    ("model_type", _segment_with("outlook: {secure: 40, uncertain: 40, at_risk: 20}",
                                 "outlook: 5"), None),
    ("literal_error", _segment_with("stage: customer", "stage: custmer"), None),
    ("date_type", _segment_with("start: 2027-01-12", "start: soon"), None),
    ("dict_type", _segment_with("    rationale:", "    waive: [S102]\n    rationale:"), None),
    ("waiver_reason", _segment_with("    rationale:", "    waive: {S102: ' '}\n    rationale:"),
     None),
    ("planner_id", _segment_with("id: repeat-rate-26", "id: Repeat_Rate"), None),
    ("rrule", _segment_with("FREQ=MONTHLY;COUNT=12", "FREQ=HOURLY"), None),
    ("trigger", _SEGMENT + _JOURNEY.format(trigger="bought", after="0 days",
                                           step="wait: 3 days"), None),
    ("duration", _SEGMENT + _JOURNEY.format(trigger="joined", after="soon",
                                            step="wait: 3 days"), None),
    ("step_kind", _SEGMENT + _JOURNEY.format(trigger="joined", after="0 days",
                                             step="{send: newsletter, wait: 3 days}"), None),
    ("bool_type", _SEGMENT, _PLAYBOOK.replace("strict: false", "strict: maybe")),
    ("greater_than", _SEGMENT, _PLAYBOOK.replace("max_change: 1.0", "max_change: 0")),
    ("less_than_equal", _SEGMENT, _PLAYBOOK.replace("year: 2027", "year: 3000")),
    ("string_pattern_mismatch", _SEGMENT, _PLAYBOOK.replace("currency: EUR", "currency: eur")),
    ("plan_period", _SEGMENT, _PLAYBOOK.replace(
        "year: 2027", "year: 2027\nperiod: {start: 2027-01-01, end: 2027-12-31}")),
    ("period_order", _SEGMENT, _PLAYBOOK.replace(
        "year: 2027", "period: {start: 2027-12-31, end: 2027-01-01}")),
]


def _p_diagnostics(check_text, segment: str, playbook: str, language: str) -> list:  # noqa: ANN001
    playbook = playbook.replace("language: en", f"language: {language}")
    return [d for d in check_text(segment, playbook) if d.rule in ("P003", "P004", "P006")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind,segment,playbook", PYDANTIC_CASES, ids=[c[0] for c in PYDANTIC_CASES])
def test_pydantic_errors_are_translated(check_text, kind: str, segment: str,  # noqa: ANN001
                                        playbook: str | None, language: str) -> None:
    playbook = playbook or _PLAYBOOK
    english = _p_diagnostics(check_text, segment, playbook, "en")
    theirs = _p_diagnostics(check_text, segment, playbook, language)
    assert english, f"the case for {kind} reports nothing"
    assert len(theirs) == len(english)
    for en, d in zip(english, theirs, strict=True):
        assert (d.line, d.column, d.rule) == (en.line, en.column, en.rule)
        assert d.message != en.message, (kind, en.message)
        assert not re.search(r"Input should|String should|Field required|valid (number|integer)",
                             d.message)
        assert d.hint != en.hint or not en.hint


def test_pydantic_messages_in_english_are_plain(check_text) -> None:  # noqa: ANN001
    """The mapped messages say what was expected and what was found, without pydantic's
    wording or its union members (`constrained-float`)."""
    found = check_text(_segment_with("yearly_value: 100", "yearly_value: lots"))
    assert [(d.rule, d.message) for d in found] == [
        ("P004", "yearly_value: expected a number, but the value is 'lots'")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("old,new,english", [
    ("name: Engaged customers", "name: Engaged: customers", "mapping values"),
    ("stage: customer\n", "stage: customer\n\tx: 1\n", "cannot start any token"),
    ("start: 2027-01-12", "start: 2027-02-30", "out of range"),
    ("start: 2027-01-12", "start: 2027-13-01", "must be in"),
])
def test_yaml_and_date_problems_are_translated(check_text, language: str, old: str,  # noqa: ANN001
                                               new: str, english: str) -> None:
    """libyaml's and datetime's own words are said in the plan's language too."""
    segment = _segment_with(old, new)
    (en,) = [d for d in check_text(segment) if d.rule in ("P001", "P004")]
    (theirs,) = [d for d in check_text(segment, _PLAYBOOK.replace("language: en",
                                                                  f"language: {language}"))
                 if d.rule in ("P001", "P004")]
    assert theirs.message != en.message
    assert english not in theirs.message and "while " not in theirs.message


def test_rrule_reasons_follow_the_language() -> None:
    """`rrule_problem` is cached; the cache must not answer in the previous language."""
    from planner.recurrence_rules import rrule_problem

    hebrew = rrule_problem("FREQ=HOURLY", None, i18n.language("he"))
    assert rrule_problem("FREQ=HOURLY", None, i18n.ENGLISH) == (
        "FREQ=HOURLY repeats within a day; campaigns repeat YEARLY, MONTHLY, WEEKLY or DAILY")
    assert hebrew is not None and "repeats" not in hebrew
