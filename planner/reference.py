"""The plan format reference, as Markdown: `planner format` prints it, the site's
"Plan format" page (format.md) is it.

Everything here is generated: the files' fields from the models (their
`Field(description=..., examples=[...])`, their types, defaults and vocabularies, via
the models' JSON Schema), the rule table from the rules' docstrings, the CSV columns
from `ACTUALS_COLUMNS` below. A field gets documented by giving it a description in
planner.model; nothing here names a field.

The descriptions are English msgids: `python tools/catalogs.py extract` collects
every `description="..."` literal (see tools.catalogs.extract_with_descriptions),
so a new field's description shows up as a message to translate, and the page is
said in the plan's language.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from planner.i18n import Language
from planner.model import DURATION_PATTERN, RRULE_PATTERN, Playbook, Segment
from planner.render import labels
from planner.render.bidi import LRI, PDI
from planner.schema import model_schema
from planner.vocabulary import (
    CADENCES,
    CHANNELS,
    CUSTOM_TRIGGER,
    ELECTRONIC_CHANNELS,
    MESSAGE_KINDS,
    REACTIONS,
    STAGES,
    TRIGGERS,
)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a CSV file of the plan, documented like a model field."""

    name: str
    required: bool
    description: str
    example: str


# The actuals CSV files (plans/actuals/*.csv), documented column by column: the columns
# planner.actuals reads (its COLUMNS and REQUIRED; tests/test_format_reference.py checks
# that the two agree).
ACTUALS_COLUMNS: tuple[Column, ...] = (
    Column("segment", True, description="The id of the segment (the file stem of its segment "
           "file).", example="interested"),
    Column("kpi", True, description="The id of a KPI of that segment, or `outlook.secure`, "
           "`outlook.uncertain` or `outlook.at_risk` for a re-measured revenue outlook (percent).",
           example="signup-rate"),
    Column("date", True, description="The day the value was measured (YYYY-MM-DD), inside the "
           "plan period and not after today.", example="2027-01-31"),
    Column("value", True, description="The measured value, a number in the KPI's unit (8.4 for "
           "8.4 %); in a file delimited by `;` a decimal comma is read too (`8,4`).", example="8.4"),
    Column("note", False, description="Free text about the measurement.",
           example="welcome series v2 live"),
)

# Options of the MkDocs plugin (`plugins: [planner: {...}]` in mkdocs.yml); the plugin's
# config class (planner.engine.mkdocs_plugin.PlannerConfig) holds their types and defaults.
PLUGIN_OPTIONS: tuple[Column, ...] = (
    Column("plans", False, description="The plans folder, relative to `mkdocs.yml`.",
           example="plans"),
    Column("strict", False, description="When true, warnings stop the build too.",
           example="false"),
    Column("site_name", False, description="When true, the playbook's title becomes the site "
           "name.", example="true"),
)

FILES = (("playbook.yaml", Playbook), ("segments/<id>.yaml", Segment))


def reference(lang: Language, *, anchors: bool = True) -> str:
    """The whole reference, said in `lang`. `anchors`: HTML anchors for the
    in-page links (the site); without them (the terminal) links are plain text."""
    doc = _Doc(anchors, lang)
    doc.title()
    for file_name, model in FILES:
        doc.model_file(file_name, model)
    doc.actuals()
    doc.vocabularies()
    doc.syntax()
    doc.rules()
    doc.outputs()
    return doc.text()


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _code(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "`" + text.replace("`", "'") + "`"


def _codes(values: Any) -> str:
    return ", ".join(_code(v) for v in values)


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#,\[\]{}]|:(?=\S)|#(?<=\S#))*(?<!\s)$")


def _flow(value: Any) -> str:
    """`value` as YAML flow text, as a plan would write it (plain scalars where possible)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in (
            "true", "false", "null", "yes", "no", "on", "off", "~"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _yaml_example(name: str, value: Any) -> str:
    """An example as the YAML line a user would write."""
    return _code(f"{name}: {_flow(value)}")


class _Doc:
    def __init__(self, anchors: bool, lang: Language) -> None:
        self.anchors = anchors
        self.lang = lang
        # On a right-to-left site page, field names, values and examples (all written left
        # to right) are isolated, or their brackets and trailing punctuation would flip.
        self.rtl = anchors and lang.direction == "rtl"
        self.file = ""
        self.paths: dict[str, str] = {}
        self.lines: list[str] = []

    def text(self) -> str:
        lines, fenced = [], False
        for line in self.lines:
            fenced = fenced != line.startswith("```")
            lines.append(_ltr_code(line) if self.rtl and not fenced and not line.startswith("```")
                         else line)
        return "\n".join(lines).rstrip() + "\n"

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, text: str, anchor: str | None = None) -> None:
        if anchor and self.anchors:
            self.add(f'<a id="{anchor}"></a>', "")
        if self.rtl and text.startswith("`"):  # the table of contents takes the text only
            text = f"{LRI}{text}{PDI}"
        self.add(f"{'#' * level} {text}", "")

    def anchor(self, title: str) -> str:
        """The id of a section of the current file (definitions recur in both files)."""
        return "-".join(["format", self.file, *title.lower().split()])

    def section(self, title: str) -> str:
        """A link to the section of a definition, named by its path (`kpis[]`)."""
        return self.link(f"`{self.paths.get(title, title)}`", self.anchor(title))

    def link(self, text: str, anchor: str) -> str:
        return f"[{text}](#{anchor})" if self.anchors else text

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(head) + " |", "|" + "---|" * len(head))
        self.add(*("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows))
        self.add("")

    # -- sections ------------------------------------------------------------------------
    def title(self) -> None:
        lang = self.lang
        self.heading(1, lang._("Plan format"))
        self.add(lang._("A plan is a folder of text files kept in git: one playbook, one YAML file per "
                        "customer segment and, optionally, measured values as CSV files. `planner check` "
                        "checks them; this page lists every field they can hold."), "")
        self.add("```text", "plans/", "  playbook.yaml", "  segments/", "    <id>.yaml",
                 "  actuals/", "    *.csv", "  wordlists/", "    <language>.yaml", "```", "")
        self.add(lang._("Ids (of segments, goals, KPIs, messages, campaigns, journeys and objectives) "
                        "are lowercase letters of any script, digits and single hyphens, unique within "
                        "their kind; they appear in addresses and calendar feeds."), "")
        self.add(lang._("Editors can check and complete the files as they are typed: `planner schema "
                        "--out .schemas` writes their JSON Schemas, which carry the same descriptions."),
                 "")

    def model_file(self, file_name: str, model: type[BaseModel]) -> None:
        lang = self.lang
        schema = model_schema(model)
        defs = schema.get("$defs", {})
        root = schema.get("title", file_name)
        self.file = root
        self.heading(2, f"`{file_name}`", self.anchor(root))
        queue: list[tuple[str, dict[str, Any]]] = [(file_name, schema)]
        self.paths = {root: file_name}  # a definition's title -> its first path in the file
        while queue:
            path, definition = queue.pop(0)
            if path != file_name:
                self.heading(3, f"`{path}`", self.anchor(definition["title"]))
            rows = []
            required = set(definition.get("required", []))
            for name, prop in definition.get("properties", {}).items():
                target = _target(prop)
                if target is not None:
                    child = defs[target]
                    if child["title"] not in self.paths:
                        suffix = "[]" if prop.get("type") == "array" else ""
                        self.paths[child["title"]] = f"{_short(path, file_name)}{name}{suffix}"
                        queue.append((self.paths[child["title"]], child))
                rows.append([f"`{name}`", self.value(prop, defs, name in required),
                             lang._(prop.get("description", "")),
                             # On the site, one example a line (two would wrap into each other).
                             ("<br>" if self.anchors else " ").join(
                                 _yaml_example(name, e) for e in prop.get("examples", []))])
            self.table([lang._("Field"), lang._("Value"), lang._("Meaning"), lang._("Example")], rows)

    def value(self, prop: dict[str, Any], defs: dict[str, Any], required: bool) -> str:
        lang = self.lang
        words = [self.type_of(prop, defs)]
        if required:
            words.append(lang._("required"))
        elif _is_scalar(prop.get("default")):
            words.append(lang._("default {value}").format(value=_code(prop["default"])))
        else:
            words.append(lang._("optional"))
        return "; ".join(words)

    def type_of(self, prop: dict[str, Any], defs: dict[str, Any]) -> str:
        lang = self.lang
        choices = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
        if len(choices) == 1 and "anyOf" in choices[0]:
            return self.type_of(choices[0], defs)
        if len(choices) > 1 and any("enum" in c for c in choices):
            # An open vocabulary: the usual values, or another.
            listed: list[str] = next((c["enum"] for c in choices if "enum" in c), [])
            other: dict[str, Any] = next((c for c in choices if "enum" not in c), {})
            extra = _code(f"{CUSTOM_TRIGGER}<name>") \
                if other.get("pattern", "").startswith(f"^{CUSTOM_TRIGGER}") \
                else lang._("another word (a warning)")
            return lang._("one of {values}, or {other}").format(values=_codes(listed), other=extra)
        if len(choices) > 1:
            return lang._("{first} or {second}").format(
                first=", ".join(self.type_of(c, defs) for c in choices[:-1]),
                second=self.type_of(choices[-1], defs))
        one = choices[0]
        if "$ref" in one:
            name = defs[one["$ref"].rsplit("/", 1)[-1]]["title"]
            return lang._("a mapping: see {section}").format(section=self.section(name))
        if "enum" in one:
            return lang._("one of {values}").format(values=_codes(one["enum"]))
        kind = one.get("type")
        if kind == "array":
            items = one.get("items", {})
            if "$ref" in items:
                name = defs[items["$ref"].rsplit("/", 1)[-1]]["title"]
                return lang._("a list: see {section}").format(section=self.section(name))
            if items.get("pattern"):
                return lang._("a list of codes of the form {pattern}").format(pattern=_code(items["pattern"]))
            return lang._("a list of ids")
        if kind == "object" and "properties" in one:
            return lang._("a mapping of {keys}").format(keys=_codes(one["properties"]))
        if kind == "object":
            return lang._("a mapping of rule id to reason")
        if kind == "boolean":
            return lang._("true or false")
        if kind == "integer":
            return lang._("a whole number") + _bounds(one)
        if kind == "number":
            return lang._("a number") + _bounds(one)
        if one.get("format") == "date":
            return lang._("a date (YYYY-MM-DD)")
        if one.get("pattern") == DURATION_PATTERN:
            return lang._("a duration")
        if one.get("pattern") == RRULE_PATTERN:
            return lang._("a recurrence rule")
        if one.get("pattern") and "Q" in one["pattern"]:
            return lang._("a date, month or quarter")
        if one.get("pattern"):
            return lang._("text of the form {pattern}").format(pattern=_code(one["pattern"]))
        return lang._("text")

    def actuals(self) -> None:
        lang = self.lang
        self.heading(2, "`actuals/*.csv`", "format-actuals")
        self.add(lang._("Measured values, one row per measurement, as spreadsheets and CRM or analytics "
                        "exports write them. A header row names the columns, in any order; the "
                        "delimiter is a comma or a semicolon; UTF-8, with or without a byte order "
                        "mark."), "")
        rows = [[f"`{c.name}`", lang._("required") if c.required else lang._("optional"),
                 lang._(c.description), _code(c.example)] for c in ACTUALS_COLUMNS]
        self.table([lang._("Column"), lang._("Value"), lang._("Meaning"), lang._("Example")], rows)
        self.add("```csv", "segment,kpi,date,value,note", "interested,signup-rate,2027-01-31,8.4,",
                 "engaged,outlook.secure,2027-03-31,44,Q1 customer survey", "```", "")

    def vocabularies(self) -> None:
        lang = self.lang
        self.heading(2, lang._("Vocabularies"), "format-vocabularies")
        self.table([lang._("Stage"), lang._("Meaning")],
                   [[_code(s), f"{labels.stage(s, lang)}: {labels.stage_hint(s, lang)}"] for s in STAGES])
        self.add(lang._("The three working groups: interested (suspect, prospect), engaged (customer, "
                        "loyal), passive and lost (passive, lost)."), "")
        self.table([lang._("Channel"), lang._("Meaning")],
                   [[_code(c), labels.channel(c, lang) + (
                       " " + lang._("(electronic: needs opt-in consent before a customer "
                                    "relationship)") if c in ELECTRONIC_CHANNELS else "")]
                    for c in CHANNELS])
        self.vocabulary(lang._("Message kinds"), MESSAGE_KINDS,
                        lang._("An open vocabulary: another kind is accepted with a warning (P010) "
                               "that suggests the nearest listed one."))
        self.vocabulary(lang._("Journey triggers"), (*TRIGGERS, f"{CUSTOM_TRIGGER}<name>"),
                        lang._("`custom:<name>` names an event of your own, e.g. `custom:webinar-attended`."))
        self.vocabulary(lang._("Branch reactions"), REACTIONS,
                        lang._("The customer's reaction to the message sent just before the branch."))
        self.vocabulary(lang._("Measurement cadences"), CADENCES,
                        lang._("When a KPI is measured (the annual clock): `weekly` every Sunday, "
                               "`monthly` and `quarterly` the last day of the month or quarter, `yearly` "
                               "the last day of the plan period."))

    def vocabulary(self, name: str, values: tuple[str, ...], note: str) -> None:
        self.add(f"**{name}**: {_codes(values)}.", "", note, "")

    def syntax(self) -> None:
        lang = self.lang
        self.heading(2, lang._("Dates, durations and recurrence"), "format-syntax")
        self.add(lang._("Dates are written YYYY-MM-DD. A goal's `due` and `start` may also be a month "
                        "(`2027-06`) or a quarter (`2027-Q2`), which stand for their last day as a due "
                        "date and their first day as a start."), "")
        self.add(lang._("A duration (a journey's `after`, a step's `wait`) is a number and a unit: "
                        "hours, days, weeks or months, a month counted as 30 days; `h`, `d` and `w` are "
                        "short forms. Examples: {examples}.").format(
                       examples=_codes(["12 hours", "3 days", "2 weeks", "1 month"])), "")
        self.add(lang._("A campaign's `repeat` is one RFC 5545 recurrence rule (RRULE) on one line, "
                        "optionally starting with `RRULE:`. Its `FREQ` is `YEARLY`, `MONTHLY`, `WEEKLY` "
                        "or `DAILY`; `BYHOUR`, `BYMINUTE` and `BYSECOND` are refused (campaigns are "
                        "planned by the day); `COUNT` and `UNTIL` are not both given. The campaign's "
                        "`start` is the first day of the rule; without `COUNT` or `UNTIL` it repeats "
                        "until the end of the plan period. Examples: {examples}.").format(examples=_codes([
                       "FREQ=MONTHLY;COUNT=3", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=2",
                       "FREQ=MONTHLY;BYDAY=2TH", "FREQ=YEARLY;UNTIL=20281231"])), "")
        self.add(lang._("`repeat` may also be one of the words `weekly`, `monthly`, `quarterly` or "
                        "`yearly`: every such interval from `start` to the end of the plan period (a "
                        "start on the 29th to the 31st falls on the last day of shorter months)."), "")

    def rules(self) -> None:
        lang = self.lang
        from planner.rules import all_rules

        self.heading(2, lang._("Rules"), "format-rules")
        self.add(lang._("Errors fail `planner check` (exit 1); warnings fail it only with `--strict` or "
                        "`smart.strict: true`. A goal's `waive` silences one rule for that goal, with a "
                        "reason. `planner rules RULE` prints a rule's documentation and examples."), "")
        rows = [[f"`{r.id}`", r.smart or "", labels.severity(str(r.severity), lang), r.summary]
                for r in all_rules().values()]
        self.table([lang._("Rule"), lang._("SMART"), lang._("Severity"), lang._("Checks that")], rows)

    def outputs(self) -> None:
        lang = self.lang
        self.heading(2, lang._("Output formats and exit codes"), "format-output")
        self.table([lang._("Format"), lang._("Meaning")], [
            ["`text`", lang._("The default: one finding per line, `file:line:col: severity rule "
                              "[letter] item: message`, then the source line and a hint.")],
            ["`github`", lang._("GitHub Actions workflow commands (`::error file=...,line=...,col=...`); "
                                "chosen when `GITHUB_ACTIONS=true`.")],
            ["`json`", lang._("One array of objects with the keys {keys}; a waived finding has "
                              "`severity: info` and its reason in `waived`.").format(keys=_codes([
                             "file", "line", "column", "rule", "smart", "severity", "segment",
                             "item", "message", "hint"]))],
        ])
        self.table([lang._("Exit code"), lang._("Meaning")], [
            ["`0`", lang._("No error (warnings fail only with `--strict`).")],
            ["`1`", lang._("An error finding, a warning under `--strict`, or a failed site build.")],
            ["`2`", lang._("A usage error: an unknown option, or a path that does not exist.")],
        ])
        self.add(lang._("Options of the MkDocs plugin (`plugins: [planner: {...}]` in `mkdocs.yml`):"), "")
        self.table([lang._("Option"), lang._("Meaning"), lang._("Example")],
                   [[f"`{o.name}`", lang._(o.description), _code(o.example)] for o in PLUGIN_OPTIONS])


def _ltr_code(line: str) -> str:
    """Markdown code spans as HTML code elements marked left to right (`dir` isolates)."""
    return re.sub(r"`([^`]+)`", lambda m: f'<code dir="ltr">{html.escape(m[1], quote=False)}</code>',
                  line)


def _is_scalar(value: Any) -> bool:
    return value is not None and not isinstance(value, list | dict)


def _target(prop: dict[str, Any]) -> str | None:
    """The definition a property's value (or list item) is, if any."""
    for choice in prop.get("anyOf", [prop]):
        ref = choice.get("$ref") or choice.get("items", {}).get("$ref")
        if ref:
            return str(ref).rsplit("/", 1)[-1]
    return None


def _short(path: str, file_name: str) -> str:
    return "" if path == file_name else f"{path}."




def _bounds(schema: dict[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f" ({low}–{high})"
    if "exclusiveMinimum" in schema:
        return f" (> {schema['exclusiveMinimum']})"
    return f" (≥ {low})" if low is not None else ""
