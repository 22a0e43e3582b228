"""How Material's search splits a playbook site's text into words (its `separator`).

Material's search (lunr.js in the browser) finds a word when the index holds a token
that starts with it. It cuts the index text into tokens at its `separator`, whose
default for English, Finnish and Hebrew is whitespace and hyphens only. A playbook's
text holds more than that between words: the invisible bidi controls planner puts around
values and names of the other direction (a right-to-left mark before `₪`, the isolates
LRI and PDI around an English KPI id on a Hebrew page), quotes, brackets, slashes
(`plans/actuals/`), commas, currency and percent signs, and the Hebrew maqaf. With the
default, such a word is indexed with the character in front of it and typing it finds
nothing. So unless the team set a `separator` of its own, the plugin gives the search
plugin this one: also every character a reader does not read as part of a word. What
lunr does with the tokens (`lang`, `pipeline`) stays Material's choice for the site's
language (its Hebrew turns the English trimmer, stemmer and stop words off; Finnish and
English search stems nothing, as their queries are prefixes).

A `|` only at the top level: Material's in-page highlighter splits the separator there.
"""

from __future__ import annotations

from typing import Any

# Whitespace; hyphens and dashes (the Hebrew maqaf too); punctuation around words (a
# rule's text quotes a field in backticks, `purpose: service`; `BYDAY=2TH`);
# currency and percent signs (`€95,200`, `€397.4K€309.1K` in a bar of three; `12%`
# finds `12 %` as written in English and Finnish); format characters (bidi marks,
# embeddings and isolates, zero-width spaces and joiners, the byte order mark); a full
# stop not inside a number; the HTML escapes in the index.
SEPARATOR = (r'[\s\-\u05be\u2010-\u2015,;:!?"`=()\[\]{}/\\·«»“”„‘’‚$£¥\u20a0-\u20cf%‰'
             r'\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+'
             r'|\.(?!\d)|&[lg]t;|&amp;')


def material_search_plugin(plugins: Any) -> Any | None:
    """Material's search plugin among `plugins` (a configuration's), if there is one."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # another theme, without Material installed
        return None
    return next((p for p in plugins.values() if isinstance(p, SearchPlugin)), None)


def configure_search(plugins: Any) -> None:
    """Give Material's search planner's `separator` unless the team set its own.

    Runs in the planner plugin's on_config, before the search plugin's: that fills in
    only what is still unset, from the site's language."""
    search = material_search_plugin(plugins)
    if search is not None and not search.config.separator:
        search.config.separator = SEPARATOR
