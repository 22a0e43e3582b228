"""BY-parts outside RFC 5545's ranges are refused with a reason, not a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.i18n import ENGLISH
from planner.recurrence_rules import rrule_problem


@pytest.mark.parametrize("text", ["FREQ=MONTHLY;BYMONTH=13", "FREQ=MONTHLY;BYMONTH=0",
                                  "FREQ=YEARLY;BYMONTH=-2", "FREQ=YEARLY;BYMONTHDAY=-32",
                                  "FREQ=YEARLY;BYYEARDAY=367", "FREQ=YEARLY;BYWEEKNO=54"])
def test_out_of_range_by_parts_are_refused(text: str) -> None:
    problem = rrule_problem(text, dt.date(2027, 1, 1), ENGLISH)
    assert problem is not None and "invalid value" in problem


@pytest.mark.parametrize("text", ["FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=YEARLY;BYMONTH=2,3",
                                  "FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO"])
def test_in_range_by_parts_pass(text: str) -> None:
    assert rrule_problem(text, dt.date(2027, 1, 1), ENGLISH) is None


def test_out_of_range_month_in_a_plan_is_p004(check_text) -> None:  # noqa: ANN001
    from tests.helpers import CASES

    segment = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8").replace(
        "FREQ=MONTHLY;COUNT=12", "FREQ=MONTHLY;BYMONTH=13")
    assert [d.rule for d in check_text(segment)] == ["P004"]
