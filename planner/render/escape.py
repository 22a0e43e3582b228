"""Escaping for every place plan text lands: HTML/SVG inside Markdown pages, headings.

Plan text is untrusted, and the pages are Markdown that MkDocs (or another engine)
runs through whatever extensions the team's mkdocs.yml enables. Some of those work on
the whole page text before any HTML is recognised: fenced code (```` ``` ````, `~~~`,
with `attr_list` attributes in the fence's info string), admonitions, snippets
(`--8<--`), CriticMarkup (`{++ ++}`), and template plugins (mkdocs-macros' `{{ }}`,
`{% %}`). So `escape` writes plan text as HTML in which none of them can find a
start: besides `&<>"'` it writes line breaks (of every kind: plan text never begins
a line of the page, so nothing line-anchored can match), backticks and braces as
numeric character references. Browsers show the
same text; engines see no syntax. Jinja's autoescape is routed through it (see
`planner.render.environment`), and so is every helper that writes markup by hand.

In Markdown headings (`md_inline`), where inline syntax is parsed, the text is one
line with every character that starts inline syntax written as a character reference
(backslash escapes cover only what Python-Markdown itself knows).

Explicit bidi controls (U+202A-U+202E, U+2066-U+2069) are closed within the text and
the text isolated (`contain_bidi`): an unterminated RIGHT-TO-LEFT OVERRIDE in a segment
name must not reorder what follows it on the page.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup
from markupsafe import escape as html_escape

__all__ = ["Markup", "escape", "md_inline", "page_title", "csv_cell", "contain_bidi"]

# Every character that starts inline syntax in Markdown or a common extension (emphasis,
# links, code, attribute lists, ~~del~~, ^^ins^^, ==mark==, :emoji:, @mentions and bare
# URLs of magiclink, $math$), with those HTML escapes: in headings, as references.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!~^=:|<>&\"'$@]")
# Beyond markupsafe's `&<>"'`: see the module doc.
_INERT = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029`{}]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPECIAL = re.compile(f"{_INERT.pattern[:-1]}{_BIDI.pattern[1:]}")
_EMBED = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
_ISOLATE = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
PDF, FSI, PDI = "\u202c", "\u2068", "\u2069"


def _reference(m: re.Match[str]) -> str:
    return f"&#{ord(m[0])};"


def escape(value: object) -> Markup:
    """`value` as HTML text or attribute value that no Markdown extension can act on
    (see module doc). Markup passes through unchanged."""
    if hasattr(value, "__html__"):
        return Markup(value)
    text = "" if value is None else str(value)
    if _SPECIAL.search(text) is None:  # most text: markupsafe's escape is all it needs
        return html_escape(text)
    return Markup(_INERT.sub(_reference, str(html_escape(contain_bidi(text)))))


def escape_str(text: str) -> str:
    """`escape` of a str, as a str: the hot path of hand-written SVG attributes."""
    if _SPECIAL.search(text) is None:
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('"', "&#34;").replace("'", "&#39;"))
    return str(escape(text))


def contain_bidi(text: str) -> str:
    """`text` with its explicit bidi controls balanced and, unless they already sit in
    paired isolates (which affect nothing outside), isolated (FSI ... PDI), so that they act on
    the text itself and never on what surrounds it. Closers without an opener are
    dropped; openers left open are closed at the end, following the pairing of Unicode's
    bidi algorithm (UAX #9, BD9: a PDI also closes the embeddings opened since its
    isolate)."""
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    open_: list[str] = []
    contained = True
    for ch in text:
        if ch in _EMBED:
            # An embedding inside an isolate ends with it; one outside would reach out.
            contained = contained and any(c in _ISOLATE for c in open_)
            open_.append(ch)
        elif ch in _ISOLATE:
            open_.append(ch)
        elif ch == PDF:
            if not open_ or open_[-1] not in _EMBED:
                contained = False
                continue  # nothing to close, or an isolate is open (a PDF cannot close it)
            open_.pop()
        elif ch == PDI:
            if not any(c in _ISOLATE for c in open_):
                contained = False
                continue
            while open_.pop() not in _ISOLATE:
                pass
        out.append(ch)
    if contained and not open_:
        return text
    closers = "".join(PDI if c in _ISOLATE else PDF for c in reversed(open_))
    return FSI + "".join(out) + closers + PDI


def md_inline(text: object) -> Markup:
    """Plan text as inert Markdown inline content (a heading): one line, bidi controls
    contained, every special character written as a character reference."""
    one_line = contain_bidi(" ".join(str(text).split()))
    return Markup(_MD_SPECIAL.sub(_reference, one_line))


# What YAML does not allow unescaped in a document (c-printable's complement).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def page_title(text: object) -> Markup:
    """Plan text as the `title:` of a page's front matter (a YAML string holding HTML).

    A page's title is HTML to MkDocs and its themes, which print it unescaped; but
    Material prints `page.title|striptags` into <title>, and `striptags` unescapes what
    the heading's escaping did (`</title><script>` would run). A `title:` in the front
    matter is what Material prints there instead, as it is, so it is given escaped."""
    one_line = " ".join(str(text).split())
    quoted = json.dumps(str(escape(one_line)), ensure_ascii=False)  # JSON is YAML
    return Markup(_NOT_YAML.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will never evaluate as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
