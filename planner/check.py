"""`planner check` without the CLI: read plans, run the rules, return sorted diagnostics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from planner import rules
from planner.actuals import ActualsFile
from planner.diagnostics import Diagnostic, Severity
from planner.i18n import ENGLISH, Language
from planner.load import Document
from planner.plan import Plan, display_path, find_root, load_plan
from planner.plan_files import playbook_path


@dataclass(frozen=True, slots=True)
class Skipped:
    """Rules not run because the playbook fields they need could not be read."""

    file: str
    fields: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(slots=True)
class CheckResult:
    plans: list[Plan]
    diagnostics: list[Diagnostic]
    files: int = 0  # how many files the diagnostics speak for (the summary line's count)
    skipped: list[Skipped] = field(default_factory=list)
    # Every file of the plans by name, the first holder of a name winning as in Plan.document:
    # reporters ask once per finding.
    documents: dict[str, Document | ActualsFile] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.documents = {}
        for plan in self.plans:
            docs: list[Document | ActualsFile | None] = [
                plan.playbook_doc, *(sf.doc for sf in plan.segment_files),
                *(plan.actuals.files if plan.actuals else ())]
            for doc in docs:
                if doc is not None:
                    self.documents.setdefault(doc.file, doc)

    @property
    def language(self) -> Language:
        """What a report of the result is said in: the plans' language, English when they
        speak different ones."""
        languages = {plan.language for plan in self.plans}
        return languages.pop() if len(languages) == 1 else ENGLISH

    def failed(self, strict: bool = False) -> bool:
        strict = strict or any(p.playbook is not None and p.playbook.smart.strict
                               for p in self.plans)
        return any(
            d.waived is None and (d.severity is Severity.ERROR
                                  or (strict and d.severity is Severity.WARNING))
            for d in self.diagnostics
        )

    def document(self, file: str) -> Document | ActualsFile | None:
        return self.documents.get(file)


def check_plan(plan: Plan) -> list[Diagnostic]:
    found = plan.diagnostics + rules.run(plan)
    return sorted(found, key=lambda d: d.sort_key)


def check_paths(paths: list[FsPath], today: dt.date | None = None,
                previous: Plan | None = None) -> CheckResult:
    """Check each plans directory named by `paths` once. A file path (what a pre-commit hook
    passes) reports that file's findings, and everything a change to it can break elsewhere:
    a segment's findings include ids that collide with other segments' (only the segments that
    may share an id with it are read besides it), and the playbook, which every segment is
    judged against, reports the whole plan. `today` and `previous` (an earlier reading of
    one of the directories): see `planner.plan.load_plan`."""
    roots: dict[FsPath, set[str] | None] = {}
    for path in paths:
        root = find_root(path)
        only = roots.get(root, set())
        if path.is_dir() or only is None:
            roots[root] = None
        else:
            only.add(display_path(path))
            roots[root] = only
    plans, found, files, left_out = [], [], 0, []
    for root, only in roots.items():
        if only is not None and any(_is_playbook(root, f) for f in only):
            only = None
        plan = load_plan(root, today, only, previous)
        plans.append(plan)
        files += len(plan_files(plan)) if only is None else len(only)
        found += [d for d in check_plan(plan) if only is None or d.file in only]
        if skipped := rules.skipped(plan):
            left_out.append(Skipped(
                file=plan.playbook_file,
                fields=tuple(sorted({f for fs in skipped.values() for f in fs})),
                rules=tuple(skipped)))
    return CheckResult(plans=plans, diagnostics=found, files=files, skipped=left_out)


def _is_playbook(root: FsPath, file: str) -> bool:
    path = playbook_path(root)
    return path is not None and display_path(path) == file


def plan_files(plan: Plan) -> set[str]:
    """The files a check of the whole plan covers: those read, and those reported on."""
    read = {sf.file for sf in plan.segment_files}
    if plan.playbook_doc is not None:
        read.add(plan.playbook_doc.file)
    playbook = plan.playbook or plan.partial_playbook
    words = plan.root / "wordlists" / f"{playbook.language if playbook else 'en'}.yaml"
    if words.is_file():
        read.add(display_path(words))
    read.update(f.file for f in (plan.actuals.files if plan.actuals else ()))
    return read | {d.file for d in plan.diagnostics}
