"""C601-C603, J701-J702 and the repeat part of P008 beyond the example files: exact messages,
positions, other periods and languages, the rules' documentation and the bundled plans."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.check import check_paths
from planner.rules import all_rules
from tests.helpers import CASES, REPO

MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
APRIL_TO_MARCH = PLAYBOOK.replace("year: 2027", "period: {start: 2027-04-01, end: 2028-03-31}")

TABLE = {"C601": "error", "C602": "error", "C603": "warning", "J701": "error", "J702": "warning"}


def found(diagnostics, *rules: str) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(d.rule, d.line) for d in diagnostics if d.rule in rules and not d.waived]


def test_c601_names_window_count_cap_and_items(check_text) -> None:  # noqa: ANN001
    text = (CASES / "invalid" / "C601" / "week-burst.yaml").read_text(encoding="utf-8")
    (d,) = [d for d in check_text(text) if d.rule == "C601"]
    assert d.message == ("a customer can receive 5 messages in 7 days (Mar 17\u2009\u2013\u200923, "
                         "2027), the cap is 2: spring-offer, monthly-news, welcome-series (3 sends)")
    assert d.path == ("campaigns", 0) and d.item == "spring-offer" and d.segment == "engaged"
    # the journey alone sends 3 in a week against a cap of 2: moving campaigns cannot help
    assert d.hint.startswith("the journeys alone can send 3 messages within any 7 days and the "
                             "cap is 2, so no campaign date can help: lengthen the waits in "
                             "'welcome-series'")
    assert "max_per_week" in d.hint


def test_c601_speaks_the_plan_language(check_text) -> None:  # noqa: ANN001
    text = (CASES / "invalid" / "C601" / "month-end.yaml").read_text(encoding="utf-8")
    (d,) = [d for d in check_text(text, PLAYBOOK.replace("language: en", "language: fi"))
            if d.rule == "C601"]
    assert "28. tammikuuta\u2009\u2013\u20093. helmikuuta 2027" in d.message


_ACROSS_NEW_YEAR = MINIMAL.replace("""campaigns:
  - id: monthly-news
    title: Monthly newsletter
    message: newsletter
    start: 2027-01-12
    repeat: FREQ=MONTHLY;COUNT=12
    goals: [repeat-rate-26]
""", """campaigns:
  - id: monthly-news
    title: Monthly newsletter
    message: newsletter
    start: 2027-04-12
    repeat: FREQ=MONTHLY;COUNT=12
    goals: [repeat-rate-26]
  - {id: year-end-1, title: Year end, message: newsletter, start: 2027-12-30}
  - {id: year-end-2, title: Year end, message: newsletter, start: 2028-01-02}
  - {id: year-end-3, title: Year end, message: newsletter, start: 2028-01-05}
""")


def test_a_period_from_april_to_march(check_text) -> None:  # noqa: ANN001
    diagnostics = check_text(_ACROSS_NEW_YEAR, APRIL_TO_MARCH)
    # April 2027 .. March 2028 holds all twelve issues and the new-year campaigns (no
    # P008); 30 Dec .. 5 Jan is a week with 3, at the playbook's cap of 3
    assert found(diagnostics, "P008", "C601") == []
    tight = APRIL_TO_MARCH.replace("max_per_week: 3", "max_per_week: 2")
    (d,) = [d for d in check_text(_ACROSS_NEW_YEAR, tight) if d.rule == "C601"]
    assert "3 messages in 7 days (Dec 30, 2027\u2009\u2013\u2009Jan 5, 2028)" in d.message
    # the same plan in the calendar year 2027 runs past its end
    assert found(check_text(_ACROSS_NEW_YEAR), "P008") == [("P008", 38), ("P008", 41),
                                                           ("P008", 42)]


def test_customers_may_get_email_without_opt_in(check_text) -> None:  # noqa: ANN001
    assert found(check_text(MINIMAL), "C602") == []
    prospects = MINIMAL.replace("stage: customer", "stage: prospect")
    assert found(check_text(prospects), "C602") == [("C602", 30)]
    opted_in = prospects.replace("consent: customer-relationship", "consent: opt-in")
    assert found(check_text(opted_in), "C602") == []


def test_j701_points_at_the_dead_path(check_text) -> None:  # noqa: ANN001
    text = (CASES / "invalid" / "J701" / "asked-twice.yaml").read_text(encoding="utf-8")
    (d,) = [d for d in check_text(text) if d.rule == "J701"]
    assert d.path == ("journeys", 0, "steps", 2, "branch", "then", 1, "branch", "else")
    assert d.item == "welcome-series" and d.at_key


def test_the_bundled_plans_stay_silent() -> None:
    roots = [REPO / "plans", *sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())]
    result = check_paths([r for r in roots if (r / "playbook.yaml").is_file()])
    assert [f"{d.file}:{d.line} {d.rule} {d.message}" for d in result.diagnostics
            if d.rule in (*TABLE, "P004", "P008")] == []


@pytest.mark.parametrize("rule_id", sorted(TABLE))
def test_rule_is_registered_as_in_the_table(rule_id: str) -> None:
    r = all_rules()[rule_id]
    assert (r.smart, str(r.severity), r.scope) == (None, TABLE[rule_id], "segment")


@pytest.mark.parametrize("rule_id", [*sorted(TABLE), "P008"])
def test_rule_documents_a_passing_and_a_failing_example(rule_id: str) -> None:
    r = all_rules()[rule_id]
    assert r.summary.endswith((".", ")")) and len(r.summary) <= 100, r.summary
    examples = r.examples
    assert set(examples) == {"passes", "fails"}, r.doc
    for text in examples.values():
        assert isinstance(yaml.safe_load(text), dict)


def test_every_rule_has_example_files() -> None:
    for rule_id in TABLE:
        assert list((CASES / "invalid" / rule_id).glob("*.yaml")), rule_id
    assert len(list((CASES / "valid").glob("contact-*.yaml"))) >= 3
    assert len(list((CASES / "valid").glob("journeys-*.yaml"))) >= 2


def test_a_file_path_checks_only_that_file(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    for name in ("engaged", "other"):
        (root / "segments" / f"{name}.yaml").write_text(
            (CASES / "invalid" / "C603" / "two-offers.yaml").read_text(encoding="utf-8")
            .replace("id: ", f"id: {name}-").replace("message: ", f"message: {name}-")
            .replace("goals: [", f"goals: [{name}-").replace("kpi: ", f"kpi: {name}-"),
            encoding="utf-8")
    result = check_paths([root / "segments" / "other.yaml"])
    assert {(d.rule, d.file.split("/")[-1]) for d in result.diagnostics
            if not d.rule.startswith("L8")} == {("C603", "other.yaml")}  # (L8xx: whole plans)


def test_c603_sweep_finds_exactly_the_overlapping_pairs() -> None:
    """The sweep agrees with comparing every occurrence of every pair (the definition)."""
    import itertools
    import random

    from planner.rules.contact import _overlapping

    rng = random.Random(15)
    for _ in range(500):
        series = {i: (tuple(sorted(rng.sample(range(60), rng.randint(1, 4)))),
                      rng.choice((0, 0, 1, 3, 10))) for i in range(rng.randint(2, 7))}
        brute = {(i, j) for i, j in itertools.combinations(series, 2)
                 if any(s <= t + series[j][1] and t <= s + series[i][1]
                        for s in series[i][0] for t in series[j][0])}
        assert _overlapping(series) == brute, series


def test_c603_reports_each_pair_once_at_the_later_campaign(check_text) -> None:  # noqa: ANN001
    # a: weekly offers; b overlaps a's second; c overlaps b only; d is another kind on a's day;
    # e, another message of the same kind, on a's third day
    text = MINIMAL.split("messages:")[0] + """\
messages:
  - {id: offer, kind: offer, channel: email, title: Offer}
  - {id: news, kind: offer, channel: web, title: News}
  - {id: tips, kind: education, channel: email, title: Tips}
campaigns:
  - {id: a, title: Weekly offer, message: offer, start: 2027-03-01, repeat: FREQ=WEEKLY;COUNT=3}
  - {id: b, title: Long offer, message: offer, start: 2027-03-05, end: 2027-03-09}
  - {id: c, title: Late offer, message: offer, start: 2027-03-09}
  - {id: d, title: Tips, message: tips, start: 2027-03-01}
  - {id: e, title: News, message: news, start: 2027-03-15}
"""
    got = [(d.item, d.message.split(" overlap")[0]) for d in check_text(text) if d.rule == "C603"]
    assert got == [("b", "campaigns 'a' and 'b' both send 'offer' messages and"),
                   ("c", "campaigns 'b' and 'c' both send 'offer' messages and"),
                   ("e", "campaigns 'a' and 'e' both send 'offer' messages and")]
