"""Which files under a plans directory make up the plan, and the ones that look meant to (P013).

The plan is `playbook.yaml` (or `playbook.yml`), `segments/*.yaml|yml`,
`wordlists/*.yaml` and `actuals/*.csv`. Any other YAML or CSV file under the
plans directory is probably meant to be part of it and would otherwise be
ignored without a word (a `segment/` folder, a segment dropped next to the
playbook): P013 names it and where it belongs.
"""

from __future__ import annotations

import os
from pathlib import Path as FsPath

from planner.diagnostics import Diagnostic, Severity
from planner.files import list_folder
from planner.i18n import ENGLISH, Language
from planner.load import read
from planner.suggest import suggest

PLAYBOOKS = ("playbook.yaml", "playbook.yml")
SEGMENTS = "segments"
WORDLISTS = "wordlists"
ACTUALS = "actuals"
_YAML = (".yaml", ".yml")
_FOLDERS = (SEGMENTS, WORDLISTS, ACTUALS)
# Top-level fields that tell what a stray YAML file was meant to be.
_SEGMENT_FIELDS = frozenset({"stage", "kpis", "goals", "customers", "outlook", "consent"})
_WORDLIST_FIELDS = frozenset({"vague", "soft", "time", "outcome", "allow", "months"})


def playbook_path(root: FsPath) -> FsPath | None:
    """The playbook of the plans directory `root`: playbook.yaml, else playbook.yml. Whatever
    is there by that name (a FIFO, a folder, a dangling link) is the playbook, so that
    reading it says what is wrong instead of "no playbook"."""
    return next((root / name for name in PLAYBOOKS if os.path.lexists(root / name)), None)


def segment_paths(root: FsPath, lang: Language) -> list[FsPath]:
    """Every entry of `segments/` named *.yaml or *.yml, by name, whatever it is: reading
    each says what is wrong with one that is no regular file (planner.files). Raises
    Unreadable when `segments` is no folder or cannot be listed."""
    return list_folder(root / SEGMENTS, _YAML, lang)


def _read_here(folder: str, name: str, playbook: FsPath | None) -> bool:
    """Whether the plan reads the file `name` of the folder `folder` (relative to the plans
    directory, "." for the directory itself)."""
    suffix = os.path.splitext(name)[1]
    if folder == ".":
        return playbook is not None and name == playbook.name
    return ((folder == SEGMENTS and suffix in _YAML)
            or (folder == WORDLISTS and suffix == ".yaml")
            or (folder == ACTUALS and suffix.lower() == ".csv"))


def stray_files(root: FsPath, playbook: FsPath | None, display: str, lang: Language
                ) -> list[Diagnostic]:
    """P013 for every YAML or CSV file under `root` that is not part of the plan.
    `display` is how `root` is shown in diagnostics, `lang` the plan's language."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = os.path.relpath(folder, root)
        for name in sorted(files):
            if (os.path.splitext(name)[1].lower() not in (*_YAML, ".csv") or name.startswith(".")
                    or _read_here(here, name, playbook)):
                continue
            path = FsPath(folder) / name
            rel = path.relative_to(root).as_posix()
            out.append(Diagnostic(
                rule="P013", severity=Severity.WARNING, file=f"{display}/{rel}",
                message=lang._("{file} is not part of the plan: planner does not read it").format(
                    file=rel),
                hint=_where_it_belongs(root, path, playbook, display, lang)))
    return out


def _where_it_belongs(root: FsPath, path: FsPath, playbook: FsPath | None, display: str,
                      lang: Language) -> str:
    rel = path.relative_to(root)
    name, csv = path.name, path.suffix.lower() == ".csv"
    if path.name in PLAYBOOKS and playbook is not None:
        return lang._("{used} is the playbook; keep one of the two files").format(used=playbook.name)
    if csv:
        return lang._("measured values are read from {folder}/*.csv: move it to {target}").format(
            folder=f"{display}/{ACTUALS}", target=f"{display}/{ACTUALS}/{name}")
    meant = _meant_folder(rel)
    if meant not in (SEGMENTS, WORDLISTS):
        meant = _by_content(path)
    if meant == SEGMENTS:
        return lang._("segment files are read from {folder}/: move it to {target}").format(
            folder=f"{display}/{SEGMENTS}", target=f"{display}/{SEGMENTS}/{path.stem}.yaml")
    if meant == WORDLISTS:
        return lang._("the team's word lists are read from {folder}/<language>.yaml: move it to "
                      "{target}").format(folder=f"{display}/{WORDLISTS}",
                                    target=f"{display}/{WORDLISTS}/{path.stem}.yaml")
    return lang._("planner reads playbook.yaml, segments/*.yaml, wordlists/<language>.yaml and "
                  "actuals/*.csv here: move the file into one of those places, or out of {root}").format(
        root=display)


def _meant_folder(rel: FsPath) -> str | None:
    """The plan folder that the file's folder names or misspells (`segment/`, `Segments/`)."""
    if len(rel.parts) < 2:
        return None
    top = rel.parts[0]
    if top in _FOLDERS:
        return top
    return suggest(top, _FOLDERS, names=True)


def _by_content(path: FsPath) -> str | None:
    """What a YAML file's top-level fields say it is (a segment, a word list), or None."""
    try:
        doc, problems = read(path, path.name, ENGLISH)  # only whether it reads is used
    except OSError:
        return None
    if problems or not isinstance(doc.data, dict):
        return None
    keys = set(doc.data)
    if keys & _SEGMENT_FIELDS:
        return SEGMENTS
    if keys & _WORDLIST_FIELDS:
        return WORDLISTS
    return None
