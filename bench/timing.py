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


def paired_medians(repeat: int, first: Callable[[], object], second: Callable[[], object]
                   ) -> tuple[float, float]:
    """The median times of `first` and `second`, run alternately (so that a slow spell of
    the machine hits both alike)."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        a.append(median_of(1, first))
        b.append(median_of(1, second))
    return statistics.median(a), statistics.median(b)


def median_run(cmd: list[str], cwd: Path, repeat: int) -> float:
    """The median wall time of `repeat` runs of the command `cmd` (output discarded)."""
    env = dict(os.environ)
    return median_of(repeat, lambda: subprocess.run(
        cmd, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL))


def verdict(value: float, target: float, unit: str = "x") -> str:
    """"(target <= 2x) OK" or "... OVER": how every bench states its bar."""
    return f"(target <= {target:g}{unit}) {'OK' if value <= target else 'OVER'}"
