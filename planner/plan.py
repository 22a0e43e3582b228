"""A plans directory, read and validated into a `Plan`.

This is the `model` arrow of the flow: documents from `load` become typed
objects; pydantic's errors become positioned P003/P004/P006 diagnostics.
"""

from __future__ import annotations

import difflib
import gc
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from planner import i18n
from planner.diagnostics import Diagnostic, Path, Severity
from planner.i18n import _
from planner.load import Document, read
from planner.model import Playbook, Segment, _check_id

PLAYBOOK = "playbook.yaml"
SEGMENTS = "segments"


@dataclass(slots=True)
class SegmentFile:
    id: str
    doc: Document
    segment: Segment | None = None

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

    @property
    def segments(self) -> list[tuple[SegmentFile, Segment]]:
        """The segments that validated, with their files."""
        return [(sf, sf.segment) for sf in self.segment_files if sf.segment is not None]

    @property
    def valid(self) -> bool:
        return self.playbook is not None and all(sf.segment for sf in self.segment_files)

    def document(self, file: str) -> Document | None:
        if self.playbook_doc is not None and self.playbook_doc.file == file:
            return self.playbook_doc
        return next((sf.doc for sf in self.segment_files if sf.file == file), None)


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
        if (candidate / PLAYBOOK).is_file():
            return candidate
    return start


@contextmanager
def gc_paused() -> Iterator[None]:
    """Node graphs and values are acyclic, so reference counting frees them; the cyclic
    collector would only rescan every node kept for positions, again and again (3x the
    cost of the whole load on a large repository). On the way out the survivors are
    frozen, so the first collection afterwards does not scan them all at once either."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def load_plan(root: FsPath) -> Plan:
    """Read and validate the plans directory `root`. Never raises on bad content."""
    with gc_paused():
        return _load_plan(root)


def _load_plan(root: FsPath) -> Plan:
    plan = Plan(root=root)
    pb_path = root / PLAYBOOK
    if pb_path.is_file():
        doc, problems = read(pb_path, display_path(pb_path))
        plan.playbook_doc = doc
        plan.playbook = _validate(Playbook, doc, problems)
        plan.diagnostics += problems
    else:
        plan.diagnostics.append(Diagnostic(
            rule="P001", severity=Severity.ERROR, file=display_path(pb_path),
            message=_("no {name} in {root}").format(name=PLAYBOOK, root=display_path(root)),
            hint=_("a plans directory holds playbook.yaml (title, year, language, objectives, "
                   "contact_policy) and segments/<id>.yaml")))
    if plan.playbook is not None:
        i18n.use(plan.playbook.language)
    seg_dir = root / SEGMENTS
    paths = sorted(seg_dir.glob("*.yaml")) + sorted(seg_dir.glob("*.yml"))
    seg_display = display_path(seg_dir)
    for path in paths:
        doc, problems = read(path, f"{seg_display}/{path.name}")
        sf = SegmentFile(id=path.stem, doc=doc)
        plan.segment_files.append(sf)
        try:
            _check_id(path.stem)
        except ValueError:
            plan.diagnostics.append(Diagnostic(
                rule="P006", severity=Severity.ERROR, file=doc.file,
                message=_("the file name '{stem}' is not a valid segment id").format(stem=path.stem),
                hint=_("rename the file to lowercase letters, digits and hyphens, "
                       "e.g. segments/passive-lost.yaml")))
        else:
            sf.segment = _validate(Segment, doc, problems)
        for d in problems:
            d.segment = sf.id
        plan.diagnostics += problems
    return plan


def _validate(model: type[BaseModel], doc: Document, out: list[Diagnostic]) -> Any:
    """Validate `doc` against `model`, adding its problems to `out` (which may already hold
    the loader's: a spot the loader already reported is not reported twice)."""
    data = doc.data
    if out and data is None:
        return None  # unreadable: the loader said why
    if not isinstance(data, dict):
        out.append(Diagnostic(
            rule="P004", severity=Severity.ERROR, file=doc.file,
            message=_("the file must be a mapping of fields, not {what}").format(
                what=_("an empty file") if data is None else type(data).__name__),
            hint=_("start with `name:` for a segment, `title:` for the playbook")))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        taken = {(d.line, d.column) for d in out}
        for error in exc.errors():
            d = _diagnostic(model, doc, error)
            if (d.line, d.column) not in taken:
                out.append(d)
        return None


def _diagnostic(model: type[BaseModel], doc: Document, error: Any) -> Diagnostic:
    loc: Path = tuple(p for p in error["loc"] if isinstance(p, int) or not _is_tag(p))
    kind = error["type"]
    rule, hint, at_key = "P004", "", False
    message = error["msg"]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if kind == "extra_forbidden":
        rule, at_key = "P003", True
        known = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = _("unknown field '{name}'").format(name=loc[-1])
        if guess:
            hint = _("did you mean '{guess}'?").format(guess=guess[0])
        else:
            hint = _("known fields here: {fields}").format(fields=", ".join(known))
    elif kind == "planner_id":
        rule = "P006"
        message = error["msg"]
        hint = _("ids are used in URLs and calendar UIDs, e.g. 'repeat-purchase-rate'")
    elif kind == "missing":
        at_key = True
        message = _("missing required field '{name}'").format(name=loc[-1])
        loc = loc[:-1]
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = _("'{value}' is not allowed for {where}: expected {expected}").format(
            value=error["input"], where=where, expected=expected)
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        guess = difflib.get_close_matches(str(error["input"]), options, n=1)
        if guess:
            hint = _("did you mean '{guess}'?").format(guess=guess[0])
    else:
        message = _("{where}: {msg}").format(where=where, msg=error["msg"]) if where else message
    line, column = doc.locate(loc, at_key=at_key)
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=message, hint=hint,
                      file=doc.file, path=loc, line=line, column=column, at_key=at_key)


def _is_tag(part: Any) -> bool:
    # pydantic puts union members and validator names into `loc`; they are not YAML keys.
    return isinstance(part, str) and ("[" in part or part in {"int", "float", "str", "date"})


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names (aliases) of the model that sits at `loc` under `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue  # list items share the item model, which the field's type already names
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field_info = next((f for n, f in current.model_fields.items()
                           if (f.alias or n) == part), None)
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


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
