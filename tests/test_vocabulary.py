"""planner.vocabulary: every label map covers exactly its vocabulary, and the model and the
site read the vocabularies from there."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from planner import vocabulary as v
from planner.diagnostics import Severity
from planner.model import Branch, Journey, Kpi, Message, Playbook, Segment

LABELS: list[tuple[str, dict[Any, str], tuple[Any, ...]]] = [
    ("stage", v.STAGE_LABELS, get_args(v.Stage)),
    ("stage hint", v.STAGE_HINTS, get_args(v.Stage)),
    ("group", v.GROUP_LABELS, get_args(v.Group)),
    ("group stages", v.GROUP_STAGES_LABELS, get_args(v.Group)),
    ("consent", v.CONSENT_LABELS, get_args(v.Consent)),
    ("channel", v.CHANNEL_LABELS, get_args(v.Channel)),
    ("purpose", v.PURPOSE_LABELS, get_args(v.Purpose)),
    ("kind", v.KIND_LABELS, get_args(v.KnownKind)),
    ("trigger", v.TRIGGER_LABELS, get_args(v.KnownTrigger)),
    ("reaction", v.REACTION_LABELS, get_args(v.Reaction)),
    ("cadence", v.CADENCE_LABELS, get_args(v.Cadence)),
    ("direction", v.DIRECTION_LABELS, get_args(v.Direction)),
    ("window", v.WINDOW_LABELS, get_args(v.Window)),
    ("severity", v.SEVERITY_LABELS, tuple(Severity)),
    ("status", v.STATUS_LABELS, get_args(v.Status)),
    ("recording", v.RECORDING_LABELS, get_args(v.Recording)),
    ("SMART letter", v.LETTER_NAMES, get_args(v.SmartLetter)),
    ("item kind", v.ITEM_KIND_LABELS, get_args(v.ItemKind)),
    ("review level", v.LEVEL_LABELS, get_args(v.Level)),
    ("change", v.CHANGE_LABELS, get_args(v.ChangeKind)),
    ("verdict", v.VERDICT_LABELS, get_args(v.Verdict)),
]


@pytest.mark.parametrize(("name", "labels", "values"), LABELS, ids=[n for n, _l, _v in LABELS])
def test_labels_cover_exactly_the_vocabulary(name: str, labels: dict[Any, str],
                                             values: tuple[Any, ...]) -> None:
    assert set(labels) == set(values), name
    assert all(label.strip() for label in labels.values()), name


def test_value_tuples_follow_their_literals() -> None:
    for values, literal in [(v.LANGUAGES, v.LanguageCode), (v.STAGES, v.Stage),
                            (v.CONSENTS, v.Consent), (v.CHANNELS, v.Channel),
                            (v.MESSAGE_KINDS, v.KnownKind), (v.TRIGGERS, v.KnownTrigger),
                            (v.REACTIONS, v.Reaction), (v.CADENCES, v.Cadence),
                            (v.STATUSES, v.Status), (v.LETTERS, v.SmartLetter),
                            (v.LEVELS, v.Level)]:
        assert values == get_args(literal)
        assert len(set(values)) == len(values)
    assert set(v.CHANNELS) >= v.ELECTRONIC_CHANNELS


@pytest.mark.parametrize(("model", "field", "literal"), [
    (Playbook, "language", v.LanguageCode), (Segment, "stage", v.Stage),
    (Segment, "consent", v.Consent), (Message, "channel", v.Channel),
    (Message, "purpose", v.Purpose), (Branch, "if_", v.Reaction), (Kpi, "direction", v.Direction),
    (Journey, "layout", v.JourneyLayout)])
def test_the_model_accepts_the_vocabulary(model: Any, field: str, literal: Any) -> None:
    assert model.model_fields[field].annotation == literal


def test_labels_are_translated_and_fall_back_to_the_plan_s_own_words() -> None:
    from planner.i18n import ENGLISH, language
    from planner.render import labels

    finnish = language("fi")
    assert labels.channel("letter", ENGLISH) == "letter"
    assert labels.channel("letter", finnish) == finnish._("letter") != "letter"
    assert labels.reaction("no-reaction", ENGLISH) == "no reaction"
    assert labels.trigger("custom:webinar-attended", finnish) == "webinar-attended"
    assert labels.channel("pigeon", finnish) == "pigeon" and labels.stage_hint("pigeon", finnish) == ""


def test_the_model_imports_nothing_from_the_rooms_above_it() -> None:
    import subprocess
    import sys

    code = ("import sys, planner.model; print(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('planner.'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert "planner.model" in loaded and "planner.recurrence_rules" in loaded
    assert not [m for m in loaded if m.split(".")[1] in ("derive", "render", "rules", "plan")]
