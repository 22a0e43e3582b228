"""Measured values: reading plans/actuals/*.csv, K801-K804, goal status and `planner status`.

The plan is tests/plans/tracking (three goals measured through a first quarter); each test
copies it and adds the CSV rows it is about, with the expected finding next to the row.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.actuals import parse
from planner.check import CheckResult, check_paths
from planner.cli import main
from planner.derive import progress
from planner.derive.revenue import segment_revenue
from planner.i18n import ENGLISH
from planner.plan import load_plan
from tests.helpers import CASES

TRACKED = CASES / "tracking"
APRIL = dt.date(2027, 4, 15)


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    shutil.copytree(TRACKED, root)
    return root


def _findings(root: Path, today: dt.date = APRIL) -> set[tuple[str, str, int, int]]:
    return {(d.rule, Path(d.file).name, d.line, d.column)
            for d in check_paths([root], today).diagnostics}


def _status(root: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["status", str(root), "--today", "2027-04-15",
                                       "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- the done-when case ------------------------------------------------------------------

def test_status_json_of_a_quarter_of_actuals(plans: Path) -> None:
    rows = {r["goal"]: r for r in _status(plans)}
    # 20 -> 32 by June, monthly: 26 at the end of March is half the way at 3 of 6 dates
    assert rows["repeat-32"] | {} == {
        "segment": "engaged", "goal": "repeat-32", "kpi": "repeat-rate", "baseline": 20,
        "target": 32, "actual": 26.0, "actual_date": "2027-03-31", "progress": 0.5,
        "expected": 0.5, "status": "on-track", "due": "2027-06-30"}
    # 100 -> 130 by December, quarterly: 101 is 1/30 of the way at 1 of 4 dates
    assert (rows["order-value-130"]["progress"], rows["order-value-130"]["expected"],
            rows["order-value-130"]["status"]) == (0.0333, 0.25, "behind")
    # measured monthly, nothing recorded, three dates passed
    assert rows["nps-50"] | {} == {
        "segment": "engaged", "goal": "nps-50", "kpi": "nps", "baseline": 40, "target": 50,
        "actual": None, "actual_date": None, "progress": None, "expected": 0.25,
        "status": "no-data", "due": "2027-12-31"}


def test_bad_rows_are_reported_at_their_csv_lines(plans: Path) -> None:
    (plans / "actuals" / "late.csv").write_text(
        "segment,kpi,date,value,note\n"
        "engaged,repeat-rate,2027-01-31,21.5,\n"          # same value again: fine
        "engagd,nps,2027-01-31,41,\n"                     # K801 1:1 segment, did you mean
        "engaged,npss,2027-01-31,41,\n"                   # K801 at 9: KPI, did you mean
        "engaged,nps,2027-02-30,41,\n"                    # K801 at 13: no such day
        "engaged,nps,2027-02-28,41 points,\n"             # K801 at 24: not a number
        "engaged,repeat-rate,2027-02-15,124,\n"           # K801 at 32: % above 100
        "engaged,nps,2026-12-31,41,\n"                    # K801 at 13: before the period
        "engaged,nps,2027-04-30,41,\n"                    # K801 at 13: after today
        "engaged,repeat-rate,2027-03-31,27,\n",           # K802 at 32: 26 in 2027-q1.csv
        encoding="utf-8")
    found = {f for f in _findings(plans) if f[1] == "late.csv"}
    assert found == {("K801", "late.csv", 3, 1), ("K801", "late.csv", 4, 9),
                     ("K801", "late.csv", 5, 13), ("K801", "late.csv", 6, 24),
                     ("K801", "late.csv", 7, 32), ("K801", "late.csv", 8, 13),
                     ("K801", "late.csv", 9, 13), ("K802", "late.csv", 10, 32)}
    by_line = {d.line: d for d in check_paths([plans], APRIL).diagnostics
               if d.file.endswith("/late.csv")}
    assert by_line[3].hint == "did you mean 'engaged'?"
    assert by_line[4].hint == "did you mean 'nps'?"
    assert "2027-q1.csv:4" in by_line[10].message
    # the bad rows take no part in the status: the rows of the first file still decide
    rows = {r["goal"]: r for r in _status(plans)}
    assert rows["repeat-32"]["status"] == "on-track" and rows["nps-50"]["status"] == "no-data"


# -- reading CSV as spreadsheets write it ------------------------------------------------------

def test_semicolons_decimal_commas_bom_crlf_and_quotes() -> None:
    text = ("\ufeffSegment ; KPI;Date;Value;Note\r\n"
            "engaged;repeat-rate;2027-01-31;21,5;\"a note; with a semicolon\"\r\n"
            "\r\n"
            "engaged;\"repeat-rate\";2027-02-28;24;\"two\r\nlines\"\r\n"
            "engaged;repeat-rate;2027-03-31;1 234,5;\r\n")
    source, rows, problems = parse(text.removeprefix("\ufeff"), "x.csv", ENGLISH)
    assert source.delimiter == ";"
    assert [(d.rule, d.line, d.column) for d in problems] == [("K801", 6, 32)]
    assert [(r.line, r.day, r.number, r.note) for r in rows] == [
        (2, dt.date(2027, 1, 31), 21.5, "a note; with a semicolon"),
        (4, dt.date(2027, 2, 28), 24.0, "two\r\nlines"),
        (6, dt.date(2027, 3, 31), None, ""),  # a thousands separator: not a number
    ]
    assert rows[1].kpi.position == (4, 9) and rows[1].date.position == (4, 23)


def test_a_decimal_comma_is_not_read_in_a_comma_file() -> None:
    _source, rows, problems = parse('segment,kpi,date,value\nengaged,x,2027-01-31,"8,4"\n', "x.csv", ENGLISH)
    assert rows[0].number is None
    assert [(d.rule, d.line, d.column) for d in problems] == [("K801", 2, 22)]


def test_a_missing_column_is_reported_on_the_header(plans: Path) -> None:
    (plans / "actuals" / "more.csv").write_text(
        "segment,kpi,when,value\n"                        # K801 2:1 no `date` column
        "engaged,nps,2027-01-31,41\n", encoding="utf-8")
    found = [d for d in check_paths([plans], APRIL).diagnostics if d.file.endswith("more.csv")]
    assert [(d.rule, d.line, d.column) for d in found] == [("K801", 1, 1)]
    assert "'date'" in found[0].message


def test_a_file_that_is_not_utf8_is_refused_with_its_position(plans: Path) -> None:
    (plans / "actuals" / "latin1.csv").write_bytes(
        "segment,kpi,date,value,note\nengaged,nps,2027-01-31,41,S\u00e4hk\u00f6\n".encode("latin-1"))
    found = [d for d in check_paths([plans], APRIL).diagnostics if d.file.endswith("latin1.csv")]
    assert [(d.rule, d.line, d.column) for d in found] == [("P001", 2, 28)]


def test_empty_cells_and_short_rows(plans: Path) -> None:
    (plans / "actuals" / "short.csv").write_text(
        "segment,kpi,date,value,note\n"
        ",nps,2027-01-31,41\n"                            # K801 2:1 no segment
        "engaged,nps,2027-01-31\n", encoding="utf-8")     # K801 3:13 no value
    found = {(d.rule, d.line, d.column) for d in check_paths([plans], APRIL).diagnostics
             if d.file.endswith("short.csv")}
    assert found == {("K801", 2, 1), ("K801", 3, 13)}


# -- statuses ------------------------------------------------------------------------------

def _progress_of(root: Path, goal: str, today: dt.date) -> progress.GoalProgress:
    plan = load_plan(root, today)
    return next(p for p in progress.plan_progress(plan) if p.goal.id == goal)


def test_before_the_period_every_goal_is_not_started(plans: Path) -> None:
    shutil.rmtree(plans / "actuals")
    (plans / "actuals").mkdir()
    statuses = {p.goal.id: p.status for p in progress.plan_progress(
        load_plan(plans, dt.date(2026, 11, 30)))}
    assert set(statuses.values()) == {"not-started"}
    assert {f for f in _findings(plans, dt.date(2026, 11, 30)) if f[0].startswith("K")} == set()


@pytest.mark.parametrize(("value", "today", "status"), [
    ("32", APRIL, "achieved"),                       # at the target early
    ("22", APRIL, "off-track"),                      # 1/6 of the way at 1/2: 33 points late
    ("23.5", APRIL, "behind"),                       # 0.29 at 0.5: 21 points late
    ("24.8", APRIL, "on-track"),                     # exactly 10 points late still counts
    ("26", dt.date(2027, 7, 2), "missed"),           # due 30 June, half the way
])
def test_status_table(plans: Path, value: str, today: dt.date, status: str) -> None:
    (plans / "actuals" / "2027-q1.csv").write_text(
        f"segment,kpi,date,value\nengaged,repeat-rate,2027-03-31,{value}\n", encoding="utf-8")
    assert _progress_of(plans, "repeat-32", today).status == status


def test_thresholds_come_from_tracking(plans: Path) -> None:
    playbook = plans / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8")
                        + "tracking: {behind: 30, off_track: 40}\n", encoding="utf-8")
    assert _progress_of(plans, "order-value-130", APRIL).status == "on-track"


def test_expected_progress_steps_with_the_measurement_dates(plans: Path) -> None:
    assert _progress_of(plans, "repeat-32", dt.date(2027, 3, 30)).expected == pytest.approx(2 / 6)
    assert _progress_of(plans, "repeat-32", dt.date(2027, 3, 31)).expected == pytest.approx(3 / 6)
    # the latest value on or before today counts: on 30 March that is February's 24
    assert _progress_of(plans, "repeat-32", dt.date(2027, 3, 30)).actual == (
        dt.date(2027, 2, 28), 24.0)


def test_remeasured_outlook_replaces_the_planned_one(plans: Path) -> None:
    plan = load_plan(plans, APRIL)
    (sf, segment), = plan.segments
    outlook, day = progress.outlook_now(sf.id, segment, progress.series(plan))
    assert day == dt.date(2027, 3, 31)
    assert segment_revenue(segment, outlook).secure == 50_000
    assert segment_revenue(segment).secure == 40_000
    # before the re-measurement, the plan's own outlook holds
    plan = load_plan(plans, dt.date(2027, 3, 30))
    assert progress.outlook_now(sf.id, segment, progress.series(plan)) == (segment.outlook, None)


# -- K803, K804 and the info severity ----------------------------------------------------------

def test_overdue_measurements_only_with_an_actuals_folder(plans: Path) -> None:
    found = [d for d in check_paths([plans], APRIL).diagnostics if d.rule == "K803"]
    assert [(d.file.split("/")[-1], d.line, d.column, d.item) for d in found] == [
        ("engaged.yaml", 25, 15, "nps")]  # the `measured:` of the KPI never recorded
    assert "3 measurements" in found[0].message
    # within the grace days, March's measurement is not overdue yet
    assert not [d for d in check_paths([plans], dt.date(2027, 2, 7)).diagnostics
                if d.rule == "K803" and "2027-01-31" not in d.message]
    shutil.rmtree(plans / "actuals")
    assert not [d for d in check_paths([plans], APRIL).diagnostics if d.rule.startswith("K")]


def test_k804_is_info_in_every_format_and_never_fails(plans: Path) -> None:
    runner = CliRunner()
    args = ["check", str(plans), "--today", "2027-04-15"]
    (plans / "actuals" / "nps.csv").write_text(
        "segment,kpi,date,value\n" + "".join(
            f"engaged,nps,{d},40\n" for d in ("2027-01-31", "2027-02-28", "2027-03-31")),
        encoding="utf-8")
    text = runner.invoke(main, args)
    assert text.exit_code == 0, text.output
    assert "info K804 goal 'order-value-130': behind" in text.output
    # order value behind, NPS off track; the warnings are L803's (a one-segment plan)
    assert "0 errors, 2 warnings, 2 notes" in text.output
    found = json.loads(runner.invoke(main, [*args, "--format", "json"]).stdout)
    assert {(d["rule"], d["severity"], d["item"]) for d in found if d["rule"] != "L803"} == {
        ("K804", "info", "order-value-130"), ("K804", "info", "nps-50")}
    github = runner.invoke(main, [*args, "--format", "github"]).stdout
    assert github.count("::notice file=") == 2 and "title=K804::" in github
    markdown = runner.invoke(main, [*args, "--format", "markdown"]).stdout
    assert markdown.count("| info | K804 |") == 2
    # not even strict fails on notes
    result = check_paths([plans], APRIL)
    notes = CheckResult(plans=result.plans,
                        diagnostics=[d for d in result.diagnostics if d.rule == "K804"])
    assert len(notes.diagnostics) == 2 and not notes.failed(strict=True)


def test_a_goal_can_waive_k804(plans: Path) -> None:
    segment = plans / "segments" / "engaged.yaml"
    segment.write_text(segment.read_text(encoding="utf-8").replace(
        "    due: 2027-12-31\n    supports: keep-revenue\n  - id: nps-50",
        "    due: 2027-12-31\n    supports: keep-revenue\n"
        "    waive: {K804: the price list changes in May}\n  - id: nps-50"), encoding="utf-8")
    (d,) = [d for d in check_paths([plans], APRIL).diagnostics if d.rule == "K804"]
    assert d.waived == "the price list changes in May"


# -- the command line ----------------------------------------------------------------------------

def test_status_formats(plans: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["status", str(plans), "--today", "2027-04-15"]).stdout
    assert text.startswith("Goal status as of 2027-04-15")
    assert "repeat-32" in text and "on track" in text
    md = runner.invoke(main, ["status", str(plans), "--today", "2027-04-15",
                              "--format", "markdown"]).stdout
    assert "| engaged | `order-value-130` | **behind** |" in md


def test_today_must_be_a_date(plans: Path) -> None:
    for command in ("check", "status", "build", "generate"):
        result = CliRunner().invoke(main, [command, str(plans), "--today", "15.4.2027"])
        assert result.exit_code == 2, (command, result.output)
        assert "not a date" in result.output


def test_the_bundled_plan_is_judged_as_of_its_tracking_date() -> None:
    plans = CASES.parent.parent / "plans"
    plan = load_plan(plans)
    assert plan.today == dt.date(2027, 4, 15) and plan.actuals is not None
    assert load_plan(plans, dt.date(2027, 5, 1)).today == dt.date(2027, 5, 1)
    result = check_paths([plans])
    assert not result.failed(strict=True)


def test_a_finnish_spreadsheet_export_is_read(plans: Path) -> None:
    (plans / "actuals" / "2027-q1.csv").write_bytes(
        "\ufeffsegment;kpi;date;value;note\r\n"
        "engaged;repeat-rate;2027-03-31;26,0;\"Q1; kuukausiraportti\"\r\n".encode("utf-8"))
    assert [d for d in check_paths([plans], APRIL).diagnostics if d.rule in ("K801", "P001")] == []
    rows = {r["goal"]: r for r in _status(plans)}
    assert (rows["repeat-32"]["actual"], rows["repeat-32"]["status"]) == (26.0, "on-track")


def test_status_of_a_plan_whose_playbook_is_broken(plans: Path) -> None:
    (plans / "playbook.yaml").write_text("title: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["status", str(plans), "--today", "2027-04-15"])
    assert result.exit_code == 1 and "P001" in result.output


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(',;"\r\n abc12-.é\u00a0\ufeff')), max_size=120))
def test_any_text_reads_without_a_traceback(text: str) -> None:
    _source, rows, problems = parse(text, "x.csv", ENGLISH)
    assert all(d.rule == "K801" and d.line >= 1 and d.column >= 1 for d in problems)
    assert all(r.line >= 1 for r in rows)
