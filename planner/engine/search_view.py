"""What Material's search plugin indexes of a playbook page: the same index, built fast.

Material's search index reads every page's HTML with html.parser, section by section,
and keeps only the text, the headings and a few elements (paragraphs, lists, code,
sub- and superscripts); every other element costs it a parse of its tag and attributes
and leaves nothing behind but where its text begins and ends. A playbook page is most
of that: tables, calendar grids, SVG maps. So while Material's search indexes a
playbook page, the plugin shows it the page's *search view* (`text_view` of each HTML
block: the elements the index keeps as they are, each run of the others one empty
comment, which splits the text where they did), and gives the page its own HTML back
before the theme renders it.

Material's index joins the texts on either side of an element with nothing between
them, and a word ends only where the text has a space. Planner's HTML has none between
the cells of a table row, a term and its definition, two labels of a diagram: the index
read `SegmentOwner` and `MittauspäiväTilaArvo`, and a search for the second word found
nothing. What the browser shows apart, the view keeps apart: a run of tags holding any
but an inline element (a, span, em, strong...), or the end of one element and the start
of the next (`<strong>Stage</strong><small>note</small>`, set apart by the style sheet),
is the comment and a space; any other run of inline tags (`<em>un</em>done`, `<a><span>`)
the comment alone.

And for every section, Material's search index looks the section's heading up in the
page's table of contents by walking all of it: quadratic in the headings of one page
(a segment of many goals has a heading per goal). All it takes from the entry it finds
is the entry's URL, `#` and the heading's id, which is what it writes when it finds
none too. So meanwhile every playbook page (the plan format reference too, which has
no view) shows it an empty table of contents (`hidden_toc`), and has its own back
before the theme draws the sidebar from it.

The index is the same as of the page itself but for those spaces
(tests/test_site_scaling.py), in time linear in the page. MkDocs' own search plugin
titles its entries from the table of contents, so under it the pages keep theirs and
their HTML (`material_search`).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.toc import TableOfContents

from planner.engine.search_settings import material_search_plugin

# The elements Material's search index keeps or acts on: its kept tags, and headings.
_INDEXED = "p|code|pre|li|ol|ul|sub|sup|h[1-6]"
# A run of other tags (start, end, self-closing), with nothing between them.
_OTHER_TAGS = re.compile(rf"(?:</?(?!(?:{_INDEXED})[\s/>])[A-Za-z][^>]*>)+", re.IGNORECASE)
# Elements shown inline, within a line of text: no word ends where one starts or ends.
_INLINE = ("a|abbr|b|bdi|bdo|cite|data|del|dfn|em|font|i|ins|kbd|label|mark|q|s|samp|"
           "small|span|strong|time|tspan|u|var|wbr")
# A tag of any other element (a box of its own: cell, term, label, line break...), or
# an element's end next to the next one's start.
_APART = re.compile(rf"</?(?!(?:{_INLINE})[\s/>])[A-Za-z]|</[^>]*><[A-Za-z]", re.IGNORECASE)
# What else the index acts on (elements it skips, a heading's permalink, whose text it
# leaves out of the title): the view keeps every block holding one of them whole.
_SPECIAL = re.compile(r"data-search-|linenodiv|headerlink|<(?:script|style|object)[\s>]",
                      re.IGNORECASE)


def material_search(plugins: Any) -> bool:
    """Whether the search plugin among `plugins` (a configuration's) is Material's."""
    return material_search_plugin(plugins) is not None


def text_view(block: str) -> str:
    """The HTML block as Material's search index sees it (see module doc)."""
    if _SPECIAL.search(block):
        return block
    return _OTHER_TAGS.sub(_placeholder, block)


def _placeholder(tags: re.Match[str]) -> str:
    """What stands for a run of tags in the view: a space too where it sets texts apart."""
    return "<!----> " if _APART.search(tags.group()) else "<!---->"


def hidden_toc() -> TableOfContents:
    """The table of contents a page shows Material's search index while it is indexed."""
    return TableOfContents([])
