"""What a change does to a plan: two checked plans in, a `Review` out.

Items are matched by id (segments by file stem) and compared field by field on their
validated values, never on text, so reformatting or reordering a file is no change. Each
change gets a level:

- risky: a goal, journey or segment removed; a target moved toward its baseline; a `due`
  moved later; consent loosened (opt-in -> customer-relationship -> none); a contact cap
  raised or removed; a message turned into a service message (`purpose: service`); the SMART
  bar lowered (`smart.max_change` raised, `strict` turned off); and, as findings, a new error;
- notable: what changes who gets which message when, or what a goal measures: other
  removals, additions of goals, campaigns, journeys and segments, dates, baselines, KPIs,
  channels, steps, segment sizes and values;
- info: wording (titles, descriptions, content, names), owners and rationales.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from planner.derive.goal_facts import GoalFacts, goal_facts
from planner.derive.pressure import worst_case
from planner.derive.revenue import segment_revenue
from planner.diagnostics import Diagnostic
from planner.i18n import Language
from planner.model import SEGMENT_ITEMS, Playbook, Segment
from planner.plan import Plan
from planner.vocabulary import CONSENTS, LEVELS, ChangeKind, Level

_WORDING = {"title", "name", "description", "content", "definition", "owner", "rationale", "source",
            "layout", "tier", "rfm"}



@dataclass(frozen=True, slots=True)
class Change:
    segment: str | None
    kind: str
    id: str
    change: ChangeKind
    fields: dict[str, tuple[Any, Any]]
    level: Level
    why: str

    def as_json(self) -> dict[str, Any]:
        return {"segment": self.segment, "kind": self.kind, "id": self.id, "change": self.change,
                "fields": {k: list(v) for k, v in self.fields.items()}, "level": self.level,
                "why": self.why}


@dataclass(frozen=True, slots=True)
class Fact:
    segment: str | None
    fact: str  # pressure.week, revenue.at_risk, findings.error ...
    before: float | int | None
    after: float | int | None

    def as_json(self) -> dict[str, Any]:
        return {"segment": self.segment, "fact": self.fact, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    segment: str | None
    item: str | None
    message: str
    file: str

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "segment": self.segment,
                "item": self.item, "message": self.message, "file": self.file}


@dataclass(frozen=True, slots=True)
class SmartChange:
    segment: str
    goal: str
    before: str  # the SMART letters the goal fails, "" when it passes
    after: str

    def as_json(self) -> dict[str, Any]:
        return {"segment": self.segment, "goal": self.goal, "fails_before": self.before,
                "fails_after": self.after}


@dataclass(slots=True)
class Review:
    base: str
    head: str
    lang: Language  # the head's language: the review is said in it
    changes: list[Change] = field(default_factory=list)
    derived: list[Fact] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    smart: list[SmartChange] = field(default_factory=list)

    def count(self, level: Level) -> int:
        return sum(c.level == level for c in self.changes)

    def reaches(self, level: Level) -> bool:
        """Is there a change at `level` or above? A new error finding is risky."""
        if any(f.severity == "error" for f in self.introduced):
            return True
        return any(self.count(lv) for lv in LEVELS[: LEVELS.index(level) + 1])

    def as_json(self) -> dict[str, Any]:
        summary = {kind: sum(c.change == kind for c in self.changes)
                   for kind in get_args(ChangeKind)}
        summary.update({level: self.count(level) for level in LEVELS})
        summary["errors_introduced"] = sum(f.severity == "error" for f in self.introduced)
        summary["errors_fixed"] = sum(f.severity == "error" for f in self.fixed)
        return {"base": self.base, "head": self.head, "summary": summary,
                "changes": [c.as_json() for c in self.changes],
                "derived": [f.as_json() for f in self.derived],
                "findings": {"introduced": [f.as_json() for f in self.introduced],
                             "fixed": [f.as_json() for f in self.fixed]},
                "smart": [s.as_json() for s in self.smart]}


def compare(before: Plan, before_found: list[Diagnostic], after: Plan,
            after_found: list[Diagnostic], base: str, head: str) -> Review:
    lang = after.language
    review = Review(base=base, head=head, lang=lang)
    review.changes += _playbook_changes(before.playbook, after.playbook, lang)
    old, new = _segments(before), _segments(after)
    old_files, new_files = _files(before), _files(after)
    for sid in sorted(old_files | new_files):
        if (sid in old_files and sid not in old) or (sid in new_files and sid not in new):
            # A file that does not pass the check on a side: its items cannot be compared, and
            # it must not read as removed or added.
            change: ChangeKind = ("added" if sid not in old_files else "removed" if sid not in new_files
                      else "changed")
            review.changes.append(Change(
                sid, "segment", sid, change, {}, "risky",
                lang._("the segment's file does not pass the check, so its changes cannot be "
                       "compared: see the new findings")))
            continue
        review.changes += _segment_changes(sid, old.get(sid), new.get(sid), lang)
    review.changes.sort(key=lambda c: (LEVELS.index(c.level), c.segment or "", c.kind, c.id))
    review.derived = _derived(before, before_found, after, after_found)
    review.introduced, review.fixed = _findings(before_found, after_found)
    review.smart = _smart(before_found, after_found, old, new)
    return review


def _files(plan: Plan) -> set[str]:
    return {sf.id for sf in plan.segment_files}


def _segments(plan: Plan) -> dict[str, Segment]:
    return {sf.id: seg for sf, seg in plan.segments}


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True) if model else {}


def _fields(old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...] = (),
            prefix: str = "") -> dict[str, tuple[Any, Any]]:
    """Changed fields; a mapping on both sides (contact_policy, outlook) by its own fields."""
    out: dict[str, tuple[Any, Any]] = {}
    for k in sorted(old.keys() | new.keys()):
        a, b = old.get(k), new.get(k)
        if k in skip or a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            out.update(_fields(a, b, prefix=f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = (a, b)
    return out


# --- the playbook ------------------------------------------------------------------------


def _playbook_changes(old: Playbook | None, new: Playbook | None, lang: Language) -> Iterator[Change]:
    if old is None or new is None:
        if old is not new:
            yield Change(None, "playbook", "playbook", "changed", {}, "risky",
                         lang._("the playbook does not pass the check, so its changes cannot be "
                                "compared: see the new findings"))
        return
    fields = _fields(_dump(old), _dump(new), skip=("objectives",))
    if fields:
        level, why = _playbook_level(old, new, fields, lang)
        yield Change(None, "playbook", "playbook", "changed", fields, level, why)
    yield from _items(None, "objective", {o.id: o for o in old.objectives},
                      {o.id: o for o in new.objectives}, lang)


def _playbook_level(old: Playbook, new: Playbook, fields: dict[str, Any], lang: Language
                    ) -> tuple[Level, str]:
    if _cap_raised(old.contact_policy, new.contact_policy):
        return "risky", lang._("a contact cap was raised or removed")
    if new.smart.max_change > old.smart.max_change or (old.smart.strict and not new.smart.strict):
        return "risky", lang._("the SMART bar was lowered")
    if {name.split(".")[0] for name in fields} <= _WORDING:
        return "info", lang._("wording")
    return "notable", lang._("the plan's settings changed")


def _cap_raised(old: Any, new: Any) -> bool:
    for name in ("max_per_week", "max_per_month"):
        before = getattr(old, name, None) if old is not None else None
        after = getattr(new, name, None) if new is not None else None
        if before is not None and (after is None or after > before):
            return True
    return False


# --- segments and their items ------------------------------------------------------------


def _segment_changes(sid: str, old: Segment | None, new: Segment | None, lang: Language) -> Iterator[Change]:
    if old is None and new is not None:
        yield Change(sid, "segment", sid, "added", {}, "notable",
                     lang._("a new segment: its messages count from now on"))
        return
    if new is None and old is not None:
        yield Change(sid, "segment", sid, "removed", {}, "risky",
                     lang._("the segment and its goals are gone: its customers are nobody's"))
        return
    assert old is not None and new is not None
    skip = tuple(name for _kind, name in SEGMENT_ITEMS)
    fields = _fields(_dump(old), _dump(new), skip=skip)
    if fields:
        level, why = _segment_level(old, new, fields, lang)
        yield Change(sid, "segment", sid, "changed", fields, level, why)
    for kind, name in SEGMENT_ITEMS:
        yield from _items(sid, kind, {i.id: i for i in getattr(old, name)},
                          {i.id: i for i in getattr(new, name)}, lang)


def _segment_level(old: Segment, new: Segment, fields: dict[str, Any], lang: Language) -> tuple[Level, str]:
    if CONSENTS.index(new.consent) > CONSENTS.index(old.consent):
        return "risky", lang._("consent was loosened: check that the law still allows every send")
    if _cap_raised(old.contact_policy, new.contact_policy):
        return "risky", lang._("a contact cap was raised or removed")
    if {name.split(".")[0] for name in fields} <= _WORDING:
        return "info", lang._("wording")
    return "notable", lang._("who the segment is or what it is worth changed")


def _items(sid: str | None, kind: str, old: dict[str, Any], new: dict[str, Any], lang: Language
           ) -> Iterator[Change]:
    for item_id in sorted(old.keys() - new.keys()):
        risky = kind in ("goal", "journey")
        yield Change(sid, kind, item_id, "removed", {}, "risky" if risky else "notable",
                     lang._("a goal was removed") if kind == "goal" else
                     lang._("a journey was removed: its automated messages stop") if kind == "journey"
                     else lang._("removed"))
    for item_id in sorted(new.keys() - old.keys()):
        notable = kind in ("goal", "campaign", "journey", "objective")
        yield Change(sid, kind, item_id, "added", {}, "notable" if notable else "info",
                     lang._("new: its messages count from now on") if kind in ("campaign", "journey")
                     else lang._("new"))
    for item_id in sorted(old.keys() & new.keys()):
        fields = _fields(_dump(old[item_id]), _dump(new[item_id]))
        if fields:
            level, why = _item_level(kind, old[item_id], new[item_id], fields, lang)
            yield Change(sid, kind, item_id, "changed", fields, level, why)


def _item_level(kind: str, old: Any, new: Any, fields: dict[str, Any], lang: Language) -> tuple[Level, str]:
    if kind == "goal":
        before, after = goal_facts(old), goal_facts(new)
        was, now = _ambition(before), _ambition(after)
        if was is not None and now is not None and now < was:
            return "risky", lang._("the target moved toward the baseline")
        old_due = before.due.last if before.due else None
        new_due = after.due.last if after.due else None
        if old_due is not None and (new_due is None or new_due > old_due):
            return "risky", lang._("the deadline moved later")
    if kind == "message" and getattr(old, "purpose", None) != "service" == getattr(new, "purpose", None):
        return "risky", lang._("now a service message: it leaves the contact caps and needs no consent")
    names = {name.split(".")[0] for name in fields}
    if names <= _WORDING | {"goals", "waive"}:
        return "info", lang._("wording") if names <= _WORDING else lang._("links and waivers")
    return "notable", lang._("{fields} changed").format(fields=", ".join(sorted(names)))


def _ambition(goal: GoalFacts) -> float | None:
    """How far the target lies from the baseline."""
    if goal.baseline is None or goal.target is None:
        return None
    return abs(float(goal.target) - float(goal.baseline))


# --- derived facts and findings ----------------------------------------------------------


def _facts(plan: Plan, found: list[Diagnostic]) -> dict[tuple[str | None, str], float | int]:
    out: dict[tuple[str | None, str], float | int] = {}
    playbook = plan.playbook
    for sf, seg in plan.segments:
        if playbook is not None:
            try:
                pressure = worst_case(playbook, seg, sf.id)
            except (ValueError, OverflowError):
                pressure = {}
            for window, p in pressure.items():
                out[(sf.id, f"pressure.{window}")] = p.count
        revenue = segment_revenue(seg)
        out[(sf.id, "revenue.secure")] = round(revenue.secure, 2)
        out[(sf.id, "revenue.uncertain")] = round(revenue.uncertain, 2)
        out[(sf.id, "revenue.at_risk")] = round(revenue.at_risk, 2)
    for d in found:
        if d.waived is None and d.severity in ("error", "warning"):
            key = (d.segment, f"findings.{d.severity}")
            out[key] = int(out.get(key, 0)) + 1
    return out


def _derived(before: Plan, before_found: list[Diagnostic], after: Plan,
             after_found: list[Diagnostic]) -> list[Fact]:
    old, new = _facts(before, before_found), _facts(after, after_found)
    facts = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0] or "", k[1])):
        a, b = old.get(key), new.get(key)
        if key[1].startswith("findings."):
            a, b = a or 0, b or 0
        if a != b:
            facts.append(Fact(key[0], key[1], a, b))
    return facts


def _key(d: Diagnostic) -> tuple[Any, ...]:
    # Not the line or the file's path: moving a goal down the file, or reading a side from git
    # into a temporary folder, is no new finding.
    return (d.rule, d.segment, d.item, d.path, d.message.replace(d.file, ""))


def _finding(d: Diagnostic) -> Finding:
    return Finding(d.rule, str(d.severity), d.segment, d.item, d.message, d.file)


def _findings(before: list[Diagnostic], after: list[Diagnostic]) -> tuple[list[Finding], list[Finding]]:
    """Findings only one side has, counted as many times as they occur (two rows of one
    actuals file may give the same finding twice)."""
    old = Counter(_key(d) for d in before if d.waived is None)
    new = Counter(_key(d) for d in after if d.waived is None)
    return _only(after, new - old), _only(before, old - new)


def _only(found: list[Diagnostic], extra: Counter[tuple[Any, ...]]) -> list[Finding]:
    out = []
    for d in found:
        key = _key(d)
        if d.waived is None and extra[key] > 0:
            extra[key] -= 1
            out.append(_finding(d))
    return out


def _fails(found: list[Diagnostic]) -> dict[tuple[str | None, str | None], str]:
    out: dict[tuple[str | None, str | None], set[str]] = {}
    for d in found:
        if d.smart and d.waived is None and d.item_kind == "goal":
            out.setdefault((d.segment, d.item), set()).add(d.smart)
    return {k: "".join(letter for letter in "SMART" if letter in v) for k, v in out.items()}


def _smart(before: list[Diagnostic], after: list[Diagnostic], old: dict[str, Segment],
           new: dict[str, Segment]) -> list[SmartChange]:
    a, b = _fails(before), _fails(after)
    both = {(sid, g.id) for sid, seg in new.items() if sid in old for g in seg.goals
            if any(og.id == g.id for og in old[sid].goals)}
    return [SmartChange(str(sid), str(gid), a.get((sid, gid), ""), b.get((sid, gid), ""))
            for sid, gid in sorted(both) if a.get((sid, gid), "") != b.get((sid, gid), "")]
