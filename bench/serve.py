"""Benchmark `planner serve` after an edit of one segment against a full `planner build`.

    python bench/serve.py [-n 200] [--repeat 3]

On a synthetic plan of N segments (bench/synth.py), in the same run:

- `planner build` of the plan (check + render + MkDocs, a fresh process), against
- `planner serve` of the plan: one segment file gets a new campaign title, and the time
  from saving it until the server returns the segment's page with the new title (polled
  over HTTP), then until the calendar page has it too,

alternately, medians of --repeat. Prints the edit-to-served / build ratio (target: at
most 0.25x). For comparison it also times an edit that adds a segment file (a new page in
the site, which serve builds in full).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))  # the repository: tests.helpers
import synth  # noqa: E402
from timing import median_run, verdict  # noqa: E402

from tests.helpers import start_server, stop_server  # noqa: E402

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]
POLL = 0.05  # seconds between two requests for the page


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local server
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(url: str, needle: str, since: float, timeout: float = 300) -> float:
    """Seconds from `since` until `url` returns a page containing `needle`."""
    while time.perf_counter() - since < timeout:
        if needle in _get(url):
            return time.perf_counter() - since
        time.sleep(POLL)
    raise SystemExit(f"{needle!r} never appeared at {url}")


def build_and_edit(work: Path, plans: Path, repeat: int
                   ) -> tuple[list[float], list[float], list[float], float]:
    """Alternately (so that a slow spell of the machine hits both alike): a `planner build`
    of the plan, and an edit of one segment while `planner serve` serves it. Returns the
    seconds of each build; from each edit until the edited segment's page is served, and
    until the calendar is; and from adding a segment until its page is served."""
    server, url = start_server(plans, work)
    builds, page_times, calendar_times = [], [], []
    try:
        _until(url, "Synthetic plan 2027", time.perf_counter())
        segment = plans / "segments" / "segment-0007.yaml"
        text = segment.read_text(encoding="utf-8")
        for i in range(repeat):
            builds.append(median_run([*PLANNER, "build", str(plans), "-o", str(work / "site")],
                                     work, 1))
            time.sleep(1.5)  # the server is idle, its watcher has seen the last edit
            title = f"Spring offer, edit {i}"
            segment.write_text(text.replace("title: Spring offer", f"title: {title}"),
                               encoding="utf-8")
            saved = time.perf_counter()
            page_times.append(_until(url + "segments/segment-0007/", title, saved))
            calendar_times.append(_until(url + "calendar/", title, saved))
        time.sleep(1.5)
        new = plans / "segments" / "segment-new.yaml"
        new.write_text(text.replace("Synthetic segment 7", "Added segment").replace(
            "s7-", "new-"), encoding="utf-8")
        saved = time.perf_counter()
        added = _until(url + "segments/segment-new/", "Added segment", saved)
        new.unlink()
        segment.write_text(text, encoding="utf-8")
    finally:
        stop_server(server)
    return builds, page_times, calendar_times, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--segments", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.segments
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        plans = synth.write(work / "plans", n)
        builds, pages, calendars, added = build_and_edit(work, plans, args.repeat)
        build = statistics.median(builds)
        page, calendar = statistics.median(pages), statistics.median(calendars)
        ratio = page / build
        print(f"segments: {n}")
        print(f"planner build:                                 {build:7.2f} s")
        print(f"serve, one segment edited, its page served:    {page:7.2f} s "
              f"({', '.join(f'{t:.2f}' for t in pages)})")
        print(f"serve, the same edit on the calendar page:     {calendar:7.2f} s")
        print(f"serve, a segment added, its page served:       {added:7.2f} s (a full build)")
        print(f"edit-to-served / build: {ratio:.3f}x {verdict(ratio, 0.25)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
