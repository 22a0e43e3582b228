"""The page generator, without any engine: pages, exports and their escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from planner.check import check_plan
from planner.derive.calendar import entries
from planner.plan import load_plan
from planner.render import page_paths, pages
from planner.render.escape import csv_cell, md_inline
from planner.render.links import href, page_url
from tests.site.hostile import BUNDLED_PLANS, FIXTURE_PLANS, PAYLOADS, copy_plans, hostile_plans

PLAN_DIRS = [FIXTURE_PLANS] + ([BUNDLED_PLANS] if (BUNDLED_PLANS / "playbook.yaml").is_file() else [])


def render(root: Path, **kwargs: object) -> dict[str, str | bytes]:
    plan = load_plan(root)
    return pages(plan, check_plan(plan), **kwargs)


@pytest.fixture(scope="module", params=PLAN_DIRS, ids=lambda p: p.parent.name + "/" + p.name)
def rendered(request: pytest.FixtureRequest) -> tuple[Path, dict[str, str | bytes]]:
    return request.param, render(request.param)


def test_every_page_and_export_is_there(rendered: tuple[Path, dict]) -> None:
    root, out = rendered
    segments = sorted(p.stem for p in (root / "segments").glob("*.yaml"))
    expected = {"index.md", "segments/index.md", "calendar.md", "clock.md", "journeys.md",
                "rules.md", "format.md", "calendar.ics", "campaigns.csv", "goals.csv", "assets/planner.css"}
    expected |= {f"segments/{s}.md" for s in segments} | {f"segments/{s}.ics" for s in segments}
    assert expected <= set(out)


def test_the_calendar_and_the_clock_are_short_lines(rendered: tuple[Path, dict]) -> None:
    """One element a line, not the whole grid on one: tools that scan back to a line's start
    for every tag (Zensical) would take quadratic time on them."""
    _root, out = rendered
    for page in ("calendar.md", "clock.md"):
        lines = str(out[page]).splitlines()
        assert max(map(len, lines)) < 3000, page
        assert sum(1 for line in lines if "pl-cal-bar" in line or "pl-clock-arc" in line) > 10


def test_calendar_shows_every_campaign_occurrence(rendered: tuple[Path, dict]) -> None:
    root, out = rendered
    page = out["calendar.md"]
    occurrences = [e for e in entries(load_plan(root)) if e.kind == "campaign"]
    assert occurrences
    for e in occurrences:
        bar = (f'data-kind="campaign" data-segment="{e.segment}" data-campaign="{e.item}" '
               f'data-start="{e.start.isoformat()}"')
        assert bar in page, f"no bar for {e.segment}/{e.item} on {e.start}"
    deadlines = [e for e in entries(load_plan(root)) if e.kind == "deadline"]
    assert page.count('data-kind="deadline"') >= len(deadlines)


def test_diagrams_are_drawn(rendered: tuple[Path, dict]) -> None:
    root, out = rendered
    plan = load_plan(root)
    journeys = [(sf.id, j) for sf, seg in plan.segments for j in seg.journeys]
    assert out["clock.md"].count("<svg") == 1
    for sid, j in journeys:
        assert f'data-journey="{j.id}"' in out["journeys.md"]
        assert f'data-journey="{j.id}"' in out[f"segments/{sid}.md"]
    sends = sum(1 for sid, j in journeys for _ in re.finditer(
        'data-kind="send"', out["journeys.md"].split(f'data-journey="{j.id}"')[1].split("</svg>")[0]))
    assert sends > 0
    assert 'class="pl-j-envelope"' in out["journeys.md"] and 'class="pl-j-diamond"' in out["journeys.md"]


def test_ics_parses_with_stable_uids_and_rrules(rendered: tuple[Path, dict]) -> None:
    root, out = rendered
    again = render(root)
    assert out["calendar.ics"] == again["calendar.ics"]
    cal = Calendar.from_ical(out["calendar.ics"])
    events = [c for c in cal.walk("VEVENT")]
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), "UIDs must be unique"
    plan = load_plan(root)
    campaigns = [c for _sf, seg in plan.segments for c in seg.campaigns]
    repeating = [c for c in campaigns if c.repeat]
    campaign_events = [e for e in events if str(e["UID"]).startswith("campaign-")]
    assert len(campaign_events) == len(campaigns), "one VEVENT per campaign, not per occurrence"
    with_rrule = {str(e["SUMMARY"]).split(" · ")[0]: e for e in campaign_events if "RRULE" in e}
    assert len(with_rrule) == len(repeating)
    for c in repeating:
        rule = with_rrule[c.title]["RRULE"].to_ical().decode()
        for part in c.repeat.removeprefix("RRULE:").split(";"):
            assert part in rule
    deadlines = [e for e in events if str(e["UID"]).startswith("deadline-")]
    assert len(deadlines) == sum(1 for e in entries(plan) if e.kind == "deadline")
    for e in deadlines:
        start = e["DTSTART"].dt
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime), "all-day"
    # every occurrence and measurement date of the site is one expansion of the feed
    expanded = set()
    for e in events:
        first = e["DTSTART"].dt
        if "RRULE" in e:
            rule = rrulestr(e["RRULE"].to_ical().decode(),
                            dtstart=dt.datetime.combine(first, dt.time()))
            days = [d.date() for d in rule.between(
                dt.datetime.combine(plan.playbook.start, dt.time()),
                dt.datetime.combine(plan.playbook.end, dt.time()), inc=True)]
        else:
            days = [first]
        kind = str(e["UID"]).split("-")[0]
        expanded |= {(kind, d) for d in days}
    site = {(e.kind, e.start) for e in entries(plan)}
    assert site <= expanded
    for sf, _seg in plan.segments:
        own = Calendar.from_ical(out[f"segments/{sf.id}.ics"])
        own_uids = {str(e["UID"]) for e in own.walk("VEVENT")}
        assert own_uids and own_uids <= set(uids)
        assert all(f"-{sf.id}-" in u for u in own_uids)


def test_uids_do_not_move_when_another_campaign_is_added(tmp_path: Path) -> None:
    root = copy_plans(tmp_path)
    before = {str(e["UID"]) for e in Calendar.from_ical(render(root)["calendar.ics"]).walk("VEVENT")}
    seg = sorted((root / "segments").glob("*.yaml"))[0]
    text = seg.read_text(encoding="utf-8")
    message = re.search(r"^messages:\n  - id: (\S+)", text, re.M)[1]
    text = text.replace("\ncampaigns:\n", f"\ncampaigns:\n  - id: extra-day\n    title: Extra day\n"
                        f"    message: {message}\n    start: 2027-05-05\n", 1)
    seg.write_text(text, encoding="utf-8")
    after = {str(e["UID"]) for e in Calendar.from_ical(render(root)["calendar.ics"]).walk("VEVENT")}
    assert before < after


def _rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_exports(rendered: tuple[Path, dict]) -> None:
    root, out = rendered
    plan = load_plan(root)
    campaigns = _rows(out["campaigns.csv"])
    assert campaigns[0][:3] == ["segment", "campaign", "title"]
    assert len(campaigns) - 1 == sum(len(seg.campaigns) for _sf, seg in plan.segments)
    goals = _rows(out["goals.csv"])
    assert len(goals) - 1 == sum(len(seg.goals) for _sf, seg in plan.segments)


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://x")'])
def test_csv_cell_never_starts_a_formula(text: str) -> None:
    assert csv_cell(text) == "'" + text


def test_csv_of_hostile_plan_has_no_formula(tmp_path: Path) -> None:
    root = hostile_plans(tmp_path)
    seg = sorted((root / "segments").glob("*.yaml"))[0]
    seg.write_text(seg.read_text(encoding="utf-8").replace(
        "campaigns:\n- id:", "campaigns:\n- title: =cmd|'/C calc'!A0\n  id:", 1), encoding="utf-8")
    out = render(root)
    for name in ("campaigns.csv", "goals.csv"):
        for row in _rows(out[name]):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    assert "'=cmd|'/C calc'!A0" in out["campaigns.csv"].decode("utf-8")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


# The extensions teams enable with Material, and some that act on the whole page text.
TEAM_EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition", "abbr", "footnotes",
                   "def_list", "pymdownx.superfences", "pymdownx.critic", "pymdownx.snippets",
                   "pymdownx.details", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"]


def _body(page: str) -> str:
    """A page's Markdown without its front matter."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


# Pages without plan text: the rules (from their docstrings) and the plan format reference
# (Markdown generated from the models), whose own markup has tables, code and examples.
NO_PLAN_TEXT = ("rules.md", "format.md")


def test_hostile_text_never_becomes_markup(tmp_path: Path) -> None:
    out = render(hostile_plans(tmp_path))
    (tmp_path / "mkdocs.yml").write_text("SNIPPET-LEAKED: yes\n", encoding="utf-8")
    md = markdown.Markdown(extensions=TEAM_EXTENSIONS, extension_configs={
        "pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": False}})
    for path, content in out.items():
        if not path.endswith(".md"):
            continue
        html = md.reset().convert(_body(content))
        parser = _Elements()
        parser.feed(html)
        for tag, attrs in parser.found:
            assert tag not in ("script", "img", "iframe", "object"), (path, tag)
            if path not in NO_PLAN_TEXT:  # their own markup has code and abbreviations
                assert tag not in ("pre", "code", "ins", "del", "mark", "abbr", "details"), (
                    path, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (path, tag)
                assert not (name == "class" and "admonition" in (value or "")), (path, tag)
            if tag == "svg":
                assert ("class", "pl-clock") in attrs or any(
                    n == "class" and (v or "").startswith("pl-journey") for n, v in attrs), path
        assert "SNIPPET-LEAKED" not in html, path
        assert "{{" not in content and "{%" not in content, path  # nothing for a macros plugin
        # Plan text never begins a line, so nothing line-anchored can match it.
        for line in _body(content).splitlines() if path not in NO_PLAN_TEXT else ():
            assert not line.lstrip().startswith(("```", "~~~", "!!!", "--8<--", "*[", "|")), (
                path, line)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out["index.md"]
    cal = Calendar.from_ical(out["calendar.ics"])
    assert any(PAYLOADS[0] in str(e.get("SUMMARY", "")) for e in cal.walk("VEVENT"))


def test_markdown_inline_escaping() -> None:
    assert md_inline("[x](http://e.com) *a* _b_ `c` #1 {: .x}") == (
        "&#91;x&#93;&#40;http&#58;//e&#46;com&#41; &#42;a&#42; &#95;b&#95; &#96;c&#96; &#35;1 "
        "&#123;&#58; &#46;x&#125;")
    assert md_inline("<b>&</b>\nnext ~~d~~ ^^i^^ ==m== :e: @u $x$") == (
        "&#60;b&#62;&#38;&#60;/b&#62; next &#126;&#126;d&#126;&#126; &#94;&#94;i&#94;&#94; "
        "&#61;&#61;m&#61;&#61; &#58;e&#58; &#64;u &#36;x&#36;")


@pytest.mark.parametrize(("target", "page", "dirs", "expected"), [
    ("segments/a.md", "index.md", True, "segments/a/"),
    ("segments/a.md", "index.md", False, "segments/a.html"),
    ("index.md", "segments/a.md", True, "../../"),
    ("calendar.ics", "segments/a.md", True, "../../calendar.ics"),
    ("calendar.ics", "segments/a.md", False, "../calendar.ics"),
    ("segments/b.md#goal-x", "segments/a.md", True, "../b/#goal-x"),
    ("calendar.md", "calendar.md", True, "./"),
])
def test_links_follow_mkdocs_urls(target: str, page: str, dirs: bool, expected: str) -> None:
    assert href(target, page, dirs) == expected


def test_links_are_what_relpath_makes_of_every_pair_of_pages() -> None:
    pages = ["index.md", "calendar.md", "segments/index.md", "segments/a.md", "segments/a/b.md",
             "segments/ab.md", "team/how/we.md", "team/index.md", "calendar.ics", "assets/x.css",
             "segments/לקוחות.md"]
    for dirs in (True, False):
        for page in pages:
            here = page_url(page, dirs)
            base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
            for target in pages:
                url = page_url(target, dirs)
                rel = posixpath.relpath(url or ".", base or ".")
                expected = ("./" if rel == "." else rel + "/") if url.endswith("/") or not url \
                    else rel
                assert unquote(href(target, page, dirs)) == expected, (target, page, dirs)


def test_right_to_left_mirrors_the_diagrams(tmp_path: Path) -> None:
    root = copy_plans(tmp_path)
    pb = root / "playbook.yaml"
    pb.write_text(pb.read_text(encoding="utf-8").replace("language: en", "language: he"),
                  encoding="utf-8")
    out = render(root)
    journeys = out["journeys.md"]
    svg = next(s for s in journeys.split("<svg")[1:] if "pl-journey-timeline" in s)

    def x_of(kind: str) -> float:
        node = svg.split(f'data-kind="{kind}"')[1]
        return float(re.search(r'c?x="([\d.]+)"', node)[1])

    assert x_of("trigger") > x_of("end"), "a right-to-left timeline starts on the right"
    ltr = render(copy_plans(tmp_path / "ltr"))["journeys.md"]
    svg = next(s for s in ltr.split("<svg")[1:] if "pl-journey-timeline" in s)
    assert x_of("trigger") < x_of("end")


def test_uids_survive_a_change_of_date(tmp_path: Path) -> None:
    """Moving a campaign or a deadline moves the event in a subscribed calendar:
    the UID names the item, not its date."""
    root = copy_plans(tmp_path)

    def events() -> dict[str, str]:
        cal = Calendar.from_ical(render(root)["calendar.ics"])
        return {str(e["UID"]): e["DTSTART"].to_ical().decode() for e in cal.walk("VEVENT")}

    before = events()
    seg = root / "segments" / "engaged.yaml"
    text = seg.read_text(encoding="utf-8")
    moved = re.sub(r"^(    start: )2027-03-22$", r"\g<1>2027-03-29", text, count=1, flags=re.M)
    moved = re.sub(r"^(    end: )2027-04-04$", r"\g<1>2027-04-11", moved, count=1, flags=re.M)
    assert moved != text
    seg.write_text(moved, encoding="utf-8")
    after = events()
    assert set(before) == set(after)
    assert [u for u in before if before[u] != after[u]] == ["campaign-engaged-cus-club-spring@planner"]


def test_page_paths_name_every_page(rendered: tuple[Path, dict]) -> None:
    """`serve` shows a broken plan's findings at these paths: they are the site's pages."""
    root, out = rendered
    assert sorted(page_paths(load_plan(root))) == sorted(p for p in out if p.endswith(".md"))
