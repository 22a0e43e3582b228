"""CSV exports of campaigns and goals, safe to open in a spreadsheet.

UTF-8 with a byte-order mark (so Excel reads ä and Hebrew right), one header
row, and every cell that starts like a formula (=, +, -, @, tab, CR) prefixed
with an apostrophe: plan text never runs as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from planner.dates import Span
from planner.render.escape import csv_cell
from planner.vocabulary import LETTERS

if TYPE_CHECKING:
    from planner.render.context import Site


def _write(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def campaigns(site: Site) -> bytes:
    header = ["segment", "campaign", "title", "message", "kind", "channel", "start", "end",
              "repeat", "occurrences", "dates", "goals", "purpose"]
    rows = []
    for v in site.segments:
        for c in v.campaigns:
            camp, msg = c.campaign, c.message
            rows.append([
                v.id, camp.id, camp.title, camp.message, msg.kind if msg else "",
                msg.channel if msg else "", camp.start.isoformat(), camp.last_day.isoformat(),
                camp.repeat or "", len(c.occurrences),
                " ".join(o.start.isoformat() for o in c.occurrences), " ".join(camp.goals),
                msg.purpose if msg else ""])
    return _write(header, rows)


def _last_day(due: Span | None) -> str:
    """`due` as the ISO date it means (a month or quarter: its last day), so a spreadsheet
    sorts goals by it; empty when there is no (valid) due date."""
    return due.last.isoformat() if due is not None else ""


def goals(site: Site) -> bytes:
    header = ["segment", "goal", "title", "kpi", "unit", "baseline", "target", "start", "due",
              "due_date", "owner", "supports", *LETTERS, "waivers"]
    rows = []
    for v in site.segments:
        for g in v.goals:
            goal = g.goal
            rows.append([
                v.id, goal.id, goal.title or "", goal.kpi or "", g.kpi.unit if g.kpi else "",
                goal.baseline if goal.baseline is not None else "",
                goal.target if goal.target is not None else "", goal.start or "", goal.due or "",
                _last_day(g.facts.due), g.owner, goal.supports or "", *(b.status for b in g.health.badges),
                "; ".join(f"{d.rule}: {d.waived}" for d in g.health.waivers)])
    return _write(header, rows)
