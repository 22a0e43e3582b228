"""The import direction of README's "Layout": each module of planner/ belongs to one room, and a
room imports only from the rooms before it (and from itself). Read from the source with `ast`,
so a lazy import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

PACKAGE = REPO / "planner"

# The rooms in import order, each with the modules (or packages, ending in ".") it holds;
# the same list as README's "Layout" section.
ROOMS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("planner", "planner.__init__", "planner.i18n", "planner.vocabulary",
              "planner.diagnostics", "planner.dates", "planner.recurrence_rules", "planner.files",
              "planner.suggest", "planner.morphology", "planner.holidays", "planner.last_change")),
    ("load", ("planner.load", "planner.plan_files", "planner.actuals")),
    ("model", ("planner.model", "planner.schema", "planner.id_scan")),
    ("plan", ("planner.plan",)),
    ("derive", ("planner.derive.",)),
    ("rules", ("planner.rules.", "planner.textmatch")),
    ("check", ("planner.check",)),
    ("report", ("planner.report.",)),
    ("render", ("planner.render.", "planner.reference")),
    ("review", ("planner.review.",)),
    ("engine", ("planner.engine.",)),
    ("cli", ("planner.cli", "planner.cli_options", "planner.cli_site", "planner.__main__",
             "planner.status", "planner.scaffold")),
]
RANK = {room: i for i, (room, _modules) in enumerate(ROOMS)}

# Upward imports allowed for now, each with the reason; an entry that is no longer needed
# fails the test, so the list only shrinks.
EXCEPTIONS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(module: str) -> str:
    """The room of `module` (the longest matching entry of ROOMS)."""
    best, length = None, -1
    for room, entries in ROOMS:
        for entry in entries:
            matches = (module.startswith(entry) or module == entry[:-1]) if entry.endswith(".") \
                else module == entry
            if matches and len(entry) > length:
                best, length = room, len(entry)
    assert best is not None, f"{module} is in no room: add it to ROOMS here and to README's Layout"
    return best


def imports(path: Path) -> set[str]:
    """The planner modules `path` imports (for `from planner.x import y`, planner.x.y when
    that is a module, else planner.x)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    """`imports` of the text `source` of a module in `package`."""
    tree = ast.parse(source)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "planner")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "planner":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if _is_module(sub) else base)
    return found


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def upward_imports() -> set[tuple[str, str]]:
    out = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        for target in imports(path):
            if RANK[room_of(target)] > RANK[room_of(source)]:
                out.add((source, target))
    return out


def test_no_room_imports_a_later_room() -> None:
    upward = upward_imports()
    wrong = sorted(upward - EXCEPTIONS)
    assert not wrong, "upward imports (see README, Layout): " + ", ".join(
        f"{s} ({room_of(s)}) -> {t} ({room_of(t)})" for s, t in wrong)
    stale = sorted(EXCEPTIONS - upward)
    assert not stale, f"no longer needed, remove from EXCEPTIONS: {stale}"


def test_the_model_imports_nothing_that_builds_on_it() -> None:
    later = {"derive", "rules", "check", "report", "render", "review", "engine", "cli"}
    found = {t for s, t in upward_imports() - EXCEPTIONS
             if room_of(s) == "model" and room_of(t) in later}
    assert found == set()


def test_the_check_finds_an_upward_import() -> None:
    """The checker itself: an import from a later room, a relative one included, is seen."""
    assert room_of("planner.derive.calendar") == "derive"
    assert room_of("planner.derive") == "derive"
    assert room_of("planner.render") == "render"
    assert RANK[room_of("planner.engine.site")] > RANK[room_of("planner.model")]
    source = "from ..render import labels\nimport planner.engine.site\nfrom . import journeys\n"
    assert imports_in(source, "planner.derive") == {
        "planner.render.labels", "planner.engine.site", "planner.derive.journeys"}


def test_every_module_is_in_a_room() -> None:
    for path in PACKAGE.rglob("*.py"):
        room_of(module_name(path))
