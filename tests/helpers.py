"""What several test modules share: the repository's paths, a plans directory built from one
case file, checking it, Chromium's path, starting and stopping a `planner serve`. A plain module
(conftest.py holds only fixtures and hooks, and is never imported by a test)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from planner.check import check_paths
from planner.diagnostics import Diagnostic

TESTS = Path(__file__).parent
CASES = TESTS / "plans"
REPO = TESTS.parent
# Debian's Chromium, as the browser tests drive it (see DESIGN.md).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_LANGUAGE = re.compile(r"^#\s*language:\s*(\w+)", re.M)
SEARCH_INDEX = Path("search", "search_index.json")


def start_server(plans: Path, cwd: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`planner serve plans` on a free port of this machine (stop it with `stop_server`),
    and its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", "from planner.cli import main; main()", "serve", str(plans),
         "-a", f"127.0.0.1:{port}"], cwd=cwd, env=dict(os.environ),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}/"


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop a `planner serve` started by a test as a user would (Ctrl-C), or kill it."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def plan_dir_for(case: Path, into: Path) -> Path:
    """A plans directory holding the fixture playbook and `case` as its segment; a case
    named `playbook*.yaml` replaces the playbook instead, with the minimal segment."""
    root = into / "plans"
    (root / "segments").mkdir(parents=True)
    text = case.read_text(encoding="utf-8", errors="replace")
    if case.name.startswith("playbook"):
        shutil.copyfile(case, root / "playbook.yaml")
        shutil.copyfile(CASES / "valid" / "minimal.yaml", root / "segments" / "engaged.yaml")
    else:
        playbook = (CASES / "playbook.yaml").read_text(encoding="utf-8")
        if m := _LANGUAGE.search(text[:300]):
            playbook = playbook.replace("language: en", f"language: {m[1]}")
        (root / "playbook.yaml").write_text(playbook, encoding="utf-8")
        stem = case.stem.split(".")[0]
        shutil.copyfile(case, root / "segments" / f"{stem}.yaml")
    return root


def check_dir(root: Path) -> list[Diagnostic]:
    return check_paths([root]).diagnostics


def search_index_unspaced(site: Path) -> tuple[object, int]:
    """A built site's search index with its texts' whitespace taken out, and its number of
    words. Material's search indexes planner's pages through their search view
    (planner.engine.search_view), which keeps the texts of separate boxes (table cells...)
    apart with a space; reading the same HTML whole, the index runs them together."""
    data = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    words = 0
    for doc in data["docs"]:
        for field in ("title", "text"):
            words += len(doc[field].split())
            doc[field] = "".join(doc[field].split())
    return data, words
