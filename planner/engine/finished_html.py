"""Planner's HTML kept out of Markdown in `build` and `serve`.

A playbook page (planner.render) is Markdown headings between blocks of finished HTML.
Python-Markdown passes such blocks through unchanged, but only after parsing every byte
of them with html.parser (its HTML block preprocessor, then MkDocs' scan for ids): most
of a build's time. So the plugin hands MkDocs the page's *outline* instead: the
headings, each run of HTML blocks between two headings replaced by a placeholder
comment. MkDocs renders the outline as any page (the headings get their ids, permalinks
and table-of-contents entries from the site's `toc` settings, the page its title), and
`fill` puts the blocks back where their placeholders are: the same HTML as before,
byte for byte (tests/test_finished_html.py compares it with Python-Markdown's).
`anchor_ids` lists the ids the blocks define, which MkDocs would have found in them, so
that links into the page are validated as before.

A page with anything but headings and HTML blocks (the plan format reference, whose
prose and code are Markdown) is left to Markdown whole: `outline` returns None.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.util import BLOCK_LEVEL_ELEMENTS

_HEADING = re.compile(r"^#{1,6}[ \t][^\n]*$", re.MULTILINE)  # an ATX heading line
_BLANK_LINES = re.compile(r"\n[ \t]*\n")  # what separates Markdown blocks
_RUN_OF_BLANKS = re.compile(r"\n(?:[ \t]*\n)+")
_HTML_START = re.compile(r"<(!--|[A-Za-z][A-Za-z0-9-]*)")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_PLACEHOLDER = re.compile(r"<!--planner-html-(\d+)-->")
# Where MkDocs would have found anchors in raw HTML: any element's id, an <a>'s name.
# Attribute values of planner's HTML are always in double quotes, and a double quote in
# a value or a text always escaped.
_ID = re.compile(r'<[A-Za-z][^>]*?\sid="([^"]*)"', re.IGNORECASE)
_NAME = re.compile(r'<a\s[^>]*?\sname="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Outline:
    """A page as MkDocs renders it (`markdown`) and the HTML blocks `fill` puts back."""

    markdown: str
    blocks: tuple[str, ...]


def _is_html(run: str) -> bool:
    """Whether every Markdown block of `run` is an HTML block (starts with a block-level
    element or a comment), which Markdown would copy through unchanged."""
    for block in _BLANK_LINES.split(run.strip()):
        start = _HTML_START.match(block.lstrip())
        if start is None or (start.group(1) != "!--"
                              and start.group(1).lower() not in _BLOCK_TAGS):
            return False
    return True


def outline(markdown: str) -> Outline | None:
    """`markdown` (a page without its front matter) cut into its outline and HTML blocks,
    or None when it holds anything else than headings and HTML blocks."""
    parts: list[str] = []
    blocks: list[str] = []
    start = 0
    ends = [(m.start(), m.end()) for m in _HEADING.finditer(markdown)]
    for head_start, head_end in [*ends, (len(markdown), len(markdown))]:
        run = markdown[start:head_start]
        core = run.strip()
        if core:
            if not _is_html(core):
                return None
            lead = run[:len(run) - len(run.lstrip())]
            trail = run[len(run.rstrip()):]
            parts.append(f"{lead}<!--planner-html-{len(blocks)}-->{trail}")
            # Markdown keeps one blank line between HTML blocks however many there were.
            blocks.append(_RUN_OF_BLANKS.sub("\n\n", core))
        else:
            parts.append(run)
        parts.append(markdown[head_start:head_end])
        start = head_end
    return Outline("".join(parts), tuple(blocks))


def fill(rendered: str, blocks: tuple[str, ...]) -> str:
    """The rendered outline with its HTML blocks back in place of the placeholders."""
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], rendered)


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """The ids (and <a> names) the blocks define, as MkDocs reads them from raw HTML."""
    return {html.unescape(value) for block in blocks for pattern in (_ID, _NAME)
            for value in pattern.findall(block)}
