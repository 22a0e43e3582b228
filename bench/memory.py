"""Where the memory of `planner build` goes, by package, at its largest.

    python bench/memory.py [-n 300]

Builds a synthetic plan of N segments (bench/synth.py) in this process under
tracemalloc, takes a snapshot when MkDocs has rendered every page (on_post_build: the
moment everything is still held), and prints the traced peak and the live memory per
package (planner, mkdocs, markdown, material, jinja2, ...), then the 15 largest
allocation sites. Tracing slows the build several times; use a small N and compare
per-segment figures between two sizes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402


def package(filename: str) -> str:
    parts = Path(filename).parts
    for marker in ("site-packages", "planner"):
        if marker in parts:
            index = parts.index(marker)
            return "planner" if marker == "planner" else parts[index + 1]
    return "python"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--segments", type=int, default=300)
    args = parser.parse_args()
    from planner.engine import site
    from planner.engine.mkdocs_plugin import PlannerPlugin

    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    snapshots: list[tracemalloc.Snapshot] = []
    original = getattr(PlannerPlugin, "on_post_build", None)

    def on_post_build(self: PlannerPlugin, *, config: object) -> None:
        snapshots.append(tracemalloc.take_snapshot())
        if original is not None:
            original(self, config=config)

    PlannerPlugin.on_post_build = on_post_build  # type: ignore[method-assign]
    try:
        plans = synth.write(work / "plans", args.segments)
        tracemalloc.start(1)
        site.build(plans, work / "site")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stats = snapshots[0].statistics("lineno")
    by_package: Counter[str] = Counter()
    for stat in stats:
        by_package[package(stat.traceback[0].filename)] += stat.size
    n = args.segments
    print(f"segments: {n}; traced peak {peak / 2**20:.0f} MB ({peak / 1024 / n:.0f} KB/segment)")
    print("live at the end of the build, by package:")
    for name, size in by_package.most_common(8):
        print(f"  {name:<20} {size / 2**20:8.1f} MB {size / 1024 / n:8.1f} KB/segment")
    print("largest allocation sites:")
    for stat in stats[:15]:
        frame = stat.traceback[0]
        print(f"  {stat.size / 2**20:8.1f} MB  {frame.filename[-60:]}:{frame.lineno}")


if __name__ == "__main__":
    main()
