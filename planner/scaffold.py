"""`planner init`: a team repository ready to check, build and publish its plan.

It writes starter plans in the team's language (a playbook and one segment per lifecycle
group: interested, engaged, passive and lost), the MkDocs configuration, a GitHub Actions
workflow, a pre-commit configuration and the editor's schema mapping. It never replaces a
file: every file is created exclusively, and one that exists is kept and reported. When the
folder already has a playbook, the plan is the team's and no plan file is written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from planner import __version__
from planner.schema import schemas
from planner.vocabulary import LANGUAGES

STARTER = Path(__file__).resolve().parent / "starter"
DISTRIBUTION = "lifecycle-planner"


@dataclass(frozen=True, slots=True)
class Outcome:
    path: str  # relative to the target folder, with forward slashes
    written: bool  # False: the file existed and was kept


def plan_year(today: dt.date) -> int:
    """The year a plan started today is for: from October on, teams plan the next one."""
    return today.year + 1 if today.month >= 10 else today.year


def install_spec() -> str:
    """What `pip install` needs to get this planner: the git URL and commit it was installed
    from, when it was (PEP 610 direct_url.json), else the released distribution."""
    vcs = _vcs_origin()
    if vcs is not None:
        url, commit = vcs
        return f"{DISTRIBUTION} @ git+{url}@{commit}"
    return f"{DISTRIBUTION}=={__version__}"


def _vcs_origin() -> tuple[str, str] | None:
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        info = json.loads(text or "{}")
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not vcs.get("commit_id"):
        return None
    url = str(info.get("url", ""))
    if not url.startswith(("https://", "http://", "ssh://", "git@")):
        return None  # a local clone: nothing a CI runner could fetch
    return url, str(vcs["commit_id"])


def scaffold(target: Path, language: str, year: int) -> list[Outcome]:
    """Write the starter repository into `target` (created if missing); see the module doc."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    target.mkdir(parents=True, exist_ok=True)
    install = install_spec()
    files: dict[str, str] = {}
    plans = target / "plans"
    if not (plans / "playbook.yaml").exists() and not (plans / "playbook.yml").exists():
        starter = STARTER / language
        for source in sorted(starter.rglob("*.yaml")):
            relative = source.relative_to(starter).as_posix()
            files[f"plans/{relative}"] = source.read_text(encoding="utf-8").replace("@YEAR@", str(year))
    title = _title(files.get("plans/playbook.yaml", ""), year)
    files["mkdocs.yml"] = _starter("mkdocs.yml").replace("@TITLE@", title.replace('"', "'"))
    files["docs/.gitkeep"] = ""
    files[".gitignore"] = _starter("gitignore")
    files[".github/workflows/plans.yml"] = _starter("workflow.yml").replace("@INSTALL@", install)
    files[".pre-commit-config.yaml"] = _pre_commit(install)
    files[".vscode/settings.json"] = _starter("vscode-settings.json")
    for name, body in schemas().items():
        files[f".schemas/{name}.schema.json"] = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    return [_create(target, relative, text) for relative, text in files.items()]


def _starter(name: str) -> str:
    return (STARTER / name).read_text(encoding="utf-8")


def _title(playbook: str, year: int) -> str:
    for line in playbook.splitlines():
        if line.startswith("title:"):
            return line.partition(":")[2].strip()
    return f"Playbook {year}"


def _pre_commit(install: str) -> str:
    vcs = _vcs_origin()
    if vcs is None:
        return _starter("pre-commit-local.yaml").replace("@INSTALL@", install)
    url, commit = vcs
    return _starter("pre-commit-repo.yaml").replace("@REPO@", url).replace("@REV@", commit)


def _create(target: Path, relative: str, text: str) -> Outcome:
    path = target / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x": the file is created only if it does not exist, in one step (no check-then-write race).
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        return Outcome(relative, written=False)
    return Outcome(relative, written=True)
