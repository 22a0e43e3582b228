"""Read the measured values of `plans/actuals/*.csv`, every cell with its line and column.

The `load` arrow for actuals, as `planner.load` is for the YAML files. The files are
written the way spreadsheets and CRM or analytics exports write them:

- a header row names the columns in any order (`segment`, `kpi`, `date`, `value`
  required, `note` optional; case and surrounding spaces do not matter; other
  columns are ignored, as exports carry extra ones);
- the delimiter is `;` when the header holds more semicolons than commas, else `,`
  (Finnish spreadsheets write `;` and a decimal comma: `8,4` in a `;` file is 8.4);
- UTF-8 with or without a BOM, CRLF or LF line ends, quoted cells as the csv module
  reads them.

What can be judged from a row alone (a missing column or cell, a value that is not a
number, a date that is not an ISO date) is reported here as K801; what needs the plan
(the segment and KPI exist, the date is in the period and not after today, duplicates)
is the business of `planner.rules.actuals`.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from planner.diagnostics import Diagnostic, Severity
from planner.i18n import Language

FOLDER = "actuals"
REQUIRED = ("segment", "kpi", "date", "value")
COLUMNS = (*REQUIRED, "note")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A number as spreadsheets write it: sign, digits, one decimal separator, an exponent.
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    line: int
    column: int

    @property
    def position(self) -> tuple[int, int]:
        return self.line, self.column


@dataclass(slots=True)
class Row:
    """One data row. `day` and `value` are None when the cell could not be read (the
    loader has reported it); such a row takes no further part."""

    file: str
    line: int
    segment: Cell
    kpi: Cell
    date: Cell
    value: Cell
    note: str = ""
    day: dt.date | None = None
    number: float | None = None

    @property
    def usable(self) -> bool:
        return self.day is not None and self.number is not None


@dataclass(slots=True)
class ActualsFile:
    """One CSV file, kept for the source line a text report shows under a finding."""

    file: str
    text: str
    delimiter: str = ","

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass(slots=True)
class Actuals:
    files: list[ActualsFile] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    def document(self, file: str) -> ActualsFile | None:
        return next((f for f in self.files if f.file == file), None)


def read_folder(folder: FsPath, display: str, lang: Language
                ) -> tuple[Actuals | None, list[Diagnostic]]:
    """Every `*.csv` of `folder` (None when there is no such folder), with the
    problems found in single rows, said in `lang`. `display` is the folder as messages name it."""
    if not folder.is_dir():
        return None, []
    actuals, problems = Actuals(), []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()
                       and not p.name.startswith(".")):  # the files P013 counts as read
        file, rows, found = read_file(path, f"{display}/{path.name}", lang)
        actuals.files.append(file)
        actuals.rows += rows
        problems += found
    return actuals, problems


def read_file(path: FsPath, file: str, lang: Language
              ) -> tuple[ActualsFile, list[Row], list[Diagnostic]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        return ActualsFile(file, good), [], [Diagnostic(
            rule="P001", severity=Severity.ERROR, file=file, line=line, column=column,
            message=lang._("the file is not valid UTF-8 (byte 0x{byte:02x})").format(
                byte=raw[exc.start]),
            hint=lang._("save the CSV file as UTF-8 (most spreadsheets offer \"CSV UTF-8\")"))]
    if "\0" in text:
        return ActualsFile(file, text), [], [_k801(
            file, 1, 1, lang._("the file contains a NUL byte; it is not a CSV text file"),
            lang._("save the CSV file as UTF-8 (most spreadsheets offer \"CSV UTF-8\")"))]
    return parse(text, file, lang)


def parse(text: str, file: str, lang: Language) -> tuple[ActualsFile, list[Row], list[Diagnostic]]:
    """The rows of one CSV text (see module doc)."""
    lines = text.splitlines(keepends=True)
    header_at = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_at is None:
        return ActualsFile(file, text), [], [_k801(
            file, 1, 1, lang._("the file is empty: it needs a header row"),
            lang._("start with the header row `segment,kpi,date,value,note`"))]
    head = lines[header_at]
    delimiter = ";" if head.count(";") > head.count(",") else ","
    source = ActualsFile(file, text, delimiter)
    records = _records(lines, header_at, delimiter)
    problems: list[Diagnostic] = []
    try:
        header_line, header, _offsets = next(records)
    except (BadRecord, StopIteration):
        return source, [], [_k801(file, header_at + 1, 1, lang._("the header row cannot be read"),
                                  "")]
    names = [h.strip().lower() for h in header]
    columns = {name: i for i, name in reversed(list(enumerate(names))) if name}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return source, [], [_k801(
            file, header_line, 1,
            lang._("the header row lacks the column(s) {columns}").format(
                columns=", ".join(f"'{c}'" for c in missing)),
            lang._("the header names the columns segment, kpi, date and value (note is optional), "
                   "in any order, e.g. `segment,kpi,date,value,note`"))]
    rows: list[Row] = []
    while True:
        try:
            line, values, offsets = next(records)
        except StopIteration:
            break
        except BadRecord as exc:
            problems.append(_k801(file, exc.line, 1,
                                  lang._("the row cannot be read as CSV: {reason}").format(
                                      reason=exc.reason),
                                  lang._("check the quotes of the row")))
            break
        if not any(v.strip() for v in values):
            continue
        row, found = _row(file, line, values, offsets, columns, delimiter, lang)
        rows.append(row)
        problems += found
    return source, rows, problems


def _records(lines: list[str], first: int, delimiter: str
             ) -> Iterator[tuple[int, list[str], list[tuple[int, int]]]]:
    """(line, cells, cell positions) of every record from line index `first` on."""
    position = {"line": first}

    def feed() -> Iterator[str]:
        while position["line"] < len(lines):
            position["line"] += 1
            yield lines[position["line"] - 1]

    reader = csv.reader(feed(), delimiter=delimiter, strict=True)
    while True:
        start = position["line"]
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BadRecord(start + 1, str(exc)) from exc
        raw = "".join(lines[start:position["line"]])
        yield start + 1, values, _cell_positions(raw, delimiter, start + 1)


def _cell_positions(raw: str, delimiter: str, line: int) -> list[tuple[int, int]]:
    """Where each cell of one record starts (1-based line and column), found by a scan
    that knows quotes: the csv module itself does not say."""
    out = [(line, 1)]
    quoted, row, column = False, line, 0
    for char in raw.rstrip("\r\n"):
        column += 1
        if char == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif char == "\n":
            row, column = row + 1, 0
        elif char == delimiter and not quoted:
            out.append((row, column + 1))
    return out


class BadRecord(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _row(file: str, line: int, values: list[str], offsets: list[tuple[int, int]],
         columns: dict[str, int], delimiter: str, lang: Language) -> tuple[Row, list[Diagnostic]]:
    def cell(name: str) -> Cell:
        i = columns.get(name)
        if i is None:
            return Cell("", line, 1)
        at = offsets[min(i, len(offsets) - 1)]  # a short row: where its last cell starts
        text = values[i] if i < len(values) else ""
        return Cell(text.strip(), *at)

    row = Row(file=file, line=line, segment=cell("segment"), kpi=cell("kpi"),
              date=cell("date"), value=cell("value"), note=cell("note").text)
    problems = []
    for name in REQUIRED:
        c: Cell = getattr(row, name)
        if not c.text:
            problems.append(_k801(file, c.line, c.column,
                                  lang._("the row has no {column}").format(column=name),
                                  lang._("every row needs a segment, a kpi, a date and a value")))
    if row.date.text:
        row.day = _date(row.date.text)
        if row.day is None:
            problems.append(_k801(
                file, *row.date.position,
                lang._("'{value}' is not a date").format(value=row.date.text),
                lang._("write the date as YYYY-MM-DD, e.g. 2027-03-31")))
    if row.value.text:
        row.number = number(row.value.text, delimiter)
        if row.number is None:
            problems.append(_k801(
                file, *row.value.position,
                lang._("'{value}' is not a number").format(value=row.value.text),
                lang._("write the number alone, in the KPI's unit: 8.4 for 8.4 %, 1250 for EUR "
                       "1,250") if delimiter == "," else
                lang._("write the number alone, in the KPI's unit: 8,4 for 8.4 %, 1250 for EUR "
                       "1,250")))
    if row.segment.text.strip() == "" or row.kpi.text.strip() == "":
        row.day = None  # not usable, already reported
    return row, problems


def _date(text: str) -> dt.date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def number(text: str, delimiter: str) -> float | None:
    """A cell as a number; in a `;` file a decimal comma is read as a point."""
    cleaned = text.strip()
    if delimiter == ";" and "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def _k801(file: str, line: int, column: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(rule="K801", severity=Severity.ERROR, file=file, line=line,
                      column=column, message=message, hint=hint)
