"""Lifecycle coverage: the three working groups and the messages each stage needs.

The practice the plan format encodes (PLAN-FORMAT.md, rules L803 and L804):
customers are split into three groups, each with its own goals and messages.

- interested (suspect, prospect): a `welcome` for new prospects;
- engaged (customer, loyal): a `survey`;
- passive and lost (passive, lost): a `reactivation` or `win-back` offer, a
  `survey` asking why interest dropped, and a `welcome-back` once they return.

A need is met by a message of one of its kinds in the segment's `messages:`
(whether a campaign or journey sends it is L802's question). Pure functions
of the model, shared by the rules and the site's coverage panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.model import Message, Segment
from planner.vocabulary import Group, KnownKind, Stage

# (group id, its stages), in the order customers move through them.
GROUPS: tuple[tuple[Group, tuple[Stage, ...]], ...] = (
    ("interested", ("suspect", "prospect")),
    ("engaged", ("customer", "loyal")),
    ("passive-lost", ("passive", "lost")),
)
GROUP_OF_STAGE: dict[Stage, Group] = {stage: group for group, stages in GROUPS for stage in stages}

# Per group: the needs of its stages, each a tuple of message kinds any one of which meets it.
NEEDS: dict[Group, tuple[tuple[KnownKind, ...], ...]] = {
    "interested": (("welcome",),),
    "engaged": (("survey",),),
    "passive-lost": (("reactivation", "win-back"), ("survey",), ("welcome-back",)),
}


@dataclass(frozen=True, slots=True)
class Need:
    kinds: tuple[KnownKind, ...]  # any one of these kinds meets the need
    messages: tuple[str, ...]  # ids of the segment's messages that meet it

    @property
    def met(self) -> bool:
        return bool(self.messages)


def needs(stage: Stage) -> tuple[tuple[KnownKind, ...], ...]:
    """The message needs of a stage (see the module doc)."""
    return NEEDS[GROUP_OF_STAGE[stage]]


def coverage(segment: Segment) -> list[Need]:
    """Each need of the segment's stage, with the messages that meet it."""
    return [Need(kinds, _of_kinds(segment.messages, kinds)) for kinds in needs(segment.stage)]


def missing_groups(stages: Iterable[Stage]) -> list[Group]:
    """The groups none of `stages` belongs to, in lifecycle order."""
    present = {GROUP_OF_STAGE[s] for s in stages}
    return [group for group, _stages in GROUPS if group not in present]


def _of_kinds(messages: Iterable[Message], kinds: tuple[KnownKind, ...]) -> tuple[str, ...]:
    return tuple(m.id for m in messages if m.kind in kinds)
