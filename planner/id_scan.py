"""Which other segment files a one-file check must read: those that may share an id with it.

A check of one segment (what a pre-commit hook runs) reports the ids it shares with other
segments (P006), so those segments have to be read and validated too, but only those. The
scan is a cheap text search for the values written after an `id` key: it finds every id the
way a plan can spell one (`id: x`, `"id": 'x'`, `{id: x}`, a value on the next line), and
may also find words that are not ids (`paid: x`), which costs only reading a file more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path as FsPath

from planner.files import Unreadable, read_bytes
from planner.i18n import ENGLISH
from planner.model import Segment

# No word boundary before `id`: a boundary check makes the scan 3x slower, and a false match
# (`paid: x`) only makes a file a candidate.
_ID_VALUE = re.compile(rb"""id['"]?[ \t]*:\s*['"]?([\w-]+)""")


def ids_of(segments: Iterable[Segment]) -> set[str]:
    """Every id the segments define (KPIs, goals, messages, campaigns, journeys)."""
    return {item.id for seg in segments
            for items in (seg.kpis, seg.goals, seg.messages, seg.campaigns, seg.journeys)
            for item in items}


def sharing(paths: Iterable[FsPath], ids: set[str], root: FsPath) -> list[FsPath]:
    """The files among `paths` (inside the plans folder `root`) whose text may define one of
    `ids`. A file that cannot be read safely is among them: reading it for real says why."""
    if not ids:
        return []
    wanted = {i.encode("utf-8") for i in ids}
    out = []
    for path in paths:
        try:
            text = read_bytes(path, root, ENGLISH)  # the failure is read again, in words, by load
        except Unreadable:
            out.append(path)
            continue
        if not wanted.isdisjoint(_ID_VALUE.findall(text)):
            out.append(path)
    return out
