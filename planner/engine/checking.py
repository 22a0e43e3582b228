"""The check a build starts with: a plans directory checked before anything is rendered,
shared by the plugin and the CLI (`planner.check` is `planner check` itself)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planner.check import CheckResult, check_paths
from planner.diagnostics import Diagnostic
from planner.i18n import Language
from planner.plan import Plan


@dataclass(slots=True)
class BuildCheck:
    root: Path
    result: CheckResult
    strict: bool

    @property
    def plan(self) -> Plan:
        return self.result.plans[0]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics

    @property
    def failed(self) -> bool:
        return self.result.failed(self.strict) or self.plan.playbook is None

    @property
    def language(self) -> Language:
        return self.plan.language

    def report(self) -> str:
        from planner.report import FORMATS

        return FORMATS["text"](self.result, False)


def check_for_build(root: Path, strict: bool = False, today: dt.date | None = None,
                    previous: Plan | None = None) -> BuildCheck:
    """`previous`: the plan the last build read (`planner serve`), whose unchanged segment
    files are not validated again (see `planner.plan.load_plan`)."""
    return BuildCheck(root=root.resolve(), result=check_paths([root], today, previous),
                      strict=strict)
