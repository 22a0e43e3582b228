"""Diagnostics a newcomer can act on (issue 11): each hint leads to the fix, one error never
hides the rest, no file under the plans folder is silently ignored.

Every test writes a small plan of its own, runs `planner check` as a user would (the CLI,
text output) and asserts the hint text, in English, Finnish and Hebrew where translated.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.derive.pressure import room
from planner.i18n import ENGLISH
from planner.plan import load_plan
from planner.suggest import did_you_mean, number_hint, suggest
from tests.helpers import CASES

PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
SEGMENT = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
DID_YOU_MEAN = {"en": "hint: did you mean '{}'?", "fi": "vihje: tarkoititko '{}'?",
                "he": "רמז: האם התכוונת ל-'{}'?"}
LANGUAGES = ("en", "fi", "he")


def plans(tmp_path: Path, segment: str = SEGMENT, playbook: str = PLAYBOOK,
          language: str = "en", name: str = "engaged") -> Path:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True, exist_ok=True)
    (root / "playbook.yaml").write_text(playbook.replace("language: en", f"language: {language}"),
                                        encoding="utf-8")
    (root / "segments" / f"{name}.yaml").write_text(segment, encoding="utf-8")
    return root


def check(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--format", "text", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def finding(output: str, rule: str) -> str:
    """The block (headline, source, caret, hint) of the first finding of `rule`."""
    for block in output.split("\n\n"):
        if re.search(rf": \S+ {rule}\b", block):
            return block
    raise AssertionError(f"no {rule} in:\n{output}")


def test_segment_sample_is_clean(tmp_path: Path) -> None:
    code, out = check(plans(tmp_path))
    assert code == 0, out


# -- 1. a "did you mean" only offers the field's vocabulary, ranked by meaning ------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_consent_no_suggests_none(tmp_path: Path, language: str) -> None:
    segment = SEGMENT.replace("consent: customer-relationship", "consent: no")
    code, out = check(plans(tmp_path, segment, language=language))
    block = finding(out, "P004")
    assert code == 1 and ":9:10:" in block.splitlines()[0]  # consent is on line 9
    assert DID_YOU_MEAN[language].format("none") in block


def test_consent_yes_suggests_opt_in(tmp_path: Path) -> None:
    segment = SEGMENT.replace("consent: customer-relationship", "consent: yes")
    assert DID_YOU_MEAN["en"].format("opt-in") in finding(check(plans(tmp_path, segment))[1], "P004")


def test_yes_no_in_a_true_false_field_still_says_true_false(tmp_path: Path) -> None:
    playbook = PLAYBOOK.replace("strict: false", "strict: no")
    block = finding(check(plans(tmp_path, playbook=playbook))[1], "P004")
    assert 'hint: quote it ("no") if you mean the word, or write true/false' in block


def test_yes_no_in_a_text_field_says_quote_it(tmp_path: Path) -> None:
    segment = SEGMENT.replace("owner: Anna Virtanen", "owner: no")
    block = finding(check(plans(tmp_path, segment))[1], "P004")
    assert 'hint: quote it ("no"): unquoted, YAML 1.1 tools read it as a true/false value' in block


_BRANCH = """journeys:
  - id: nudge
    title: Nudge
    trigger: purchased
    exit: purchased
    steps:
      - send: newsletter
      - wait: 3 days
      - branch:
          if: {reaction}
          then:
            - send: newsletter
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("written", ["not-opened", "unopened", "no_clicks", "didnt-purchase"])
def test_a_negated_reaction_suggests_no_reaction(tmp_path: Path, written: str,
                                                 language: str) -> None:
    segment = SEGMENT + _BRANCH.format(reaction=written)
    block = finding(check(plans(tmp_path, segment, language=language))[1], "P004")
    assert DID_YOU_MEAN[language].format("no-reaction") in block


def test_a_misspelt_reaction_still_gets_its_spelling(tmp_path: Path) -> None:
    segment = SEGMENT + _BRANCH.format(reaction="opend")
    assert DID_YOU_MEAN["en"].format("opened") in finding(check(plans(tmp_path, segment))[1], "P004")


@pytest.mark.parametrize("language", LANGUAGES)
def test_deadline_suggests_due_in_a_goal(tmp_path: Path, language: str) -> None:
    segment = SEGMENT.replace("    due: 2027-09-30", "    deadline: 2027-09-30")
    block = finding(check(plans(tmp_path, segment, language=language))[1], "P003")
    assert DID_YOU_MEAN[language].format("due") in block


def test_deadline_suggests_end_in_a_campaign(tmp_path: Path) -> None:
    segment = SEGMENT.replace("    start: 2027-01-12\n", "    start: 2027-01-12\n    deadline: 2027-01-20\n")
    segment = segment.replace("    repeat: FREQ=MONTHLY;COUNT=12\n", "")
    assert DID_YOU_MEAN["en"].format("end") in finding(check(plans(tmp_path, segment))[1], "P003")


@pytest.mark.parametrize(("language", "word"), [("fi", "tavoite"), ("he", "יעד"), ("en", "goal-value")])
def test_a_field_name_in_the_plan_language_suggests_the_field(tmp_path: Path, language: str,
                                                              word: str) -> None:
    segment = SEGMENT.replace("    target: 26", f"    {word}: 26")
    block = finding(check(plans(tmp_path, segment, language=language))[1], "P003")
    assert DID_YOU_MEAN[language].format("target") in block


def test_a_suggestion_is_always_a_choice_of_the_field() -> None:
    assert suggest("deadline", ["id", "title", "baseline", "target"], names=True) == "baseline"
    assert suggest("deadline", ["id", "title", "baseline", "due"], names=True) == "due"
    # a negated value with no value meaning "none of these" gets no suggestion at all
    assert suggest("no-email", ["email", "sms"], field="channel") is None
    assert suggest("not-opened", ["opened", "clicked"], field="if") is None
    assert suggest("Opt_In", ["opt-in", "none"], field="consent") == "opt-in"
    assert did_you_mean("zzz", ["a", "b"], ENGLISH, known="known: {names}") == "known: a, b"
    # a language named instead of coded, a direction written out
    assert suggest("English", ["en", "fi", "he"], field="language") == "en"
    assert suggest("suomi", ["en", "fi", "he"], field="language") == "fi"
    assert suggest("עברית", ["en", "fi", "he"], field="language") == "he"
    assert suggest("upward", ["up", "down"], field="direction") == "up"


def test_a_language_written_out_in_the_playbook_suggests_its_code(tmp_path: Path) -> None:
    root = plans(tmp_path, SEGMENT, language="en")
    playbook = root / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("language: en",
                                                                     "language: Finnish"),
                        encoding="utf-8")
    block = finding(check(root)[1], "P004")
    assert DID_YOU_MEAN["en"].format("fi") in block


# -- decimal comma -------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "hint"), [
    ("en", "hint: write 2.6: YAML numbers take a decimal point, not a comma"),
    ("fi", "vihje: kirjoita 2.6: YAMLin luvuissa käytetään desimaalipistettä, ei pilkkua"),
    ("he", "רמז: כתבו 2.6: מספרים ב-YAML נכתבים עם נקודה עשרונית, לא עם פסיק"),
])
def test_a_decimal_comma_suggests_the_number_with_a_point(tmp_path: Path, language: str,
                                                          hint: str) -> None:
    segment = SEGMENT.replace("    baseline: 20", "    baseline: 2,6")
    assert hint in finding(check(plans(tmp_path, segment, language=language))[1], "M204")


def test_a_decimal_comma_in_a_typed_field(tmp_path: Path) -> None:
    segment = SEGMENT.replace("yearly_value: 100", "yearly_value: 99,5")
    assert "hint: write 99.5:" in finding(check(plans(tmp_path, segment))[1], "P004")


@pytest.mark.parametrize(("language", "hint"), [
    ("en", "hint: write 8000: YAML numbers take no k or M suffix"),
    ("fi", "vihje: kirjoita 8000: YAMLin luvuissa ei käytetä k- tai M-päätettä"),
    ("he", "רמז: כתבו 8000: מספרים ב-YAML נכתבים בלי הסיומת k או M"),
])
def test_a_thousand_suffix_suggests_the_whole_number(tmp_path: Path, language: str,
                                                     hint: str) -> None:
    segment = SEGMENT.replace("customers: 8000", "customers: 8k")
    assert hint in finding(check(plans(tmp_path, segment, language=language))[1], "P004")


def test_a_suffix_hint_is_only_for_numbers() -> None:
    assert number_hint("1.25M", ENGLISH) == "write 1250000: YAML numbers take no k or M suffix"
    assert number_hint("k5", ENGLISH) is None and number_hint("5 kg", ENGLISH) is None


def test_a_duration_in_minutes_gets_no_number_hint(tmp_path: Path) -> None:
    """`7m` where a duration was expected is not 7,000,000."""
    segment = SEGMENT + (
        "journeys:\n  - id: welcome\n    title: Welcome\n    trigger: joined\n"
        "    steps:\n      - send: newsletter\n      - wait: 7m\n      - send: newsletter\n")
    out = check(plans(tmp_path, segment))[1]
    assert "7000000" not in out


def test_thousands_separator_is_ambiguous() -> None:
    assert number_hint("1,000", ENGLISH) == ("write 1000 without a thousands separator, or 1.000 if the "
                                    "comma is a decimal comma: YAML numbers take a decimal point")
    assert number_hint("abc", ENGLISH) is None and number_hint(3, ENGLISH) is None


# -- 4. P001 where the user must fix it ------------------------------------------------------------

@pytest.mark.parametrize(("language", "hint"), [
    ("en", 'hint: quote it: "%"'), ("fi", 'vihje: laita se lainausmerkkeihin: "%"'),
    ("he", 'רמז: שימו אותו במירכאות: "%"')])
def test_an_unquoted_percent_says_quote_it(tmp_path: Path, language: str, hint: str) -> None:
    segment = SEGMENT.replace('unit: "%"', "unit: %")
    block = finding(check(plans(tmp_path, segment, language=language))[1], "P001")
    assert ":13:11:" in block.splitlines()[0] and hint in block and "tab" not in block


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unclosed_quote_points_where_it_opens(tmp_path: Path, language: str) -> None:
    # line 5 opens a quote that the next quoted text (line 13) closes: the parser stumbles
    # only there, but the fix is on line 5
    segment = SEGMENT.replace("definition: Bought", 'definition: "Bought')
    code, out = check(plans(tmp_path, segment, language=language))
    block = finding(out, "P001")
    assert code == 1 and ":5:13:" in block.splitlines()[0]
    assert {"en": "the quote \" opened here is closed only on line 13",
            "fi": "avattu lainausmerkki \" suljetaan vasta rivillä 13",
            "he": "המירכאות \" שנפתחו כאן נסגרות רק בשורה 13"}[language] in block
    assert {"en": 'hint: add the closing " at the end of the text on this line',
            "fi": 'vihje: lisää sulkeva " tämän rivin tekstin loppuun',
            "he": 'רמז: הוסיפו את " הסוגרות בסוף הטקסט בשורה הזו'}[language] in block


def test_a_quote_never_closed_names_the_end_of_the_file(tmp_path: Path) -> None:
    segment = SEGMENT.replace("name: Engaged customers", "name: 'Engaged customers")
    block = finding(check(plans(tmp_path, segment))[1], "P001")
    lines = segment.count("\n")
    assert ":2:7:" in block.splitlines()[0]
    assert f"the quote ' opened here is never closed (the file ends on line {lines})" in block


def test_an_unclosed_bracket_points_where_it_opens(tmp_path: Path) -> None:
    segment = SEGMENT.replace("outlook: {secure: 40, uncertain: 40, at_risk: 20}",
                              "outlook: {secure: 40, uncertain: 40, at_risk: 20")
    block = finding(check(plans(tmp_path, segment))[1], "P001")
    assert ":8:10:" in block.splitlines()[0]
    assert "the { opened here is not closed: on line 9, column 8 the parser expected ',' or '}'" \
        in block
    assert "hint: close it with } on this line, or separate the items with commas" in block


# -- 4. carets span the value; M207 at the KPI -----------------------------------------------------

def test_the_caret_underlines_the_whole_title(tmp_path: Path) -> None:
    title = "Better numbers for everyone"
    segment = re.sub(r"    title: Raise.*", f"    title: {title}", SEGMENT, count=1)
    lines = finding(check(plans(tmp_path, segment))[1], "S102").splitlines()
    caret = lines[2].split("| ")[1]
    assert caret == " " * len("    title: ") + "^" * len(title)


def test_m207_once_per_kpi_at_the_kpi(tmp_path: Path) -> None:
    segment = SEGMENT.replace('    source: Shop analytics "Returning buyers"\n', "")
    second_goal = re.search(r"  - id: repeat-rate-26\n(?:    .*\n)+", segment)
    assert second_goal is not None
    segment = segment.replace(second_goal[0], second_goal[0] + second_goal[0].replace(
        "repeat-rate-26", "repeat-rate-30").replace("target: 26", "target: 30"))
    code, out = check(plans(tmp_path, segment))
    m207 = [line for line in out.splitlines() if " M207 " in line]
    assert len(m207) == 1 and ":11:5:" in m207[0], out  # `- id: repeat-rate` of the KPI


# -- 2. an error in the playbook does not stop the segments ------------------------------------

@pytest.mark.parametrize(("language", "note"), [
    ("en", "note: these rules were not run, because {file} has problems in contact_policy: C601; "
           "the rest of the plan was checked"),
    ("fi", "huom.: näitä sääntöjä ei ajettu, koska tiedostossa {file} on ongelmia kentissä "
           "contact_policy: C601; muu suunnitelma tarkistettiin"),
    ("he", "הערה: הכללים האלה לא הורצו, כי ב-{file} יש בעיות ב-contact_policy: C601; שאר התוכנית נבדקה"),
])
def test_a_misspelt_playbook_field_hides_no_segment_finding(tmp_path: Path, language: str,
                                                             note: str) -> None:
    playbook = PLAYBOOK.replace("contact_policy:", "contact_polcy:")
    segment = SEGMENT.replace("consent: customer-relationship", "consent: maybe")
    segment = segment.replace("    target: 26\n", "")
    root = plans(tmp_path, segment, playbook, language)
    code, out = check(root)
    assert code == 1
    assert DID_YOU_MEAN[language].format("contact_policy") in finding(out, "P003")
    assert " P004 " in out  # the segment's own problem
    root2 = plans(tmp_path / "b", SEGMENT.replace("    target: 26\n", ""), playbook, language)
    code, out = check(root2)
    assert " M203 " in out  # a goal rule still runs
    file = str(root2 / "playbook.yaml").replace(str(Path.cwd()) + "/", "")
    assert note.format(file=file) in out


def test_a_broken_objectives_list_skips_r402_but_not_r401(tmp_path: Path) -> None:
    playbook = PLAYBOOK.replace("objectives:", "objectivs:")
    segment = SEGMENT.replace("    supports: keep-revenue\n", "")
    code, out = check(plans(tmp_path, segment, playbook))
    assert " R401 " in out and " R402 " not in out and "objectives: R402" in out


def test_without_a_playbook_the_segments_are_still_checked(tmp_path: Path) -> None:
    root = plans(tmp_path, SEGMENT.replace("    due: 2027-09-30\n", ""))
    (root / "playbook.yaml").unlink()
    code, out = check(root)
    assert code == 1 and " T501 " in out and "no playbook.yaml in" in out
    assert "C601" in out.split("note:")[1]


# -- 3. P013: files under the plans folder that are not part of the plan ------------------------

def test_stray_files_are_named_with_where_they_belong(tmp_path: Path) -> None:
    root = plans(tmp_path)
    (root / "segment").mkdir()
    (root / "segment" / "vip.yaml").write_text(SEGMENT, encoding="utf-8")
    (root / "loyal.yaml").write_text(SEGMENT, encoding="utf-8")
    (root / "q1.csv").write_text("segment,kpi,date,value\n", encoding="utf-8")
    (root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    for part in ("actuals/2027-q1.csv", "wordlists/en.yaml"):
        (root / part).parent.mkdir(exist_ok=True)
    (root / "actuals" / "2027-q1.csv").write_text("segment,kpi,date,value\n", encoding="utf-8")
    (root / "wordlists" / "en.yaml").write_text("vague: [synergy]\n", encoding="utf-8")
    code, out = check(root)
    shown = str(root).replace(str(Path.cwd()) + "/", "")
    assert code == 0  # a warning
    hints = {line.split(" P013 ")[1].split(" ")[0]: block.splitlines()[-1]
             for block in out.split("\n\n") for line in block.splitlines()[:1] if " P013 " in line}
    assert hints == {
        "loyal.yaml": f"  = hint: segment files are read from {shown}/segments/: move it to "
                      f"{shown}/segments/loyal.yaml",
        "notes.yaml": "  = hint: planner reads playbook.yaml, segments/*.yaml, wordlists/<language>.yaml "
                      f"and actuals/*.csv here: move the file into one of those places, or out of {shown}",
        "q1.csv": f"  = hint: measured values are read from {shown}/actuals/*.csv: move it to "
                  f"{shown}/actuals/q1.csv",
        "segment/vip.yaml": f"  = hint: segment files are read from {shown}/segments/: move it to "
                            f"{shown}/segments/vip.yaml",
    }
    # the 4 P013, and the one-segment plan's lifecycle gaps (L803 twice, L804); 8 files:
    # the 4, the playbook, the segment, the word list, the actuals file
    assert "7 warnings in 8 files" in out
    assert sum(" warning P013 " in line for line in out.splitlines()) == 4


@pytest.mark.parametrize(("language", "hint"), [
    ("fi", "vihje: segmenttitiedostot luetaan kansiosta {root}/segments/: siirrä se polkuun "
           "{root}/segments/vip.yaml"),
    ("he", "רמז: קובצי פלחים נקראים מ-{root}/segments/: העבירו אותו אל {root}/segments/vip.yaml"),
])
def test_p013_speaks_the_plan_language(tmp_path: Path, language: str, hint: str) -> None:
    root = plans(tmp_path, language=language)
    (root / "Segments").mkdir()
    (root / "Segments" / "vip.yaml").write_text(SEGMENT, encoding="utf-8")
    shown = str(root).replace(str(Path.cwd()) + "/", "")
    assert hint.format(root=shown) in finding(check(root)[1], "P013")


def test_playbook_yml_is_accepted(tmp_path: Path) -> None:
    root = plans(tmp_path)
    (root / "playbook.yaml").rename(root / "playbook.yml")
    code, out = check(root)
    # (the one-segment plan lacks lifecycle coverage: L803 twice at the playbook, L804)
    assert code == 0 and "0 errors, 3 warnings in 2 files" in out, out
    assert {line.split()[2] for line in out.splitlines() if " warning " in line} == {
        "L803", "L804"}
    assert load_plan(root).playbook is not None
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    assert "hint: playbook.yaml is the playbook; keep one of the two files" in check(root)[1]


def test_checking_one_file_counts_one_file(tmp_path: Path) -> None:
    root = plans(tmp_path, SEGMENT.replace("    due: 2027-09-30\n", ""))
    code, out = check(root / "segments" / "engaged.yaml")
    # the warnings: the one-segment plan lacks lifecycle coverage (L804 in the segment,
    # L803 twice at the playbook)
    assert code == 1 and out.rstrip().endswith("1 error, 1 warning in 1 file"), out
    # the playbook judges every segment: checking it reports the whole plan
    code, out = check(root / "playbook.yaml")
    assert code == 1 and out.rstrip().endswith("1 error, 3 warnings in 2 files"), out


# -- C601: the hint suggests only what fits ----------------------------------------------------

_BURST = SEGMENT.replace("""    repeat: FREQ=MONTHLY;COUNT=12
    goals: [repeat-rate-26]
""", """    goals: [repeat-rate-26]
  - {id: news-2, title: News, message: newsletter, start: 2027-01-13}
  - {id: news-3, title: News, message: newsletter, start: 2027-01-14}
  - {id: news-4, title: News, message: newsletter, start: 2027-01-15}
""")


def _c601(out: str) -> list[str]:
    return [block for block in out.split("\n\n") if " C601 " in block]


def test_c601_suggests_a_move_that_fits(tmp_path: Path) -> None:
    code, out = check(plans(tmp_path, _BURST))
    (block,) = _c601(out)
    assert "hint: at most 3 may fall within any 7 days: move 'news-4' to start within " \
           "Jan 1\u2009\u2013\u20097, 2027 or Jan 19\u2009\u2013\u2009Dec 31, 2027" in block
    # the edges of the suggested ranges fit, the day past them does not
    for day, fits in (("2027-01-07", True), ("2027-01-08", False), ("2027-01-19", True),
                      ("2027-01-18", False), ("2027-12-31", True)):
        moved = _BURST.replace("start: 2027-01-15", f"start: {day}")
        assert (not _c601(check(plans(tmp_path / day, moved))[1])) is fits, day


def test_c601_room_keeps_both_caps(tmp_path: Path) -> None:
    # with a month cap of 4, January (12-14th) leaves room for the fourth only from 14 Feb
    root = plans(tmp_path, _BURST.replace(
        "consent: customer-relationship",
        "consent: customer-relationship\ncontact_policy: {max_per_month: 4}").replace(
        "start: 2027-01-12\n", "start: 2027-01-12\n    repeat: FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=12\n"))
    plan = load_plan(root)
    (_sf, segment) = plan.segments[0]
    assert plan.playbook is not None
    ranges = room(plan.playbook, segment, "news-4")
    assert ranges[0] == (dt.date(2027, 1, 1), dt.date(2027, 1, 7))


@pytest.mark.parametrize(("language", "hint"), [
    ("en", "hint: the journeys alone can send 2 messages within any 7 days and the cap is 1, so "
           "no campaign date can help: lengthen the waits in 'cart'"),
    ("fi", "vihje: jo pelkät polut voivat lähettää 2 viestiä minkä tahansa 7 päivän aikana ja "
           "raja on 1, joten kampanjan päivän siirtäminen ei auta: pidennä odotuksia polussa 'cart'"),
    ("he", "רמז: המסעות לבדם יכולים לשלוח 2 הודעות בכל 7 ימים והתקרה היא 1, ולכן שום תאריך "
           "קמפיין לא יעזור: האריכו את ההמתנות ב-'cart'"),
])
def test_c601_says_when_the_journeys_alone_fill_the_cap(tmp_path: Path, language: str,
                                                        hint: str) -> None:
    segment = SEGMENT.replace("consent: customer-relationship",
                              "consent: customer-relationship\ncontact_policy: {max_per_week: 1}")
    segment += """journeys:
  - id: cart
    title: Cart
    trigger: abandoned-cart
    exit: purchased
    steps:
      - send: newsletter
      - wait: 1 day
      - send: newsletter
"""
    (block,) = _c601(check(plans(tmp_path, segment, language=language))[1])
    assert hint in block and "move" not in block


def test_c601_says_when_no_date_fits(tmp_path: Path) -> None:
    # a weekly newsletter fills a cap of one a week: no other campaign fits anywhere
    segment = SEGMENT.replace("consent: customer-relationship",
                              "consent: customer-relationship\ncontact_policy: {max_per_week: 1}")
    segment = segment.replace("repeat: FREQ=MONTHLY;COUNT=12", "repeat: weekly").replace(
        "start: 2027-01-12", "start: 2027-01-01")
    segment += "  - {id: extra, title: Extra, message: newsletter, start: 2027-05-05}\n"
    (block,) = _c601(check(plans(tmp_path, segment))[1])
    assert ("hint: at most 1 may fall within any 7 days: no date in the plan period leaves room "
            "for 'extra' or 'monthly-news' under the caps: drop one of them") in block


# -- 5. repeat: weekly | monthly | quarterly | yearly --------------------------------------------

@pytest.mark.parametrize(("word", "start", "count", "last"), [
    ("weekly", "2027-12-03", 5, "2027-12-31"),
    ("monthly", "2027-01-31", 12, "2027-12-31"),
    ("quarterly", "2027-02-15", 4, "2027-11-15"),
    ("yearly", "2027-03-01", 1, "2027-03-01"),
])
def test_repeat_words(tmp_path: Path, word: str, start: str, count: int, last: str) -> None:
    from planner.derive.calendar import campaign_occurrences

    segment = SEGMENT.replace("start: 2027-01-12", f"start: {start}").replace(
        "repeat: FREQ=MONTHLY;COUNT=12", f"repeat: {word}")
    root = plans(tmp_path, segment)
    code, out = check(root)
    assert code == 0, out
    plan = load_plan(root)
    assert plan.playbook is not None
    (_sf, seg), = plan.segments
    occs = campaign_occurrences(seg.campaigns[0], "engaged", plan.playbook.start, plan.playbook.end)
    assert len(occs) == count and occs[-1].start.isoformat() == last
    if word == "monthly":  # a start on the 31st falls on the last day of shorter months
        assert occs[1].start == dt.date(2027, 2, 28) and occs[3].start == dt.date(2027, 4, 30)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_misspelt_repeat_word(tmp_path: Path, language: str) -> None:
    segment = SEGMENT.replace("repeat: FREQ=MONTHLY;COUNT=12", "repeat: montly")
    assert DID_YOU_MEAN[language].format("monthly") in finding(
        check(plans(tmp_path, segment, language=language))[1], "P004")


def test_repeat_word_reaches_the_calendar_feed(tmp_path: Path) -> None:
    from planner.recurrence_rules import as_rrule
    from planner.render.ics import _rrule

    rule = _rrule(as_rrule("quarterly", dt.date(2027, 2, 15)), dt.date(2027, 12, 31))
    assert sorted(rule.to_ical().split(b";")) == [b"FREQ=MONTHLY", b"INTERVAL=3", b"UNTIL=20271231"]


@pytest.mark.parametrize(("language", "hint"), [
    ("en", "hint: indent with spaces, not tabs"), ("fi", "vihje: sisennä välilyönneillä, ei sarkaimilla"),
    ("he", "רמז: הזיחו ברווחים, לא בטאבים")])
def test_a_tab_says_indent_with_spaces(tmp_path: Path, language: str, hint: str) -> None:
    segment = SEGMENT.replace("\nstage: customer", "\n\tstage: customer")
    block = finding(check(plans(tmp_path, segment, language=language))[1], "P001")
    assert ":3:1:" in block.splitlines()[0] and hint in block


def test_closest_by_spelling_then_by_name() -> None:
    from planner.suggest import closest

    ids = ["midsummer-eve", "midsummer-day", "christmas-eve"]
    names = {"midsummer-eve": "Juhannusaatto", "midsummer-day": "Juhannuspäivä",
             "christmas-eve": "Jouluaatto"}
    assert closest("midsumer-eve", ids) == ["midsummer-eve"]  # spelling only: the best one
    assert closest("juhannus", ids, names=names, most=3) == ["midsummer-eve", "midsummer-day"]
    assert closest("jouluatto", ids, names=names, most=3)[0] == "christmas-eve"  # by its name
    assert closest("xyz", ids, names=names, most=3) == []
    assert closest("juha", ids, names={}, most=3) == []  # no names: no prefix match either


def test_the_model_s_errors_are_written_once() -> None:
    from pydantic import ValidationError

    from planner import model, plan

    assert not set(plan._MESSAGES) & set(model.ERRORS)  # plan.py has pydantic's own only
    with pytest.raises(ValidationError) as raised:
        model.Step.model_validate({})
    (error,) = raised.value.errors()
    assert (error["type"], error["msg"]) == ("step_kind", model.ERRORS["step_kind"])
