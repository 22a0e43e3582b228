"""Lifecycle coverage (L801-L804), segment waivers and service messages, beyond the
acceptance examples: whole plans, counts, hints, languages, and what the site shows."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.check import check_paths, check_plan
from planner.cli import main
from planner.derive.pressure import worst_case
from planner.plan import load_plan
from planner.render import pages
from tests.helpers import CASES, REPO

COMPLETE = CASES / "valid" / "lifecycle-all-groups"
SERVICE = CASES / "valid" / "contact-service-messages.yaml"


def lifecycle(found) -> list[tuple[str, str, int]]:  # noqa: ANN001
    return [(d.rule, d.file.rsplit("/", 1)[-1], d.line) for d in found
            if d.rule.startswith("L8") and not d.waived]


def complete_plan(tmp_path: Path) -> Path:
    return Path(shutil.copytree(COMPLETE, tmp_path / "plans"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- a whole plan ---------------------------------------------------------------------------

def test_a_plan_with_every_group_and_stage_message_gives_no_l_finding(tmp_path: Path) -> None:
    assert lifecycle(check_paths([complete_plan(tmp_path)]).diagnostics) == []


@pytest.mark.parametrize("plans", ["plans", "examples/fi", "examples/he"])
def test_bundled_and_example_plans_pass_the_lifecycle_rules(plans: str) -> None:
    found = check_paths([REPO / plans]).diagnostics
    assert lifecycle(found) == []
    # ... and what they waive, they waive with a reason the site shows
    assert all(d.waived.strip() for d in found if d.rule.startswith("L8") and d.waived)


def test_removing_a_group_or_a_stage_message_is_reported(tmp_path: Path) -> None:
    root = complete_plan(tmp_path)
    (root / "segments" / "lost.yaml").unlink()
    assert lifecycle(check_paths([root]).diagnostics) == [("L803", "playbook.yaml", 3)]
    root = complete_plan(tmp_path / "again")
    edit(root / "segments" / "vip.yaml", "kind: survey", "kind: newsletter")
    assert lifecycle(check_paths([root]).diagnostics) == [("L804", "vip.yaml", 24)]


def test_no_segment_at_all_misses_every_group(tmp_path: Path) -> None:
    root = complete_plan(tmp_path)
    shutil.rmtree(root / "segments")
    (root / "segments").mkdir()
    found = [d for d in check_paths([root]).diagnostics if d.rule == "L803"]
    assert [d.message.split("group ", 1)[1] for d in found] == [
        "interested (suspect, prospect)", "engaged (customer, loyal)",
        "passive and lost (passive, lost)"]


def test_l803_waits_for_segments_that_do_not_validate(tmp_path: Path) -> None:
    """A segment whose stage cannot be read might be the missing group: say nothing."""
    root = complete_plan(tmp_path)
    edit(root / "segments" / "lost.yaml", "stage: lost", "stage: gone")
    rules = {d.rule for d in check_paths([root]).diagnostics}
    assert "P004" in rules and "L803" not in rules


# -- L804 and L802 in detail ---------------------------------------------------------------

PASSIVE = (CASES / "invalid" / "L804" / "passive-without-survey-and-welcome-back.yaml"
           ).read_text(encoding="utf-8")


def test_l804_reports_each_missing_message_with_a_hint_that_says_what_and_where(
        check_text) -> None:  # noqa: ANN001
    found = [d for d in check_text(PASSIVE, lifecycle=True) if d.rule == "L804"]
    assert [(d.line, d.column) for d in found] == [(26, 1), (26, 1)]
    assert ["`kind: survey`" in d.message for d in found] == [True, False]
    assert ["`kind: welcome-back`" in d.message for d in found] == [False, True]
    for d in found:
        assert "under `messages:` in " in d.hint and "segments/engaged.yaml" in d.hint
        assert "campaign" in d.hint and "journey" in d.hint
        assert "waive: {L804: <reason>}" in d.hint


def test_l804_with_no_messages_points_at_the_stage(check_text) -> None:  # noqa: ANN001
    no_messages = PASSIVE.split("\nmessages:")[0]
    found = [d for d in check_text(no_messages, lifecycle=True) if d.rule == "L804"]
    assert len(found) == 3 and {(d.line, d.column) for d in found} == {(4, 1)}
    assert "`kind: reactivation` or `kind: win-back`" in found[0].message


def test_l802_counts_sends_on_every_branch_and_service_messages_too(check_text) -> None:  # noqa: ANN001
    segment = (CASES / "valid" / "lifecycle-fi-reactivation-and-branches.yaml").read_text(
        encoding="utf-8")
    assert [d.rule for d in check_text(segment, lifecycle=True) if d.rule == "L802"] == []
    unsent = segment.replace(
        "journeys:",
        "  - {id: receipt, kind: reminder, channel: email, title: Kuitti, purpose: service}\n"
        "journeys:")
    found = [d for d in check_text(unsent, lifecycle=True) if d.rule == "L802"]
    assert [(d.item, d.path) for d in found] == [("receipt", ("messages", 3, "id"))]


@pytest.mark.parametrize("language, words", [
    ("fi", ("segmentillä (vaihe passive) ei ole viestiä", "lisää viesti")),
    ("he", ("לסגמנט (שלב passive) אין הודעה", "יש להוסיף הודעה")),
])
def test_l804_speaks_the_plans_language(check_text, language: str, words: tuple[str, str]
                                        ) -> None:  # noqa: ANN001
    playbook = (CASES / "playbook.yaml").read_text(encoding="utf-8").replace(
        "language: en", f"language: {language}")
    found = [d for d in check_text(PASSIVE, playbook, lifecycle=True) if d.rule == "L804"]
    assert found and all(words[0] in d.message and words[1] in d.hint for d in found)


# -- segment waivers -----------------------------------------------------------------------

def test_a_segment_waiver_is_listed_with_its_reason_and_does_not_fail_strict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = complete_plan(tmp_path)
    edit(root / "segments" / "lost.yaml", "kind: welcome-back", "kind: greeting")
    edit(root / "segments" / "lost.yaml", "kpis:",
         "waive:\n  L804: The welcome back goes out from the loyal segment\nkpis:")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--strict", "--format", "json", "plans"])
    assert result.exit_code == 0, result.output
    assert [(d["rule"], d["severity"], d["waived"]) for d in json.loads(result.output)] == [
        ("L804", "info", "The welcome back goes out from the loyal segment")]


def test_a_segment_waiver_needs_a_reason(check_text) -> None:  # noqa: ANN001
    segment = PASSIVE.replace("kpis:", 'waive: {L804: "  "}\nkpis:')
    (d,) = [d for d in check_text(segment) if d.rule == "P004"]
    assert d.line == 11 and "this segment" in d.message


def test_a_segment_waiver_silences_only_its_own_segment(tmp_path: Path) -> None:
    root = complete_plan(tmp_path)
    for name in ("vip", "lookalikes"):
        edit(root / "segments" / f"{name}.yaml", "kind: survey" if name == "vip" else
             "kind: welcome", "kind: newsletter")
    edit(root / "segments" / "vip.yaml", "kpis:", "waive: {L804: surveys are quarterly by phone}\nkpis:")
    found = [(d.segment, bool(d.waived)) for d in check_paths([root]).diagnostics
             if d.rule == "L804"]
    assert sorted(found) == [("lookalikes", False), ("vip", True)]


# -- service messages ----------------------------------------------------------------------

def test_service_messages_are_outside_the_cap_and_the_consent_rule(check_text) -> None:  # noqa: ANN001
    segment = SERVICE.read_text(encoding="utf-8")
    assert [d.rule for d in check_text(segment)] == []
    marketing = segment.replace(", purpose: service}", "}")
    assert sorted({d.rule for d in check_text(marketing)}) == ["C601", "C602"]


def test_service_pressure_is_counted_apart(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    shutil.copy(CASES / "playbook.yaml", root / "playbook.yaml")
    shutil.copy(SERVICE, root / "segments" / "prospects.yaml")
    plan = load_plan(root)
    (sf, seg), = plan.segments
    marketing = worst_case(plan.playbook, seg, sf.id)
    service = worst_case(plan.playbook, seg, sf.id, "service")
    assert (marketing["week"].count, marketing["week"].cap) == (3, 3)
    # seven daily notices, plus the journey's two sends
    assert (service["week"].count, service["week"].cap) == (9, None)
    assert service["week"].journeys == (("after-order", 2),)

    out = pages(plan, check_plan(plan))
    page = str(out["segments/prospects.md"])
    assert "Service messages" in page and "worst case 9 service messages" in page
    # two messages in the touch plan, the campaign's message, the campaign's calendar row
    assert page.count('class="pl-purpose"') == 4
    assert 'pl-cal-bar pl-cal-service' in page and "(service message)" in page
    rows = list(csv.DictReader(io.StringIO(out["campaigns.csv"].decode("utf-8-sig"))))
    assert [(r["campaign"], r["purpose"]) for r in rows] == [
        ("catalogue-a", "marketing"), ("catalogue-b", "marketing"), ("catalogue-c", "marketing"),
        ("notices", "service")]
    assert "(reminder\\, email\\, service)" in out["calendar.ics"].decode()


def test_the_home_page_shows_a_missing_group_and_missing_messages(tmp_path: Path) -> None:
    root = complete_plan(tmp_path)
    (root / "segments" / "vip.yaml").unlink()
    edit(root / "segments" / "lost.yaml", "kind: welcome-back", "kind: greeting")
    plan = load_plan(root)
    home = str(pages(plan, check_plan(plan))["index.md"])
    coverage = home.split("## Lifecycle coverage", 1)[1].split("## Segments", 1)[0]
    engaged = coverage.split('pl-group-engaged', 1)[1].split("</section>", 1)[0]
    assert "No segment in this group" in engaged and "L803" in engaged
    lost = coverage.split('pl-group-passive-lost', 1)[1].split("</section>", 1)[0]
    assert "welcome back: missing" in lost and "pl-need pl-warn" in lost
    assert "survey: lost-survey" in lost
