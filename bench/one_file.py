"""Benchmark `planner check` of one segment file against the check of the whole plan.

    python bench/one_file.py [-n 1000] [--repeat 3]

On a synthetic plan of N segments (bench/synth.py), as fresh processes (what a pre-commit
hook runs), in the same run, medians of --repeat:

- `planner check plans/segments/<one>.yaml`, against
- `planner check plans`,

and, for scale, `planner check` of a plan holding that one segment alone. Prints the ratio
of the one-file check to the whole-plan check (target: at most 0.35x).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from timing import median_run, verdict  # noqa: E402

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--segments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        plans = synth.write(work / "plans", args.segments)
        one = sorted((plans / "segments").iterdir())[args.segments // 2]
        alone = synth.write(work / "alone", 0)
        shutil.copy(one, alone / "segments" / one.name)
        t_whole = median_run([*PLANNER, "check", "plans"], work, args.repeat)
        t_file = median_run([*PLANNER, "check", f"plans/segments/{one.name}"], work, args.repeat)
        t_alone = median_run([*PLANNER, "check", "alone"], work, args.repeat)
        ratio = t_file / t_whole
        print(f"segments: {args.segments}")
        print(f"planner check plans (whole plan):        {t_whole:6.2f} s")
        print(f"planner check plans/segments/{one.name}: {t_file:6.2f} s")
        print(f"planner check of a one-segment plan:     {t_alone:6.2f} s")
        print(f"ratio one file / whole plan: {ratio:.2f}x {verdict(ratio, 0.35)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
