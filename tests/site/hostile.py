"""Plans for the site's tests: copies of a plans directory, and a hostile variant whose
every text field carries script and markup payloads (ids and closed vocabulary words
stay valid, so the plan still passes the check and the site is built).

Names and titles are one line (a line break is a P004), so they get the one-line
payloads; free text (definitions, contents, descriptions, rationales, sources, waiver
reasons) gets those and the block payloads: lines that Markdown extensions would turn
into fenced code with attributes, admonitions, snippets, abbreviations or tables if
plan text could ever begin a line of a page."""

from __future__ import annotations

import csv
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
    "</title><script>alert(11)</script>",
    "{{ config.site_name }} {% if 1 %}macro{% endif %} {++critic++} {~~a~>b~~}",
    "\u202eleft open",  # RIGHT-TO-LEFT OVERRIDE, never closed
)
PAYLOAD = " ".join(PAYLOADS)
BLOCK_PAYLOADS = (
    "\n```{ onmouseover=alert(7) .x }\nfenced code\n```\n",
    "\n~~~ {onclick=alert(8)}\ntilde fence\n~~~\n",
    '\n!!! danger "<b>an admonition</b>"\n    its body\n',
    '\n<div markdown="1" onclick="alert(9)">*md in html*</div>\n',
    '\n--8<-- "mkdocs.yml"\n',
    "\n*[HTML]: an abbreviation <script>alert(10)</script>\n",
    "\n| a | table |\n|---|---|\n| c | d |\n",
)
BLOCK = "".join(BLOCK_PAYLOADS)

# One line of text shown on the site.
LINE_KEYS = {"title", "name", "owner", "unit"}
# Free text: shown on the site but not judged structurally by the rules.
FREE_KEYS = {"definition", "source", "content", "description", "rationale"}


def copy_plans(into: Path, source: Path = FIXTURE_PLANS) -> Path:
    target = into / "plans"
    shutil.copytree(source, target)
    return target


def _poison(value: object, key: str | None = None) -> object:
    if isinstance(value, dict):
        out = {k: _poison(v, k) for k, v in value.items()}
        if "waive" in out and isinstance(out["waive"], dict):
            out["waive"] = {k: f"{v} {PAYLOAD}{BLOCK}" for k, v in out["waive"].items()}
        if "channel" in out and isinstance(out.get("kind"), str):  # a message: any kind is text
            out["kind"] = f"{out['kind']} {PAYLOAD}"
        if isinstance(out.get("trigger"), str):  # a journey: a custom trigger names itself
            out["trigger"] = f"custom:{PAYLOAD}{BLOCK}"
        return out
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in LINE_KEYS:
        return f"{value} {PAYLOAD}"
    if isinstance(value, str) and key in FREE_KEYS:
        return f"{value} {PAYLOAD}{BLOCK}"
    return value


def hostile_plans(into: Path, source: Path = FIXTURE_PLANS) -> Path:
    """A copy of `source` with the payloads appended to every free-text field."""
    target = into / "plans"
    (target / "segments").mkdir(parents=True)
    for path in [source / "playbook.yaml", *sorted((source / "segments").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False)
        (target / path.relative_to(source)).write_text(body, encoding="utf-8")
    for path in sorted((source / "actuals").glob("*.csv")):  # measured values: their notes
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        (target / "actuals").mkdir(exist_ok=True)
        with (target / "actuals" / path.name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=["segment", "kpi", "date", "value", "note"])
            writer.writeheader()
            writer.writerows({**r, "note": f"{r.get('note') or ''} {PAYLOAD}"} for r in rows)
    return target
