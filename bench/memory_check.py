"""Benchmark how `planner check`'s peak memory grows with the number of segments.

    python bench/memory_check.py [--small 100] [--large 3200]

Checks synthetic plans (bench/synth.py) of --small and --large segments, each in a fresh
process that reports its own peak resident memory, and prints the growth per segment
(target: at most 0.07 MB per segment).
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
from timing import verdict  # noqa: E402

# ru_maxrss is in KiB on Linux.
PEAK = """\
import resource, sys
from planner.check import check_paths
from pathlib import Path
result = check_paths([Path(sys.argv[1])])
assert not result.failed()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb(plans: Path) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK, str(plans)], check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=3200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        small = peak_mb(synth.write(work / "small", args.small))
        large = peak_mb(synth.write(work / "large", args.large))
        per = (large - small) / (args.large - args.small)
        print(f"peak memory at {args.small} segments: {small:7.1f} MB")
        print(f"peak memory at {args.large} segments: {large:7.1f} MB")
        print(f"growth: {per:.3f} MB per segment {verdict(per, 0.07, ' MB')}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
