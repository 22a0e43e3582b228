"""`--format github`: GitHub Actions workflow commands, shown as annotations on the PR."""

from __future__ import annotations

from planner.check import CheckResult


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, color: bool = False) -> str:
    lines = []
    for d in result.diagnostics:
        if d.waived:
            continue
        level = "error" if d.severity == "error" else "warning"
        title = d.rule + (f" [{d.smart}]" if d.smart else "")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(
            f"::{level} file={_escape_property(d.file)},line={d.line},col={d.column},"
            f"title={_escape_property(title)}::{_escape_data(message)}"
        )
    return "\n".join(lines)
