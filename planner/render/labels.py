"""Display names for the plan format's vocabulary words, in the plan's language
(the words and their labels are planner.vocabulary's)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from babel.lists import format_list

from planner import vocabulary as vocab
from planner.i18n import Language


def _label(labels: Mapping[Any, str], value: str, lang: Language) -> str:
    """The translated label of `value`, or `value` itself when the vocabulary lacks it."""
    return lang._(labels[value]) if value in labels else value


stage = partial(_label, vocab.STAGE_LABELS)
# A lifecycle group (planner.derive.lifecycle.GROUPS).
group = partial(_label, vocab.GROUP_LABELS)
purpose = partial(_label, vocab.PURPOSE_LABELS)
consent = partial(_label, vocab.CONSENT_LABELS)
channel = partial(_label, vocab.CHANNEL_LABELS)
kind = partial(_label, vocab.KIND_LABELS)
reaction = partial(_label, vocab.REACTION_LABELS)
direction = partial(_label, vocab.DIRECTION_LABELS)
window = partial(_label, vocab.WINDOW_LABELS)
severity = partial(_label, vocab.SEVERITY_LABELS)
# A goal's tracking status (planner.derive.progress).
status = partial(_label, vocab.STATUS_LABELS)
# The state of one KPI measurement date (planner.derive.progress).
recording = partial(_label, vocab.RECORDING_LABELS)


def stage_hint(value: str, lang: Language) -> str:
    return lang._(vocab.STAGE_HINTS[value]) if value in vocab.STAGE_HINTS else ""


def kinds(values: tuple[str, ...], lang: Language) -> str:
    """Message kinds any one of which will do: "reactivation or win-back"."""
    return format_list([kind(v, lang) for v in values], style="or", locale=lang.locale)


def trigger(value: str, lang: Language) -> str:
    """A journey trigger; a custom one is its own name."""
    if value.startswith(vocab.CUSTOM_TRIGGER):
        return value[len(vocab.CUSTOM_TRIGGER):]
    return _label(vocab.TRIGGER_LABELS, value, lang)


def cadence(value: str | None, lang: Language) -> str:
    if value is None:
        return lang._("not scheduled")
    return _label(vocab.CADENCE_LABELS, value, lang)


def unit(value: str, lang: Language) -> str:
    """A KPI unit word of the plan format's examples; other units are the plan's own."""
    # TRANSLATORS: KPI units, in the "Unit" column of a segment's KPI table.
    return {"count": lang._("count"), "score": lang._("score"), "days": lang._("days"),
            "day": lang._("days"), "hours": lang._("hours"), "hour": lang._("hours"),
            "weeks": lang._("weeks"), "week": lang._("weeks")}.get(value.lower(), value)
