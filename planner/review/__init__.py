"""`planner diff`: two versions of a plan through the same load -> model -> rules/derive, then
compared (`compare`), never their text. `sides` reads a version; `formats` reports the review."""

from __future__ import annotations

from pathlib import Path

from planner.check import check_plan
from planner.diagnostics import Diagnostic
from planner.plan import display_path, load_plan
from planner.review.compare import Review, compare
from planner.review.sides import SideError, plans_of

__all__ = ["Review", "SideError", "review"]


def review(base: str, head: str | None, plans: Path) -> Review:
    """Compare the plan at `base` with the one at `head` (None: the working tree)."""
    with plans_of(base, plans) as (old_dir, old_label):
        old = load_plan(old_dir)
        old_found = _as_in(check_plan(old), old_dir, plans)
    with plans_of(head, plans) as (new_dir, new_label):
        new = load_plan(new_dir)
        new_found = _as_in(check_plan(new), new_dir, plans)
    return compare(old, old_found, new, new_found, old_label, new_label)


def _as_in(found: list[Diagnostic], side: Path, plans: Path) -> list[Diagnostic]:
    """Findings of a side read from git name their files as they are in the working tree."""
    here, there = display_path(side), display_path(plans)
    if here != there:
        for d in found:
            if d.file.startswith(here):
                d.file = there + d.file[len(here):]
    return found
