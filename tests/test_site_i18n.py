"""The site in Finnish and Hebrew: no English left, Babel's formats, mixed-direction text,
and ids in letters other than ASCII (links, anchors, ICS UIDs, CSV).

The plans are the frozen copies tests/site/plans-fi and plans-he (see their playbooks),
and the English fixture plan with its `language` switched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from babel.dates import get_month_names
from babel.messages.pofile import read_po
from icalendar import Calendar

from planner.check import check_plan
from planner.derive.calendar import uid
from planner.engine.site import build, generate
from planner.plan import load_plan
from planner.render import pages
from planner.render.bidi import LRI, PDI, RLI, isolate, isolate_text, ui
from planner.render.fmt import Formatter
from planner.render.ics import ascii_uid
from planner.render.links import fragment, href
from tests.site.hostile import FIXTURE_PLANS, FIXTURE_PLANS_FI, FIXTURE_PLANS_HE, copy_plans
from tools.catalogs import TEMPLATE

PLANS = {"fi": FIXTURE_PLANS_FI, "he": FIXTURE_PLANS_HE}


# -- mixed-direction text ---------------------------------------------------------------------
def test_text_of_the_other_direction_is_isolated_and_the_page_s_own_is_not() -> None:
    # on a Hebrew page
    assert isolate("Shopify Analytics", "rtl") == '<bdi dir="ltr">Shopify Analytics</bdi>'
    assert isolate("Typeform (NPS)", "rtl") == '<bdi dir="ltr">Typeform (NPS)</bdi>'
    assert isolate("ActiveTrail, דוח הסרות", "rtl") == "ActiveTrail, דוח הסרות", \
        "a Hebrew phrase that starts with a brand name reads right to left, like the page"
    assert isolate("מועדון VIP", "rtl") == "מועדון VIP"
    assert isolate("3,770,000 ₪", "rtl") == "3,770,000 ₪", "numbers have no direction of their own"
    # on a Finnish or English page
    assert isolate("מרווה", "ltr") == '<bdi dir="rtl">מרווה</bdi>'
    assert isolate("Äänestäjät", "ltr") == "Äänestäjät"
    assert isolate("<b>x</b>", "rtl") == '<bdi dir="ltr">&lt;b&gt;x&lt;/b&gt;</bdi>', "escaped"
    assert isolate_text("Typeform (NPS)", "rtl") == f"{LRI}Typeform (NPS){PDI}"
    assert isolate_text("מרווה", "ltr") == f"{RLI}מרווה{PDI}"
    assert isolate_text("Kaira", "ltr") == "Kaira"


def test_ui_sentences_isolate_and_escape_their_values() -> None:
    out = ui("{journey} ({n} שליחות)", "rtl", journey="Welcome <series>", n="3")
    assert out == '<bdi dir="ltr">Welcome &lt;series&gt;</bdi> (3 שליחות)'
    assert ui("Omistaja: {owner}", "ltr", owner="Mikko & Laura") == "Omistaja: Mikko &amp; Laura"


# -- Babel's formats ---------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["2 weeks", "3 days", "12 hours", "1 day"]),
    ("fi", ["2 viikkoa", "3 päivää", "12 tuntia", "1 päivä"]),
    ("he", ["שבועיים", "3 ימים", "12 שעות", "1 יום"]),  # Babel has Hebrew weeks only in short
])
def test_durations_in_the_language(language: str, expected: list[str]) -> None:
    fmt = Formatter(language)
    assert [fmt.duration(d) for d in ("2 weeks", "3 days", "12 hours", "24 hours")] == expected


def test_kpi_values_and_units_in_the_language() -> None:
    fi = Formatter("fi", "EUR")
    assert fi.quantity(27, "%") == "27\xa0%"
    assert fi.quantity(124, "EUR") == "124\xa0€"
    assert fi.quantity(520, "count") == "520" and fi.quantity(55, "score") == "55"
    assert fi.quantity(28, "days") == "28 päivää"
    assert fi.unit_name("EUR") == "euro (€)" and fi.unit_name("count") == "lukumäärä"
    assert fi.quarter(dt.date(2027, 11, 1)) == "4. nelj. 2027"
    he = Formatter("he", "ILS")
    assert he.quantity(74, "%") == "74%"
    assert he.quantity(240, "ILS") == "\u200f240\xa0\u200f₪"  # CLDR's pattern, with its RLMs
    assert he.unit_name("ILS") == "שקל חדש (₪)" and he.unit_name("score") == "ציון"
    assert he.quarter(dt.date(2027, 11, 1)) == "רבעון 4 2027", "no Latin Q in Hebrew"


# -- ids in any script ---------------------------------------------------------------------------
def test_links_and_anchors_to_non_ascii_ids_are_percent_encoded() -> None:
    link = href("segments/לקוחות.md#goal-שימור-82", "index.md")
    assert link.isascii() and unquote(link) == "segments/לקוחות/#goal-שימור-82"
    assert unquote(href("index.md#objective-äänet", "segments/äänestäjät.md")) == "../../#objective-äänet"
    assert fragment("goal-äänestäjät") == "#goal-%C3%A4%C3%A4nest%C3%A4j%C3%A4t"
    assert href("segments/engaged.md#goal-x", "index.md") == "segments/engaged/#goal-x", "ASCII as is"


def test_ics_uids_are_ascii_and_stable() -> None:
    day = dt.date(2027, 6, 30)
    plain = uid("deadline", "engaged", "by-june", day)
    assert ascii_uid(plain) == plain == "deadline-engaged-by-june-20270630@planner"
    encoded = ascii_uid(uid("deadline", "מועדון", "שימור-82", day))
    assert encoded.isascii() and unquote(encoded) == uid("deadline", "מועדון", "שימור-82", day)


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, str | bytes]]:
    out = {}
    for language, root in PLANS.items():
        plan = load_plan(root)
        out[language] = pages(plan, check_plan(plan))
    return out


def test_non_ascii_segment_and_goal_ids_make_pages_feeds_and_exports(rendered: dict) -> None:
    he, fi = rendered["he"], rendered["fi"]
    assert "segments/מועדון.md" in he and "segments/מועדון.ics" in he
    assert "segments/lähteneet.md" in fi
    page = he["segments/מועדון.md"]
    assert 'id="goal-שימור-82"' in page and 'id="journey-יום-הולדת"' in page
    assert 'href="#goal-%D7%A9%D7%99%D7%9E%D7%95%D7%A8-82"' in page
    assert 'href="segments/%D7%9E%D7%95%D7%A2%D7%93%D7%95%D7%9F/"' in he["index.md"]
    events = Calendar.from_ical(he["segments/מועדון.ics"]).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert all(u.isascii() for u in uids)
    assert "deadline-מועדון-שימור-82@planner" in map(unquote, uids)
    rows = list(csv.reader(io.StringIO(he["goals.csv"].decode("utf-8").removeprefix("\ufeff"))))
    assert ["מועדון", "שימור-82"] in [r[:2] for r in rows]
    rows = list(csv.reader(io.StringIO(fi["campaigns.csv"].decode("utf-8").removeprefix("\ufeff"))))
    assert ["lähteneet", "men-kevätkuvasto-2027"] in [r[:2] for r in rows]


def test_the_rules_page_chrome_is_translated_and_its_docstrings_marked_english(rendered: dict) -> None:
    page = rendered["he"]["rules.md"]
    assert page.startswith("# כללים\n")
    assert "<th scope=\"col\">חומרה</th>" in page and "Severity" not in page
    assert '<td lang="en" dir="ltr">' in page and '<p lang="en" dir="ltr">' in page
    assert '<pre class="pl-example pl-passes" dir="ltr">' in page


def test_right_to_left_diagrams_run_from_the_right(rendered: dict) -> None:
    clock = rendered["he"]["clock.md"]
    months = re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="pl-clock-mname"[^>]*>([^<]+)<', clock)
    assert [name for _x, name in months][:2] == ["ינו׳", "פבר׳"] and months[-1][1] == "דצמ׳"
    assert float(months[0][0]) < 380 < float(months[-1][0]), "January left of twelve o'clock"
    assert "נגד כיוון השעון" in clock, "the intro says the dial runs counter-clockwise"


# -- switching a plan's language -------------------------------------------------------------------
class _Visible(HTMLParser):
    """The text a reader sees or hears: text nodes, tooltips and labels; no scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in ("title", "aria-label", "placeholder", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _english_ui_labels(en_text: str, plan_text: str) -> set[str]:
    """The English UI labels on the English home page: the literal pieces of every catalog
    message that show there, without those that also occur in the plan's own (English) text
    or that are not words (KPI, SMART, ICS, numbers)."""
    with TEMPLATE.open("rb") as f:
        catalog = read_po(f)
    labels = set()
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"\{[^}]*\}", msgid or ""):
                piece = piece.strip(" :;,.·()?")
                if len(piece) >= 4 and re.search(r"[a-z]{3}", piece) and piece in en_text \
                        and piece.lower() not in plan_text:
                    labels.add(piece)
    # Material's own strings and the footer, which come from the theme, not the catalog
    return labels | {"Search", "Table of contents", "Made with", "Permanent link", "Back to top"}


def _build(plans: Path, out: Path) -> str:
    here = Path.cwd()
    os.chdir(out.parent)  # no project mkdocs.yml here: the bundled configuration
    try:
        checked = build(plans, out)
    finally:
        os.chdir(here)
    assert not checked.failed, checked.report()
    return (out / "index.html").read_text(encoding="utf-8")


def test_switching_the_language_leaves_no_english_on_the_home_page(tmp_path: Path) -> None:
    homes = {}
    for language in ("en", "fi", "he"):
        plans = copy_plans(tmp_path / language, FIXTURE_PLANS)
        playbook = plans / "playbook.yaml"
        text = playbook.read_text(encoding="utf-8")
        assert "language: en" in text
        playbook.write_text(text.replace("language: en", f"language: {language}"), encoding="utf-8")
        homes[language] = _build(plans, tmp_path / language / "site")
    plan_text = " ".join(p.read_text(encoding="utf-8") for p in FIXTURE_PLANS.rglob("*.yaml")).lower()
    en_text = visible_text(homes["en"])
    labels = _english_ui_labels(en_text, plan_text)
    assert {"Revenue at stake", "Plan health", "Downloads", "Specific", "Made with"} <= labels
    months = set(get_month_names("abbreviated", locale="en").values()) - {"May"}
    for language in ("fi", "he"):
        html = homes[language]
        text = visible_text(html)
        left = sorted(label for label in labels if re.search(rf"(?<![\w]){re.escape(label)}(?![\w])", text))
        assert left == [], f"English left on the {language} home page: {left}"
        found = [m for m in months if re.search(rf"\b{m}\b", text) and m.lower() not in plan_text]
        assert found == [], f"English month names on the {language} home page: {found}"
        assert f'<html dir="{"rtl" if language == "he" else "ltr"}" lang="{language}"' in html
        assert text != en_text


def test_generate_carries_the_language_into_its_mkdocs_yml(tmp_path: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    out = tmp_path / "generated"
    generate(copy_plans(tmp_path, FIXTURE_PLANS_HE), out)
    config = yaml_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "he" and config["theme"]["direction"] == "rtl"
    toc = config["markdown_extensions"][0]["toc"]
    assert toc["permalink_title"] == "קישור קבוע" and toc["slugify"].__name__ == "slugify_unicode"
    partial = (out / config["theme"]["custom_dir"] / "partials" / "copyright.html").read_text(
        encoding="utf-8")
    assert "{% raw %}נבנה באמצעות <a href=" in partial
