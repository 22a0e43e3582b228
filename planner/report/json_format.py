"""`--format json`: one array of objects, the contract of PLAN-FORMAT.md."""

from __future__ import annotations

import json
import re

from planner.check import CheckResult

# json.dumps escapes C0 controls; with ensure_ascii=False it leaves C1 controls (U+009B is
# CSI on some terminals), line separators and explicit bidi controls raw. They can only
# occur inside strings, where \uXXXX means the same character: the data is unchanged.
_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render(result: CheckResult, color: bool = False) -> str:
    out = json.dumps([d.as_json() for d in result.diagnostics], ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", out)
