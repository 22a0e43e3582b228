"""`--format github`: GitHub Actions workflow commands, shown as annotations on the PR.

GitHub places an annotation by a path relative to the repository root, so paths are made
relative to `GITHUB_WORKSPACE` (a job may run `planner check` from a sub-folder). GitHub shows
only 10 annotations of each kind per step: the CLI also writes every finding to the job summary
(`report.markdown`)."""

from __future__ import annotations

import os
from pathlib import Path

from planner.check import CheckResult
from planner.report.text import skipped_note
from planner.report.visible import visible


def _escape_data(text: str) -> str:
    """A workflow command's data: `%`, CR and LF as GitHub decodes them, then every other
    control character (escape sequences the log viewer would act on) made visible."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(file: str, workspace: str | None) -> str:
    """`file` (relative to the working directory) relative to the repository checkout."""
    if not workspace:
        return file
    try:
        return Path(file).resolve().relative_to(Path(workspace).resolve()).as_posix()
    except (ValueError, OSError):
        return file


def render(result: CheckResult, color: bool = False) -> str:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    lines = []
    for d in result.diagnostics:
        if d.waived:
            continue
        level = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
        title = d.rule + (f" [{d.smart}]" if d.smart else "")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        place = f"file={_escape_property(repository_path(d.file, workspace))},line={d.line},col={d.column}"
        if d.end_line >= d.line and d.end_column and (d.end_line, d.end_column) > (d.line, d.column):
            # GitHub takes the end as inclusive; the loader's end is the first column after it.
            place += f",endLine={d.end_line},endColumn={max(1, d.end_column - 1)}"
        lines.append(f"::{level} {place},title={_escape_property(title)}::{_escape_data(message)}")
    for skip in result.skipped:
        lines.append(f"::notice file={_escape_property(repository_path(skip.file, workspace))}::"
                     f"{_escape_data(skipped_note(skip, result.language))}")
    return "\n".join(lines)
