"""`--format text`: compiler-style diagnostics with the source line, a caret and a hint."""

from __future__ import annotations

import re

from planner.check import CheckResult, Skipped
from planner.diagnostics import Diagnostic
from planner.i18n import Language
from planner.report.visible import visible
from planner.vocabulary import SEVERITY_LABELS, label

_TOKEN = re.compile(r"[^\s:,\]}]+|\S")
_STYLE = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;34m",
          "bold": "\033[1m", "dim": "\033[2m", "hint": "\033[36m", "off": "\033[0m"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_STYLE['off']}" if color else text


def _width(d: Diagnostic, source: str) -> int:
    """How many characters of the source line the carets underline: the whole value when
    its end is known (to the end of the line when it goes on below), else one token."""
    start = d.column - 1
    if d.end_line == d.line and d.end_column > d.column:
        return d.end_column - d.column
    if d.end_line > d.line:
        rest = source[start:].split(" #")[0].rstrip()
        return max(1, len(rest))
    token = _TOKEN.match(source, start)
    return max(1, len(token.group()) if token else 1)


def skipped_note(skip: Skipped, lang: Language) -> str:
    return visible(lang._("note: these rules were not run, because {file} has problems in {fields}: "
             "{rules}; the rest of the plan was checked").format(
        file=skip.file, fields=", ".join(skip.fields), rules=", ".join(skip.rules)))


def headline(d: Diagnostic, lang: Language) -> str:
    letter = f" [{d.smart}]" if d.smart else ""
    about = ""
    if d.item_kind == "goal" and d.item:
        about = lang._("goal '{id}': ").format(id=d.item)
    severity = label(SEVERITY_LABELS, d.severity, lang)
    return visible(f"{d.file}:{d.line}:{d.column}: {severity} {d.rule}{letter} {about}{d.message}")


def render(result: CheckResult, color: bool) -> str:
    lang = result.language
    out: list[str] = []
    shown = [d for d in result.diagnostics if not d.waived]
    for d in shown:
        head = headline(d, lang)
        out.append(_paint(head, str(d.severity), color))
        doc = result.document(d.file)
        source = doc.line_text(d.line) if doc else ""
        if source.strip():
            gutter = str(d.line)
            width = _width(d, source)
            # The carets go under the value as shown, escapes and all.
            shown_before = visible(source[: d.column - 1])
            shown_token = visible(source[d.column - 1: d.column - 1 + width])
            out.append(_paint(f" {gutter} | ", "dim", color) + visible(source))
            pad = " " * (len(gutter) + 1)
            out.append(_paint(f"{pad} | ", "dim", color) + " " * len(shown_before)
                       + "^" * max(1, len(shown_token)))
        if d.hint:
            label = lang._("hint")  # not inside the f-string: extraction would not see it there
            out.append(_paint(f"  = {label}: {visible(d.hint)}", "hint", color))
        out.append("")
    for skip in result.skipped:
        out.append(_paint(skipped_note(skip, lang), "hint", color))
        out.append("")
    out.append(_paint(summary_line(result), "bold", color))
    return "\n".join(out)


def summary_line(result: CheckResult) -> str:
    """"2 errors, 1 warning in 3 files": the counts of what is shown, and the files it covers."""
    lang = result.language
    shown = [d for d in result.diagnostics if not d.waived]
    errors = sum(1 for d in shown if d.severity == "error")
    infos = sum(1 for d in shown if d.severity == "info")
    warnings = len(shown) - errors - infos
    waived = len(result.diagnostics) - len(shown)
    summary = ", ".join([
        lang.ngettext("{n} error", "{n} errors", errors).format(n=errors),
        lang.ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    ] + ([lang.ngettext("{n} note", "{n} notes", infos).format(n=infos)] if infos else [])
      + ([lang.ngettext("{n} waived", "{n} waived", waived).format(n=waived)] if waived else []))
    return lang.ngettext("{summary} in {n} file", "{summary} in {n} files", result.files).format(
        summary=summary, n=result.files)
