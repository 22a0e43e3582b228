"""The SMART rules beyond the example files: waivers, strictness, team word lists,
other playbooks (period, max_change), cascades, hints and the rules' own documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.rules import all_rules
from tests.helpers import CASES

MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
GOAL_TITLE = "title: Raise the repeat purchase rate of engaged customers from 20 % to 26 %"


def with_goal(**changes: str | None) -> str:
    """The minimal segment with goal fields replaced (None deletes the field)."""
    text = MINIMAL
    for key, value in changes.items():
        pattern = re.compile(rf"^    {key}:.*\n", re.M)
        if value is None:
            text = pattern.sub("", text, count=1)
        elif pattern.search(text):
            text = pattern.sub(lambda _m, k=key, v=value: f"    {k}: {v}\n", text, count=1)
        else:
            text = text.replace("    kpi: repeat-rate\n", f"    kpi: repeat-rate\n    {key}: {value}\n",
                                1)
    return text


def smart(found) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(d.rule, d.line) for d in found if d.smart and not d.waived]


def rules_of(found) -> list[str]:  # noqa: ANN001
    return [d.rule for d in found if not d.waived]


# -- the rule table -----------------------------------------------------------------------------

TABLE = {
    "S101": "error", "S102": "warning", "S103": "warning",
    "M201": "error", "M202": "error", "M203": "error", "M204": "error", "M205": "error",
    "M206": "error", "M207": "warning",
    "A301": "error", "A302": "error", "A303": "error", "A304": "warning",
    "R401": "error", "R402": "error",
    "T501": "error", "T502": "error", "T503": "error", "T504": "error", "T505": "warning",
}


@pytest.mark.parametrize("rule_id", sorted(TABLE))
def test_rule_is_registered_as_in_the_table(rule_id: str) -> None:
    r = all_rules()[rule_id]
    scope = "segment" if rule_id == "M207" else "goal"  # M207 is said once per KPI, at the KPI
    assert (r.smart, str(r.severity), r.scope) == (rule_id[0], TABLE[rule_id], scope)


@pytest.mark.parametrize("rule_id", sorted(TABLE))
def test_rule_documents_a_passing_and_a_failing_example(rule_id: str) -> None:
    r = all_rules()[rule_id]
    summary = r.summary
    assert summary.endswith((".", ")")) and len(summary) <= 100, summary
    examples = r.examples
    assert set(examples) == {"passes", "fails"}, r.doc
    for text in examples.values():
        assert isinstance(yaml.safe_load(text), dict)


def test_explain_prints_the_docstring() -> None:
    result = CliRunner().invoke(main, ["check", "--explain", "t501"])
    assert result.exit_code == 0
    assert result.output.startswith("T501 [T] (error)")
    assert "Fails:" in result.output and "Passes:" in result.output


# -- waivers and strictness ---------------------------------------------------------------------

TWO_VAGUE = MINIMAL.replace(
    "goals: [repeat-rate-26]", "goals: [repeat-rate-26, better-coffee]").replace(
    "messages:", """  - id: better-coffee
    title: Sell more Better Coffee to engaged customers from 20 % to 26 %
    kpi: repeat-rate
    baseline: 20
    target: 26
    due: 2027-09-30
    supports: keep-revenue
    rationale: The 2026 loyalty pilot lifted repeat purchases by 5 points.
    waive:
      S102: "'Better Coffee' is our product name"
messages:""").replace(
    GOAL_TITLE, "title: Sell more coffee to engaged customers from 20 % to 26 %")


def _plans(tmp_path: Path, segment: str, playbook: str = PLAYBOOK) -> Path:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(playbook, encoding="utf-8")
    (root / "segments" / "engaged.yaml").write_text(segment, encoding="utf-8")
    return root


def test_a_waiver_silences_one_rule_of_one_goal(check_text) -> None:  # noqa: ANN001
    found = [d for d in check_text(TWO_VAGUE) if d.rule == "S102"]
    assert [(d.item, d.waived) for d in found] == [
        ("repeat-rate-26", None), ("better-coffee", "'Better Coffee' is our product name")]


def test_a_waived_finding_is_in_the_json_and_does_not_fail(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # A goal's waiver and a segment's; the segment file alone (as pre-commit checks it),
    # since a one-segment plan lacks two lifecycle groups (L803, at the playbook).
    segment = TWO_VAGUE.replace("title: Sell more coffee", "title: Sell coffee").replace(
        "kpis:", "waive: {L804: The NPS survey goes out from the shop system}\nkpis:")
    root = _plans(tmp_path, segment)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--strict", "--format", "json",
                                       str(root / "segments" / "engaged.yaml")])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [(d["rule"], d["item"], d["severity"], d.get("waived")) for d in out] == [
        ("S102", "better-coffee", "info", "'Better Coffee' is our product name"),
        ("L804", None, "info", "The NPS survey goes out from the shop system")]
    assert out[0]["smart"] == "S" and out[0]["file"] == "plans/segments/engaged.yaml"


@pytest.mark.parametrize("how", ["flag", "playbook"])
def test_strict_makes_warnings_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    how: str) -> None:
    segment = MINIMAL.replace(GOAL_TITLE, "title: Get more engaged customers to buy again")
    playbook = PLAYBOOK.replace("strict: false", "strict: true") if how == "playbook" else PLAYBOOK
    root = _plans(tmp_path, segment, playbook)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    relaxed = runner.invoke(main, ["check", str(root)])
    strict = runner.invoke(main, ["check", str(root)] + (["--strict"] if how == "flag" else []))
    if how == "flag":
        assert relaxed.exit_code == 0, relaxed.output
    assert strict.exit_code == 1, strict.output
    assert "warning S102 [S] goal 'repeat-rate-26': the title uses the vague word 'more'" in (
        strict.output)


def test_messages_leave_the_goal_to_the_reporter(check_text) -> None:  # noqa: ANN001
    segment = with_goal(title="Sell more", kpi="nope", baseline=None, due="soonish",
                        supports="keep-revenues")
    found = [d for d in check_text(segment) if d.smart]
    assert {d.rule for d in found} >= {"S101", "S102", "M202", "M204", "T502", "R402"}
    for d in found:
        assert not d.message.lower().startswith("goal"), d.message
        assert d.item == "repeat-rate-26" and d.item_kind == "goal" and d.hint


# -- cascades: one cause, one finding -----------------------------------------------------------

@pytest.mark.parametrize("changes, expected", [
    ({"baseline": None}, ["M204"]),
    ({"target": None}, ["M203"]),
    ({"target": "'26 %'"}, ["M203"]),
    ({"kpi": None}, ["M201"]),
    ({"kpi": "repeat-rates", "target": "260"}, ["M202"]),  # no M206 without the KPI
    ({"target": "160"}, ["M206"]),  # no A301 on top
    ({"target": "10"}, ["M205"]),  # not A301
    ({"baseline": "0", "target": "0"}, ["M205"]),  # not an infinite change
    ({"due": "2027-13", "start": "2027-12-01"}, ["T502"]),  # no T504 against a bad due
    ({"due": "2026-06-30"}, ["T503"]),  # start 2027-01-01 is after it: no T504
    ({"title": None}, ["S101"]),
])
def test_one_cause_one_finding(check_text, changes: dict, expected: list[str]) -> None:  # noqa: ANN001
    assert rules_of(check_text(with_goal(**changes))) == expected


def test_an_impossible_date_is_reported_by_the_loader_only(check_text) -> None:  # noqa: ANN001
    found = check_text(with_goal(due="2027-02-30"))
    assert rules_of(found) == ["P004"]
    quoted = check_text(with_goal(due='"2027-02-30"'))
    assert rules_of(quoted) == ["T502"]


# -- other playbooks ----------------------------------------------------------------------------

@pytest.mark.parametrize("target, fires", [("30", False), ("31", True)])
def test_max_change_comes_from_the_playbook(check_text, target: str, fires: bool) -> None:  # noqa: ANN001
    playbook = PLAYBOOK.replace("max_change: 1.0", "max_change: 0.5")
    segment = with_goal(target=target, rationale=None)
    assert ("A301" in rules_of(check_text(segment, playbook))) is fires


PERIOD = PLAYBOOK.replace("year: 2027", "period: {start: 2027-07-01, end: 2028-06-30}")


@pytest.mark.parametrize("due, start, expected", [
    ("2028-06", "2027-07-01", []),
    ("2028-Q2", "2027-07-01", []),
    ("2027-Q2", "2027-04-01", ["T503"]),
    ("2028-07-01", "2027-07-01", ["T503"]),
])
def test_due_against_an_explicit_period(check_text, due: str, start: str,  # noqa: ANN001
                                        expected: list[str]) -> None:
    segment = with_goal(due=due, start=start).replace("start: 2027-01-12", "start: 2027-07-12")
    found = check_text(segment, PERIOD)
    assert [d.rule for d in found if d.smart] == expected


def test_due_hint_uses_a_date_inside_the_period(check_text) -> None:  # noqa: ANN001
    segment = with_goal(due=None).replace("start: 2027-01-12", "start: 2027-07-12")
    [t501] = [d for d in check_text(segment, PERIOD) if d.rule == "T501"]
    assert t501.hint == "add `due: 2028-06-30`, a month `2028-06` or a quarter `2028-Q2`"
    [t501] = [d for d in check_text(with_goal(due=None)) if d.rule == "T501"]
    assert t501.hint == "add `due: 2027-06-30`, a month `2027-06` or a quarter `2027-Q2`"


def test_a303_reads_the_currency_of_the_playbook(check_text) -> None:  # noqa: ANN001
    kpi = """  - id: revenue
    name: Yearly revenue
    unit: {unit}
    direction: up
    source: Finance
"""
    segment = with_goal(kpi="revenue", baseline="700000", target="900000").replace(
        "goals:\n", kpi.format(unit="€") + "goals:\n", 1)
    assert "A303" in rules_of(check_text(segment))
    assert "A303" not in rules_of(check_text(segment, PLAYBOOK.replace("EUR", "USD")))


# -- hints --------------------------------------------------------------------------------------

def test_s102_hint_is_filled_with_the_goals_values(check_text) -> None:  # noqa: ANN001
    [d] = [d for d in check_text(with_goal(title="Get more engaged customers to buy again"))
           if d.rule == "S102"]
    assert d.hint == ("replace 'more' with what changes and by how much, e.g. \"Raise repeat "
                      "purchase rate from 20 % to 26 % by 2027-09-30\"")


def test_s102_names_the_comparison_without_a_number(check_text) -> None:  # noqa: ANN001
    [d] = [d for d in check_text(with_goal(title="Sell more than before to engaged customers"))
           if d.rule == "S102"]
    assert d.message == "the title uses the vague word 'more'"


def test_t505_hint_offers_a_rewrite_with_the_goals_values(check_text) -> None:  # noqa: ANN001
    [d] = [d for d in check_text(with_goal(
        title="Raise the repeat purchase rate to 26 % in the coming months")) if d.rule == "T505"]
    assert d.message == "the title says 'in the coming months' where a deadline belongs"
    assert d.hint == ("the deadline is already `due: 2027-09-30`: drop 'in the coming months' "
                      "from the title, e.g. \"Raise repeat purchase rate from 20 % to 26 % by "
                      "2027-09-30\"")


def test_t505_hint_without_a_deadline_asks_for_one(check_text) -> None:  # noqa: ANN001
    [d] = [d for d in check_text(with_goal(
        title="Raise the repeat purchase rate to 26 % in the long run", due=None))
        if d.rule == "T505"]
    assert d.hint.startswith("drop 'in the long run' from the title and add `due: 2027-06-30`")
    assert d.hint.endswith('e.g. "Raise repeat purchase rate from 20 % to 26 % by <due>"')


def test_s102_hint_has_placeholders_for_what_is_missing(check_text) -> None:  # noqa: ANN001
    segment = with_goal(title="Increase sales to engaged customers", kpi=None, baseline=None,
                        due=None)
    [d] = [d for d in check_text(segment) if d.rule == "S102"]
    assert "Raise <KPI name> from <baseline> to 26 by <due>" in d.hint


def test_s102_hint_cuts_a_kpi_where_lower_is_better(check_text) -> None:  # noqa: ANN001
    segment = with_goal(title="Fewer unsubscribes", baseline="0.45", target="0.3").replace(
        "direction: up", "direction: down")
    [d] = [d for d in check_text(segment) if d.rule == "S102"]
    assert "Cut repeat purchase rate from 0.45 % to 0.3 % by 2027-09-30" in d.hint


# -- team word lists ----------------------------------------------------------------------------

def _team(tmp_path: Path, language: str, lists: str) -> None:
    folder = tmp_path / "plans" / "wordlists"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{language}.yaml").write_text(lists, encoding="utf-8")


def test_team_word_list_adds_words(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    _team(tmp_path, "en", "vague: [synerg*]\ntime: [by and by]\n")
    found = check_text(with_goal(title="Create synergies with engaged customers by and by"))
    assert [(d.rule, d.message) for d in found] == [
        ("S102", "the title uses the vague word 'synergies'"),
        ("T505", "the title says 'by and by' where a deadline belongs")]


def test_team_word_list_allows_words(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    _team(tmp_path, "en", "allow:\n  - more\n")
    assert rules_of(check_text(with_goal(title="Get more engaged customers to buy again"))) == []


def test_team_word_list_in_the_plans_language(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    _team(tmp_path, "en", "vague: [ostot]\n")  # not the plan's language: ignored
    _team(tmp_path, "fi", "vague:\n  - tehokka{ampi,ammin,aasti}\n")
    playbook = PLAYBOOK.replace("language: en", "language: fi")
    found = check_text(with_goal(title="Kanta-asiakkaat ostavat tehokkaammin verkkokaupasta"),
                       playbook)
    assert [(d.rule, d.message) for d in found] == [
        ("S102", "otsikossa on epämääräinen sana 'tehokkaammin'")]  # the plan speaks Finnish


def test_team_word_list_changes_are_picked_up(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    segment = with_goal(title="Create synergies with engaged customers")
    _team(tmp_path, "en", "vague: []\n")
    assert rules_of(check_text(segment)) == []
    _team(tmp_path, "en", "vague: [synergies]\n")
    assert rules_of(check_text(segment)) == ["S102"]


def test_a_broken_team_word_list_is_reported_once(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    _team(tmp_path, "en", "# our words\nvague: synergy\n")
    segment = TWO_VAGUE.replace("    waive:\n      S102: \"'Better Coffee' is our product name\"\n",
                                "")
    found = check_text(segment)
    broken = [d for d in found if d.rule == "P012"]
    assert len(broken) == 1
    assert broken[0].file.endswith("wordlists/en.yaml") and broken[0].line == 2
    assert "must be a list" in broken[0].message
    # both goals are still judged with the bundled list
    assert len([d for d in found if d.rule == "S102"]) == 2


def test_an_unreadable_team_word_list_gives_no_traceback(check_text, tmp_path: Path) -> None:  # noqa: ANN001
    _team(tmp_path, "en", "vague: &a [x]\nallow: *a\n")
    found = check_text(with_goal(title="Get more engaged customers to buy again"))
    assert sorted(d.rule for d in found) == ["P012", "S102"]
    assert any("aliases" in d.message or "anchors" in d.message for d in found)


# -- English, Finnish and Hebrew behave alike ---------------------------------------------------

ALIKE = {
    "S101": {"en": "Repeat purchase rate", "fi": "Toistuvien ostojen osuus",
             "he": "שיעור רכישה חוזרת"},
    "S102": {"en": "Get more engaged customers to buy again",
             "fi": "Saadaan enemmän kanta-asiakkaita ostamaan uudelleen",
             "he": "יותר לקוחות שחוזרים לקנות אצלנו"},
    "S103": {"en": "Raise the repeat rate to 26 % and cut churn to 10 %",
             "fi": "Nosta toistuvien ostojen osuus 26 %:iin ja laske poistuma 10 %:iin",
             "he": "להעלות את שיעור הרכישה החוזרת ל-26% ולהוריד את שיעור הנטישה ל-10%"},
    "T505": {"en": "Raise the repeat purchase rate from 20 % to 26 % soon",
             "fi": "Nosta toistuvien ostojen osuus pian 20 %:sta 26 %:iin",
             "he": "להעלות בקרוב את שיעור הרכישה החוזרת מ-20% ל-26%"},
    None: {"en": "Raise the repeat purchase rate from 20 % to 26 %",
           "fi": "Nosta toistuvien ostojen osuus 20 %:sta 26 %:iin",
           "he": "להעלות את שיעור הרכישה החוזרת מ-20% ל-26%"},
}


@pytest.mark.parametrize("language", ["en", "fi", "he"])
@pytest.mark.parametrize("rule_id", list(ALIKE), ids=str)
def test_languages_behave_alike(check_text, rule_id: str | None, language: str) -> None:  # noqa: ANN001
    playbook = PLAYBOOK.replace("language: en", f"language: {language}")
    found = check_text(with_goal(title=ALIKE[rule_id][language]), playbook)
    assert rules_of(found) == ([rule_id] if rule_id else [])


# -- no input makes a rule fail -----------------------------------------------------------------


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(), st.sampled_from(["2027-06", "2027-Q2", "2027-13", "26 %"]),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                max_size=2))


@pytest.fixture(scope="module")
def loaded_plan(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from planner.plan import load_plan

    root = tmp_path_factory.mktemp("fuzz") / "plans"
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    (root / "segments" / "engaged.yaml").write_text(MINIMAL, encoding="utf-8")
    return load_plan(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({}, optional={
    k: _VALUES for k in ("title", "kpi", "baseline", "target", "start", "due", "supports")}),
    owner=st.one_of(st.none(), st.text(max_size=5)), rationale=st.one_of(st.none(), st.text(max_size=5)))
def test_rules_never_fail_on_odd_values(loaded_plan, fields: dict, owner, rationale) -> None:  # noqa: ANN001
    from pydantic import ValidationError

    from planner.model import Goal
    from planner.rules import GoalContext, SegmentContext
    from planner.textmatch import for_plan

    sf, segment = loaded_plan.segments[0]
    try:
        goal = Goal.model_validate({"id": "fuzz", **fields, "owner": owner, "rationale": rationale})
    except ValidationError:  # a title or owner of two lines is refused before any rule runs
        assume(False)
        return
    ctx = GoalContext(seg=SegmentContext(loaded_plan, loaded_plan.playbook, sf, segment,
                                         for_plan(loaded_plan)),
                      goal=goal, index=0)
    for r in all_rules().values():
        if r.smart:
            for f in r.check(ctx):  # type: ignore[misc]
                assert f.message and f.hint
