"""Plans for the site's tests: copies of a plans directory, and a hostile variant whose
every free-text field carries script and markup payloads (ids, units and vocabulary
words stay valid, so the plan still passes the check and the site is built)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).parent
FIXTURE_PLANS = HERE / "plans"
FIXTURE_PLANS_FI = HERE / "plans-fi"  # frozen copies of examples/fi and examples/he, with
FIXTURE_PLANS_HE = HERE / "plans-he"  # some ids in non-ASCII letters
REPO = HERE.parent.parent
BUNDLED_PLANS = REPO / "plans"

PAYLOADS = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "[click](javascript:alert(4)) *em* {: onclick=alert(5)}",
    "' onmouseover='alert(6)",
    "=HYPERLINK(\"http://127.0.0.9/x\")",
)
PAYLOAD = " ".join(PAYLOADS)

# Free text: shown on the site but not judged structurally by the rules.
TEXT_KEYS = {"title", "name", "owner", "definition", "source", "content", "description",
             "rationale"}


def copy_plans(into: Path, source: Path = FIXTURE_PLANS) -> Path:
    target = into / "plans"
    shutil.copytree(source, target)
    return target


def _poison(value: object, key: str | None = None) -> object:
    if isinstance(value, dict):
        out = {k: _poison(v, k) for k, v in value.items()}
        if "waive" in out and isinstance(out["waive"], dict):
            out["waive"] = {k: f"{v} {PAYLOAD}" for k, v in out["waive"].items()}
        return out
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value} {PAYLOAD}"
    return value


def hostile_plans(into: Path, source: Path = FIXTURE_PLANS) -> Path:
    """A copy of `source` with the payloads appended to every free-text field."""
    target = into / "plans"
    (target / "segments").mkdir(parents=True)
    for path in [source / "playbook.yaml", *sorted((source / "segments").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False)
        (target / path.relative_to(source)).write_text(body, encoding="utf-8")
    return target
