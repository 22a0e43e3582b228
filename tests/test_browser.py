"""The built site in real headless Chromium (Debian's, driven by Playwright).

Every page opens with no console error, no failed request and no request to any
host but the local test server; the calendar shows every campaign occurrence;
the diagrams are there; and a plan whose every text field carries script and
markup payloads builds a site where none of it runs and the payload reads as text.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from planner.derive.calendar import entries
from planner.engine.site import build
from planner.plan import load_plan
from tests.helpers import CHROMIUM
from tests.site.hostile import (
    BLOCK_PAYLOADS,
    BUNDLED_PLANS,
    FIXTURE_PLANS,
    PAYLOADS,
    copy_plans,
    hostile_plans,
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")
SOURCE = BUNDLED_PLANS if (BUNDLED_PLANS / "playbook.yaml").is_file() else FIXTURE_PLANS


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# A team's mkdocs.yml with the Markdown extensions commonly enabled with Material, and
# some that act on the whole page text (critic, snippets) or inline syntax (tilde, mark).
TEAM_MKDOCS = """\
site_name: Team playbook
theme:
  name: material
  font: false
markdown_extensions:
  - toc: {permalink: true}
  - attr_list
  - md_in_html
  - admonition
  - abbr
  - def_list
  - footnotes
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.critic
  - pymdownx.tilde
  - pymdownx.caret
  - pymdownx.mark
  - pymdownx.snippets
plugins:
  - search
  - planner
"""


def _build(plans: Path, out: Path) -> Path:
    here = Path.cwd()
    os.chdir(out.parent)  # the project's mkdocs.yml there if any, else the bundled one
    try:
        checked = build(plans, out)
    finally:
        os.chdir(here)
    assert not checked.failed, checked.report()
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("site")
    plans = copy_plans(base, SOURCE)
    return plans, _build(plans, base / "site")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    return _build(hostile_plans(base, SOURCE), base / "site")


@pytest.fixture(scope="module")
def team_hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("team")
    (base / "mkdocs.yml").write_text(TEAM_MKDOCS, encoding="utf-8")
    (base / "docs").mkdir()
    return _build(hostile_plans(base, SOURCE), base / "site")


class Watch:
    """Everything a page did that a test may object to."""

    def __init__(self, page: object, origin: str) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        host = urlsplit(origin).hostname

        def on_console(msg: object) -> None:
            if msg.type == "error":  # type: ignore[attr-defined]
                self.errors.append(msg.text)  # type: ignore[attr-defined]

        def on_request(req: object) -> None:
            url = urlsplit(req.url)  # type: ignore[attr-defined]
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname != host:
                self.foreign.append(req.url)  # type: ignore[attr-defined]

        def on_dialog(dialog: object) -> None:
            self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("console", on_console)  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))  # type: ignore[attr-defined]
        page.on("requestfailed", lambda req: self.failed.append(req.url))  # type: ignore[attr-defined]
        page.on("request", on_request)  # type: ignore[attr-defined]
        page.on("dialog", on_dialog)  # type: ignore[attr-defined]
        # Block anything not local, so a leak shows up as a finding rather than a fetch.
        page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname
                   in (host, None) else route.abort())  # type: ignore[attr-defined]


def html_pages(folder: Path) -> list[str]:
    out = []
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        if rel == "404.html":
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_every_page_opens_cleanly(browser: object, site: tuple[Path, Path]) -> None:
    _plans, folder = site
    paths = html_pages(folder)
    assert "calendar/" in paths and "clock/" in paths and "journeys/" in paths
    with serving(folder) as origin:
        page = browser.new_page()  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        for path in paths:
            response = page.goto(origin + path, wait_until="networkidle")
            assert response is not None and response.ok, path
            assert page.locator("article h1").count() == 1, path
        page.close()
    assert watch.errors == []
    assert watch.failed == []
    assert watch.foreign == []


def test_calendar_shows_every_occurrence_and_the_diagrams_are_drawn(
        browser: object, site: tuple[Path, Path]) -> None:
    plans, folder = site
    occurrences = [e for e in entries(load_plan(plans)) if e.kind == "campaign"]
    with serving(folder) as origin:
        page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        page.goto(origin + "calendar/", wait_until="networkidle")
        for e in occurrences:
            bar = page.locator(f'.pl-cal-bar[data-segment="{e.segment}"][data-campaign="{e.item}"]'
                               f'[data-start="{e.start.isoformat()}"]')
            assert bar.count() == 1, (e.segment, e.item, e.start)
            box = bar.bounding_box()
            assert box is not None and box["width"] >= 4 and box["height"] >= 8
        assert page.locator(".pl-agenda-item[data-kind=campaign]").count() == len(occurrences)
        # readable without JavaScript and when printed: the same bars with scripts off
        page.emulate_media(media="print")
        assert page.locator(".pl-cal-bar").first.is_visible()
        page.close()

        page = browser.new_page(java_script_enabled=False)  # type: ignore[attr-defined]
        page.goto(origin + "calendar/")
        assert page.locator(".pl-cal-bar").count() == len(occurrences)
        page.goto(origin + "clock/")
        clock = page.locator("svg.pl-clock")
        assert clock.count() == 1 and clock.bounding_box()["width"] > 300
        assert page.locator("svg.pl-clock .pl-clock-arc").count() == len(occurrences)
        page.goto(origin + "journeys/")
        plan = load_plan(plans)
        journeys = [j for _sf, seg in plan.segments for j in seg.journeys]
        assert page.locator("svg.pl-journey").count() == len(journeys)
        assert page.locator("svg.pl-journey .pl-j-envelope").count() >= len(journeys)
        for svg in page.locator("svg.pl-journey").all():
            box = svg.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50
        page.close()


def test_hostile_plan_text_is_shown_and_never_runs(browser: object, hostile_site: Path) -> None:
    with serving(hostile_site) as origin:
        page = browser.new_page()  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        for path in html_pages(hostile_site):
            page.goto(origin + path, wait_until="load")
            assert page.locator("article script, article img, article iframe").count() == 0, path
            handlers = page.evaluate(
                "[...document.querySelectorAll('article *')].flatMap(e => [...e.attributes]"
                ".filter(a => a.name.startsWith('on') || a.value.trim().toLowerCase()"
                ".startsWith('javascript:')).map(a => e.tagName + ' ' + a.name))")
            assert handlers == [], (path, handlers)
        page.goto(origin, wait_until="networkidle")
        text = page.locator("article").inner_text()
        assert PAYLOADS[0] in text, "the payload reads as text"
        page.goto(origin + "calendar/", wait_until="networkidle")
        page.locator(".pl-cal-bar").first.hover()
        page.goto(origin + "journeys/", wait_until="networkidle")
        assert PAYLOADS[1] in page.locator("article").inner_text()
        page.close()
    assert watch.dialogs == [], "a payload ran"
    assert watch.errors == []
    assert watch.foreign == []


def _words(text: str) -> str:
    return " ".join(text.split())


# What Markdown extensions would have made of plan text, had any of it been read as syntax.
_INJECTED = ("article script, article img, article iframe, article object, article pre, "
             "article code, article ins, article del, article mark, article abbr, "
             "article details, article .admonition, article sup[id^=fnref], article .critic")


def test_hostile_plan_with_team_extensions_is_shown_as_text(
        browser: object, team_hostile_site: Path) -> None:
    """Every text field of the plan carries script, markup and block Markdown; the team's
    mkdocs.yml enables attr_list, md_in_html, superfences, admonition and more. No script
    runs, no handler or attribute is injected, nothing becomes markup, and the text reads
    as it was written (its line breaks as spaces)."""
    site_dir = team_hostile_site
    paths = [p for p in html_pages(site_dir) if p not in ("rules/", "format/")]  # no plan text
    assert any(p.startswith("segments/") and p != "segments/" for p in paths)
    with serving(site_dir) as origin:
        page = browser.new_page()  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        for path in paths:
            page.goto(origin + path, wait_until="load")
            assert page.locator(_INJECTED).count() == 0, (path, page.locator(_INJECTED).first
                                                         .evaluate("e => e.outerHTML"))
            injected = page.evaluate(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                ".filter(a => a.name.startsWith('on') || a.name === 'markdown' || "
                "a.value.trim().toLowerCase().startsWith('javascript:'))"
                ".map(a => e.tagName + ' ' + a.name))")
            assert injected == [], (path, injected)
            head_scripts = page.evaluate(
                "[...document.querySelectorAll('script')].filter(s => s.textContent"
                ".includes('alert')).length")
            assert head_scripts == 0, path
            # Hovering and clicking what a handler would have been put on runs nothing.
            for text in page.locator("article .pl-cal-bar, article h1").all()[:3]:
                text.hover()
        page.goto(origin, wait_until="networkidle")
        home = _words(page.locator("article").inner_text())
        for payload in PAYLOADS:
            assert _words(payload) in home, payload
        segment = next(p for p in paths if p.startswith("segments/") and p != "segments/")
        page.goto(origin + segment, wait_until="networkidle")
        title = page.title()
        assert "</title><script>alert(11)</script>" in title, title
        text = _words(page.locator("article").inner_text())
        for payload in BLOCK_PAYLOADS:
            assert _words(payload) in text, payload
        assert "SNIPPET" not in text and "markdown_extensions" not in text
        page.close()
    assert watch.dialogs == [], "a payload ran"
    assert watch.errors == []
    assert watch.foreign == []


def test_an_open_override_in_a_name_does_not_reorder_its_neighbours(
        browser: object, team_hostile_site: Path) -> None:
    """Every campaign title ends in an unterminated RIGHT-TO-LEFT OVERRIDE. Where a goal
    lists the campaigns that serve it ("Served by: A, B") the title after the first one
    still reads left to right: the override acts on its own title only."""
    checked = 0
    with serving(team_hostile_site) as origin:
        page = browser.new_page()  # type: ignore[attr-defined]
        for path in html_pages(team_hostile_site):
            if not path.startswith("segments/") or path == "segments/":
                continue
            page.goto(origin + path, wait_until="load")
            found = page.evaluate("""() => {
              const out = [];
              for (const p of document.querySelectorAll('article .pl-served')) {
                const links = p.querySelectorAll('a');
                if (links.length < 2) continue;
                const walker = document.createTreeWalker(links[1], NodeFilter.SHOW_TEXT);
                let node = walker.nextNode();
                while (node && !/[A-Za-z]{4}/.test(node.textContent)) node = walker.nextNode();
                const at = node.textContent.search(/[A-Za-z]{4}/);
                const left = i => { const r = document.createRange();
                  r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
                out.push([node.textContent.slice(at, at + 4), left(at) < left(at + 3)]);
              }
              return out; }""")
            assert all(ltr for _word, ltr in found), (path, found)
            checked += len(found)
        page.close()
    assert checked > 0, "no goal is served by two campaigns or journeys"
