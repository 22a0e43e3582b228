"""Planner's HTML kept out of Markdown (planner.engine.finished_html): the site is the one
MkDocs made when it read every page whole, and links into the pages are checked as before."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planner.engine import finished_html
from planner.engine.checking import check_for_build
from planner.engine.site import build
from planner.render import pages
from planner.scaffold import scaffold
from tests.helpers import SEARCH_INDEX, search_index_unspaced

SITE_PLANS = Path(__file__).resolve().parent / "site"


@pytest.mark.parametrize("plans", ["plans", "plans-he"])
def test_the_site_is_the_one_markdown_made_of_the_whole_pages(
        plans: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outlined = []
    cut = finished_html.outline

    def counted(markdown: str) -> finished_html.Outline | None:
        result = cut(markdown)
        outlined.append(result is not None)
        return result

    monkeypatch.setattr(finished_html, "outline", counted)
    build(SITE_PLANS / plans, tmp_path / "outlined")
    assert sum(outlined) >= len(outlined) - 1, "every page but the format reference outlined"
    monkeypatch.setattr(finished_html, "outline", lambda markdown: None)
    build(SITE_PLANS / plans, tmp_path / "whole")
    files = sorted(p.relative_to(tmp_path / "whole") for p in (tmp_path / "whole").rglob("*")
                   if p.is_file() and p.suffix != ".gz")  # the sitemap's archive is dated
    assert files == sorted(p.relative_to(tmp_path / "outlined")
                           for p in (tmp_path / "outlined").rglob("*")
                           if p.is_file() and p.suffix != ".gz")
    for path in files:
        if path != SEARCH_INDEX:
            outlined, whole = (tmp_path / site / path for site in ("outlined", "whole"))
            assert outlined.read_bytes() == whole.read_bytes(), path
    # the same search index, but that the outlined site's keeps the cells of a row apart
    (outlined_index, outlined_words), (whole_index, whole_words) = (
        search_index_unspaced(tmp_path / site) for site in ("outlined", "whole"))
    assert outlined_index == whole_index
    assert outlined_words > whole_words


def test_only_headings_and_html_blocks_are_outlined() -> None:
    page = "# Title\n\n<div class=\"a\">\n<p>one</p>\n</div>\n\n\n<ul>\n<li>x</li>\n</ul>\n\n## Next\n"
    outline = finished_html.outline(page)
    assert outline is not None
    assert outline.markdown == "# Title\n\n<!--planner-html-0-->\n\n## Next\n"
    assert outline.blocks == ('<div class="a">\n<p>one</p>\n</div>\n\n<ul>\n<li>x</li>\n</ul>',)
    assert finished_html.fill("<h1>Title</h1>\n<!--planner-html-0-->\n", outline.blocks) == (
        "<h1>Title</h1>\n" + outline.blocks[0] + "\n")
    assert finished_html.outline("# Title\n\n<div>\n</div>\n\nSome *prose*.\n") is None
    # inline HTML at the start of a block is a paragraph to Markdown, not an HTML block
    assert finished_html.outline("# Title\n\n<span>text</span>\n") is None
    assert finished_html.outline("# Title\n\n```text\n<div>\n```\n") is None


class _Anchors(HTMLParser):
    """The anchors MkDocs finds in raw HTML: every element's id, an <a>'s name."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.found.add(value)


@pytest.mark.parametrize("plans", ["plans", "plans-fi", "plans-he"])
def test_the_anchors_are_those_an_html_parser_finds(plans: str) -> None:
    checked = check_for_build(SITE_PLANS / plans)
    for path, content in pages(checked.plan, checked.diagnostics).items():
        outline = finished_html.outline(content) if isinstance(content, str) else None
        if outline is None:
            continue
        parser = _Anchors()
        parser.feed("\n".join(outline.blocks))
        parser.close()
        assert finished_html.anchor_ids(outline.blocks) == parser.found, path
    assert finished_html.anchor_ids(('<a class="x" name="top">', '<p id="a&amp;b">',
                                     '<span data-id="no" title="id=&#34;no&#34;">')) == {
        "top", "a&b"}


def test_links_into_the_playbook_pages_are_validated(tmp_path: Path) -> None:
    team = tmp_path / "team"
    scaffold(team, "en", 2031)
    config = team / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n",
                      encoding="utf-8")
    notes = team / "docs" / "notes.md"
    notes.write_text("# Notes\n\n[The KPI](segments/engaged.md#kpi-repeat-rate), "
                     "[the goals](segments/engaged.md#goals).\n", encoding="utf-8")

    def mkdocs_strict() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=team,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    result = mkdocs_strict()
    assert result.returncode == 0, result.stderr
    notes.write_text("# Notes\n\n[Nowhere](segments/engaged.md#kpi-no-such)\n", encoding="utf-8")
    result = mkdocs_strict()
    assert result.returncode == 1
    assert "does not contain an anchor '#kpi-no-such'" in result.stderr


def test_the_search_view_keeps_only_what_the_search_index_reads() -> None:
    from planner.engine.search_view import text_view

    block = ('<div class="a"><table><tr><td>x</td><td><p id="p">y</p></td></tr></table>'
             '<svg><g><text>z</text><path d="M0 0"/></g></svg>\n<h3>t</h3></div>')
    assert text_view(block) == ('<!----> x<!----> <p id="p">y</p><!----> z<!----> \n<h3>t</h3>'
                                '<!----> ')
    for special in ('<div data-search-exclude><p>x</p></div>', '<pre><span class="linenodiv">1</span></pre>',
                    '<h3>t<a class="headerlink" href="#t">¶</a></h3>', '<div><style>p{}</style></div>'):
        assert text_view(special) == special


class _Text(HTMLParser):
    """The text of some HTML as Material's search index joins it: the data, nothing between."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[str] = []

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _words(html: str) -> list[str]:
    text = _Text()
    text.feed(html)
    return "".join(text.data).split()


@pytest.mark.parametrize(("block", "words"), [
    ('<table>\n<tr><th scope="col">Segment</th><th scope="col">Owner</th></tr>\n'
     '<tr><th scope="row"><a href="#x">Fresh</a></th><td>Aino</td></tr>\n</table>',
     "Segment Owner Fresh Aino"),  # cells of a row (Material alone: SegmentOwner FreshAino)
    ('<dl><div><dt>מועדי קמפיינים</dt><dd>63</dd></div></dl>', "מועדי קמפיינים 63"),
    ('<svg><text x="1">Kiinnostunut</text><text x="9">Asiakas</text></svg>',
     "Kiinnostunut Asiakas"),  # labels of a diagram
    ('<div>line<br>break</div>', "line break"),
    ('<div><strong>Prospect</strong><small>showed interest</small></div>',
     "Prospect showed interest"),  # two inline elements side by side, set apart by CSS
    # inline elements within a word or a line: nothing added
    ('<div><strong>un</strong>done <a href="#g"><span>goal</span></a>, <em>x</em></div>',
     "undone goal, x"),
], ids=["table", "terms", "diagram", "line-break", "siblings", "inline"])
def test_the_search_view_keeps_the_text_of_separate_boxes_apart(block: str, words: str) -> None:
    from planner.engine.search_view import text_view

    assert _words(text_view(block)) == words.split()
