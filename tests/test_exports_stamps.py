"""goals.csv gives each goal's resolved due date; the calendar feeds are stamped with the
plan's last change (git commit time when all is committed, else file times), carry
LAST-MODIFIED and a SEQUENCE that grows with a change, and are the same bytes when
nothing changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from planner.check import check_plan
from planner.last_change import last_change
from planner.plan import load_plan
from planner.render import pages
from tests.helpers import CASES

UTC = dt.UTC


def _plans(into: Path, due: str = "2027-09-30") -> Path:
    root = into / "plans"
    (root / "segments").mkdir(parents=True)
    shutil.copyfile(CASES / "playbook.yaml", root / "playbook.yaml")
    text = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    assert "due: 2027-09-30" in text
    (root / "segments" / "engaged.yaml").write_text(text.replace("due: 2027-09-30", f"due: {due}"),
                                                     encoding="utf-8")
    return root


def _render(root: Path) -> dict[str, str | bytes]:
    plan = load_plan(root)
    return pages(plan, check_plan(plan))


def _touch(root: Path, when: dt.datetime) -> None:
    for path in root.rglob("*"):
        os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.mark.parametrize(("due", "date"), [("2027-Q4", "2027-12-31"), ("2027-06", "2027-06-30"),
                                           ("2027-02", "2027-02-28"), ("2027-03-15", "2027-03-15")])
def test_goals_csv_gives_the_resolved_due_date(tmp_path: Path, due: str, date: str) -> None:
    data = _render(_plans(tmp_path, due))["goals.csv"]
    assert isinstance(data, bytes)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["due"], r["due_date"]) for r in rows] == [(due, date)]
    header = list(rows[0])
    assert header.index("due_date") == header.index("due") + 1


def _git(root: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True, env=env)


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_outside_git_the_newest_file_time(tmp_path: Path) -> None:
    root = _plans(tmp_path)
    _touch(root, dt.datetime(2026, 3, 1, 12, tzinfo=UTC))
    os.utime(root / "playbook.yaml", (0, dt.datetime(2026, 5, 2, 8, 30, tzinfo=UTC).timestamp()))
    assert last_change(root) == dt.datetime(2026, 5, 2, 8, 30, tzinfo=UTC)


def test_without_git_installed_the_file_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    root = _plans(tmp_path)
    _touch(root, dt.datetime(2026, 3, 1, 12, tzinfo=UTC))
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert last_change(root) == dt.datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_git_the_commit_time_unless_something_is_uncommitted(tmp_path: Path) -> None:
    repo = tmp_path
    root = _plans(repo)
    (repo / "README").write_text("not the plans\n", encoding="utf-8")
    committed = dt.datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    _git(repo, "init", "-q")
    _git(repo, "add", "plans")
    _git(repo, "commit", "-q", "-m", "plans", when=committed)
    _git(repo, "add", "README")
    _git(repo, "commit", "-q", "-m", "later, elsewhere", when=committed + dt.timedelta(days=9))
    _touch(root, dt.datetime(2026, 6, 1, tzinfo=UTC))  # a fresh checkout's file times
    assert last_change(root) == committed
    assert last_change(root / "segments") == committed
    edited = dt.datetime(2026, 7, 1, 10, tzinfo=UTC)
    seg = root / "segments" / "engaged.yaml"
    seg.write_text(seg.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(seg, (edited.timestamp(), edited.timestamp()))
    assert last_change(root) == edited


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert last_change(_plans(tmp_path)) == dt.datetime.fromtimestamp(1800000000, tz=UTC)


def _events(feed: str | bytes) -> list[dict[str, object]]:
    cal = Calendar.from_ical(feed)
    return [{k: ev.decoded(k) for k in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "UID")}
            for ev in cal.walk("VEVENT")]


def test_feeds_are_stamped_with_the_plans_last_change(tmp_path: Path) -> None:
    root = _plans(tmp_path)
    before = dt.datetime(2026, 2, 3, 4, 5, tzinfo=UTC)
    _touch(root, before)
    first, again = _render(root), _render(root)
    for feed in ("calendar.ics", "segments/engaged.ics"):
        assert first[feed] == again[feed], "an unchanged plan gives the same bytes"
    old = _events(first["calendar.ics"])
    assert old and all(e["DTSTAMP"] == e["LAST-MODIFIED"] == before for e in old)

    seg = root / "segments" / "engaged.yaml"
    text = seg.read_text(encoding="utf-8")
    assert "start: 2027-01-12" in text
    seg.write_text(text.replace("start: 2027-01-12", "start: 2027-01-19"), encoding="utf-8")
    after = before + dt.timedelta(days=1, minutes=7)
    os.utime(seg, (after.timestamp(), after.timestamp()))
    new = {e["UID"]: e for e in _events(_render(root)["calendar.ics"])}
    assert set(new) == {e["UID"] for e in old}
    for e in old:
        moved = new[e["UID"]]
        assert moved["DTSTAMP"] == moved["LAST-MODIFIED"] == after
        assert moved["SEQUENCE"] > e["SEQUENCE"]  # type: ignore[operator]
