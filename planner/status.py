"""`planner status`: every goal's latest measured value, progress and status, as text,
Markdown (for a pull request or a chat) or JSON (the contract of PLAN-FORMAT.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from planner.check import check_plan
from planner.derive.progress import GoalProgress, plan_progress
from planner.diagnostics import Severity
from planner.i18n import Language
from planner.plan import load_plan
from planner.render import labels


def as_json(p: GoalProgress) -> dict[str, Any]:
    actual = p.actual
    return {
        "segment": p.segment,
        "goal": p.goal.id,
        "kpi": p.kpi.id if p.kpi else p.goal.kpi,
        "baseline": p.goal.baseline if p.baseline is not None else None,
        "target": p.goal.target if p.target is not None else None,
        "actual": actual[1] if actual else None,
        "actual_date": actual[0].isoformat() if actual else None,
        "progress": None if p.progress is None else round(p.progress, 4),
        "expected": round(p.expected, 4),
        "status": p.status,
        "due": p.last.isoformat(),
    }


def _number(value: float | None, lang: Language) -> str:
    if value is None:
        return "–"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang.locale)


def _percent(value: float | None, lang: Language) -> str:
    if value is None:
        return "–"
    from babel.numbers import format_percent

    return format_percent(value, locale=lang.locale)


def _cells(p: GoalProgress, lang: Language) -> list[str]:
    actual = p.actual
    return [p.segment, p.goal.id, labels.status(p.status, lang),
            _number(actual[1], lang) if actual else "–",
            actual[0].isoformat() if actual else "–",
            _percent(p.progress, lang), _percent(p.expected, lang),
            f"{_number(p.baseline, lang)} → {_number(p.target, lang)}",
            p.last.isoformat()]


def _headers(lang: Language) -> list[str]:
    return [lang._("Segment"), lang._("Goal"), lang._("Status"), lang._("Latest value"),
            lang._("Measured on"),
            lang._("Progress"), lang._("Expected"), lang._("Baseline → target"), lang._("Due")]


def text(rows: list[GoalProgress], today: dt.date, lang: Language) -> str:
    table = [_headers(lang)] + [_cells(p, lang) for p in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
             for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([lang._("Goal status as of {today}").format(today=today.isoformat()), "",
                      *lines])


def markdown(rows: list[GoalProgress], today: dt.date, lang: Language) -> str:
    def esc(cell: str) -> str:
        return cell.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")

    head = _headers(lang)
    title = lang._("Goal status as of {today}").format(today=today.isoformat())
    out = [f"### {title}", "",
           "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in rows:
        cells = [esc(c) for c in _cells(p, lang)]
        cells[1] = f"`{cells[1]}`"
        if p.status in ("behind", "off-track", "missed"):
            cells[2] = f"**{cells[2]}**"
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


class Unreadable(Exception):
    """The plan's playbook does not validate; the message is the check's report."""


def report(plans: Path, fmt: str, today: dt.date | None) -> tuple[str, int]:
    """The status report of a plans directory and the number of error findings of its
    check (the report is made anyway, from what validated)."""
    plan = load_plan(plans, today)
    found = check_plan(plan)
    errors = sum(d.severity is Severity.ERROR and not d.waived for d in found)
    if plan.playbook is None:  # no period, no language: nothing can be judged
        from planner.check import CheckResult
        from planner.report import FORMATS

        raise Unreadable(FORMATS["text"](CheckResult(plans=[plan], diagnostics=found), False))
    rows = plan_progress(plan)
    if fmt == "json":
        return json.dumps([as_json(p) for p in rows], ensure_ascii=False, indent=2), errors
    if fmt == "markdown":
        return markdown(rows, plan.today, plan.language), errors
    return text(rows, plan.today, plan.language), errors
