"""Nothing in a build grows faster than the plan: here, the search index of a page with
many headings (planner.engine.search_toc). bench/scaling.py measures whole builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.engine import search_toc
from planner.engine.site import build

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402

SEGMENTS = 24  # the journeys page: three headings a segment


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the steps of Material's walk through a page's table of contents."""
    from material.plugins.search.plugin import SearchIndex

    steps = [0]
    walk = SearchIndex._find_toc_by_id

    def counted(self: object, toc: object, anchor: str | None) -> object:
        steps[0] += 1
        return walk(self, toc, anchor)

    monkeypatch.setattr(SearchIndex, "_find_toc_by_id", counted)
    return steps


def test_search_indexing_is_linear_in_a_pages_headings(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    plans = synth.write(tmp_path / "plans", SEGMENTS)
    monkeypatch.chdir(tmp_path)
    steps = _walks(monkeypatch)
    build(plans, tmp_path / "fast")
    fast = steps[0]
    headings = sum(page.read_text(encoding="utf-8").count("<h") for page in
                   (tmp_path / "fast").rglob("index.html"))
    assert fast <= headings, "at most one lookup per section, none walking the toc"

    monkeypatch.setattr(search_toc, "index_page", lambda _plugin, _page: None)
    steps[0] = 0
    build(plans, tmp_path / "walked")
    assert steps[0] > 10 * headings, "the walk it replaces is quadratic on the journeys page"
    index = Path("search", "search_index.json")
    assert (tmp_path / "fast" / index).read_bytes() == (tmp_path / "walked" / index).read_bytes()
