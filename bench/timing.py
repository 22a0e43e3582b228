"""Timing for the bench scripts: medians of repeated runs, in process or as fresh processes.

The machine is shared and noisy, so every script compares figures measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def median_of(repeat: int, fn: Callable[[], object]) -> float:
    """The median wall time of `repeat` calls of `fn`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_run(cmd: list[str], cwd: Path, repeat: int) -> float:
    """The median wall time of `repeat` runs of the command `cmd` (output discarded)."""
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_PLANS"}
    return median_of(repeat, lambda: subprocess.run(
        cmd, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL))
