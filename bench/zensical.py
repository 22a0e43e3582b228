"""Benchmark Zensical against MkDocs on the pages `planner generate` writes.

    python bench/zensical.py [-n 100] [--repeat 3]

On a synthetic plan of N segments (bench/synth.py): `planner generate`, then, as fresh
processes in the same run (medians of --repeat, alternating), `mkdocs build` and
`zensical build --clean` of the generated project. Prints their ratio (target: at most 3x).
Zensical scans back to the start of the line for every closing tag, so a page of megabyte
lines builds in quadratic time: generated pages break their lines at element boundaries.
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
from timing import paired_medians, verdict  # noqa: E402

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]


def longest_line(docs: Path) -> tuple[int, str]:
    return max((max((len(line) for line in p.read_text("utf-8").splitlines()), default=0),
                p.relative_to(docs).as_posix()) for p in docs.rglob("*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--segments", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    zensical = shutil.which("zensical")
    if zensical is None:
        sys.exit("zensical is not installed (pip install zensical)")
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        plans = synth.write(work / "plans", args.segments)
        project = work / "generated"
        subprocess.run([*PLANNER, "generate", str(plans), "--out", str(project)], cwd=work,
                       check=True, stdout=subprocess.DEVNULL)
        config = str(project / "mkdocs.yml")

        def run(cmd: list[str]) -> None:
            subprocess.run(cmd, cwd=project, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)

        t_mkdocs, t_zensical = paired_medians(
            args.repeat,
            lambda: run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                         "-d", str(work / "mkdocs-site")]),
            lambda: run([zensical, "build", "--clean", "-f", config]))
        length, page = longest_line(project / "docs")
        ratio = t_zensical / t_mkdocs
        print(f"segments: {args.segments}; longest generated line: {length} characters ({page})")
        print(f"mkdocs build:            {t_mkdocs:7.2f} s")
        print(f"zensical build --clean:  {t_zensical:7.2f} s")
        print(f"ratio: {ratio:.2f}x {verdict(ratio, 3)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
