"""Linear search indexing of pages with many headings (Material's search plugin).

Material's search index finds the table-of-contents entry of each section of a page by
walking the page's whole table of contents (`SearchIndex._find_toc_by_id`): quadratic in
the number of headings of one page. The journeys page has three headings per segment,
so at 5,000 segments that one page cost more than all the others. `index_page` gives
the page's table of contents a lookup table (made once per page) that the search index
uses instead: the same entry, the first in document order with that id, in constant time.
Search indexes without that method (other versions, other themes) are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

TABLE = "planner_entries_by_id"  # the attribute of a page's toc holding its lookup table


def _table(toc: Iterable[Any]) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    stack = list(reversed(list(toc)))
    while stack:  # depth first, in document order, as the search plugin walks it
        entry = stack.pop()
        entries.setdefault(entry.id, entry)
        stack.extend(reversed(list(entry.children)))
    return entries


class _Indexed:
    """The search index's `_find_toc_by_id`, reading the page's lookup table when it has one."""

    def __init__(self, walk: Callable[[Any, str | None], Any]) -> None:
        self.walk = walk

    def __call__(self, toc: Any, anchor: str | None) -> Any:
        table = getattr(toc, TABLE, None)
        return self.walk(toc, anchor) if table is None else table.get(anchor)


def index_page(search_plugin: Any, page: Page) -> None:
    """Before `search_plugin` indexes `page`: give the page's toc its lookup table."""
    search_index = getattr(search_plugin, "search_index", None)
    walk = getattr(search_index, "_find_toc_by_id", None)
    if search_index is None or walk is None or page.toc is None:
        return
    if not isinstance(walk, _Indexed):
        search_index._find_toc_by_id = _Indexed(walk)
    setattr(page.toc, TABLE, _table(page.toc))
