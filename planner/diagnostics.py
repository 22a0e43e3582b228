"""The one value every check produces, whatever reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A path into one YAML document: mapping keys and sequence indexes, e.g. ("goals", 0, "due").
Path = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # shown, never fails a check (not even under strict)


@dataclass(slots=True)
class Diagnostic:
    """One finding. `path` is resolved to `line`/`column` by the loader's locator,
    so that rules never deal with YAML marks."""

    rule: str
    severity: Severity
    message: str
    file: str
    path: Path = ()
    hint: str = ""
    smart: str | None = None
    segment: str | None = None
    item: str | None = None
    item_kind: str | None = None  # "goal" when the message is about the goal `item`
    line: int = 1
    column: int = 1
    # Where the value ends (just after it), when known: the text reporter underlines it all.
    end_line: int = 0
    end_column: int = 0
    # Point at the key of `path` rather than its value (unknown fields, missing keys' parents).
    at_key: bool = False
    waived: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "smart": self.smart,
            "severity": "info" if self.waived else str(self.severity),
            "segment": self.segment,
            "item": self.item,
            "message": self.message,
            "hint": self.hint,
        }
        if self.waived:
            out["waived"] = self.waived
        return out
