"""Word matching for the SMART text checks (S101, S102, S103, T505), per language.

The words are data, not code: `planner/wordlists/<lang>.yaml` ships with
planner, and a team adds its own in `<plans>/wordlists/<lang>.yaml` (same
format; its `allow:` entries un-flag words, e.g. a product name).

Categories of a word list:

- ``vague``: always vague in a goal title (significant, excellent, optimal...);
- ``comparative``: vague unless a number is bound to the comparison (more,
  fewer, better: "500 more orders" and "more than 3 times" are precise, "more
  than before" is not). The -er/-est forms of ``gradable`` adjectives and the
  Finnish -mpi/-in forms of any adjective join it (see planner.morphology);
- ``soft``: vague only when the title holds no concrete number (raise,
  increase, improve, most: "Raise the repeat rate from 20 % to 26 %" is fine);
- ``time``: vague time words (soon, in the coming months; pian; בהקדם);
- ``number``: numbers written as words or fractions (twenty-six, a third;
  kolmanneksella; בחצי), concrete like digits;
- ``than``: the word after a comparison that introduces its number (than, kuin, מ);
- ``cues``: words after which any word in -er is a comparison ("much snappier",
  "far fewer"), as it is before ``than`` ("snappier than");
- ``prepositions``: words that keep a number from binding to a comparison after
  them ("from 44 to 52 with better roasts": 52 is not how much better);
- ``gradable``: English adjectives whose -er/-est forms are comparisons;
- ``outcome``: verbs that start an outcome (raise, cut, keep, win...), for S103;
- ``and``: words that join two clauses (and, ja, sekä), for S103;
- ``while``: words that join a second outcome when it has a number of its own
  ("while keeping churn under 3 %", samalla kun, תוך), for S103;
- ``filler``: words that may stand between "and" and the second verb (also, then);
- ``months``: month names, so that "30 June" is read as a date, not a target;
- ``allow``: words and phrases that are never flagged ("no more than", מיותר);
- ``prefixes`` / ``and_prefixes``: letters a language attaches to the front of
  words (Hebrew ו ה ב כ ל מ ש); ``and_prefixes`` are the ones meaning "and";
- ``suffixes``: gender and number endings (Hebrew ה ת ים ות) that the single
  words of ``vague`` take: מצוין also finds מצוינת, מצוינים and מצוינות.

Patterns: a word matches itself, case-insensitively and whole; ``*`` matches
any ending; ``{a,b,}`` matches one of the listed endings (an empty one
included), so the Finnish ``parann{a,etaan,us*}`` matches *paranna*,
*parannetaan* and *parannuksia* without matching *parantola*; several words
separated by spaces are a phrase matching consecutive words.

Hebrew words are tried as written, then with up to three prefix letters taken
off one at a time (ובהקדם -> בהקדם -> הקדם); the first form that matches any
list decides, so מיותר ("unnecessary", listed under allow) is not read as
מ+יותר ("more"), while ויותר is. Final letters (ם ן ץ ף ך) match their
ordinary forms.

A quoted span ('Points expiring soon', ”Enemmän etuja”, "בקרוב אצלנו") is a
name: nothing inside it is judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from planner import morphology
from planner.i18n import ENGLISH, Language

WORDLISTS = Path(__file__).parent / "wordlists"
LIST_KEYS = ("vague", "comparative", "soft", "time", "number", "than", "cues", "prepositions",
             "gradable", "outcome", "and", "while", "filler", "months", "allow")
SETTING_KEYS = ("prefixes", "and_prefixes", "suffixes")
# Marking categories, strongest first: a word in several takes the first.
_MARKING = ("allow", "time", "vague", "comparative", "soft", "number")
# A number at most this many words before a comparison, or after its "than", is bound to it.
_BOUND_WORDS = 3
_MAX_PREFIXES = 3

_TOKEN = re.compile(
    r"(?P<date>(?<![\w.])(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{4}-?[Qq][1-4]|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)"
    r"(?![\w%]))"
    r"|(?P<num>(?<![A-Za-z\d])(?:\d{1,3}(?:[\u00a0\u202f\x20]\d{3})+(?!\d)|\d+(?:[.,]\d+)*))"
    r"|(?P<word>[^\W\d_]+(?:['’׳״\"\-‐־][^\W\d_]+)*)"
    r"|(?P<punct>[,;&+])"
)
_UNIT_SUFFIX = frozenset({"k", "m", "x", "pp", "mn", "bn", "mrd", "t"})
_CURRENCY_BEFORE = re.compile(r"(?:[€$£₪¥]|\b[A-Z]{3})\s?$")
_PERCENT_AFTER = re.compile(r"\s?[%‰]")
_LATIN_AFTER = re.compile(r"[A-Za-z]+")
_HYPHENS = "-‐־"
_NO_CLASSES: frozenset[str] = frozenset()
_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit (what str.isalnum says of a character)
# Word categories that keep a number before them from binding to a comparison after them.
_UNBINDING = frozenset({"prepositions", "and", "while", "outcome"})
_JOINING = frozenset({"and", "while"})  # the lists of words that join two clauses


# Combining marks (decomposed accents, Hebrew points and cantillation) and invisible
# format characters (zero-width joiners, bidi marks) that may sit inside a word.
_MARKS = re.compile(
    "[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def normalise(text: str) -> str:
    """NFC, without combining marks (Hebrew points) or format characters (bidi marks)."""
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFC", text))


# Hebrew final letters match their ordinary forms (מצוין, מצוינת).
_FINALS = str.maketrans("ךםןףץ", "כמנפצ")


def _casefold(text: str) -> str:
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_FINALS)


# A quoted span is a name ('Points expiring soon' reminder): masked before matching. The
# opening quote follows no letter and the closing one precedes none, so apostrophes
# (customers' orders, don't) and Hebrew acronyms (צה"ל) are not quotes.
_QUOTED = re.compile(
    r"(?<!\w)(?:'[^'\n]+'|\"[^\"\n]+\"|“[^”\n]+”|”[^”\n]+”|„[^“”\n]+[“”]|«[^»\n]+»"
    r"|‘[^’\n]+’|״[^״\n]+״)(?!\w)")


def mask_quotes(text: str) -> str:
    """`text` with every quoted span blanked out (same length, so positions hold)."""
    if "'" not in text and '"' not in text and not any(q in text for q in "“”„«‘״"):
        return text
    return _QUOTED.sub(lambda m: " " * len(m[0]), text)


# -- patterns ---------------------------------------------------------------------------------

_BRACES = re.compile(r"\{([^{}]*)\}")


def _element_regex(element: str) -> str:
    """One word of a pattern as a regular expression (without anchors)."""
    out, pos = [], 0
    for m in _BRACES.finditer(element):
        out.append(_literal(element[pos:m.start()]))
        out.append("(?:" + "|".join(_literal(alt.strip()) for alt in m[1].split(",")) + ")")
        pos = m.end()
    out.append(_literal(element[pos:]))
    return "".join(out)


class _Unbalanced(ValueError):
    """A brace of an {a,b} alternative is not closed (or not opened)."""


def _literal(text: str) -> str:
    if "{" in text or "}" in text:
        raise _Unbalanced(text)
    return ".*".join(re.escape(part) for part in text.split("*"))


def _fold(text: str) -> str:
    return _casefold(normalise(text))


@dataclass(frozen=True, slots=True)
class _Element:
    exact: str | None  # a plain word, matched by equality
    regex: re.Pattern[str] | None

    def matches(self, forms: tuple[str, ...]) -> bool:
        if self.regex is None:
            return self.exact in forms
        return any(self.regex.fullmatch(f) for f in forms)


def _spellings(element: str) -> list[str] | None:
    """Every word a pattern without `*` matches ("{a,one} third" -> a third, one third),
    so that phrases can be looked up by their first word; None when it has a `*`."""
    if "*" in element:
        return None
    words = [""]
    pos = 0
    for m in _BRACES.finditer(element):
        fixed = element[pos:m.start()]
        words = [w + fixed + alt.strip() for w in words for alt in m[1].split(",")]
        pos = m.end()
    return [w + element[pos:] for w in words]


def _element(text: str) -> _Element:
    if "*" in text or "{" in text or "}" in text:
        return _Element(None, re.compile(_element_regex(text)))
    return _Element(text, None)


# -- word lists -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordLists:
    """The raw entries of one or more word list files, merged."""

    lists: tuple[tuple[str, tuple[str, ...]], ...]
    prefixes: str = ""
    and_prefixes: str = ""
    suffixes: tuple[str, ...] = ()

    def get(self, key: str) -> tuple[str, ...]:
        return dict(self.lists).get(key, ())

    def merged(self, other: WordLists) -> WordLists:
        mine, theirs = dict(self.lists), dict(other.lists)
        lists = tuple((k, mine.get(k, ()) + tuple(e for e in theirs.get(k, ())
                                                  if e not in mine.get(k, ())))
                      for k in LIST_KEYS)
        return WordLists(lists, _union(self.prefixes, other.prefixes),
                         _union(self.and_prefixes, other.and_prefixes),
                         self.suffixes + tuple(x for x in other.suffixes if x not in self.suffixes))


def _union(a: str, b: str) -> str:
    return a + "".join(ch for ch in b if ch not in a)


class WordListError(ValueError):
    """A word list file that cannot be used; `line` is 1-based or 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def parse_wordlists(data: Any, lang: Language) -> WordLists:
    """Validate the parsed YAML of a word list file. Raises WordListError, said in `lang`."""
    if data is None:
        return WordLists(tuple((k, ()) for k in LIST_KEYS))
    if not isinstance(data, dict):
        raise WordListError(lang._("a word list file is a mapping of lists, e.g. `vague: [better, more]`"))
    lists: dict[str, tuple[str, ...]] = {}
    settings = {"prefixes": "", "and_prefixes": ""}
    suffixes: tuple[str, ...] = ()
    for key, value in data.items():
        if key not in LIST_KEYS and key not in SETTING_KEYS:
            raise WordListError(lang._("unknown list '{key}'; known: {known}").format(
                key=key, known=", ".join(LIST_KEYS + SETTING_KEYS)))
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise WordListError(lang._("'{key}' must be a list of words").format(key=key))
        if key == "suffixes":
            if not all(len(v.strip()) <= 3 and v.strip().isalpha() for v in value):
                raise WordListError(lang._("'{key}' lists endings of one to three letters").format(
                    key=key))
            suffixes = tuple(_fold(v.strip()) for v in value)
            continue
        if key in SETTING_KEYS:
            if not all(len(v.strip()) == 1 for v in value):
                raise WordListError(lang._("'{key}' lists single letters").format(key=key))
            settings[key] = "".join(_fold(v.strip()) for v in value)
            continue
        entries = []
        for v in value:
            entry = " ".join(_fold(v).split())
            try:
                for part in entry.split(" "):
                    _element(part)
            except (ValueError, re.error) as exc:
                reason = lang._("unbalanced braces") if isinstance(exc, _Unbalanced) else exc
                raise WordListError(lang._("'{entry}' in '{key}' is not a valid pattern: {reason}").format(
                    entry=v, key=key, reason=reason)) from None
            entries.append(entry)
        lists[key] = tuple(entries)
    return WordLists(tuple((k, lists.get(k, ())) for k in LIST_KEYS),
                     settings["prefixes"], settings["and_prefixes"], suffixes)


@cache
def bundled(language: str) -> WordLists:
    """The word lists shipped with planner for `language` (English when unknown)."""
    import yaml

    path = WORDLISTS / f"{language}.yaml"
    if not path.is_file():
        path = WORDLISTS / "en.yaml"
    # libyaml's loader: the bundled lists are trusted, and the pure-Python one takes 0.1 s.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return parse_wordlists(yaml.load(path.read_text(encoding="utf-8"), Loader=loader), ENGLISH)


@lru_cache(maxsize=64)
def _team_file(path: str, root: str, stamp: tuple[int, int], lang: Language) -> WordLists:
    """A team's word list file, parsed once per version of the file (`stamp`); like every
    plan file, read only when it is a regular file inside the plans directory `root`.
    Its problems are said in `lang`."""
    from planner.files import Unreadable, read_bytes
    from planner.load import parse

    try:
        text = read_bytes(Path(path), Path(root), lang).decode("utf-8-sig")
    except Unreadable as exc:
        raise WordListError(exc.message) from None
    except UnicodeDecodeError as exc:
        raise WordListError(lang._("cannot read the file: {reason}").format(reason=exc)) from None
    doc, problems = parse(text, path, lang)
    if problems:
        raise WordListError(problems[0].message, problems[0].line)
    try:
        return parse_wordlists(doc.data, lang)
    except WordListError as exc:
        raise WordListError(exc.message, _line_of(doc, exc.message)) from None


def _line_of(doc: Any, message: str) -> int:
    m = re.search(r"'([^']+)'", message)
    if m and doc.root is not None:
        for line, text in enumerate(doc.text.splitlines(), start=1):
            if m[1] in text and not text.lstrip().startswith("#"):
                return line
    return 0


def team_wordlists(root: Path, lang: Language) -> WordLists | None:
    """`<root>/wordlists/<language>.yaml` when it exists. Raises WordListError."""
    path = root / "wordlists" / f"{lang.code}.yaml"
    try:
        st = path.stat()
    except OSError:
        try:
            st = path.lstat()  # a dangling or looping link: read it to say so
        except OSError:
            return None
    return _team_file(str(path), str(root), (st.st_mtime_ns, st.st_size), lang)


# -- the matcher ------------------------------------------------------------------------------


class Token(NamedTuple):
    """One token of a title (a tuple: an analysis makes one per word)."""

    kind: str  # word | num | date | punct
    text: str  # as written
    fold: str  # casefolded
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the text checks need to know about one title."""

    words: int  # words (and numbers) separated by spaces
    numbers: tuple[str, ...]  # concrete numbers (not dates, years or ordinals), digits or words
    flagged: tuple[tuple[str, str], ...]  # (category, words) in title order: time, vague, soft
    compound: tuple[str, str] | None  # the two outcomes of a compound title

    def _of(self, *categories: str) -> tuple[str, ...]:
        return tuple(words for category, words in self.flagged if category in categories)

    @property
    def vague(self) -> tuple[str, ...]:
        """Always vague words, and comparisons with no number bound to them."""
        return self._of("vague")

    @property
    def soft(self) -> tuple[str, ...]:
        """Words that are vague when the title has no concrete number."""
        return self._of("soft")

    @property
    def time(self) -> tuple[str, ...]:
        return self._of("time")

    @property
    def vague_words(self) -> tuple[str, ...]:
        """The words S102 reports, in title order."""
        return self._of("vague") if self.numbers else self._of("vague", "soft")


@dataclass(slots=True)
class _Phrase:
    category: str
    elements: tuple[_Element, ...]


class _Word(NamedTuple):
    """What the lists say about one word: its categories (`Matcher.classes`), the strongest
    of them that marks a word (`_MARKING`), the phrases that may start with it, whether it
    may start a joint ("and", "as well as"), and whether it is in no list but ends in -er
    (a comparison where the sentence shows one: `Matcher._in_comparison`)."""

    classes: frozenset[str]
    marked: str | None
    phrases: tuple[_Phrase, ...]
    joins: bool
    er: bool


_NOT_LISTED = _Word(frozenset(), None, (), False, False)


class _Mark(NamedTuple):
    """A word or phrase of the title that a list (or the morphology) puts in a category."""

    start: int  # token indices, end exclusive
    end: int
    category: str


@dataclass(slots=True)
class Matcher:
    """Compiled word lists of one language. Build with `matcher()`."""

    lists: WordLists
    language: str = ""
    _exact: dict[str, frozenset[str]] = field(default_factory=dict)
    # The patterns with a `*` or `{a,b}`, per category, by the letter they start with (only
    # those of its first letter are tried on a word); "" holds those that start with neither.
    _wild: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict)
    _phrases: dict[str, list[_Phrase]] = field(default_factory=dict)
    _wild_phrases: list[_Phrase] = field(default_factory=list)

    def __post_init__(self) -> None:
        exact: dict[str, set[str]] = {}
        wild: dict[tuple[str, str], list[str]] = {}  # (first letter or "", category) -> regexes
        for category in LIST_KEYS:
            for entry in self.lists.get(category):
                parts = entry.split(" ")
                if len(parts) > 1:
                    phrase = _Phrase(category, tuple(_element(p) for p in parts))
                    firsts = _spellings(parts[0])
                    if firsts is None:
                        self._wild_phrases.append(phrase)
                    for first in firsts or ():
                        self._phrases.setdefault(first, []).append(phrase)
                elif "*" in entry or "{" in entry:
                    first = entry[0] if entry[0] not in "*{" else ""
                    wild.setdefault((first, category), []).append(_element_regex(entry))
                else:
                    exact.setdefault(entry, set()).add(category)
                    if category == "vague":
                        for form in self._gender_forms(entry):
                            exact.setdefault(form, set()).add(category)
        for base in self.lists.get("gradable"):
            for form, degree in morphology.english_forms(base):
                category = "comparative" if degree == morphology.COMPARATIVE else "soft"
                exact.setdefault(form, {category})  # a listed word keeps its own category
        self._exact = {k: frozenset(v) for k, v in exact.items()}
        for (first, category), pats in wild.items():
            self._wild.setdefault(first, []).append(
                (category, re.compile("|".join(f"(?:{p})" for p in pats))))

    def _gender_forms(self, word: str) -> Iterator[str]:
        """The gender and number forms of an adjective (Hebrew מצוין: מצוינת, מצוינים)."""
        if not self.lists.suffixes:
            return
        stems = {word}
        if word[-1:] in self.lists.suffixes and len(word) > 3:
            stems.add(word[:-1])  # מעולה -> מעולים
        for stem in stems:
            for suffix in self.lists.suffixes:
                yield stem + suffix

    # Words

    def forms(self, fold: str) -> tuple[str, ...]:
        """The word as written, then with prefix letters taken off one at a time."""
        prefixes = self.lists.prefixes
        if not prefixes or fold[:1] not in prefixes:
            return (fold,)
        out = [fold]
        word = fold
        for _i in range(_MAX_PREFIXES):
            if not prefixes or not word or word[0] not in prefixes:
                break
            word = word[1:].lstrip(_HYPHENS)
            if len(word) < 2:
                break
            out.append(word)
        return tuple(out)

    def classes(self, fold: str) -> frozenset[str]:
        """The list categories of a casefolded word: those of its first form that is in
        any list, else its degree (a comparative or superlative by its ending)."""
        anywhere = self._wild.get("", ())
        for form in self.forms(fold):
            listed = self._exact.get(form, _NO_CLASSES)
            wild = [c for c, rx in (*self._wild.get(form[:1], ()), *anywhere) if rx.fullmatch(form)]
            if wild:
                return listed.union(wild)
            if listed:
                return listed
        degree = morphology.degree(self.language, fold)
        if degree is None:
            return frozenset()
        return frozenset({"comparative" if degree == morphology.COMPARATIVE else "soft"})

    def tokens(self, text: str) -> list[Token]:
        text = normalise(text)
        return [Token(m.lastgroup or "", m[0], _casefold(m[0]), m.start(), m.end())
                for m in _TOKEN.finditer(text)]

    # Titles

    def analyse(self, title: str) -> Analysis:
        """What the text checks need to know about `title` (the rules read it once per goal,
        from `GoalContext.title_analysis`)."""
        return self.analyse_all((title,))[title]

    def analyse_all(self, titles: Iterable[str]) -> dict[str, Analysis]:
        """The analysis of each distinct title of `titles`. The titles of a plan share most
        of their words: what the lists say about each distinct word is looked up once, for
        all of them, in the lexicon of these titles (filled as they are read)."""
        lexicon: dict[tuple[str, str], _Word] = {}
        out: dict[str, Analysis] = {}
        for title in titles:
            if title in out:
                continue
            text = normalise(title)
            tokens = self.tokens(mask_quotes(text))
            found = []
            for t in tokens:
                if t.kind == "word" or t.kind == "num":
                    word = lexicon.get((t.kind, t.fold))
                    if word is None:
                        word = lexicon[t.kind, t.fold] = self._word(t.kind, t.fold)
                    found.append(word)
                else:
                    found.append(_NOT_LISTED)
            out[title] = self._analysis(text, tokens, found)
        return out

    def _word(self, kind: str, fold: str) -> _Word:
        """What the lists say about a word (or number) token."""
        classes = self.classes(fold)
        marked = next((c for c in _MARKING if c in classes), None)
        if kind != "word":
            return _Word(classes, marked, (), False, False)
        forms = self.forms(fold)
        phrases = [p for f in forms for p in self._phrases.get(f, ())]
        phrases += [p for p in self._wild_phrases if p.elements[0].matches(forms)]
        joins = not classes.isdisjoint(_JOINING) or any(
            p.category in _JOINING for p in self._phrases.get(fold, ()))
        er = not classes and len(fold) >= 5 and fold.endswith("er")
        return _Word(classes, marked, tuple(phrases), joins, er)

    def _analysis(self, text: str, tokens: list[Token], found: list[_Word]) -> Analysis:
        """`found`: what the lists say about each token (every step below asks about a
        token's neighbours too)."""
        words = len(list(filter(_ALNUM.search, text.split())))
        classes = [w.classes for w in found]
        marks = self._marks(tokens, classes, found)
        concrete = [t.kind == "num" and self._concrete(text, tokens, classes, i)
                    for i, t in enumerate(tokens)]
        for mark in marks:
            if mark.category == "number":
                concrete[mark.start] = True
        numbers = tuple(
            [t.text for t, c in zip(tokens, concrete, strict=True) if c and t.kind == "num"]
            + [_span(text, tokens, m) for m in marks if m.category == "number"])
        flagged = []
        for mark in marks:
            category = mark.category
            if category == "comparative":
                if self._bound(tokens, classes, concrete, mark):
                    continue
                category = "vague"
            if category in ("time", "vague", "soft"):
                flagged.append((category, _span(text, tokens, mark)))
        return Analysis(words=words, numbers=numbers, flagged=tuple(flagged),
                        compound=self._compound(text, tokens, classes, found, concrete))

    def _marks(self, tokens: list[Token], classes: list[frozenset[str]], found: list[_Word]
               ) -> list[_Mark]:
        """Every marked word or phrase in title order, phrases first; a word is marked
        once, under the strongest category (allow beats all)."""
        taken = [False] * len(tokens)
        marks: list[_Mark] = []
        phrases = list(self._phrase_hits(tokens, found))
        for category in _MARKING:
            for start, end, listed in phrases:
                if listed != category or any(taken[start:end]):
                    continue
                taken[start:end] = [True] * (end - start)
                marks.append(_Mark(start, end, category))
        for i, word in enumerate(found):
            if taken[i] or tokens[i].kind != "word":
                continue
            marked = word.marked
            if word.er and self._in_comparison(tokens, classes, i):
                marked = "comparative"  # "snappier than", "much snappier": any -er word
            if marked:
                marks.append(_Mark(i, i + 1, marked))
        marks.sort(key=lambda m: m.start)
        return [m for m in marks if m.category != "allow"]

    @staticmethod
    def _in_comparison(tokens: list[Token], classes: list[frozenset[str]], i: int) -> bool:
        """Whether word `i` (in -er: `_Word.er`) is where the sentence shows a comparison:
        before "than" or after a cue such as "much", "far", "even"."""
        return any(0 <= j < len(tokens) and tokens[j].kind == "word" and key in classes[j]
                   for j, key in ((i + 1, "than"), (i - 1, "cues")))

    def _bound(self, tokens: list[Token], classes: list[frozenset[str]], concrete: list[bool],
               mark: _Mark) -> bool:
        """Whether a concrete number is bound to the comparison `mark`: a few words
        before it ("500 more orders", "20 % parempi") or after its "than" ("more than
        3 times", "יותר מ-3"). A comma, a semicolon, a preposition or a joining word
        ends the reach ("to 52 with better roasts")."""
        for j in range(mark.start - 1, max(-1, mark.start - 1 - _BOUND_WORDS), -1):
            if concrete[j]:
                return True
            if tokens[j].kind == "punct" or (tokens[j].kind == "word"
                                             and not classes[j].isdisjoint(_UNBINDING)):
                break
        after = mark.end
        if after < len(tokens) and tokens[after].kind == "word" and "than" in classes[after]:
            for j in range(after + 1, min(len(tokens), after + 1 + _BOUND_WORDS)):
                if tokens[j].kind == "punct":
                    break
                if concrete[j]:
                    return True
        return False

    def _phrase_hits(self, tokens: list[Token], found: list[_Word]
                     ) -> Iterator[tuple[int, int, str]]:
        """(start, end, category) of every phrase of the lists found in `tokens`."""
        for i, word in enumerate(found):
            for phrase in word.phrases:
                n = len(phrase.elements)
                window = tokens[i:i + n]
                if len(window) == n and all(
                        t.kind == "word" and e.matches(self.forms(t.fold))
                        for t, e in zip(window[1:], phrase.elements[1:], strict=True)):
                    yield i, i + n, phrase.category

    def _concrete(self, text: str, tokens: list[Token], classes: list[frozenset[str]], i: int
                  ) -> bool:
        """Whether number token `i` is a concrete quantity rather than a date, a year, an
        ordinal or part of a name (Q2, B2B)."""
        tok = tokens[i]
        if tok.kind != "num":
            return False
        after = _LATIN_AFTER.match(text, tok.end)
        if after and after[0].lower() not in _UNIT_SUFFIX:
            return False  # 30th, 2nd, 24h, 3D
        digits = tok.text
        if (len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100
                and not _PERCENT_AFTER.match(text, tok.end)
                and not _CURRENCY_BEFORE.search(text, 0, tok.start)):
            return False  # a year
        for j in (i - 1, i + 1):
            if 0 <= j < len(tokens) and tokens[j].kind == "word" and "months" in classes[j]:
                return False  # 30 June, kesäkuun 30.
        return True

    # Compound goals (S103)

    def _compound(self, text: str, tokens: list[Token], classes: list[frozenset[str]],
                  found: list[_Word], concrete: list[bool]) -> tuple[str, str] | None:
        """The two outcomes when the title joins them: a joint ("and", a comma, or a
        Hebrew word with the prefix ו) followed by a second outcome verb, or a
        number on each side ("to 26 % and churn to 10 %"); "while" (samalla kun, תוך)
        joins a second outcome that has a verb or a number of its own, not a window
        ("within 30 days": תוך 30 יום)."""
        joints = list(self._joints(tokens, classes, found))
        for n, (at, right, glued, kind) in enumerate(joints):
            end = joints[n + 1][0] if n + 1 < len(joints) else len(tokens)
            if at == 0 or right >= end:
                continue  # nothing on the left or on the right of the joint
            first = self._skip_fillers(tokens, classes, right, end, glued)
            if first is None:
                continue
            k, first_classes = first
            first_tok = tokens[k]
            verb = (first_tok.kind == "word" and "outcome" in first_classes
                    and self._content_after(tokens, classes, k, end))
            right_num = any(concrete[right:end])
            if kind == "while":
                if (first_tok.kind != "num" and (verb or right_num)
                        and self._left_outcome(tokens, classes, concrete, at)):
                    return self._split(text, tokens, at, right, end)
                continue
            if verb and self._left_outcome(tokens, classes, concrete, at):
                return self._split(text, tokens, at, right, end)
            if kind == "comma" or first_tok.kind == "num":
                continue
            if any(concrete[max(0, at - 3):at]) and right_num:
                return self._split(text, tokens, at, right, end)
        return None

    def _joints(self, tokens: list[Token], classes: list[frozenset[str]], found: list[_Word]
                ) -> Iterator[tuple[int, int, bool, str]]:
        """(index, start of the right clause, right word has a glued "and", kind): kind is
        "comma" for punctuation only, "while" when a while-word is in the run, else "and"."""
        and_prefixes = self.lists.and_prefixes
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            j, kind = i, "comma"
            # a run of joining tokens: ", and", "and also" are one joint
            while j < len(tokens):
                t = tokens[j]
                if t.kind == "punct":
                    kind = kind if t.text in ",;" else ("and" if kind == "comma" else kind)
                    j += 1
                    continue
                if t.kind == "word" and found[j].joins:
                    length, joint = self._joint_length(tokens, classes, j)
                    if length:
                        kind = "while" if "while" in (joint, kind) else "and"
                        j += length
                        continue
                break
            if j > i:
                yield i, j, False, kind
                i = j
                continue
            if (tok.kind == "word" and and_prefixes and tok.fold[0] in and_prefixes
                    and len(tok.fold) > 2):
                yield i, i, True, "and"
            i += 1

    def _joint_length(self, tokens: list[Token], classes: list[frozenset[str]], i: int
                      ) -> tuple[int, str]:
        """How many words the joining word or phrase ("and", "as well as", "samalla kun")
        at `i` spans, and its list ("and" or "while"); (0, "") when there is none."""
        tok = tokens[i]
        for kind in ("and", "while"):
            if kind in classes[i]:
                return 1, kind
        for phrase in self._phrases.get(tok.fold, ()):
            n = len(phrase.elements)
            window = tokens[i:i + n]
            if phrase.category in ("and", "while") and len(window) == n and all(
                    t.kind == "word" and e.matches((t.fold,))
                    for t, e in zip(window, phrase.elements, strict=True)):
                return n, phrase.category
        return 0, ""

    def _skip_fillers(self, tokens: list[Token], classes: list[frozenset[str]], start: int,
                      end: int, glued: bool) -> tuple[int, frozenset[str]] | None:
        """The index of the first token of the clause `start`..`end` that is not a filler
        word, with the categories of the word to judge (for a glued Hebrew "and", those of
        the word without it)."""
        for n in range(start, end):
            tok = tokens[n]
            if tok.kind == "word" and glued and n == start:
                found = self.classes(tok.fold[1:].lstrip(_HYPHENS))
            else:
                found = classes[n]
            if tok.kind == "word" and "filler" in found:
                continue
            return n, found
        return None

    @staticmethod
    def _content_after(tokens: list[Token], classes: list[frozenset[str]], k: int, end: int
                       ) -> bool:
        """Whether a word or number that is not a filler follows token `k` before `end`: a
        verb with something to act on ("raise the repeat rate", not "win back")."""
        return any(tokens[j].kind in ("word", "num") and "filler" not in classes[j]
                   for j in range(k + 1, end))

    def _left_outcome(self, tokens: list[Token], classes: list[frozenset[str]],
                      concrete: list[bool], end: int) -> bool:
        """Whether the text before a joint (tokens up to `end`, from the title's start)
        already states an outcome: a verb with something after it ("raise the repeat
        rate"), or a concrete number."""
        for k in range(end):
            if concrete[k]:
                return True
            if (tokens[k].kind == "word" and "outcome" in classes[k]
                    and self._content_after(tokens, classes, k, end)):
                return True
        return False

    @staticmethod
    def _split(text: str, tokens: list[Token], at: int, right: int, end: int) -> tuple[str, str]:
        left = text[:tokens[at].start]
        start = tokens[right].start + (1 if right == at else 0)  # a glued ו: leave it out
        stop = tokens[end].start if end < len(tokens) else len(text)
        return left.strip(" ,;"), text[start:stop].strip(" ,;")


def _span(text: str, tokens: list[Token], mark: _Mark) -> str:
    """The words of `mark` as written in `text`."""
    return text[tokens[mark.start].start:tokens[mark.end - 1].end]


@cache
def _matcher(lists: WordLists, language: str) -> Matcher:
    return Matcher(lists, language)


def matcher(language: str, extra: WordLists | None = None) -> Matcher:
    """The matcher of `language`'s bundled lists, extended with a team's `extra` lists."""
    lists = bundled(language)
    if extra is not None:
        lists = lists.merged(extra)
    return _matcher(lists, language)


@dataclass(frozen=True, slots=True)
class PlanWords:
    """The matcher a plan's titles are judged with, what went wrong reading the team's word
    list (reported by P012), and the analysis of each distinct goal title of the plan
    (computed once: plans repeat titles across segments)."""

    matcher: Matcher
    problem: WordListError | None = None
    file: str | None = None
    titles: Mapping[str, Analysis] = field(default_factory=lambda: MappingProxyType({}))

    def analyse(self, title: str) -> Analysis:
        """The analysis of `title`: the plan's, or computed for a title it does not hold."""
        found = self.titles.get(title)
        return found if found is not None else self.matcher.analyse(title)


def plan_lists(plan: Any) -> PlanWords:
    """The plan's matcher (its language's lists plus `<plans>/wordlists/<lang>.yaml`) and what
    went wrong reading the team's list, without the analyses of its titles."""
    language = plan.language.code
    problem, file, extra = None, None, None
    try:
        extra = team_wordlists(plan.root, plan.language)
    except WordListError as exc:
        problem = exc
        from planner.plan import display_path

        file = display_path(plan.root / "wordlists" / f"{language}.yaml")
    return PlanWords(matcher(language, extra), problem, file)


def for_plan(plan: Any) -> PlanWords:
    """What the goal rules judge the plan's titles with (see `PlanWords`); the rule runner
    builds it once per plan (`SegmentContext.words`)."""
    words = plan_lists(plan)
    titles = {g.title for _sf, segment in plan.segments for g in segment.goals
              if isinstance(g.title, str) and g.title.strip()}
    return replace(words, titles=MappingProxyType(words.matcher.analyse_all(sorted(titles))))
