"""The search box of the built sites in real headless Chromium (Debian's, driven by Playwright):
what a reader sees on a page, typed into Material's search, finds that page.

The words come from the page as the browser shows it (its article's text, its table cells,
term lists and diagram labels) and go through Material's own search box and worker: a
query is the box's value and the keyup a keyboard sends (Playwright's `type` sends none
for letters off the US keyboard), its result the result list Material draws. Hebrew has
no stop words in Material's search, so every Hebrew word of a page must find it. In
every language the words that start a box (a cell, a term, a label), which planner's HTML
ran into the text before them, must find their page; in English and Finnish, but for the
few the index does not hold at all (stop words, which Material's search leaves out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.helpers import CHROMIUM
from tests.site.hostile import FIXTURE_PLANS, FIXTURE_PLANS_FI, FIXTURE_PLANS_HE, copy_plans
from tests.test_browser import _build, serving

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")
SOURCES = {"en": FIXTURE_PLANS, "fi": FIXTURE_PLANS_FI, "he": FIXTURE_PLANS_HE}
# A word as a reader picks it out of the text: letters and digits, a number with its
# decimal and thousands separators and unit (`1.1M`); at least two, not a number alone.
_WORD = re.compile(r"[^\W_]+(?:[.,][^\W_]+)*")

# Types each query into the search box and waits for Material to draw its result: the
# pages (paths, no fragment) of the result list, or null if none came within 10 s. The box
# is cleared between queries, so that every query is new to it (Material ignores a value
# it has just searched).
_SEARCH = """async (queries) => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const type = value => new Promise(resolve => {
    if (box.value === value) return resolve(true);
    const seen = new MutationObserver(() => { seen.disconnect(); resolve(true); });
    seen.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { seen.disconnect(); resolve(false); }, 10000);
    box.value = value;
    box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  });
  box.focus();
  const found = {};
  for (const query of queries) {
    found[query] = await type("") && await type(query)
      ? [...list.querySelectorAll("a.md-search-result__link")]
        .map(link => decodeURIComponent(new URL(link.href).pathname))
      : null;
  }
  return found;
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("search")
    return {language: _build(copy_plans(base / language, source), base / language / "site")
            for language, source in SOURCES.items()}


@pytest.fixture(scope="module")
def origins(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serving(sites["en"]) as en, serving(sites["fi"]) as fi, serving(sites["he"]) as he:
        yield {"en": en, "fi": fi, "he": he}


@pytest.fixture(scope="module")
def search(browser: object, origins: dict[str, str]) -> Iterator[object]:
    """`search(language, path, queries)`: the pages each query finds on that site, asked
    from the page at `path`; fails on any console error or warning (an invalid query)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type in ("error", "warning") else None)

    def ask(language: str, path: str, queries: list[str]) -> dict[str, list[str]]:
        url = urljoin(origins[language], path)
        if page.url != url:
            page.goto(url, wait_until="networkidle")
        found: dict[str, list[str] | None] = page.evaluate(_SEARCH, queries)
        assert problems == [], problems
        late = [query for query, pages in found.items() if pages is None]
        assert late == [], f"the search drew no result within 10 s for {late}"
        return {query: pages or [] for query, pages in found.items()}

    yield ask
    page.close()


def _reader_words(texts: list[str]) -> list[str]:
    words = {match.group() for text in texts for match in _WORD.finditer(text)}
    return sorted(word for word in words if len(word) > 1 and not word.isdigit())


# The texts of some elements as the browser shows them. A diagram (SVG) has no rendered
# text: its labels are read line by line (a label's lines are its tspans).
_SHOWN = """elements => elements.flatMap(element => {
  const lines = text => text.querySelector("tspan")
    ? [...text.querySelectorAll("tspan")].map(line => line.textContent) : [text.textContent];
  if (element instanceof SVGElement)
    return [...element.querySelectorAll("text")].concat(element.matches("text") ? [element] : [])
      .flatMap(lines);
  const labels = [...element.querySelectorAll("svg text")].flatMap(lines);
  element.querySelectorAll("svg").forEach(svg => svg.remove());
  return [element.innerText, ...labels];
})"""


def _page_texts(browser: object, url: str, selector: str) -> list[str]:
    """The texts of the elements `selector` picks on the page at `url` (see `_SHOWN`)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")
    texts: list[str] = page.locator(selector).evaluate_all(_SHOWN)
    page.close()
    return texts


def _not_finding(found: dict[str, list[str]], path: str) -> list[str]:
    return [query for query, pages in found.items() if urlsplit(path).path not in pages]


@pytest.mark.parametrize("path", ["/", "/segments/מועדון/"])
def test_every_word_of_a_hebrew_page_finds_it(browser: object, origins: dict[str, str],
                                              search: object, path: str) -> None:
    words = _reader_words(_page_texts(browser, urljoin(origins["he"], path), "article"))
    assert len(words) > 100
    found = search("he", path, words)  # type: ignore[operator]
    assert _not_finding(found, path) == []


# The texts of separate boxes: cells, terms and definitions, diagram labels.
_BOXES = "article th, article td, article dt, article dd, article svg text"


@pytest.mark.parametrize("language, path", [
    ("en", "/"), ("en", "/segments/engaged/"), ("fi", "/"), ("fi", "/segments/asiakkaat/"),
    ("he", "/segments/customers/"),
])
def test_the_first_word_of_every_cell_finds_its_page(browser: object, origins: dict[str, str],
                                                     search: object, language: str,
                                                     path: str) -> None:
    texts = _page_texts(browser, urljoin(origins[language], path), _BOXES)
    firsts = _reader_words([next(iter(_WORD.findall(text)), "") for text in texts])
    assert len(firsts) > 10
    found = search(language, path, firsts)  # type: ignore[operator]
    # `word^1` asks for the word itself (not as a prefix): a stop word finds no page at all
    exact = search(language, path, [f"{word}^1" for word in firsts])  # type: ignore[operator]
    stop_words = [word for word in firsts if not exact[f"{word}^1"]]
    assert len(stop_words) <= len(firsts) // 10, stop_words
    assert [word for word in _not_finding(found, path) if word not in stop_words] == []


@pytest.mark.parametrize("language, query, page", [
    ("fi", "asiakkaat", "/segments/asiakkaat/"),  # a segment's name
    ("fi", "asiakkaiden", "/segments/asiakkaat/"),  # inflected, in a goal's title
    ("fi", "asiakkaille", "/"),
    ("en", "engaged", "/segments/engaged/"),
    ("en", "subscribers", "/segments/interested/"),
    ("he", "לקוחות", "/segments/customers/"),
])
def test_a_typed_word_finds_its_page(search: object, language: str, query: str,
                                     page: str) -> None:
    assert page in search(language, "/", [query])[query]  # type: ignore[operator]
