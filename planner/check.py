"""`planner check` without the CLI: read plans, run the rules, return sorted diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FsPath

from planner import rules
from planner.diagnostics import Diagnostic, Severity
from planner.plan import Plan, display_path, find_root, gc_paused, load_plan


@dataclass(slots=True)
class CheckResult:
    plans: list[Plan]
    diagnostics: list[Diagnostic]

    def failed(self, strict: bool = False) -> bool:
        strict = strict or any(p.playbook is not None and p.playbook.smart.strict
                               for p in self.plans)
        return any(
            d.waived is None and (d.severity is Severity.ERROR or strict)
            for d in self.diagnostics
        )

    def document(self, file: str):  # noqa: ANN201 - a Document or None
        for plan in self.plans:
            doc = plan.document(file)
            if doc is not None:
                return doc
        return None


def check_plan(plan: Plan) -> list[Diagnostic]:
    with gc_paused():
        found = plan.diagnostics + rules.run(plan)
    return sorted(found, key=lambda d: d.sort_key)


def check_paths(paths: list[FsPath]) -> CheckResult:
    """Check each plans directory named by `paths` once; a file path checks its plan
    but reports only that file's diagnostics (what a pre-commit hook wants)."""
    roots: dict[FsPath, set[str] | None] = {}
    for path in paths:
        root = find_root(path)
        if path.is_dir():
            roots[root] = None
        elif roots.get(root, set()) is not None:
            roots.setdefault(root, set()).add(display_path(path))  # type: ignore[union-attr]
    plans, found = [], []
    for root, only in roots.items():
        plan = load_plan(root)
        plans.append(plan)
        found += [d for d in check_plan(plan) if only is None or d.file in only]
    return CheckResult(plans=plans, diagnostics=found)
