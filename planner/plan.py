"""A plans directory, read and validated into a `Plan`.

This is the `model` arrow of the flow: documents from `load` become typed
objects; pydantic's errors become positioned P003/P004/P006 diagnostics.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml
from babel.lists import format_list
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from planner import id_scan
from planner.actuals import FOLDER as ACTUALS
from planner.actuals import Actuals, ActualsFile, read_folder
from planner.diagnostics import Diagnostic, Path, Severity
from planner.files import Unreadable
from planner.holidays import Calendar, suggestions
from planner.i18n import ENGLISH, Language, language
from planner.load import Document, parse, read, read_text
from planner.model import ERRORS, Playbook, Segment, _check_id
from planner.plan_files import PLAYBOOKS, SEGMENTS, playbook_path, segment_paths, stray_files
from planner.suggest import did_you_mean, number_hint, suggest
from planner.vocabulary import CADENCES, STAGES, TRIGGERS

PLAYBOOK = PLAYBOOKS[0]


@dataclass(slots=True)
class SegmentFile:
    id: str
    doc: Document
    segment: Segment | None = None
    problems: tuple[Diagnostic, ...] = ()  # what reading and validating it found

    @property
    def file(self) -> str:
        return self.doc.file


@dataclass(slots=True)
class Plan:
    """Everything read from one plans directory. `playbook` or a segment's model is
    None when its file did not validate; rules then skip what they cannot judge."""

    root: FsPath
    playbook_doc: Document | None = None
    playbook: Playbook | None = None
    segment_files: list[SegmentFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # When the playbook did not validate: what of it could be read (defaults for the rest),
    # and the fields that could not, so that rules needing them are skipped (not misled).
    partial_playbook: Playbook | None = None
    playbook_broken: frozenset[str] = frozenset()
    # The day progress is judged on (see `load_plan`), and the measured values of
    # plans/actuals/ (None when the plan has no such folder: nothing is tracked then).
    today: dt.date = dt.date.min
    actuals: Actuals | None = None
    # What everything about this plan is said in: the playbook's `language` (English while
    # the playbook cannot be read, or names no language planner speaks).
    language: Language = ENGLISH

    @property
    def segments(self) -> list[tuple[SegmentFile, Segment]]:
        """The segments that validated, with their files, along the lifecycle (suspect to
        lost), then by name: the order every page, list and export shows them in."""
        found = [(sf, sf.segment) for sf in self.segment_files if sf.segment is not None]
        return sorted(found, key=lambda pair: (STAGES.index(pair[1].stage),
                                               pair[1].name.casefold(), pair[0].id))

    @property
    def playbook_file(self) -> str:
        """The playbook as diagnostics name it: the file read (.yaml or .yml), or the
        playbook.yaml that is missing."""
        if self.playbook_doc is not None:
            return self.playbook_doc.file
        return display_path(self.root / PLAYBOOK)

    def document(self, file: str) -> Document | ActualsFile | None:
        if self.playbook_doc is not None and self.playbook_doc.file == file:
            return self.playbook_doc
        found = next((sf.doc for sf in self.segment_files if sf.file == file), None)
        if found is None and self.actuals is not None:
            return self.actuals.document(file)
        return found


def display_path(path: FsPath) -> str:
    """Paths as the user typed them relative to the working directory, for clickable output."""
    try:
        return path.resolve().relative_to(FsPath.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def find_root(path: FsPath) -> FsPath:
    """The plans directory a path belongs to: itself, or the nearest parent with a playbook."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if playbook_path(candidate) is not None:
            return candidate
    return start


def load_plan(root: FsPath, today: dt.date | None = None,
              only: Collection[str] | None = None, previous: Plan | None = None) -> Plan:
    """Read and validate the plans directory `root`. Never raises on bad content.

    `today` is the day progress is judged on (`--today`); without it, the playbook's
    `tracking.as_of` when set (an example plan's fixed date), else the current date.
    With `only` (segment files as diagnostics name them), the plan holds the playbook, those
    segments, and the other segments that may share an id with them (`id_scan`): what the
    rules need to judge those files, not the whole plan. `previous`, an earlier reading of
    the same directory (`planner serve`), lends the segment files whose text is the same,
    read under the same playbook text: validating them again would give the same."""
    plan = Plan(root=root)
    pb_path = playbook_path(root)
    if pb_path is not None:
        # The language is the playbook's: what stops the file from being read is said in English.
        doc, problems = read(pb_path, display_path(pb_path), ENGLISH, root)
        plan.playbook_doc = doc
        plan.language = _playbook_language(doc)
        plan.playbook = _validate(Playbook, doc, problems, plan.language)
        plan.diagnostics += problems
        if plan.playbook is None:
            plan.partial_playbook, plan.playbook_broken = _partial_playbook(doc, problems)
    lang = plan.language
    lent = ({sf.file: sf for sf in previous.segment_files}
            if previous is not None and previous.root == root and plan.playbook_doc is not None
            and previous.playbook_doc is not None
            and (previous.playbook_doc.file, previous.playbook_doc.text)
            == (plan.playbook_doc.file, plan.playbook_doc.text) else {})
    if pb_path is None:
        plan.diagnostics.append(Diagnostic(
            rule="P001", severity=Severity.ERROR, file=display_path(root / PLAYBOOK),
            message=lang._("no {name} in {root}").format(name=PLAYBOOK, root=display_path(root)),
            hint=lang._("a plans directory holds playbook.yaml (title, year, language, objectives, "
                        "contact_policy) and segments/<id>.yaml")))
    if plan.playbook is None and plan.partial_playbook is None:
        plan.partial_playbook, plan.playbook_broken = _partial_playbook(None, [])
    as_of = plan.playbook.tracking.as_of if plan.playbook is not None else None
    plan.today = today or as_of or dt.date.today()
    calendar = _holiday_calendar(plan)
    seg_display = display_path(root / SEGMENTS)
    try:
        paths = segment_paths(root, lang)
    except Unreadable as exc:
        paths = []
        plan.diagnostics.append(Diagnostic(rule="P001", severity=Severity.ERROR,
                                           file=seg_display, message=exc.message, hint=exc.hint))
    first_file: dict[str, str] = {}
    unique: list[FsPath] = []
    for path in paths:
        file = f"{seg_display}/{path.name}"
        stem = path.name.rsplit(".", 1)[0]
        if stem in first_file:
            # Two files for one id: reading both would silently drop one segment.
            plan.diagnostics.append(Diagnostic(
                rule="P006", severity=Severity.ERROR, file=file, segment=stem,
                message=lang._("the segment '{id}' has a second file: {first} and {second}").format(
                    id=stem, first=first_file[stem], second=path.name),
                hint=lang._("keep one of them; a segment's id is its file name without .yaml")))
            continue
        first_file[stem] = path.name
        unique.append(path)
    if only is not None:
        wanted = set(only)
        mine = [p for p in unique if f"{seg_display}/{p.name}" in wanted]
        others = [p for p in unique if f"{seg_display}/{p.name}" not in wanted]
        for path in mine:
            _read_segment(plan, root, path, seg_display, calendar, lent)
        ids = id_scan.ids_of(sf.segment for sf in plan.segment_files if sf.segment is not None)
        unique = id_scan.sharing(others, ids, root)
    for path in unique:
        _read_segment(plan, root, path, seg_display, calendar, lent)
    plan.diagnostics += stray_files(root, pb_path, display_path(root), lang)
    plan.actuals, problems = read_folder(root / ACTUALS, display_path(root / ACTUALS), lang)
    plan.diagnostics += problems
    return plan


def _read_segment(plan: Plan, root: FsPath, path: FsPath, seg_display: str,
                  calendar: Calendar | None, lent: Mapping[str, SegmentFile]) -> None:
    stem = path.name.rsplit(".", 1)[0]
    lang = plan.language
    file = f"{seg_display}/{path.name}"
    text = read_text(path, file, lang, root)
    same = lent.get(file)
    if same is not None and isinstance(text, str) and same.doc.text == text:
        plan.segment_files.append(same)
        plan.diagnostics += same.problems
        return
    doc, problems = parse(text, file, lang) if isinstance(text, str) else text
    sf = SegmentFile(id=stem, doc=doc)
    plan.segment_files.append(sf)
    misnamed = []
    try:
        _check_id(stem)
    except ValueError:
        misnamed.append(Diagnostic(
            rule="P006", severity=Severity.ERROR, file=doc.file,
            message=lang._("the file name '{stem}' is not a valid segment id").format(stem=stem),
            hint=lang._("rename the file to lowercase letters, digits and hyphens, "
                        "e.g. segments/passive-lost.yaml")))
    else:
        sf.segment = _validate(Segment, doc, problems, lang, calendar)
    doc.release()  # the model holds the values; positions of findings compose it again
    for d in problems:
        d.segment = sf.id
    sf.problems = (*misnamed, *problems)
    plan.diagnostics += sf.problems


def _playbook_language(doc: Document) -> Language:
    """The language the playbook names, as far as it can be read: its own problems are
    said in it too."""
    return language(doc.data.get("language") if isinstance(doc.data, dict) else None)


def _validate(model: type[BaseModel], doc: Document, out: list[Diagnostic], lang: Language,
              calendar: Calendar | None = None) -> Any:
    """Validate `doc` against `model`, adding its problems to `out` (which may already hold
    the loader's: a spot the loader already reported is not reported twice), said in `lang`."""
    data = doc.data
    if out and data is None:
        return None  # unreadable: the loader said why
    if not isinstance(data, dict):
        out.append(Diagnostic(
            rule="P004", severity=Severity.ERROR, file=doc.file,
            message=lang._("the file must be a mapping of fields, not {what}").format(
                what=lang._("an empty file") if data is None else _value(data, lang)),
            hint=lang._("start with `name:` for a segment, `title:` for the playbook")))
        return None
    _rehint_yes_no(model, doc, out, lang)
    try:
        return model.model_validate(data, context={"holidays": calendar, "language": lang})
    except ValidationError as exc:
        taken = {(d.line, d.column) for d in out}
        # A value that fits no member of a union (`float | int`) fails once per member.
        seen: set[tuple[Any, ...]] = set()
        for error in exc.errors():
            where = tuple(p for p in error["loc"] if isinstance(p, int) or not _is_tag(p))
            if where in seen:
                continue
            seen.add(where)
            d = _diagnostic(model, doc, error, lang, calendar)
            if (d.line, d.column) not in taken:
                out.append(d)
        return None


_PERIOD = frozenset({"year", "period"})


def _holiday_calendar(plan: Plan) -> Calendar | None:
    """The holidays segments may anchor campaigns to; none while the playbook's period,
    countries or language cannot be read."""
    pb = plan.playbook
    if pb is None:
        pb = plan.partial_playbook
        if pb is None or plan.playbook_broken & (_PERIOD | {"holidays", "language"}):
            return None
    return Calendar(tuple(pb.holidays), pb.start, pb.end, pb.language)


def _partial_playbook(doc: Document | None, problems: list[Diagnostic]
                      ) -> tuple[Playbook, frozenset[str]]:
    """The playbook with every field that has a problem left at its default, and those
    fields. A misspelt field counts as the field it most likely means (`objectivs:` leaves
    `objectives` unknown, not empty). Nothing readable: every field is broken."""
    fields = _fields_at(Playbook, ())
    data = doc.data if doc is not None else None
    if not isinstance(data, dict):
        return _placeholder_playbook({}), frozenset(fields)
    broken: set[str] = set()
    for d in problems:
        loc = d.path or (_path_at(doc, d.line, d.column) if doc is not None else ())
        name = str(loc[0]) if loc else None
        if name is None:
            broken |= _PERIOD  # a whole-playbook check: the only one is the plan period
        elif name in fields:
            broken.add(name)
        elif meant := suggest(name, fields, names=True):
            broken.add(meant)
    if broken & _PERIOD:
        broken |= _PERIOD
    kept = {k: v for k, v in data.items() if k in fields and k not in broken}
    try:
        return _placeholder_playbook(kept), frozenset(broken)
    except ValidationError:
        return _placeholder_playbook({}), frozenset(fields)


def _placeholder_playbook(kept: dict[str, Any]) -> Playbook:
    values = dict(kept)
    values.setdefault("title", "-")
    if "year" not in values and "period" not in values:
        values["year"] = dt.date.today().year  # stands in only: rules needing it are skipped
    return Playbook.model_validate(values)


def _rehint_yes_no(model: type[BaseModel], doc: Document, out: list[Diagnostic], lang: Language
                   ) -> None:
    """A YAML 1.1 yes/no word gets the hint its field calls for: the vocabulary value that
    means it (`consent: no` -> 'none'), true/false for a true/false field, quotes for text."""
    for d in out:
        word = d.extra.get("yaml11")
        if not isinstance(word, str) or d.file != doc.file:
            continue
        loc = _path_at(doc, d.line, d.column)
        field_info = _field_at(model, loc) if loc else None
        if field_info is None:
            continue
        options = _literals(field_info.annotation)
        if options:
            d.hint = (did_you_mean(word, options, lang, field=str(loc[-1]))
                      or lang._("write one of {expected}").format(expected=_choices(options, lang)))
        elif not _takes(field_info.annotation, bool) and _takes(field_info.annotation, str):
            d.hint = lang._("quote it (\"{text}\"): unquoted, YAML 1.1 tools read it as a "
                            "true/false value").format(text=word)


def _path_at(doc: Document, line: int, column: int) -> Path:
    """The path of the value that starts at `line`:`column` (1-based), or ()."""
    stack: list[tuple[yaml.Node, Path]] = [(doc.root, ())] if doc.root is not None else []
    while stack:
        node, path = stack.pop()
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            if (mark.line + 1, mark.column + 1) == (line, column):
                return path
        elif isinstance(node, yaml.MappingNode):
            stack += [(v, (*path, str(k.value))) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(v, (*path, i)) for i, v in enumerate(node.value)]
    return ()


def _diagnostic(model: type[BaseModel], doc: Document, error: Any, lang: Language,
                calendar: Calendar | None = None) -> Diagnostic:
    """One pydantic error as a P003/P004/P006 diagnostic, in the plan's language."""
    loc: Path = tuple(p for p in error["loc"] if isinstance(p, int) or not _is_tag(p))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    rule, hint, at_key = "P004", "", False
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if kind == "extra_forbidden":
        rule, at_key = "P003", True
        known = _fields_at(model, loc[:-1])
        message = lang._("unknown field '{name}'").format(name=loc[-1])
        hint = did_you_mean(loc[-1], known, lang, names=True, known=lang._("known fields here: {names}"))
    elif kind == "planner_id":
        rule = "P006"
        message = lang._(ERRORS[kind]).format(value=ctx.get("value", error["input"]))
        hint = lang._("ids are used in URLs and calendar UIDs, e.g. 'repeat-purchase-rate'")
    elif kind in ("planner_holiday", "holiday_no_country", "holiday_undated"):
        rule, loc = "P014", (*loc, "holiday")
        message = lang._(ERRORS[kind]).format(**ctx)
        guesses = suggestions(str(ctx.get("holiday", "")), calendar.table) if calendar else []
        if kind == "holiday_undated":
            hint = lang._("fix the playbook first: a holiday's date comes from its countries, "
                          "period and language")
        elif guesses:
            hint = lang._("did you mean {choices}? `planner holidays` lists them all").format(
                choices=format_list([f"'{g}' ({calendar.table[g].name}, {calendar.table[g].date})"
                                     for g in guesses if calendar], style="or",
                                    locale=lang.locale))
        else:
            hint = lang._("`planner holidays` lists the holidays of the plan, and `holidays:` in the "
                          "playbook names its countries")
    elif kind == "missing":
        at_key = True
        message = lang._("missing required field '{name}'").format(name=loc[-1])
        loc = loc[:-1]
    elif kind == "literal_error":
        options = vocabulary(model, loc) or _options(str(ctx.get("expected", "")))
        message = lang._("{value} is not allowed for {where}: expected {expected}").format(
            value=_value(error["input"], lang), where=where, expected=_choices(options, lang))
        hint = did_you_mean(error["input"], options, lang, field=str(loc[-1]))
    elif kind == "model_type":
        message = lang._("{where}: expected a mapping of fields, but the value is {value}").format(
            where=where or model.__name__.lower(), value=_value(error["input"], lang))
        if known := _fields_at(model, loc):
            hint = lang._("fields here: {fields}").format(fields=", ".join(known))
    elif kind == "string_pattern_mismatch" and loc[-1:] == ("currency",):
        message = lang._("{where}: expected a three-letter currency code in capitals, such as EUR, "
                         "but the value is {value}").format(where=where, value=_value(error["input"], lang))
    elif kind in _MESSAGES or kind in ERRORS:
        fields = {k: _number(v) for k, v in ctx.items()}
        fields.update(where=where, value=_value(ctx.get("value", error["input"]), lang))
        message = (_MESSAGES[kind](lang) if kind in _MESSAGES else lang._(ERRORS[kind])).format(
            **fields)
        hint = ((number_hint(error["input"], lang) if kind in _NUMBER_KINDS else None)
                or (_HINTS[kind](lang) if kind in _HINTS else ""))
        if kind == "trigger":
            hint = did_you_mean(error["input"], TRIGGERS, lang, field="trigger")
        elif kind == "rrule" and "=" not in str(error["input"]):
            hint = did_you_mean(error["input"], CADENCES, lang, field="repeat") or hint
    elif kind in _PLURAL_MESSAGES:
        key, plural = _PLURAL_MESSAGES[kind]
        n = int(ctx.get(key, 0))
        message = plural(lang, n).format(where=where, n=n, value=_value(error["input"], lang))
    else:  # a type this table does not know yet: pydantic's English, at least placed
        message = lang._("{where}: {msg}").format(where=where, msg=error["msg"]) if where else error["msg"]
    line, column, end_line, end_column = doc.span(loc, at_key=at_key)
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=message, hint=hint,
                      file=doc.file, path=loc, line=line, column=column, at_key=at_key,
                      end_line=end_line, end_column=end_column)


# Pydantic's error types (planner.model's own are its ERRORS), each as a function of the
# language the message is said in. Messages
# get `where` (the YAML path, e.g. goals[0].due), `value` (the value found) and the
# error's context (ge, le, gt, lt, pattern, ...).
# Where a value was to be a number: a hint may say how to write the text as one.
_NUMBER_KINDS = frozenset({"int_type", "int_parsing", "int_from_float", "float_type",
                           "float_parsing"})
_MESSAGES: dict[str, Callable[[Language], str]] = {
    "string_type": lambda lang: lang._("{where}: expected text, but the value is {value}"),
    "string_sub_type": lambda lang: lang._("{where}: expected text, but the value is {value}"),
    "string_too_short": lambda lang: lang._("{where} must not be empty"),
    "string_pattern_mismatch": lambda lang: lang._(
        "{where}: the value {value} does not match the pattern {pattern}"),
    "int_type": lambda lang: lang._("{where}: expected a whole number, but the value is {value}"),
    "int_parsing": lambda lang: lang._("{where}: expected a whole number, but the value is {value}"),
    "int_from_float": lambda lang: lang._("{where}: expected a whole number, but the value is {value}"),
    "float_type": lambda lang: lang._("{where}: expected a number, but the value is {value}"),
    "float_parsing": lambda lang: lang._("{where}: expected a number, but the value is {value}"),
    "finite_number": lambda lang: lang._("{where}: expected a finite number, but the value is {value}"),
    "bool_type": lambda lang: lang._("{where}: expected true or false, but the value is {value}"),
    "bool_parsing": lambda lang: lang._("{where}: expected true or false, but the value is {value}"),
    "date_type": lambda lang: lang._("{where}: expected a date (YYYY-MM-DD), but the value is {value}"),
    "date_parsing": lambda lang: lang._("{where}: expected a date (YYYY-MM-DD), but the value is {value}"),
    "date_from_datetime_parsing": lambda lang: lang._(
        "{where}: expected a date (YYYY-MM-DD), but the value is {value}"),
    "date_from_datetime_inexact": lambda lang: lang._(
        "{where}: expected a date without a time of day, but the value is {value}"),
    "list_type": lambda lang: lang._("{where}: expected a list, but the value is {value}"),
    "dict_type": lambda lang: lang._("{where}: expected a mapping of keys and values, but the value is "
                                     "{value}"),
    "greater_than_equal": lambda lang: lang._("{where} must be at least {ge}, but the value is {value}"),
    "greater_than": lambda lang: lang._("{where} must be greater than {gt}, but the value is {value}"),
    "less_than_equal": lambda lang: lang._("{where} must be at most {le}, but the value is {value}"),
    "less_than": lambda lang: lang._("{where} must be less than {lt}, but the value is {value}"),
    "multiple_of": lambda lang: lang._("{where} must be a multiple of {multiple_of}, but the value is "
                                       "{value}"),
}
_HINTS: dict[str, Callable[[Language], str]] = {
    "date_type": lambda lang: lang._("write a day as 2027-06-30, without quotes"),
    "date_parsing": lambda lang: lang._("write a day as 2027-06-30, without quotes"),
    "bool_type": lambda lang: lang._("write true or false, without quotes"),
    "period_order": lambda lang: lang._("swap `start` and `end`"),
    "step_kind": lambda lang: lang._("write each step as its own list item: `- send: <message id>`, "
                                     "`- wait: 3 days` or `- branch: {if: opened, then: [...]}`"),
    "rrule": lambda lang: lang._("e.g. `repeat: monthly`, or the RRULE `repeat: FREQ=MONTHLY;COUNT=3` for "
                                 "three monthly dates"),
    "one_line": lambda lang: lang._("write it as one line of plain text after the colon (`|` and `>` "
                                    "keep a line break at the end)"),
}
_PLURAL_MESSAGES: dict[str, tuple[str, Callable[[Language, int], str]]] = {
    "string_too_long": ("max_length", lambda lang, n: lang.ngettext(
        "{where} must be at most {n} character long", "{where} must be at most {n} characters long",
        n)),
    "too_short": ("min_length", lambda lang, n: lang.ngettext(
        "{where} must have at least {n} item", "{where} must have at least {n} items", n)),
    "too_long": ("max_length", lambda lang, n: lang.ngettext(
        "{where} must have at most {n} item", "{where} must have at most {n} items", n)),
}


def _number(value: Any) -> Any:
    """A bound of a constraint as the plan would write it: 0, not 0.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _options(expected: str) -> list[str]:
    """The choices of pydantic's `'a', 'b' or 'c'`."""
    return [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]


def _value(value: Any, lang: Language) -> str:
    """A value found in a plan, as a message shows it."""
    if value is None:
        return lang._("empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(_number(value))
    if isinstance(value, dt.datetime):
        return f"'{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value if len(value) <= 60 else value[:57] + '...'}'"
    if isinstance(value, list | tuple):
        return lang._("a list")
    if isinstance(value, dict):
        return lang._("a mapping")
    return type(value).__name__


def _is_tag(part: Any) -> bool:
    # pydantic puts union members and validator names into `loc`; they are not YAML keys.
    return isinstance(part, str) and ("[" in part or part in {"int", "float", "str", "date"}
                                      or part.startswith("constrained-"))


def _field_at(model: type[BaseModel], loc: Path) -> FieldInfo | None:
    """The field (by alias) at `loc` under `model`, e.g. ("goals", 0, "due") -> Goal.due."""
    current: Any = model
    field_info = None
    for part in loc:
        if isinstance(part, int):
            continue  # list items share the item model, which the field's type already names
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field_info = next((f for n, f in current.model_fields.items()
                           if (f.alias or n) == part), None)
        if field_info is None:
            return None
        current = _inner_model(field_info.annotation)
    return field_info


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names (aliases) of the model that sits at `loc` under `model`."""
    current: Any = model
    if loc:
        field_info = _field_at(model, loc)
        current = _inner_model(field_info.annotation) if field_info is not None else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def vocabulary(model: type[BaseModel], loc: Path) -> tuple[str, ...]:
    """The closed vocabulary of the field at `loc`: the values of its `Literal` type."""
    field_info = _field_at(model, loc)
    return _literals(field_info.annotation) if field_info is not None else ()


def _literals(annotation: Any) -> tuple[str, ...]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return tuple(v for arg in typing.get_args(annotation) for v in _literals(arg))
    return ()


def _takes(annotation: Any, kind: type) -> bool:
    """Whether the annotation accepts values of `kind` (through unions and Annotated)."""
    if annotation is kind:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_takes(arg, kind) for arg in typing.get_args(annotation))
    return False


def _choices(options: tuple[str, ...] | list[str], lang: Language) -> str:
    return format_list([f"'{o}'" for o in options], style="or", locale=lang.locale)


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated, dict):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
