"""The word matchers behind S101, S102, S103 and T505: stems, inflections, prefixes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.i18n import ENGLISH
from planner.textmatch import (
    LIST_KEYS,
    WordListError,
    bundled,
    matcher,
    parse_wordlists,
)


def flagged(language: str, text: str) -> dict[str, tuple[str, ...]]:
    a = matcher(language).analyse(text)
    return {"vague": a.vague, "soft": a.soft, "time": a.time}


def category_of(language: str, word: str) -> str | None:
    """The flag a single word gets: time, vague, soft, or None."""
    found = flagged(language, word)
    hits = [c for c, words in found.items() if words]
    assert len(hits) <= 1, found
    return hits[0] if hits else None


# -- Finnish: stems with their endings, not bare prefixes ---------------------------------------

@pytest.mark.parametrize("word", [
    "parempi", "parempaa", "paremmin", "paremmat", "PAREMPI", "enemmän", "merkittävä",
    "merkittävästi", "merkittäviä", "huomattavasti", "mahdollisimman", "maksimoida",
    "maksimoidaan", "useampia", "vähemmän",
])
def test_finnish_vague_inflections(word: str) -> None:
    assert category_of("fi", word) == "vague"


@pytest.mark.parametrize("word", [
    "parantaa", "paranna", "Parannetaan", "parannus", "parannuksia", "parantamalla",
    "parantaminen", "parantuu", "paranee", "parannettu", "nosta", "nostetaan", "nostamalla",
    "kasvata", "kasvattamalla", "kasvatetaan", "lisätä", "lisätään", "lisää", "lisäämällä",
    "lisääntyy", "lisätty", "vähennä", "vähentämällä", "parhaat", "parhaiden",
])
def test_finnish_soft_inflections(word: str) -> None:
    assert category_of("fi", word) == "soft"


@pytest.mark.parametrize("word", [
    "parantola", "parantolan", "parantolassa", "parantaja", "paranoia", "paranormaali",
    "lisäksi", "lisätieto", "lisämyynti", "lisäpalvelu", "merkitty", "merkintä", "enemmistö",
    "piano", "pianon", "nostalgia", "kasvatus", "parasetamoli", "laskettelu", "lasku",
    "pianokurssi", "jatkuva",
])
def test_finnish_words_that_only_share_a_prefix(word: str) -> None:
    assert category_of("fi", word) is None


@pytest.mark.parametrize("text, words", [
    ("Nosta myyntiä pian", ("pian",)),
    ("Kasvua jatkuvasti", ("jatkuvasti",)),
    ("Toistuvat ostot piakkoin", ("piakkoin",)),
    ("Nosta osuutta mahdollisimman pian", ("mahdollisimman pian",)),
])
def test_finnish_time_words(text: str, words: tuple[str, ...]) -> None:
    assert flagged("fi", text)["time"] == words


def test_finnish_phrase_takes_its_words_from_single_matches() -> None:
    # "mahdollisimman pian" is one vague time phrase, not also the vague "mahdollisimman".
    assert flagged("fi", "Nosta osuus 26 %:iin mahdollisimman pian") == {
        "vague": (), "soft": ("Nosta",), "time": ("mahdollisimman pian",)}


def test_finnish_decomposed_letters_match() -> None:
    nfd = unicodedata.normalize("NFD", "merkittävästi")
    assert nfd != "merkittävästi"
    assert category_of("fi", nfd) == "vague"


def test_finnish_comparison_is_allowed() -> None:
    assert flagged("fi", "Asiakkaat ostavat enemmän kuin kerran")["vague"] == ()


# -- Hebrew: the prefixes ו ה ב כ ל מ ש, alone and combined -------------------------------------

@pytest.mark.parametrize("word, category", [
    ("בהקדם", "time"), ("ובהקדם", "time"), ("שבהקדם", "time"), ("כשבהקדם", "time"),
    ("בְּהֶקְדֵּם", "time"),  # with vowel points
    ("\u200fבהקדם", "time"),  # with a right-to-left mark
    ("בקרוב", "time"), ("ובקרוב", "time"),
    ("משמעותית", "vague"), ("ומשמעותית", "vague"), ("שמשמעותית", "vague"),
    ("משמעותי", "vague"), ("משמעותיים", "vague"),
    ("יותר", "vague"), ("ויותר", "vague"), ("שיותר", "vague"), ("כשיותר", "vague"),
    ("לשפר", "soft"), ("ולשפר", "soft"), ("שפר", "soft"), ("לשיפור", "soft"),
    ("להגדיל", "soft"), ("ולהגדיל", "soft"), ("ביותר", "soft"),
])
def test_hebrew_words_with_and_without_prefixes(word: str, category: str) -> None:
    assert category_of("he", word) == category


@pytest.mark.parametrize("word", [
    "מיותר", "מיותרים", "ומיותרות",  # "unnecessary", not מ+יותר
    "ותיקים", "שפרה", "הקדמה", "קרוב", "הקרובים", "העלות", "מספר", "לקוחות",
])
def test_hebrew_words_that_only_look_prefixed(word: str) -> None:
    assert category_of("he", word) is None


@pytest.mark.parametrize("text", [
    "לכל היותר 4 הודעות בחודש", "יותר מ-3 רכישות בשנה", "לקוחות שקונים יותר מ־3 פעמים",
    "לפחות 26% מהלקוחות", "לא פחות מ-26% מהלקוחות",
])
def test_hebrew_comparisons_are_allowed(text: str) -> None:
    assert flagged("he", text)["vague"] == ()


def test_hebrew_phrases() -> None:
    assert flagged("he", "להעלות בהקדם האפשרי את המכירות")["time"] == ("בהקדם האפשרי",)
    assert flagged("he", "להעלות את המכירות ככל האפשר")["vague"] == ("ככל האפשר",)
    assert flagged("he", "להעלות את המכירות מהר ככל האפשר") == {
        "vague": (), "soft": ("להעלות",), "time": ("מהר ככל האפשר",)}


# -- English ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Get more buyers", {"vague": ("more",)}),
    ("Significantly more buyers", {"vague": ("Significantly", "more")}),
    ("Increase sales", {"soft": ("Increase",)}),
    ("Keep churn at no more than 10 %", {}),
    ("Buy more than once", {}),
    ("Raise the rate of higher-value customers", {"soft": ("Raise",)}),
    ("Sell as much as possible", {"vague": ("as much as possible",)}),
    ("Sell as soon as possible", {"time": ("as soon as possible",)}),
    ("Sell it ASAP", {"time": ("ASAP",)}),
    # "ongoing" is a deadline stand-in for a change, not when it describes a thing
    ("Ongoing growth of sales", {"time": ("Ongoing growth",)}),
    ("Ongoing subscription sales", {}),
    ("Sell subscriptions on an ongoing basis", {"time": ("on an ongoing basis",)}),
    # words that describe the KPI rather than the goal's vagueness or deadline
    ("Sell the Geisha micro lots to club members", {}),
    ("Raise the share of orders shipped quickly", {"soft": ("Raise",)}),
    ("Raise the rate of our most valuable customers to 26 %", {"soft": ("Raise", "most")}),
])
def test_english_words(text: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert flagged("en", text) == {"vague": (), "soft": (), "time": ()} | expected


# -- concrete numbers: what makes "raise" specific ----------------------------------------------

@pytest.mark.parametrize("language, text, numbers", [
    ("en", "Raise the repeat rate from 20 % to 26 %", ("20", "26")),
    ("en", "Raise revenue from EUR 612,000 to EUR 640,000", ("612,000", "640,000")),
    ("en", "Cut the unsubscribe rate from 0.45 % to 0.30 %", ("0.45", "0.30")),
    ("en", "Raise the repeat rate by 2027", ()),
    ("en", "Raise the repeat rate in Q2", ()),
    ("en", "Raise the repeat rate by 30 June", ()),
    ("en", "Raise the repeat rate by June 30th", ()),
    ("en", "Raise the repeat rate by 2027-06-30", ()),
    ("en", "Raise B2B sales", ()),
    ("en", "Raise revenue to EUR 2000", ("2000",)),
    ("en", "Raise the share to 2027 %", ("2027",)),
    ("en", "Win 100k readers", ("100",)),
    ("fi", "Nosta osuus 20 %:sta 26 %:iin", ("20", "26")),
    ("fi", "Nosta asiakasmäärä 10 000 asiakkaaseen", ("10 000",)),
    ("fi", "Nosta osuutta 30.6.2027 mennessä", ()),
    ("fi", "Nosta osuutta 30. kesäkuuta", ()),
    ("he", "להעלות את השיעור מ-20% ל-26%", ("20", "26")),
    ("he", "להעלות את השיעור עד 30 ביוני", ()),
])
def test_concrete_numbers(language: str, text: str, numbers: tuple[str, ...]) -> None:
    assert matcher(language).analyse(text).numbers == numbers


@pytest.mark.parametrize("language, text", [
    ("en", "Raise the repeat purchase rate from 20 % to 26 %"),
    ("fi", "Nosta toistuvien ostojen osuus 20 %:sta 26 %:iin"),
    ("fi", "Parannetaan toistuvien ostojen osuutta 20 %:sta 26 %:iin"),
    ("he", "להעלות את שיעור הרכישה החוזרת מ-20% ל-26%"),
    ("he", "לשפר את שיעור הרכישה החוזרת מ-20% ל-26%"),
])
def test_raise_with_a_number_is_not_vague(language: str, text: str) -> None:
    a = matcher(language).analyse(text)
    assert a.soft and a.vague_words == ()


@pytest.mark.parametrize("language, text", [
    ("en", "Raise the repeat purchase rate to a better 26 %"),
    ("fi", "Nosta toistuvien ostojen osuus 26 %:iin, paremmin kuin ennen"),
    ("he", "להעלות את שיעור הרכישה ל-26%, יותר מבעבר"),
])
def test_more_and_better_stay_vague_with_a_number(language: str, text: str) -> None:
    assert matcher(language).analyse(text).vague_words


# -- word counts (S101) -------------------------------------------------------------------------

@pytest.mark.parametrize("language, text, n", [
    ("en", "Repeat rate 26 %", 3),
    ("en", "Raise NPS to 52", 4),
    ("fi", "Kanta-asiakkaiden ostotiheys nousee", 3),
    ("he", "שיעור הרכישה החוזרת ל-26%", 4),
])
def test_word_count(language: str, text: str, n: int) -> None:
    assert matcher(language).analyse(text).words == n


# -- compound goals (S103) ----------------------------------------------------------------------

@pytest.mark.parametrize("language, text, parts", [
    ("en", "Raise the repeat rate to 26 % and cut churn to 10 %",
     ("Raise the repeat rate to 26 %", "cut churn to 10 %")),
    ("en", "Raise sign-ups and also reduce unsubscribes",
     ("Raise sign-ups", "also reduce unsubscribes")),
    ("en", "Raise the repeat rate to 26 %, and keep churn under 10 %",
     ("Raise the repeat rate to 26 %", "keep churn under 10 %")),
    ("en", "Raise the repeat rate to 26 % as well as the order value to EUR 45",
     ("Raise the repeat rate to 26 %", "the order value to EUR 45")),
    ("fi", "Nosta osuus 26 %:iin ja laske poistuma 10 %:iin",
     ("Nosta osuus 26 %:iin", "laske poistuma 10 %:iin")),
    ("fi", "Nosta osuus 26 %:iin ja samalla laske poistuma 10 %:iin",
     ("Nosta osuus 26 %:iin", "samalla laske poistuma 10 %:iin")),
    ("fi", "Nosta osuus 26 %:iin sekä poistuma 10 %:iin",
     ("Nosta osuus 26 %:iin", "poistuma 10 %:iin")),
    ("he", "להעלות את השיעור ל-26% ולהוריד את הנטישה ל-10%",
     ("להעלות את השיעור ל-26%", "להוריד את הנטישה ל-10%")),
    ("he", "להעלות את השיעור ל-26% וגם להוריד את הנטישה",
     ("להעלות את השיעור ל-26%", "גם להוריד את הנטישה")),
    ("he", "להעלות את השיעור ל-26% ואת הנטישה ל-10%",
     ("להעלות את השיעור ל-26%", "את הנטישה ל-10%")),
])
def test_compound_goals(language: str, text: str, parts: tuple[str, str]) -> None:
    assert matcher(language).analyse(text).compound == parts


@pytest.mark.parametrize("language, text", [
    ("en", "Raise the repeat rate of tea and coffee buyers from 20 % to 26 %"),
    ("en", "Win back and reactivate lapsed buyers"),
    ("en", "Raise the repeat rate of 25 and 35 year olds from 20 % to 26 %"),
    ("en", "Raise the sign-up and purchase rate from 20 % to 26 %"),
    ("en", "Raise the repeat rate from 20 % to 26 % and hold"),
    ("en", "Raise the repeat rate to 26 % and keep it there"),
    ("fi", "Nosta osuus 26 %:iin ja pidä se siellä"),
    ("he", "להעלות את השיעור ל-26% ולשמור עליו"),
    ("en", "Raise the repeat rate, from 20 % to 26 %"),
    ("fi", "Nosta teen ja kahvin ostajien osuus 20 %:sta 26 %:iin"),
    ("fi", "Kanta-asiakkaiden lisäksi myös uudet ostajat 26 %:iin"),
    ("he", "להעלות את שיעור הרכישה של קוני תה וקפה מ-20% ל-26%"),
    ("he", "להעלות את שיעור הרכישה של לקוחות ותיקים מ-20% ל-26%"),
    ("he", "להעלות את השיעור מ-20% ל-26% ובהקדם"),
])
def test_single_outcomes(language: str, text: str) -> None:
    assert matcher(language).analyse(text).compound is None


# -- the word list files ------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "fi", "he"])
def test_bundled_lists_load_and_cover_every_check(language: str) -> None:
    lists = bundled(language)
    for key in ("vague", "soft", "time", "outcome", "and", "allow"):
        assert lists.get(key), f"{language}.yaml has no {key}"


def test_team_lists_add_words_and_allow_others() -> None:
    team = parse_wordlists({"vague": ["synerg*"], "allow": ["more", "Roast Club better"]}, ENGLISH)
    m = matcher("en", team)
    assert m.analyse("Create synergies with the club").vague == ("synergies",)
    assert m.analyse("Get more buyers").vague == ()
    assert m.analyse("Join the Roast Club better plan").vague == ()
    assert matcher("en").analyse("Get more buyers").vague == ("more",)  # others unchanged


def test_team_lists_for_hebrew_use_the_prefixes() -> None:
    m = matcher("he", parse_wordlists({"vague": ["סינרגיה"]}, ENGLISH))
    assert m.analyse("ליצור סינרגיה ולסינרגיה").vague == ("סינרגיה", "ולסינרגיה")


@pytest.mark.parametrize("data, message", [
    ("better", "mapping"),
    ({"vauge": ["better"]}, "unknown list 'vauge'"),
    ({"vague": "better"}, "must be a list"),
    ({"vague": ["bett{er"]}, "not a valid pattern"),
    ({"prefixes": ["ab"]}, "single letters"),
])
def test_bad_word_lists_say_why(data: object, message: str) -> None:
    with pytest.raises(WordListError, match=message):
        parse_wordlists(data, ENGLISH)


def test_every_list_key_is_documented_in_the_bundled_files() -> None:
    from planner.textmatch import WORDLISTS

    text = (WORDLISTS / "en.yaml").read_text(encoding="utf-8")
    for key in LIST_KEYS:
        assert f"\n{key}:" in text


# -- any text is safe ---------------------------------------------------------------------------



@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), language=st.sampled_from(["en", "fi", "he"]))
def test_any_title_can_be_analysed(text: str, language: str) -> None:
    a = matcher(language).analyse(text)
    assert a.words >= 0
    if a.compound:
        assert all(isinstance(part, str) for part in a.compound)


# -- morphology: comparatives and superlatives of words the lists do not name ------------------

@pytest.mark.parametrize("language, word, category", [
    ("en", "snappier", "vague"), ("en", "bigger", "vague"), ("en", "wider", "vague"),
    ("en", "cheapest", "soft"), ("en", "trendiest", "soft"), ("en", "lowest", "soft"),
    ("en", "smartest", "soft"), ("en", "boldest", "soft"),
    ("fi", "nopeampi", "vague"), ("fi", "nopeammin", "vague"), ("fi", "sujuvammat", "vague"),
    ("fi", "asiakaslähtöisempää", "vague"), ("fi", "tuottavimmat", "soft"),
    ("fi", "halutuin", "soft"), ("fi", "tehokkaimpien", "soft"),
])
def test_degrees_of_any_adjective(language: str, word: str, category: str) -> None:
    assert category_of(language, word) == category


@pytest.mark.parametrize("language, word", [
    ("en", "customer"), ("en", "newsletter"), ("en", "interest"), ("en", "priest"),
    ("en", "latest"), ("en", "order"), ("en", "request"), ("en", "harvest"), ("en", "suggest"),
    ("fi", "kampanjan"), ("fi", "joulukampanjassa"), ("fi", "lampaan"), ("fi", "summassa"),
    ("fi", "asiakkaamme"), ("fi", "tekemät"), ("fi", "vanhemmat"), ("fi", "kumppanimme"),
])
def test_words_that_only_end_like_a_degree(language: str, word: str) -> None:
    assert category_of(language, word) is None


# -- context: a number bound to a comparison, numbers in words, quoted names -------------------

@pytest.mark.parametrize("language, text, vague", [
    ("en", "Ship 300 more bundles to club members", ()),
    ("en", "Ship bundles to 5 or more club members", ()),
    ("en", "Ship bundles to club members more than twice a year", ()),
    ("en", "Ship bundles to club members more than ever", ("more",)),
    ("en", "Ship bundles 20 % faster", ()),
    ("en", "Lift NPS from 40 to 48 with better packaging", ("better",)),  # 48 is not "how much"
    ("en", "Ship bundles snappier than the competition", ("snappier",)),
    ("en", "Make reorders much snappier for club members", ("snappier",)),
    ("en", "Keep even order volumes for club members", ()),
    ("fi", "Toimita 300 pakettia enemmän kerhon jäsenille", ()),
    ("fi", "Toimita paketit kerhon jäsenille nopeammin kuin ennen", ("nopeammin",)),
    ("fi", "Toimita paketit kerhon jäsenille useammin kuin kolmesti vuodessa", ()),
    ("he", "לשלוח 300 מארזים יותר לחברי המועדון", ()),
    ("he", "לשלוח מארזים לחברי המועדון יותר מפעמיים בשנה", ("יותר",)),
    ("he", "לשלוח מארזים לחברי המועדון יותר מ-2 פעמים בשנה", ()),
])
def test_a_number_bound_to_a_comparison_makes_it_precise(
        language: str, text: str, vague: tuple[str, ...]) -> None:
    assert matcher(language).analyse(text).vague == vague


@pytest.mark.parametrize("language, text, numbers", [
    ("en", "Lift opens by thirty-five percent", ("thirty-five",)),
    ("en", "Move two thirds of buyers to the app", ("two thirds",)),
    ("fi", "Nosta avauksia neljänneksellä", ("neljänneksellä",)),
    ("fi", "Tuo kaksisataa uutta ostajaa", ()),  # compounds of hundreds are not listed
    ("he", "להגדיל את הפתיחות ברבע", ("ברבע",)),
    ("he", "להכפיל פי שלושה את הרוכשים", ("פי שלושה",)),
])
def test_numbers_written_as_words(language: str, text: str, numbers: tuple[str, ...]) -> None:
    assert matcher(language).analyse(text).numbers == numbers


@pytest.mark.parametrize("language, text", [
    ("en", "Raise clicks on the 'Best offers soon' banner to 6 %"),
    ("en", "Raise clicks on the “More for you” banner to 6 %"),
    ("fi", "Nosta ”Parhaat tarjoukset pian” -bannerin klikkaukset 6 %:iin"),
    ("he", 'להעלות ל-6% את ההקלקות על הבאנר "יותר בקרוב"'),
])
def test_a_quoted_name_is_not_judged(language: str, text: str) -> None:
    a = matcher(language).analyse(text)
    assert (a.vague, a.time) == ((), ())


def test_apostrophes_are_not_quotes() -> None:
    a = matcher("en").analyse("Grow members' repeat orders and partners' sales soon")
    assert a.time == ("soon",)


# -- time phrases and while-joints --------------------------------------------------------------

@pytest.mark.parametrize("language, text, time", [
    ("en", "Sign 900 partners over the coming quarters", ("over the coming quarters",)),
    ("en", "Sign 900 partners in the medium term", ("in the medium term",)),
    ("fi", "Hanki 900 kumppania tulevina viikkoina", ("tulevina viikkoina",)),
    ("fi", "Hanki 900 kumppania keskipitkällä aikavälillä", ("keskipitkällä aikavälillä",)),
    ("he", "לגייס 900 שותפים בשנים הקרובות", ("בשנים הקרובות",)),
    ("he", "לגייס 900 שותפים לטווח ארוך", ("לטווח ארוך",)),
    ("he", "לגייס 900 שותפים בסניפים הקרובים", ()),
])
def test_time_phrases(language: str, text: str, time: tuple[str, ...]) -> None:
    assert matcher(language).analyse(text).time == time


@pytest.mark.parametrize("language, text, compound", [
    ("en", "Sign 900 partners while holding churn at 4 %", True),
    ("en", "Sign 900 partners while stocks last", False),
    ("fi", "Hanki 900 kumppania samalla kun poistuma pysyy 4 %:ssa", True),
    ("fi", "Hanki 900 kumppania samalla kun kampanja on käynnissä", False),
    ("he", "לגייס 900 שותפים תוך הורדת הנטישה ל-4%", True),
    ("he", "לגייס 900 שותפים תוך 90 יום", False),
])
def test_while_joins_a_second_outcome(language: str, text: str, compound: bool) -> None:
    assert (matcher(language).analyse(text).compound is not None) == compound


# -- Hebrew gender and number forms, final letters ----------------------------------------------

@pytest.mark.parametrize("word", ["נהדר", "נהדרת", "נהדרים", "נהדרות", "והנהדרות", "מושלמת",
                                  "מושלמים", "מעולים", "מצוינות"])
def test_hebrew_adjectives_in_every_gender_and_number(word: str) -> None:
    assert category_of("he", word) == "vague"


def test_hebrew_team_adjective_gets_its_forms() -> None:
    m = matcher("he", parse_wordlists({"vague": ["חלומי"]}, ENGLISH))
    assert m.analyse("חוויה חלומית ללקוחות חלומיים").vague == ("חלומית", "חלומיים")


@pytest.mark.parametrize("data", [{"suffixes": ["ותיות"]}, {"suffixes": ["1"]}])
def test_bad_suffixes_say_why(data: object) -> None:
    with pytest.raises(WordListError, match="endings of one to three letters"):
        parse_wordlists(data, ENGLISH)
