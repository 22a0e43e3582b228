"""Precision and recall of the SMART title rules on the labelled corpus.

    python bench/smart_corpus.py [--misses] [--markdown]

Reads tests/smart_corpus/<lang>.yaml and judges every title with the bundled
word lists, as `planner check` does. Prints precision and recall per language
and rule (S101, S102, S103, T505) for each part of the corpus separately (tuning,
held-out, and the fresh parts written after tuning; see tests/smart_corpus/README.md).
--misses lists the wrong judgements of the tuning part only: the held-out part is
for measuring, not for tuning.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner import textmatch  # noqa: E402
from planner.rules.specific import MIN_WORDS  # noqa: E402

CORPUS = ROOT / "tests" / "smart_corpus"
LANGUAGES = ("en", "fi", "he")
RULES = ("S101", "S102", "S103", "T505")
PARTS = ("tuning", "held_out", "fresh", "fresh_2")


def judge(language: str, title: str) -> frozenset[str]:
    """The title rules `title` raises: the same conditions as the rules in
    planner/rules/specific.py and timebound.py."""
    analysis = textmatch.matcher(language).analyse(title)
    found = set()
    if analysis.words < MIN_WORDS:
        found.add("S101")
    if analysis.vague_words:
        found.add("S102")
    if analysis.compound is not None:
        found.add("S103")
    if analysis.time:
        found.add("T505")
    return frozenset(found)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, expected: bool, got: bool) -> None:
        self.tp += expected and got
        self.fp += got and not expected
        self.fn += expected and not got

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def entries(language: str) -> dict[str, list[dict[str, object]]]:
    data = yaml.safe_load((CORPUS / f"{language}.yaml").read_text(encoding="utf-8"))
    return {part: data.get(part) or [] for part in PARTS}


def score(language: str, part: str) -> tuple[dict[str, Score], int, list[str]]:
    """Scores per rule (and "all"), the number of titles, and the misses."""
    scores = {rule: Score() for rule in (*RULES, "all")}
    misses = []
    items = entries(language)[part]
    for entry in items:
        title = str(entry["title"])
        expected = frozenset(str(rule) for rule in entry.get("expect") or ())  # type: ignore[attr-defined]
        got = judge(language, title)
        for rule in RULES:
            scores[rule].add(rule in expected, rule in got)
            scores["all"].add(rule in expected, rule in got)
        if got != expected:
            misses.append(f"  {title}\n    expected {sorted(expected)}, got {sorted(got)}"
                          f"  ({entry.get('why', '')})")
    return scores, len(items), misses


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true",
                        help="list the tuning part's wrong judgements")
    args = parser.parse_args()
    header = "| language | part | titles | " + " | ".join(
        f"{r} P/R" for r in (*RULES, "all")) + " |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    tuning_misses = []
    for language in LANGUAGES:
        for part in PARTS:
            scores, n, misses = score(language, part)
            cells = " | ".join(f"{pct(s.precision)}/{pct(s.recall)}" for s in scores.values())
            print(f"| {language} | {part.replace('_', '-')} | {n} | {cells} |")
            if part == "tuning" and misses:
                tuning_misses.append(f"{language}:")
                tuning_misses += misses
    if args.misses and tuning_misses:
        print("\nMisses in the tuning part:")
        print("\n".join(tuning_misses))


if __name__ == "__main__":
    main()
