"""The rule framework, in the style of yamllint: one module per rule family.

A rule is a function decorated with `@rule(...)`. Its docstring is its
documentation: a first line saying what it checks, then free text, and blocks
introduced by `Passes:` and `Fails:` holding YAML examples. `planner rules`
and the site's rules page print these docstrings.

Every module in this package is imported by `all_rules()`, so adding a rule
is adding a file. A rule function receives a context for its scope and yields
`Finding`s; the runner turns them into `Diagnostic`s with file, position,
segment, item, severity and SMART letter filled in, and applies waivers.

Scopes:
- ``goal``: called once per goal of every valid segment with a `GoalContext`.
- ``segment``: called once per valid segment with a `SegmentContext`.
- ``plan``: called once with the `Plan` (only when the playbook validated).
- ``loader``: documented here, reported by the loader or the model.

Each scope has its own `Rule` class (`GoalRule`, `SegmentRule`, `PlanRule`) whose `check`
takes that scope's context, and `rule(scope=...)` is typed per scope: a rule function's
parameter is checked against the scope it registers for.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, Literal, overload

from planner.derive.facts import SegmentFacts, segment_facts
from planner.derive.goal_facts import GoalFacts, goal_facts
from planner.diagnostics import Diagnostic, Path, Severity
from planner.i18n import Language
from planner.load import Document
from planner.model import Goal, Kpi, Playbook, Segment
from planner.plan import Plan, SegmentFile
from planner.textmatch import Analysis, PlanWords, for_plan

Scope = Literal["goal", "segment", "plan", "loader"]


@dataclass(slots=True)
class Finding:
    """What a rule reports; `path` is relative to the context's item unless `absolute`."""

    message: str
    path: Path = ()
    hint: str = ""
    at_key: bool = False
    absolute: bool = False
    file: str | None = None
    segment: str | None = None
    item: str | None = None
    # The goal whose `waive` may silence this finding; findings of segment rules are
    # silenced by their segment's `waive` instead.
    goal: Goal | None = None
    item_kind: str | None = None
    # Line and column in a file that is not a plan document (a team word list).
    position: tuple[int, int] | None = None


@dataclass(slots=True)
class SegmentContext:
    plan: Plan
    playbook: Playbook
    file: SegmentFile
    segment: Segment
    words: PlanWords  # the plan's word lists (`textmatch.for_plan`), read once per plan
    # What the rules derive from the segment (journey graphs, lookups that goal rules make
    # once per goal), built once for all of them.
    facts: SegmentFacts = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.facts = segment_facts(self.segment, self.file.id, self.playbook.start,
                                   self.playbook.end)

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def lang(self) -> Language:
        return self.plan.language

    @property
    def served_goals(self) -> frozenset[str]:
        """Ids named in the `goals:` of the segment's campaigns and journeys."""
        return self.facts.served_goals

    def kpi(self, kpi_id: str | None) -> Kpi | None:
        """The segment's (first) KPI with id `kpi_id`, or None."""
        return self.facts.kpis.get(kpi_id) if kpi_id is not None else None


@dataclass(slots=True)
class GoalContext:
    seg: SegmentContext
    goal: Goal
    index: int
    # The goal's values as typed facts (numbers, date spans, title), read by every goal rule,
    # and the analysis of its title (None without a title in words), computed once per goal.
    facts: GoalFacts = field(init=False)
    title_analysis: Analysis | None = field(init=False, repr=False)
    # The goal's KPI object (None when it names none of the segment's KPIs), and what the
    # rules say their messages in (the plan's language): every goal rule reads them.
    kpi: Kpi | None = field(init=False, repr=False)
    lang: Language = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.facts = goal_facts(self.goal)
        title = self.facts.title
        self.title_analysis = self.seg.words.analyse(title) if title is not None else None
        self.kpi = self.seg.kpi(self.facts.kpi)
        self.lang = self.seg.plan.language

    @property
    def segment(self) -> Segment:
        return self.seg.segment

    @property
    def playbook(self) -> Playbook:
        return self.seg.playbook


GoalCheck = Callable[[GoalContext], Iterable[Finding]]
SegmentCheck = Callable[[SegmentContext], Iterable[Finding]]
PlanCheck = Callable[[Plan], Iterable[Finding]]
# A loader rule's function only carries its documentation: the loader or the model reports it.
LoaderDoc = Callable[[object], Iterable[Finding]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A rule as documented; a `loader` rule (the loader or the model reports it) is just this."""

    scope: ClassVar[Scope] = "loader"
    id: str
    severity: Severity
    smart: str | None
    doc: str
    # Playbook fields the rule reads ("period" stands for `year` or `period`): when
    # playbook.yaml has a problem in one of them, the rule is skipped and the output says so.
    needs: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    @property
    def blocks(self) -> list[tuple[str, str]]:
        return doc_blocks(self.doc)

    @property
    def examples(self) -> dict[str, str]:
        """The first `Passes:` and `Fails:` examples, keyed "passes" and "fails"."""
        out: dict[str, str] = {}
        for kind, text in self.blocks:
            if kind != "text":
                out.setdefault(kind, text)
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class GoalRule(Rule):
    scope: ClassVar[Scope] = "goal"
    check: GoalCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentRule(Rule):
    scope: ClassVar[Scope] = "segment"
    check: SegmentCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRule(Rule):
    scope: ClassVar[Scope] = "plan"
    check: PlanCheck


def doc_blocks(doc: str) -> list[tuple[str, str]]:
    """A rule docstring after its summary line as ('text' | 'passes' | 'fails', text) blocks."""
    lines = doc.splitlines()[1:]
    blocks: list[tuple[str, str]] = []
    kind, buf = "text", list[str]()

    def flush() -> None:
        text = "\n".join(buf).strip("\n")
        if kind != "text":
            text = textwrap.dedent(text)
        if text.strip():
            blocks.append((kind, text if kind != "text" else " ".join(text.split())))
        buf.clear()

    for line in lines:
        head = line.strip().lower()
        if head in ("passes:", "fails:"):
            flush()
            kind = head[:-1]
        elif kind == "text" and not line.strip():
            flush()
        elif kind != "text" and line.strip() and not line.startswith((" ", "\t")):
            flush()
            kind = "text"
            buf.append(line)
        else:
            buf.append(line)
    flush()
    return blocks


_REGISTRY: dict[str, Rule] = {}
# Rules are listed as a reader meets them: the SMART letters, then integrity, contact,
# journeys, lifecycle coverage, measured values.
_FAMILY_ORDER = "SMARTPCJLK"


@overload
def rule(rule_id: str, severity: Severity | str, *, scope: Literal["goal"], smart: str | None = None,
         needs: tuple[str, ...] = ()) -> Callable[[GoalCheck], GoalCheck]: ...
@overload
def rule(rule_id: str, severity: Severity | str, *, scope: Literal["segment"],
         smart: str | None = None, needs: tuple[str, ...] = ()
         ) -> Callable[[SegmentCheck], SegmentCheck]: ...
@overload
def rule(rule_id: str, severity: Severity | str, *, scope: Literal["plan"], smart: str | None = None,
         needs: tuple[str, ...] = ()) -> Callable[[PlanCheck], PlanCheck]: ...
@overload
def rule(rule_id: str, severity: Severity | str, *, scope: Literal["loader"],
         smart: str | None = None, needs: tuple[str, ...] = ()) -> Callable[[LoaderDoc], LoaderDoc]: ...
def rule(rule_id: str, severity: Severity | str, *, scope: Scope, smart: str | None = None,
         needs: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """Register the decorated function as rule `rule_id` of `scope`; `needs` names the
    playbook fields it reads (see `Rule.needs`)."""

    def register(fn: Callable[[Any], Iterable[Finding]]) -> Callable[[Any], Iterable[Finding]]:
        about: dict[str, Any] = dict(id=rule_id, severity=Severity(severity), smart=smart,
                                     doc=inspect.cleandoc(fn.__doc__ or ""), needs=needs)
        _REGISTRY[rule_id] = (GoalRule(check=fn, **about) if scope == "goal"
                              else SegmentRule(check=fn, **about) if scope == "segment"
                              else PlanRule(check=fn, **about) if scope == "plan"
                              else Rule(**about))
        return fn

    return register


@cache
def all_rules() -> dict[str, Rule]:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items(), key=lambda item: (_FAMILY_ORDER.find(item[0][0]), item[0])))


def skipped(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Rules that `run` skips because the playbook fields they need could not be read:
    rule id -> those fields."""
    broken = plan.playbook_broken
    if not broken:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for r in all_rules().values():
        missing = tuple(n for n in r.needs if n in broken)
        if missing:
            out[r.id] = missing
    return out


def run(plan: Plan) -> list[Diagnostic]:
    """All rule diagnostics for a plan (segments that did not validate are skipped; their
    P-diagnostics are already in `plan.diagnostics`). When the playbook has problems, the
    rules run on what of it could be read, except those in `skipped(plan)`."""
    rules = all_rules()
    playbook = plan.playbook or plan.partial_playbook
    if playbook is None:
        return []
    left_out = skipped(plan)
    words = for_plan(plan)
    active = [r for r in rules.values() if r.id not in left_out]
    plan_rules = [r for r in active if isinstance(r, PlanRule)]
    segment_rules = [r for r in active if isinstance(r, SegmentRule)]
    goal_rules = [r for r in active if isinstance(r, GoalRule)]
    out: list[Diagnostic] = []
    for pr in plan_rules:
        out += _emit(pr, pr.check(plan), plan, None)
    for sf, segment in plan.segments:
        seg = SegmentContext(plan=plan, playbook=playbook, file=sf, segment=segment, words=words)
        for sr in segment_rules:
            out += _emit(sr, sr.check(seg), plan, seg)
        for index, goal in enumerate(segment.goals):
            ctx = GoalContext(seg=seg, goal=goal, index=index)
            for r in goal_rules:
                findings = list(r.check(ctx))
                if not findings:
                    continue  # (most rules on most goals)
                for f in findings:
                    if not f.absolute:
                        f.path = ("goals", index, *f.path)
                        f.absolute = True
                    f.item = f.item or goal.id
                    f.goal = f.goal or goal
                    f.item_kind = f.item_kind or "goal"
                out += _emit(r, findings, plan, seg)
        sf.doc.release()  # its findings have their positions: the node graph may go again
    return out


def _emit(r: Rule, findings: Iterable[Finding], plan: Plan, seg: SegmentContext | None
          ) -> Iterator[Diagnostic]:
    for f in findings:
        file = f.file or (seg.file.file if seg else "")
        # (a segment's findings are mostly in its own file: no search of the plan's files)
        doc = seg.file.doc if seg is not None and file == seg.file.file else plan.document(file)
        if f.position is not None:
            line, column = f.position
            end_line = end_column = 0
        else:
            # (a finding in a measured-values file gives its `position`: CSV has no paths)
            line, column, end_line, end_column = (doc.span(f.path, at_key=f.at_key)
                                                  if isinstance(doc, Document) else (1, 1, 0, 0))
        waived = (f.goal.waive.get(r.id) if f.goal is not None
                  else seg.segment.waive.get(r.id) if seg is not None and r.scope == "segment"
                  else None)
        yield Diagnostic(
            rule=r.id, severity=r.severity, smart=r.smart, message=f.message, hint=f.hint,
            file=file, path=f.path, line=line, column=column, at_key=f.at_key,
            end_line=end_line, end_column=end_column,
            segment=f.segment or (seg.id if seg else None), item=f.item,
            item_kind=f.item_kind, waived=waived)
