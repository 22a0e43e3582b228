"""Material's search splits a playbook site's words with planner's separator unless the
team set one (planner.engine.search_settings); what lunr does with the words stays
Material's choice for the site's language. tests/test_browser_search.py types the words."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from planner.engine.search_settings import SEPARATOR, configure_search
from planner.engine.site import build
from tests.helpers import SEARCH_INDEX
from tests.site.hostile import FIXTURE_PLANS_HE, copy_plans

material = pytest.importorskip("material.plugins.search.plugin")


def _search_plugin(**options: object) -> object:
    plugin = material.SearchPlugin()
    errors, _warnings = plugin.load_config(options)
    assert errors == []
    return plugin


def test_the_search_gets_planners_separator_unless_the_team_set_one() -> None:
    unset, own = _search_plugin(), _search_plugin(separator=r"[\s]+")
    configure_search({"search": unset, "material/search #2": own})
    assert unset.config.separator == SEPARATOR  # type: ignore[attr-defined]
    assert own.config.separator == r"[\s]+"  # type: ignore[attr-defined]
    configure_search({})  # no search plugin (or another theme's): nothing to do


@pytest.mark.parametrize(("text", "words"), [
    ("\u200f₪\u200f1,250 \u2066rfm\u2069", ["1", "250", "rfm"]),  # bidi controls, currency
    ("ב-plans/actuals/: (ICS) «Kiitos» מע״מ ב־2027", ["ב", "plans", "actuals", "ICS", "Kiitos",
                                                     "מע״מ", "ב", "2027"]),
    ("€397.4K€309.1K v1.2.3 segment.yaml 16%", ["397.4K", "309.1K", "v1.2.3", "segment", "yaml",
                                                "16"]),
    ("&lt;p&gt; R&amp;D", ["p", "R", "D"]),  # the index escapes text
    ("`purpose: service` BYDAY=2TH", ["purpose", "service", "BYDAY", "2TH"]),
])
def test_the_separator_cuts_what_a_reader_does_not_read_as_part_of_a_word(
        text: str, words: list[str]) -> None:
    # Python's and JavaScript's regular expressions read this one the same way
    assert [word for word in re.split(SEPARATOR, text) if word] == words


def _built_index(project: Path, mkdocs_yml: str | None) -> dict[str, object]:
    plans = copy_plans(project, FIXTURE_PLANS_HE)
    if mkdocs_yml is not None:
        (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        (project / "docs").mkdir()
    here = Path.cwd()
    os.chdir(project)  # the project's mkdocs.yml there if any, else the bundled one
    try:
        assert not build(plans, project / "site").failed
    finally:
        os.chdir(here)
    config: dict[str, object] = json.loads((project / "site" / SEARCH_INDEX).read_text(
        encoding="utf-8"))["config"]
    return config


TEAM = ("site_name: Our playbook\ntheme:\n  name: material\n"
        "plugins:\n  - {search}\n  - planner:\n      plans: plans\n")


@pytest.mark.parametrize(("mkdocs_yml", "separator"), [
    (None, SEPARATOR),  # the bundled configuration
    (TEAM.format(search="search"), SEPARATOR),
    (TEAM.format(search="search:\n      separator: '[\\s]+'"), r"[\s]+"),
], ids=["bundled", "team", "team-separator"])
def test_a_hebrew_site_keeps_hebrew_words_in_its_search(tmp_path: Path, mkdocs_yml: str | None,
                                                        separator: str) -> None:
    config = _built_index(tmp_path, mkdocs_yml)
    assert config["separator"] == separator
    # Material's Hebrew: no lunr language of its own, and none of the English pipeline
    # (its trimmer would strip every Hebrew letter, its stemmer and stop words are English)
    assert config["lang"] == ["en"]
    pipeline = config["pipeline"]
    assert isinstance(pipeline, list)
    assert not {"trimmer", "stemmer", "stopWordFilter"} & set(pipeline)
