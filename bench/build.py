"""Benchmark `planner build` against a plain `mkdocs build` of the pages it generates.

    python bench/build.py [-n 200] [--repeat 3]

On a synthetic plan of N segments (bench/synth.py), in the same run:

- `planner build` (check + render + MkDocs, with the plugin), against
- `mkdocs build` of what `planner generate` wrote (MkDocs alone, no plugin),

both as fresh processes, medians of --repeat. Prints their ratio (target: at most
0.85x), then times `planner build` on 2N segments and prints the 2N/N ratio
(target: at most 2.1x, i.e. roughly linear growth).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from timing import median_run, verdict  # noqa: E402

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]


def planner_build(work: Path, segments: int, repeat: int) -> float:
    plans = synth.write(work / f"plans-{segments}", segments)
    return median_run([*PLANNER, "build", str(plans), "-o", str(work / f"site-{segments}")],
                      work, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--segments", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.segments
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        plans = synth.write(work / "plans", n)
        subprocess.run([*PLANNER, "generate", str(plans), "--out",
                        str(work / "generated")], cwd=work, check=True, stdout=subprocess.DEVNULL)
        mkdocs = median_run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                             str(work / "generated" / "mkdocs.yml"), "-d",
                             str(work / "plain-site")], work, args.repeat)
        build = planner_build(work, n, args.repeat)
        ratio = build / mkdocs
        print(f"segments: {n}")
        print(f"mkdocs build of the generated pages: {mkdocs:7.2f} s")
        print(f"planner build:                       {build:7.2f} s")
        print(f"ratio: {ratio:.3f}x {verdict(ratio, 0.85)}")
        double = planner_build(work, 2 * n, args.repeat)
        growth = double / build
        print(f"planner build on {2 * n} segments:       {double:7.2f} s")
        print(f"{2 * n}/{n} time ratio: {growth:.3f}x {verdict(growth, 2.1)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
