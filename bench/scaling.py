"""How `planner build` grows with the plan: time and peak memory per segment.

    python bench/scaling.py [-n 1000 2000 4000] [--profile DIR]

Builds a synthetic plan (bench/synth.py) of each size in a fresh process and prints,
per size, the wall time, the CPU time, the peak resident memory, and each divided by
the number of segments. Growth is linear when the per-segment figures stay flat; on a
shared machine compare the ratios between sizes of one run, not absolute times.

With --profile DIR each build also runs under cProfile and writes DIR/build-N.pstats
and the 15 functions with the most cumulative time (DIR/build-N.txt), so a step that
grows faster than the plan shows as a function whose share grows with N.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

BUILD = "from planner.cli import main; main()"
PROFILED = ("import cProfile, sys; from planner.cli import main; sys.argv[0] = 'planner'; "
            "cProfile.run('main()', sys.argv.pop(1))")


def measure(work: Path, segments: int, profile: Path | None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one `planner build` of `segments`."""
    plans = synth.write(work / f"plans-{segments}", segments)
    code = [sys.executable, "-c", BUILD]
    if profile is not None:
        code = [sys.executable, "-c", PROFILED, str(profile / f"build-{segments}.pstats")]
    env = dict(os.environ)
    start = time.perf_counter()
    child = subprocess.Popen([*code, "build", str(plans), "-o", str(work / f"site-{segments}")],
                             cwd=work, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"planner build of {segments} segments exited {child.returncode}")
    shutil.rmtree(work / f"site-{segments}", ignore_errors=True)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def top(profile: Path, segments: int) -> None:
    with open(profile / f"build-{segments}.txt", "w", encoding="utf-8") as out:
        stats = pstats.Stats(str(profile / f"build-{segments}.pstats"), stream=out)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--segments", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        print(f"{'segments':>8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} "
              f"{'ms/seg wall':>12} {'ms/seg cpu':>11} {'KB/seg':>7}", flush=True)
        for n in args.segments:
            wall, cpu, peak = measure(work, n, args.profile)
            print(f"{n:>8} {wall:>8.1f} {cpu:>8.1f} {peak:>8.0f} {1000 * wall / n:>12.1f} "
                  f"{1000 * cpu / n:>11.1f} {1024 * peak / n:>7.0f}", flush=True)
            if args.profile is not None:
                top(args.profile, n)
            shutil.rmtree(work / f"plans-{n}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
