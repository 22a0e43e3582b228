"""A few helpers for writing markup by hand safely: every value goes through `escape`."""

from __future__ import annotations

import math

from markupsafe import Markup

from planner.render.bidi import differs
from planner.render.escape import escape_str

PALETTE_SIZE = 10


def esc(value: object) -> str:
    """`value` as text safe in HTML/XML text and quoted attributes, and inert in the
    Markdown page around it (planner.render.escape)."""
    if isinstance(value, Markup):
        return str(value)
    return escape_str(str(value))


_KEYS: dict[str, str] = {}


def _attrs(values: dict[str, object]) -> str:
    """` name="value"` pairs, escaped; `class_` -> class, `data_x` -> data-x; None is left out."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = _KEYS.get(name)
        if key is None:
            key = _KEYS[name] = name.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(f" {key}")
        else:
            if isinstance(value, float):
                value = num(value)
            parts.append(f' {key}="{esc(value)}"')
    return "".join(parts)


def tag(name: str, *children: object, **values: object) -> Markup:
    """An element; children that are not Markup are escaped, attribute values always are."""
    inner = "".join(c if isinstance(c, Markup) else esc(c) for c in children if c is not None)
    return Markup(f"<{name}{_attrs(values)}>{inner}</{name}>")


def block(name: str, *children: object, **values: object) -> Markup:
    """Like `tag`, each child on a line of its own: an element of thousands of children
    stays a page of short lines (tools that scan back to a line's start stay linear).
    Only for elements whose layout ignores white space between children (blocks, grids,
    absolutely placed marks, SVG shapes)."""
    inner = "\n".join(c if isinstance(c, Markup) else esc(c) for c in children if c is not None)
    return Markup(f"<{name}{_attrs(values)}>\n{inner}\n</{name}>")


def void(name: str, **values: object) -> Markup:
    return Markup(f"<{name}{_attrs(values)}/>")


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def polar(cx: float, cy: float, radius: float, fraction: float, rtl: bool = False
          ) -> tuple[float, float]:
    """The point at `fraction` of a full turn, clockwise from twelve o'clock
    (counter-clockwise when `rtl`: a mirrored dial)."""
    angle = 2 * math.pi * fraction
    x = radius * math.sin(angle)
    return (cx - x if rtl else cx + x), cy - radius * math.cos(angle)


def text_direction(text: str, page_dir: str) -> str:
    """The base direction a label needs so that its punctuation lands on the right side:
    the page's (`page_dir`) when the label has a letter of that direction or none at all,
    else the direction of its letters (see planner.render.bidi)."""
    return differs(text, page_dir) or page_dir


def anchor_towards(text: str, rightwards: bool, page_dir: str) -> tuple[str, str]:
    """(direction, text-anchor) for a label that starts at x and runs to the right of it
    (`rightwards`) or to its left, in the label's own direction (on a `page_dir` page)."""
    direction = text_direction(text, page_dir)
    forward = (direction == "ltr") == rightwards
    return direction, "start" if forward else "end"


def color(index: int) -> str:
    return f"pl-c{index % PALETTE_SIZE}"
