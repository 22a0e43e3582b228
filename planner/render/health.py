"""Plan health from the rules' diagnostics: per goal, five S/M/A/R/T badges.

The site does not judge goals itself; it groups what `planner.check` found by
(segment, goal, SMART letter). A letter fails on an unwaived error, warns on an
unwaived warning, and passes otherwise; waived findings are kept with their
reasons so the site can show them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from planner.diagnostics import Diagnostic, Severity
from planner.i18n import Language
from planner.render import labels
from planner.render.svg import esc
from planner.vocabulary import LETTERS, VERDICT_LABELS, Verdict, label


def letter_names(lang: Language) -> dict[str, str]:
    return {letter: labels.letter(letter, lang) for letter in LETTERS}


@dataclass(slots=True)
class Badge:
    letter: str
    name: str
    lang: Language  # what `text` and `status_label` are said in
    status: Verdict = "pass"
    findings: list[Diagnostic] = field(default_factory=list)
    waived: list[Diagnostic] = field(default_factory=list)

    @property
    def text(self) -> str:
        lang = self.lang
        """The finding behind the badge, for its tooltip and its visible note."""
        if self.findings:
            return "; ".join(f"{d.rule}: {d.message}" for d in self.findings)
        if self.waived:
            return "; ".join(lang._("{rule} waived: {reason}").format(rule=d.rule, reason=d.waived)
                             for d in self.waived)
        return label(VERDICT_LABELS, "pass", lang)

    @property
    def status_label(self) -> str:
        return label(VERDICT_LABELS, self.status, self.lang)


@dataclass
class GoalHealth:
    badges: list[Badge]

    @property
    def status(self) -> Verdict:
        statuses = {b.status for b in self.badges}
        return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "pass"

    @property
    def waivers(self) -> list[Diagnostic]:
        return [d for b in self.badges for d in b.waived]


@dataclass(slots=True)
class LetterSummary:
    letter: str
    name: str
    passing: int = 0
    warnings: int = 0
    failing: int = 0
    total: int = 0


@dataclass(slots=True)
class Health:
    goals: dict[tuple[str, str], GoalHealth]
    letters: list[LetterSummary]
    waivers: list[Diagnostic]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    lang: Language

    def goal(self, segment: str, goal: str) -> GoalHealth:
        return self.goals.get((segment, goal)) or _empty(self.lang)

    @property
    def goal_count(self) -> int:
        return len(self.goals)

    @property
    def goals_passing(self) -> int:
        return sum(1 for g in self.goals.values() if g.status == "pass")


def _empty(lang: Language) -> GoalHealth:
    names = letter_names(lang)
    return GoalHealth([Badge(letter, names[letter], lang) for letter in LETTERS])


def health(goal_keys: list[tuple[str, str]], diagnostics: list[Diagnostic], lang: Language
           ) -> Health:
    """Group `diagnostics` onto the goals named by (segment id, goal id); badges speak `lang`."""
    by_goal: dict[tuple[str, str, str], list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        if d.smart in LETTERS and d.segment and d.item:
            by_goal[(d.segment, d.item, d.smart)].append(d)
    names = letter_names(lang)
    goals: dict[tuple[str, str], GoalHealth] = {}
    letters = {letter: LetterSummary(letter, names[letter]) for letter in LETTERS}
    for seg, goal in goal_keys:
        badges = []
        for letter in LETTERS:
            found = by_goal.get((seg, goal, letter), [])
            badge = Badge(letter, names[letter], lang,
                          findings=[d for d in found if not d.waived],
                          waived=[d for d in found if d.waived])
            if any(d.severity is Severity.ERROR for d in badge.findings):
                badge.status = "fail"
            elif badge.findings:
                badge.status = "warn"
            summary = letters[letter]
            summary.total += 1
            summary.passing += badge.status == "pass"
            summary.warnings += badge.status == "warn"
            summary.failing += badge.status == "fail"
            badges.append(badge)
        goals[(seg, goal)] = GoalHealth(badges)
    return Health(
        goals=goals,
        letters=list(letters.values()),
        waivers=[d for d in diagnostics if d.waived],
        errors=[d for d in diagnostics if not d.waived and d.severity is Severity.ERROR],
        warnings=[d for d in diagnostics if not d.waived and d.severity is Severity.WARNING],
        lang=lang,
    )


def badge_row(health: GoalHealth) -> Markup:
    """The five S/M/A/R/T badges of a goal, each with its finding as tooltip and hidden text
    (rendered once per goal, into its `GoalView`, for every page that lists the goal)."""
    spans = "".join(
        f'<span class="pl-badge pl-{b.status}" title="{esc(b.name)}: {esc(b.text)}">{b.letter}</span>'
        for b in health.badges)
    summary = ", ".join(f"{b.name}: {b.status_label}" for b in health.badges)
    return Markup(f'<span class="pl-badges" role="img" aria-label="{esc(summary)}">{spans}</span>')
