"""A goal's values normalised once into typed facts, for the rules and the site to read.

The model takes a goal's `baseline`, `target`, `start`, `due` and `title` as written (any
YAML value), so that the SMART rules can say what is wrong with them (M203, M204, T502,
S101) instead of the loader refusing the file. Everything that only needs the values when
they are good reads them here: a number that is a number, a date span that parses, a
title that is text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.dates import Span, parse_span
from planner.model import Goal


@dataclass(frozen=True, slots=True)
class GoalFacts:
    baseline: int | float | None  # None: missing, or not a finite number (M204 says which)
    target: int | float | None  # likewise (M203)
    start: Span | None  # None: missing, or not a date, month or quarter (T502)
    due: Span | None
    title: str | None  # None: missing, blank or not text (S101)
    kpi: str | None  # the KPI id the goal names, when it is text (M201 and M202 explain the rest)


def number(value: object) -> int | float | None:
    """`value` as a number, or None: text ("26 %", "26"), booleans and NaN/infinity are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def goal_facts(goal: Goal) -> GoalFacts:
    title = goal.title
    return GoalFacts(
        baseline=number(goal.baseline), target=number(goal.target),
        start=parse_span(goal.start), due=parse_span(goal.due),
        title=title if isinstance(title, str) and title.strip() else None,
        kpi=goal.kpi if isinstance(goal.kpi, str) else None)
