"""Reporters: diagnostics in, text out. One module per format."""

from __future__ import annotations

from collections.abc import Callable

from planner.check import CheckResult
from planner.report import github, json_format, markdown, text

FORMATS: dict[str, Callable[[CheckResult, bool], str]] = {
    "text": text.render,
    "github": github.render,
    "json": json_format.render,
    "markdown": markdown.render,
}
