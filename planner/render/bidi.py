"""Mixed-direction text: plan text of one script inside a page of the other direction.

A Hebrew page shows Latin fragments (product names, report names, ids) and a
Finnish or English page may show a Hebrew name. Unicode's bidirectional
algorithm orders such text right only when each fragment is isolated and given
its own base direction; otherwise neutral characters at its edges (a final full
stop, parentheses, the number of a following "(3 sends)") attach to the wrong
side.

A fragment that has a letter of the page's direction takes the page's direction:
the plan is written in the playbook's language, so "ActiveTrail, דוח הסרות" on a
Hebrew page is a Hebrew phrase with a brand name in it and reads right to left
(`dir="auto"` and a bare `<bdi>` guess from the first letter, and would get it
wrong). A fragment made only of letters of the other direction ("Shopify
Analytics" on a Hebrew page, a Hebrew name on a Finnish one) is isolated with
that direction:

- in markup, as `<bdi dir="ltr|rtl">` (`isolate`);
- in attribute values, SVG text and Markdown headings (whose text MkDocs also
  puts in the table of contents and the nav, without markup), with the Unicode
  isolate controls LRI/RLI ... PDI (`isolate_text`).

Text with no letters at all (numbers, dates, amounts as the locale writes them)
is left alone.

Both are linear in the text and cached: every name is measured once per build.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup
from markupsafe import escape as html_escape

from planner.render.escape import contain_bidi, escape

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}
_LATIN = re.compile("[A-Za-z]")
_LTR, _NONE = frozenset({"ltr"}), frozenset[str]()


def directions(text: str) -> frozenset[str]:
    """The directions ("ltr", "rtl") of the strongly directional characters of `text`."""
    if text.isascii():
        return _LTR if _LATIN.search(text) else _NONE
    found: set[str] = set()
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                found.add("ltr")
        else:
            kind = _STRONG.get(unicodedata.bidirectional(ch))
            if kind is not None:
                found.add(kind)
        if len(found) == 2:
            break
    return frozenset(found)


def differs(text: str, page_dir: str) -> str | None:
    """The direction of `text` when it is not `page_dir` ("ltr" or "rtl"), else None."""
    if page_dir == "ltr" and text.isascii():
        return None
    found = directions(text)
    if len(found) != 1 or page_dir in found:
        return None
    return next(iter(found))


def isolate(value: object, page_dir: str) -> Markup:
    """`value` as escaped HTML, isolated in a `<bdi>` with its own direction when that is
    not the page's. Markup passes through unchanged."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    other = differs(text, page_dir)
    if other is None:
        return escape(text)
    return Markup(f'<bdi dir="{other}">{escape(text)}</bdi>')


def isolate_text(value: object, page_dir: str) -> str:
    """`value` as plain text with Unicode isolate controls around it when its direction is
    not the page's (for attribute values and SVG text, which take no markup)."""
    text = contain_bidi("" if value is None else str(value))
    other = differs(text, page_dir)
    if other is None:
        return text
    return (LRI if other == "ltr" else RLI) + text + PDI


def ui(message: str, page_dir: str, /, **values: object) -> Markup:
    """A translated UI sentence with its `{placeholders}` filled in, every value escaped and
    isolated (see `isolate`) for a page of direction `page_dir`: the HTML counterpart of
    `message.format(**values)`."""
    # The sentence is ours (a catalog entry): markupsafe's escape keeps its {placeholders}.
    return html_escape(message).format(**{k: isolate(v, page_dir) for k, v in values.items()})


def ui_text(message: str, page_dir: str, /, **values: object) -> str:
    """`ui` for plain text (attribute values, SVG): values isolated with Unicode controls."""
    return message.format(**{k: isolate_text(v, page_dir) for k, v in values.items()})
