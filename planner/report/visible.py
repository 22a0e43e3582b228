"""Plan text made harmless on a terminal or in a CI log.

Diagnostics quote plan text (values in messages, the source line under the caret,
file names). A plan may hold escape sequences (`ESC ] ... BEL` sets the window title
or writes hyperlinks, CSI moves the cursor and recolours or hides text), carriage
returns and backspaces that overwrite what was printed, line breaks that forge a
finding of their own, and explicit bidi controls that reorder what a reviewer reads
("Trojan Source"). `visible` writes each such character as a Python-style escape
(`\\x1b`, `\\u202e`) so that it is seen, not obeyed. Tabs and bidi marks (LRM, RLM),
which Hebrew text uses, are kept.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(m: re.Match[str]) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character and explicit bidi control written as an escape."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text
