"""Benchmark `planner check` against merely loading the same YAML, in the same run.

    python bench/check.py [-n 1000] [--repeat 3] [--jsonschema]

Prints the median time of each and their ratio (target: at most 1.5x).
With --jsonschema it also times the `planner check` command against the
`check-jsonschema` command validating the same files with the exported schema
(target: planner no slower).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from timing import median_of  # noqa: E402

from planner.check import check_paths  # noqa: E402
from planner.cli import tune_gc  # noqa: E402
from planner.rules import all_rules  # noqa: E402


def load_only(root: Path) -> None:
    for path in [root / "playbook.yaml", *sorted((root / "segments").glob("*.yaml"))]:
        with path.open("rb") as f:
            yaml.load(f.read().decode("utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--segments", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jsonschema", action="store_true")
    args = parser.parse_args()
    all_rules()  # imports, once, as the CLI would before reading plans
    tune_gc()  # the collector's setting of the `planner` command (planner.cli)
    with tempfile.TemporaryDirectory() as tmp:
        root = synth.write(Path(tmp) / "plans", args.segments)
        result = check_paths([root])
        assert not result.failed(), [d.message for d in result.diagnostics][:5]
        t_load = median_of(args.repeat, lambda: load_only(root))
        t_check = median_of(args.repeat, lambda: check_paths([root]))
        print(f"segments: {args.segments}")
        print(f"yaml.load (CSafeLoader): {t_load:.3f} s")
        print(f"planner check:           {t_check:.3f} s")
        print(f"ratio: {t_check / t_load:.2f}x (target <= 1.5x)")
        if args.jsonschema:
            jsonschema_cli(root, Path(tmp), args.repeat)


def jsonschema_cli(root: Path, tmp: Path, repeat: int) -> None:
    if shutil.which("check-jsonschema") is None:
        print("check-jsonschema: not installed, skipped")
        return
    from planner.schema import schemas

    schema_file = tmp / "segment.schema.json"
    schema_file.write_text(json.dumps(schemas()["segment"]), encoding="utf-8")
    files = [str(p) for p in sorted((root / "segments").glob("*.yaml"))]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=False, capture_output=True)

    t_planner = median_of(repeat, lambda: run(["planner", "check", str(root)]))
    t_js = median_of(repeat, lambda: run(["check-jsonschema", "--schemafile", str(schema_file), *files]))
    print(f"planner check (CLI):     {t_planner:.3f} s")
    print(f"check-jsonschema (CLI):  {t_js:.3f} s")
    print(f"ratio: {t_planner / t_js:.2f}x (target <= 1.0x)")


if __name__ == "__main__":
    main()
