"""A goal's values normalised once (planner.derive.goal_facts), and the rules typed per scope."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from planner.derive.goal_facts import goal_facts
from planner.model import Goal
from planner.rules import GoalRule, PlanRule, Rule, SegmentRule, all_rules, rule


@pytest.mark.parametrize(("value", "expected"), [
    (26, 26), (0.45, 0.45), (0, 0),
    ("26", None), ("26 %", None), (True, None), (math.nan, None), (math.inf, None),
    ([26], None), (None, None), (dt.date(2027, 1, 1), None),
])
def test_numbers_are_numbers(value: object, expected: float | None) -> None:
    facts = goal_facts(Goal.model_validate({"id": "g", "baseline": value, "target": value}))
    assert facts.baseline == expected and facts.target == expected
    assert type(facts.target) is type(expected)  # an int stays an int (26, not 26.0)


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2027-06", dt.date(2027, 6, 1), dt.date(2027, 6, 30)),
    ("2027-Q3", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
    (dt.date(2027, 2, 14), dt.date(2027, 2, 14), dt.date(2027, 2, 14)),
])
def test_dates_are_spans(value: object, first: dt.date, last: dt.date) -> None:
    facts = goal_facts(Goal.model_validate({"id": "g", "start": value, "due": value}))
    assert facts.due is not None and (facts.due.first, facts.due.last) == (first, last)
    assert facts.start == facts.due


@pytest.mark.parametrize("value", ["spring 2027", "30.9.2027", 2027, None, "2027-13"])
def test_what_is_not_a_date_is_none(value: object) -> None:
    facts = goal_facts(Goal.model_validate({"id": "g", "due": value}))
    assert facts.due is None and facts.start is None


@pytest.mark.parametrize(("title", "kpi", "facts_title", "facts_kpi"), [
    ("Raise the repeat rate", "repeat-rate", "Raise the repeat rate", "repeat-rate"),
    ("   ", "", None, ""),  # blank: no title; an empty KPI id is still text (M201 says it)
    (None, None, None, None),
    (["a", "b"], 7, None, None),  # neither is text
])
def test_title_and_kpi_as_text(title: object, kpi: object, facts_title: str | None,
                               facts_kpi: str | None) -> None:
    facts = goal_facts(Goal.model_validate({"id": "g", "title": title, "kpi": kpi}))
    assert (facts.title, facts.kpi) == (facts_title, facts_kpi)


def test_each_scope_has_its_rule_class() -> None:
    classes = {"goal": GoalRule, "segment": SegmentRule, "plan": PlanRule}
    for r in all_rules().values():
        expected = classes.get(r.scope, Rule)
        assert type(r) is expected, r.id
        assert callable(getattr(r, "check", None)) is (r.scope != "loader"), r.id


def test_the_decorator_registers_by_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner import rules

    monkeypatch.setattr(rules, "_REGISTRY", {})

    @rule("Z901", "warning", scope="segment")
    def example(_ctx: rules.SegmentContext) -> list[rules.Finding]:
        """Summary line."""
        return []

    @rule("Z902", "error", scope="loader")
    def documented(_ctx: object) -> list[rules.Finding]:
        """Reported by the loader."""
        return []

    found = rules._REGISTRY
    assert isinstance(found["Z901"], SegmentRule) and found["Z901"].check is example
    assert type(found["Z902"]) is Rule and found["Z902"].summary == "Reported by the loader."
