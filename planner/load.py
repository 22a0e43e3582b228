"""Read one YAML plan file into plain Python values that remember where they came from.

PyYAML's C parser composes the node graph (every node keeps its mark); we then
turn nodes into values ourselves instead of using PyYAML's constructor, so that
YAML's surprises become positioned diagnostics rather than silent guesses or
tracebacks: duplicate keys (P002), anchors, aliases, merge keys and tags (P005),
YAML 1.1 booleans such as `no` (P004), impossible dates (P004).

Positions are not copied into the values: `Document.locate(path)` walks the
node graph on demand, which keeps the happy path as fast as a plain load.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Protocol

import yaml

from planner.diagnostics import Diagnostic, Path, Severity
from planner.files import Unreadable, read_bytes
from planner.i18n import Language

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same API, in Python

MAX_DEPTH = 64
# Below this bound the input cannot nest deep enough to matter, and the event scan is skipped.
_SCAN_ABOVE = 400
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_DATE = re.compile(r"^(\d{4})-(\d\d?)-(\d\d?)$")
_INT_RE = re.compile(r"^[-+]?[0-9][0-9_]*$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_NUMERIC_START = frozenset("0123456789+-.")
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode
# A tag no YAML text can spell (tags cannot hold spaces): "plain scalar, not yet resolved".
_PLAIN = "plain scalar"
_YAML11 = object()
_WORDS: dict[str, Any] = {
    "~": None, "null": None, "true": True, "false": False,
    "yes": _YAML11, "no": _YAML11, "on": _YAML11, "off": _YAML11,
}
_LONGEST_WORD = max(map(len, _WORDS))
# Only text that might hold an anchor or alias pays for the event scan.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s\]},]", re.M)


# The line breaks libyaml counts in its marks (YAML 1.1), so that excerpts match positions.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(slots=True)
class Document:
    """One parsed file: its values, its node graph (for positions) and its text (for excerpts).

    Positions and excerpts are looked up once per finding, and a file can have tens of
    thousands of findings: the keys of each mapping walked and the file's lines are
    indexed on first use, so each look-up costs the depth of its path, not the file's size.

    The node graph takes several times the memory of the values; once a file has been
    validated into a model, `release` lets both go and keeps only its `_Outline`: a
    position in a top-level entry (`stage:`, `goals:`) is then found by composing that
    entry's lines again (only files with findings pay for that, once per entry), and one
    at a top-level key or value without composing anything.
    """

    file: str
    text: str
    data: Any = None
    _root: yaml.Node | None = field(default=None, repr=False)
    _released: bool = field(default=False, repr=False)
    _keys: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)
    _outline: _Outline | None = field(default=None, repr=False)
    # The top-level entries composed again since the release, by their index in the outline.
    _entries: dict[int, yaml.MappingNode] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        if self._released:
            self._released = False
            self._root = yaml.compose(self.text, Loader=_PlanLoader)
        return self._root

    @root.setter
    def root(self, node: yaml.Node | None) -> None:
        self._root, self._released = node, False
        self._keys.clear()  # keyed by the nodes' ids

    def release(self) -> None:
        """Drop the values and the node graph, keeping its outline; positions compose the
        text again (see the class doc)."""
        self.data = None
        if self._root is not None:
            self._outline = _Outline.of(self._root)
            self._root, self._released = None, True
        self._entries.clear()
        self._keys.clear()  # keyed by the ids of the nodes let go

    def _child(self, node: yaml.MappingNode, part: Any) -> tuple[yaml.Node, yaml.Node] | None:
        keys = self._keys.get(id(node))
        if keys is None:
            keys = self._keys[id(node)] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):  # (a list or mapping as key is P004)
                    keys.setdefault(k.value, (k, v))  # the first of repeated keys, as before
        return keys.get(part)

    def locate(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `path` (or of its key with `at_key`).

        A path that leads nowhere (a missing field) resolves to the deepest node
        that exists, which is where the user has to add it.
        """
        return self.span(path, at_key)[:2]

    def span(self, path: Path, at_key: bool = False) -> tuple[int, int, int, int]:
        """Like `locate`, with the 1-based line and column just after the value's end."""
        if self._released and self._outline is not None:
            found = self._outline_span(self._outline, path, at_key)
            if found is not None:
                return found
        node = self.root
        if node is None:
            return 1, 1, 1, 1
        return self._walk(node, None, path, at_key)

    def _outline_span(self, outline: _Outline, path: Path, at_key: bool
                      ) -> tuple[int, int, int, int] | None:
        """`span` in a released document from its outline, composing only the top-level
        entry that `path` leads into; None when that entry cannot be composed alone."""
        if not path:
            return outline.root
        try:
            i = outline.keys.index(path[0])  # the first of repeated keys, as `_child`
        except ValueError:
            return outline.root  # the deepest node that exists
        key_span, value_span, start = outline.entry(i)
        if len(path) == 1:
            return key_span if at_key else value_span
        entry = self._entries.get(i)
        if entry is None:
            end = outline.entry(i + 1)[2] if i + 1 < len(outline.keys) else len(self.text)
            try:
                # The entry's lines from the start of its key's line: every column as in the
                # whole text, every line `key_span[0] - 1` lower.
                composed = yaml.compose(self.text[start:end], Loader=_PlanLoader)
            except yaml.YAMLError:
                return None  # (e.g. an alias of an anchor in another entry)
            if not isinstance(composed, yaml.MappingNode) or len(composed.value) != 1:
                return None
            entry = self._entries[i] = composed
        (key_node, value_node), = entry.value
        line, column, end_line, end_column = self._walk(value_node, key_node, path[1:], at_key)
        return line + key_span[0] - 1, column, end_line + key_span[0] - 1, end_column

    def _walk(self, node: yaml.Node, key_node: yaml.Node | None, path: Path, at_key: bool
              ) -> tuple[int, int, int, int]:
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                found = self._child(node, part)
                if found is not None:
                    key_node, child = found
            elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(node.value)):
                key_node, child = None, node.value[part]
            if child is None:
                break
            node = child
        else:
            if at_key and key_node is not None:
                node = key_node
        mark, end = node.start_mark, node.end_mark
        return mark.line + 1, mark.column + 1, end.line + 1, end.column + 1

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.text)
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass(frozen=True, slots=True)
class _Outline:
    """What a released `Document` keeps of a top-level block mapping: the span of the
    mapping (1-based, as `Document.span` gives it), the keys as written, and of each entry
    the marks of its key and value and where its first line starts in the text."""

    root: tuple[int, int, int, int]
    keys: tuple[Any, ...]
    # 9 per entry, 0-based as in PyYAML's marks: line and column where the key starts and
    # ends, the same of the value, and the key's offset in the text (its column is 0).
    marks: array[int]

    @staticmethod
    def of(root: yaml.Node) -> _Outline | None:
        """The outline of `root`, or None unless it is a block mapping of text keys that
        each start a line (no indentation): the lines of each entry are then YAML of their
        own, which ends where the next entry starts, as it did in the whole text."""
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            return None
        keys: list[Any] = []
        marks = array("q")
        previous = -1
        for key, value in root.value:
            start, end = key.start_mark, key.end_mark
            if not isinstance(key, yaml.ScalarNode) or start.column or start.line <= previous:
                return None
            previous = start.line
            keys.append(key.value)
            first, last = value.start_mark, value.end_mark
            marks.extend((start.line, 0, end.line, end.column, first.line, first.column,
                          last.line, last.column, start.index))
        return _Outline(_span(root), tuple(keys), marks)

    def entry(self, i: int) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int], int]:
        """The spans of entry `i`'s key and value (1-based), and the offset its first line
        starts at."""
        m = [x + 1 for x in self.marks[9 * i:9 * i + 8]]
        return (m[0], m[1], m[2], m[3]), (m[4], m[5], m[6], m[7]), self.marks[9 * i + 8]


def _span(node: yaml.Node) -> tuple[int, int, int, int]:
    mark, end = node.start_mark, node.end_mark
    return mark.line + 1, mark.column + 1, end.line + 1, end.column + 1


class _Mark(Protocol):
    """A position in the input: PyYAML's `Mark`, from its Python or its C parser."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class _Refused(Exception):
    def __init__(self, rule: str, message: str, hint: str, mark: _Mark | None) -> None:
        super().__init__(message)
        self.rule, self.message, self.hint, self.mark = rule, message, hint, mark


def _position_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _depth_bound(text: str) -> int:
    """A cheap upper bound on nesting depth: flow brackets, block sequence and
    complex-key indicators, and block mappings, which need ever deeper indentation
    (so a depth of d costs about d*d/2 characters)."""
    return (text.count("[") + text.count("{") + text.count("- ") + text.count("? ")
            + math.isqrt(2 * len(text)) + 2)


def _scan_events(text: str, lang: Language) -> None:
    """Walk the parser's event stream (iteratively, so deep input cannot crash it)
    to find anchors and nesting beyond MAX_DEPTH before anything recurses."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                "P005",
                lang._("aliases (*{name}) are not allowed in plans").format(name=event.anchor),
                lang._("write the value out in full; plans are read by people first"),
                event.start_mark,
            )
        if isinstance(event, yaml.NodeEvent) and event.anchor:
            raise _Refused(
                "P005",
                lang._("anchors (&{name}) are not allowed in plans").format(name=event.anchor),
                lang._("remove the anchor and write each value out in full"),
                event.start_mark,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    "P001",
                    lang._("nesting deeper than {n} levels").format(n=MAX_DEPTH),
                    lang._("a plan never needs this depth; check the indentation"),
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Converter:
    """Nodes to values, collecting every problem instead of stopping at the first."""

    def __init__(self, doc: Document, lang: Language) -> None:
        self.doc = doc
        self.lang = lang
        self.problems: list[Diagnostic] = []
        # The nodes met so far, when the text has a `*` (an alias needs one): see `value`.
        self.seen: set[int] | None = set() if "*" in doc.text else None

    def problem(self, rule: str, node: yaml.Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic(
                rule=rule,
                severity=Severity.ERROR,
                message=message,
                hint=hint,
                file=self.doc.file,
                line=mark.line + 1,
                column=mark.column + 1,
                end_line=node.end_mark.line + 1,
                end_column=node.end_mark.column + 1,
            )
        )

    def value(self, node: yaml.Node) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                # The composer hands an alias back as the very node it names.
                self.problem("P005", node, self.lang._("aliases are not allowed in plans"),
                             self.lang._("write the value out in full"))
                return None
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.bad_tag(node)
            return self.mapping(node)
        if node.tag != _SEQ:
            self.bad_tag(node)
        return [self.value(item) for item in node.value]

    def bad_tag(self, node: yaml.Node) -> None:
        self.problem("P005", node, self.lang._("the tag {tag} is not allowed in plans").format(tag=node.tag),
                     self.lang._("remove the tag; plans hold only plain text, numbers, dates and lists"))

    def mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, yaml.Node] = {}  # each key's node, to say where a repeated key was
        plain_values = self.seen is None  # (see `value`: scalars need no bookkeeping then)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or (key_node.tag == _PLAIN and key_node.value == "<<"):
                self.problem("P005", key_node, self.lang._("merge keys (<<) are not allowed in plans"),
                             self.lang._("write the merged fields out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("P004", key_node, self.lang._("a key must be plain text"))
                continue
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = str(key_node.value)
            if key in out:
                self.problem(
                    "P002", key_node,
                    self.lang._("the key '{key}' appears twice in one mapping (first on line {line})").format(
                        key=key, line=first[key].start_mark.line + 1),
                    self.lang._("keep one of them; YAML tools silently keep only the last"))
                continue
            first[key] = key_node
            out[key] = (self.scalar(value_node) if plain_values and type(value_node) is yaml.ScalarNode
                        else self.value(value_node))
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag != _PLAIN:
            if tag != _STR:
                self.bad_tag(node)
            return text
        if not text:
            return None
        first = text[0]
        if first in _NUMERIC_START:
            if _INT_RE.match(text):
                return int(text.replace("_", ""))
            if _FLOAT_RE.match(text):
                return float(text.replace("_", ""))
            if m := _DATE.match(text):
                try:
                    return dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    self.problem("P004", node, self.lang._("'{text}' is not a real date: {reason}").format(
                        text=text, reason=_no_such_day(int(m[1]), int(m[2]), int(m[3]), self.lang)),
                        self.lang._("write a calendar date as YYYY-MM-DD"))
            return text
        low = text.lower() if len(text) <= _LONGEST_WORD else ""
        if low in _WORDS:
            word = _WORDS[low]
            if word is _YAML11:
                self.problem(
                    "P004", node,
                    self.lang._("'{text}' is a yes/no value in YAML 1.1 and would be read as a "
                                "boolean").format(
                        text=text),
                    self.lang._("quote it (\"{text}\") if you mean the word, or write true/false").format(
                        text=text))
                # The model knows the field, and re-hints with its vocabulary (planner.plan).
                self.problems[-1].extra["yaml11"] = text
                return text
            return word
        return text


class _PlanLoader(_Loader):
    """PyYAML's C parser and composer with a trivial resolver: scalars are resolved by
    `_Converter.scalar` (YAML 1.2 core schema plus the refusals above), which is both
    stricter and several times faster than PyYAML's regex-driven YAML 1.1 resolver."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is _SCALAR:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is _SEQUENCE else _MAP

    # The composer tells the resolver where each node is, for path resolvers
    # (`add_path_resolver`), which plans do not use: twice per node, for nothing.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _no_such_day(year: int, month: int, day: int, lang: Language) -> str:
    """Why year-month-day is no date, in the plan's language."""
    if not 1 <= month <= 12:
        return lang._("there is no month {month}").format(month=month)
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if 1 <= year <= 9999 and not 1 <= day <= days:
        return lang._("{year}-{month:02d} has {days} days").format(year=year, month=month, days=days)
    return lang._("there is no such day")


# libyaml's (and PyYAML's) words for a syntax error: a context ("while parsing a block
# mapping") and a problem ("did not find expected key"), said in the plan's language.
# Words not listed here are shown as the parser wrote them.
_YAML_WORDS: dict[str, Callable[[Language], str]] = {
    "while parsing a block mapping": lambda lang: lang._("while parsing a block mapping"),
    "while parsing a block collection": lambda lang: lang._("while parsing a block list"),
    "while parsing a block node": lambda lang: lang._("while parsing a value"),
    "while parsing a flow node": lambda lang: lang._("while parsing a value"),
    "while parsing a node": lambda lang: lang._("while parsing a value"),
    "while parsing a flow sequence": lambda lang: lang._("while parsing a [...] list"),
    "while parsing a flow mapping": lambda lang: lang._("while parsing a {...} mapping"),
    "while parsing a quoted scalar": lambda lang: lang._("while reading a quoted text"),
    "while scanning a quoted scalar": lambda lang: lang._("while reading a quoted text"),
    "while scanning a plain scalar": lambda lang: lang._("while reading a text"),
    "while scanning a block scalar": lambda lang: lang._("while reading a | or > text block"),
    "while scanning a simple key": lambda lang: lang._("while reading a key"),
    "while scanning for the next token": lambda lang: lang._("while reading the file"),
    "while scanning an alias": lambda lang: lang._("while reading an alias (*)"),
    "while scanning an anchor": lambda lang: lang._("while reading an anchor (&)"),
    "while scanning a directive": lambda lang: lang._("while reading a % directive"),
    "while scanning a tag": lambda lang: lang._("while reading a tag (!)"),
    "expected a single document in the stream": lambda lang: lang._(
        "a plan file holds a single YAML document,"),
    "but found another document": lambda lang: lang._("but this is a second one (---)"),
    "mapping values are not allowed in this context": lambda lang: lang._(
        "a colon followed by a space starts a mapping, which is not allowed here; quote the "
        "text if it contains ': '"),
    "mapping values are not allowed here": lambda lang: lang._(
        "a colon followed by a space starts a mapping, which is not allowed here; quote the "
        "text if it contains ': '"),
    "block sequence entries are not allowed in this context": lambda lang: lang._(
        "a list item (- ) is not allowed here"),
    "did not find expected key": lambda lang: lang._("did not find the expected key (check the "
                                                     "indentation)"),
    "could not find expected ':'": lambda lang: lang._("did not find the ':' after the key"),
    "did not find expected '-' indicator": lambda lang: lang._(
        "did not find the expected list item (- )"),
    "did not find expected ',' or ']'": lambda lang: lang._("did not find the expected ',' or ']'"),
    "did not find expected ',' or '}'": lambda lang: lang._("did not find the expected ',' or '}'"),
    "did not find expected node content": lambda lang: lang._("did not find a value"),
    "did not find expected alphabetic or numeric character": lambda lang: lang._(
        "did not find the expected name"),
    "did not find expected comment or line break": lambda lang: lang._(
        "did not find the expected comment or line break"),
    "found unexpected end of stream": lambda lang: lang._("the file ended unexpectedly"),
    # Said without guessing why: `_syntax_error` adds the hint for a tab or a % @ `.
    "found character that cannot start any token": lambda lang: lang._(
        "found a character that cannot start a value"),
    "found a tab character where an indentation space is expected": lambda lang: lang._(
        "found a tab where an indentation space is expected"),
    "found a tab character that violates indentation": lambda lang: lang._(
        "found a tab where an indentation space is expected"),
    "found unknown escape character": lambda lang: lang._("found an unknown escape after \\"),
    "found incompatible YAML document": lambda lang: lang._("found an incompatible YAML version"),
    "found unknown directive name": lambda lang: lang._("found an unknown % directive"),
    "found undefined tag handle": lambda lang: lang._("found an undefined tag handle"),
    "found an indentation indicator equal to 0": lambda lang: lang._(
        "found an indentation indicator of 0"),
}


def _yaml_words(text: str, lang: Language) -> str:
    words = _YAML_WORDS.get(text)
    return words(lang) if words is not None else text


_FLOW_OPEN = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str, lang: Language
                  ) -> Diagnostic:
    """P001 at the construct the user must fix: where an unclosed quote or bracket opens
    (naming where the parser gave up), at a character that needs quotes, else where the
    parser stopped."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    char = source[col - 1:col]
    what = " ".join(_yaml_words(p, lang) for p in (exc.context, exc.problem) if p)
    message = lang._("invalid YAML: {what}").format(what=what)
    hint = lang._("check the indentation and quoting on this line")
    opened = exc.context_mark
    end = (0, 0)
    if exc.context == "while scanning a quoted scalar" and opened is not None:
        quote = (lines[opened.line] if opened.line < len(lines) else "")[
            opened.column:opened.column + 1] or '"'
        message = lang._("invalid YAML: the quote {quote} opened here is never closed (the file ends "
                         "on line {end})").format(quote=quote, end=len(lines))
        hint = lang._("add the closing {quote} at the end of the text on this line").format(quote=quote)
        line, col = opened.line + 1, opened.column + 1
        end = (line + 1, 1)  # underline the text from the quote to the end of its line
    elif exc.context in _FLOW_OPEN and opened is not None:
        left, right = _FLOW_OPEN[exc.context]
        message = lang._("invalid YAML: the {left} opened here is not closed: on line {line}, column "
                         "{column} the parser expected ',' or '{right}'").format(
            left=left, right=right, line=line, column=col)
        hint = lang._("close it with {right} on this line, or separate the items with commas").format(
            right=right)
        line, col = opened.line + 1, opened.column + 1
        end = (line, col + 1)
    elif (quoted := _multiline_quote(text, line)) is not None and quoted[3] == line:
        # A quote left open swallows the lines after it up to the next quote, and the
        # parser only stumbles later: point at where that quoted text began.
        message = lang._("invalid YAML: the quote {quote} opened here is closed only on line {end}, "
                         "and line {line} no longer reads as YAML: {what}").format(
            quote=quoted[2], end=quoted[3], line=line, what=_yaml_words(exc.problem or "", lang))
        hint = lang._("add the closing {quote} at the end of the text on this line").format(
            quote=quoted[2])
        line, col = quoted[0], quoted[1]
        end = (line + 1, 1)
    elif exc.problem == "found character that cannot start any token" and char in "%@`":
        value = source[col - 1:].split(" #")[0].rstrip()
        message = lang._("invalid YAML: a value cannot start with {char} unless it is quoted").format(
            char=char)
        hint = lang._("quote it: \"{value}\"").format(value=value.replace('"', '\\"'))
    elif char == "\t" or "tab" in (exc.problem or ""):
        hint = lang._("indent with spaces, not tabs")
    return Diagnostic(rule="P001", severity=Severity.ERROR, message=message, hint=hint,
                      file=file, line=line, column=col, end_line=end[0], end_column=end[1])


def _multiline_quote(text: str, before_line: int) -> tuple[int, int, str, int] | None:
    """(line, column, quote, closing line) of the last quoted text that spans lines and
    starts before `before_line` (1-based), or None."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start, end = token.start_mark, token.end_mark
            if start.line + 1 >= before_line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
                    and end.line > start.line):
                found = (start.line + 1, start.column + 1, token.style, end.line + 1)
    except yaml.YAMLError:
        pass
    return found


def parse(text: str, file: str, lang: Language) -> tuple[Document, list[Diagnostic]]:
    """Parse YAML text. Returns the document and its problems; `data` is None when
    the text could not be parsed at all."""
    doc = Document(file=file, text=text)
    try:
        if (("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)) or _depth_bound(text) > _SCAN_ABOVE:
            _scan_events(text, lang)
        doc.root = yaml.compose(text, Loader=_PlanLoader)
    except _Refused as refused:
        mark = refused.mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return doc, [Diagnostic(rule=refused.rule, severity=Severity.ERROR, message=refused.message,
                                hint=refused.hint, file=file, line=line, column=col)]
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_error(exc, text, file, lang)]
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        return doc, [Diagnostic(rule="P001", severity=Severity.ERROR,
                                message=lang._("invalid YAML: {what}").format(what=exc),
                                file=file)]
    if doc.root is None:
        doc.data = None
        return doc, []
    converter = _Converter(doc, lang)
    try:
        doc.data = converter.value(doc.root)
    except RecursionError:
        converter.problem("P001", doc.root, lang._("nesting too deep"))
    return doc, converter.problems


def read(path: FsPath, file: str, lang: Language, root: FsPath | None = None
         ) -> tuple[Document, list[Diagnostic]]:
    """Read a file as UTF-8 (a BOM is fine) and parse it. Only a regular file inside the
    folder `root` (default: its own folder) is read: see `planner.files`."""
    text = read_text(path, file, lang, root)
    return parse(text, file, lang) if isinstance(text, str) else text


def read_text(path: FsPath, file: str, lang: Language, root: FsPath | None = None
              ) -> str | tuple[Document, list[Diagnostic]]:
    """The text of a file (see `read`), or what a file that is not text reads as: a
    document of what could be read, and why no more."""
    try:
        raw = read_bytes(path, path.parent if root is None else root, lang)
    except Unreadable as exc:
        return Document(file=file, text=""), [Diagnostic(
            rule="P001", severity=Severity.ERROR, file=file, message=exc.message, hint=exc.hint)]
    nul = raw.find(b"\0")
    if nul >= 0:
        text = raw[:nul].decode("utf-8", "replace")
        line, col = _position_of_offset(text, len(text))
        return Document(file=file, text=text), [Diagnostic(
            rule="P001", severity=Severity.ERROR, file=file, line=line, column=col,
            message=lang._("the file contains a NUL byte; it is not a text file"),
            hint=lang._("save the plan as UTF-8 text"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line, col = _position_of_offset(good, len(good))
        return Document(file=file, text=good), [Diagnostic(
            rule="P001", severity=Severity.ERROR, file=file, line=line, column=col,
            message=lang._("the file is not valid UTF-8 (byte 0x{byte:02x})").format(
                byte=raw[exc.start]),
            hint=lang._("save the plan as UTF-8 text"))]
    return text
