"""`--format json`: one array of objects, the contract of PLAN-FORMAT.md."""

from __future__ import annotations

import json

from planner.check import CheckResult


def render(result: CheckResult, color: bool = False) -> str:
    return json.dumps([d.as_json() for d in result.diagnostics], ensure_ascii=False, indent=2)
