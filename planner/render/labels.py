"""Display names for the plan format's vocabulary words, in the plan's language
(the words and their labels are planner.vocabulary's)."""

from __future__ import annotations

from functools import partial

from babel.lists import format_list

from planner import vocabulary as vocab
from planner.i18n import Language

stage = partial(vocab.label, vocab.STAGE_LABELS)
# A lifecycle group (planner.derive.lifecycle.GROUPS).
group = partial(vocab.label, vocab.GROUP_LABELS)
purpose = partial(vocab.label, vocab.PURPOSE_LABELS)
consent = partial(vocab.label, vocab.CONSENT_LABELS)
channel = partial(vocab.label, vocab.CHANNEL_LABELS)
kind = partial(vocab.label, vocab.KIND_LABELS)
reaction = partial(vocab.label, vocab.REACTION_LABELS)
direction = partial(vocab.label, vocab.DIRECTION_LABELS)
window = partial(vocab.label, vocab.WINDOW_LABELS)
severity = partial(vocab.label, vocab.SEVERITY_LABELS)
# A SMART letter's name: Specific, Measurable, ...
letter = partial(vocab.label, vocab.LETTER_NAMES)
item_kind = partial(vocab.label, vocab.ITEM_KIND_LABELS)
# How `planner diff` grades a change.
level = partial(vocab.label, vocab.LEVEL_LABELS)
change = partial(vocab.label, vocab.CHANGE_LABELS)
# A goal's tracking status (planner.derive.progress).
status = partial(vocab.label, vocab.STATUS_LABELS)
# The state of one KPI measurement date (planner.derive.progress).
recording = partial(vocab.label, vocab.RECORDING_LABELS)


def stage_hint(value: str, lang: Language) -> str:
    return lang._(vocab.STAGE_HINTS[value]) if value in vocab.STAGE_HINTS else ""


def kinds(values: tuple[str, ...], lang: Language) -> str:
    """Message kinds any one of which will do: "reactivation or win-back"."""
    return format_list([kind(v, lang) for v in values], style="or", locale=lang.locale)


def trigger(value: str, lang: Language) -> str:
    """A journey trigger; a custom one is its own name."""
    if value.startswith(vocab.CUSTOM_TRIGGER):
        return value[len(vocab.CUSTOM_TRIGGER):]
    return vocab.label(vocab.TRIGGER_LABELS, value, lang)


def cadence(value: str | None, lang: Language) -> str:
    if value is None:
        return lang._("not scheduled")
    return vocab.label(vocab.CADENCE_LABELS, value, lang)


def unit(value: str, lang: Language) -> str:
    """A KPI unit word of the plan format's examples; other units are the plan's own."""
    # TRANSLATORS: KPI units, in the "Unit" column of a segment's KPI table.
    return {"count": lang._("count"), "score": lang._("score"), "days": lang._("days"),
            "day": lang._("days"), "hours": lang._("hours"), "hour": lang._("hours"),
            "weeks": lang._("weeks"), "week": lang._("weeks")}.get(value.lower(), value)
