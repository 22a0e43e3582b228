"""Nothing in a build grows faster than the plan: here, the search index of a page with
many headings (planner.engine.search_view). bench/scaling.py measures whole builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.engine import search_view
from planner.engine.site import build
from tests.helpers import search_index_unspaced

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402

SEGMENTS = 24
GOALS = 200  # the headings of one segment page (the journeys page is not indexed)


def _many_goals(plans: Path) -> None:
    """Give the first segment GOALS more goals: a page of that many headings."""
    path = plans / "segments" / "segment-0000.yaml"
    extra = "".join(
        f"  - id: s0-extra-{i}\n"
        f"    title: Raise the repeat purchase rate of cohort 0 group {i} from 20 % to 26 %\n"
        f"    kpi: s0-repeat-rate\n    baseline: 20\n    target: 26\n    due: 2027-12-31\n"
        f"    supports: keep-revenue\n" for i in range(GOALS))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("goals:\n", "goals:\n" + extra, 1), encoding="utf-8")


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
    _many_goals(plans)
    monkeypatch.chdir(tmp_path)
    steps = _walks(monkeypatch)
    build(plans, tmp_path / "fast")
    fast = steps[0]
    headings = sum(page.read_text(encoding="utf-8").count("<h") for page in
                   (tmp_path / "fast").rglob("index.html"))
    assert fast <= headings, "at most one lookup per section, none walking the toc"

    monkeypatch.setattr(search_view, "material_search", lambda _plugins: False)
    steps[0] = 0
    build(plans, tmp_path / "walked")
    assert steps[0] > 10 * headings, "the walk it replaces is quadratic on a page of many goals"
    # the same index, but that the fast one keeps the cells of a table row apart
    (fast_index, fast_words), (walked_index, walked_words) = (
        search_index_unspaced(tmp_path / site) for site in ("fast", "walked"))
    assert fast_index == walked_index
    assert fast_words > walked_words
