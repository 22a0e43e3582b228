"""Escaping for every place plan text lands: HTML/SVG (markupsafe) and Markdown headings.

Plan text is untrusted. In HTML and SVG it is entity-escaped by Jinja's autoescape
or by `markupsafe.escape`. In Markdown it only ever appears in headings (for the
table of contents); `md_inline` escapes it so that no Markdown construct (link,
emphasis, attribute list, autolink) and no HTML can come out of it.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

__all__ = ["Markup", "escape", "md_inline", "csv_cell"]

# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS) minus `>`,
# which becomes an entity like `<` and `&`.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_inline(text: object) -> Markup:
    """Plan text as inert Markdown inline content: one line, specials escaped."""
    one_line = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line)
    return escape(escaped)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will never evaluate as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
