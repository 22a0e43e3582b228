"""`--format markdown`: every finding as a Markdown table, for a GitHub job summary
(`$GITHUB_STEP_SUMMARY`, which `planner check` fills by itself under GitHub Actions) or a
pull-request comment. GitHub shows at most 10 annotations of each kind per step; this lists all."""

from __future__ import annotations

import os

from planner.check import CheckResult
from planner.diagnostics import Diagnostic
from planner.i18n import Language
from planner.report.github import repository_path
from planner.report.text import skipped_note, summary_line
from planner.report.visible import visible
from planner.vocabulary import SEVERITY_LABELS, label

# GitHub refuses a job summary over 1 MiB; a few thousand rows stay well under it.
MAX_ROWS = 2000


def cell(text: str) -> str:
    """Plan text inside a table cell: no Markdown, no HTML, no line break, no column break."""
    out = []
    for ch in visible(" ".join(text.split())):  # control characters as escapes, seen not obeyed
        if ch in "\\`*_[]|<>&~":  # what forms inline Markdown or HTML, and the column break
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def _row(d: Diagnostic, workspace: str | None, lang: Language) -> str:
    letter = d.smart or ""
    severity = label(SEVERITY_LABELS, d.severity, lang)
    where = visible(f"{repository_path(d.file, workspace)}:{d.line}:{d.column}").replace("`", "'")
    return (f"| {severity} | {d.rule} | {letter} | `{where}` | {cell(d.message)} "
            f"| {cell(d.hint)} |")


def render(result: CheckResult, color: bool) -> str:
    lang = result.language
    shown = [d for d in result.diagnostics if not d.waived]
    failed = result.failed()
    warned = any(d.severity != "info" for d in shown)  # notes (K804) never fail
    mark = "❌" if failed else ("⚠️" if warned else "✅")
    out = [f"### {mark} planner check: {summary_line(result)}", ""]
    if shown:
        columns = [lang._("severity"), lang._("rule"), "SMART", lang._("where"), lang._("finding"),
                   lang._("hint")]
        out += ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
        workspace = os.environ.get("GITHUB_WORKSPACE")
        out += [_row(d, workspace, lang) for d in shown[:MAX_ROWS]]
        if len(shown) > MAX_ROWS:
            more = len(shown) - MAX_ROWS
            out += ["", lang.ngettext("… and {n} more finding: run `planner check` to see all.",
                                      "… and {n} more findings: run `planner check` to see all.",
                                 more).format(n=more)]
    out += ["", *(f"> {cell(skipped_note(skip, lang))}" for skip in result.skipped)] if result.skipped else []
    return "\n".join(out) + "\n"
