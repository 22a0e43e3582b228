"""Hostile and unlucky input: every case is a positioned diagnostic with the right exit
code, never a traceback, a hang, a leaked secret, or a control sequence on the terminal.

The file-system cases run the real CLI in a subprocess with a timeout (a FIFO would
block an `open` forever). Unreadable files and folders cannot be made as root (root
reads mode 000), so those cases replace the operating system's answer with the
PermissionError an ordinary user gets; when not root they are also made for real.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import files
from planner.check import check_paths
from planner.cli import main
from planner.plan import load_plan
from planner.render import pages
from planner.render.escape import contain_bidi, escape, page_title
from planner.render.ics import text as ics_text
from planner.report import FORMATS
from planner.report.visible import visible
from tests.helpers import CASES, stop_server
from tests.site.hostile import FIXTURE_PLANS

PLANNER = [str(Path(sys.executable).with_name("planner"))]
MINIMAL = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
PLAYBOOK = (CASES / "playbook.yaml").read_text(encoding="utf-8")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def plans_with(tmp_path: Path, **segments: str) -> Path:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    for name, text in segments.items():
        (root / "segments" / name).write_text(text, encoding="utf-8")
    return root


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process: a hang fails the test after 60 s instead of blocking it."""
    return subprocess.run([*PLANNER, *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def findings(output: str) -> list[tuple[str, int, int, str]]:
    return [(d["file"], d["line"], d["column"], d["rule"]) for d in json.loads(output)]


# -- files that are not plain files inside the plans folder ----------------------------------


def _fifo(seg: Path, _outside: Path) -> None:
    os.mkfifo(seg / "pipe.yaml")


def _folder(seg: Path, _outside: Path) -> None:
    (seg / "folder.yaml").mkdir()
    (seg / "folder.yaml" / "x.yaml").write_text(MINIMAL, encoding="utf-8")


def _dangling(seg: Path, _outside: Path) -> None:
    (seg / "gone.yaml").symlink_to(seg / "never-was.yaml")


def _loop(seg: Path, _outside: Path) -> None:
    (seg / "ping.yaml").symlink_to(seg / "pong.yaml")
    (seg / "pong.yaml").symlink_to(seg / "ping.yaml")


def _to_folder(seg: Path, _outside: Path) -> None:
    (seg / "up.yaml").symlink_to(seg.parent)


def _outside_file(seg: Path, outside: Path) -> None:
    secret = outside / "ci-env"
    secret.write_text("DEPLOY_TOKEN: s3cr3t-v4lue-42\nname: x\n", encoding="utf-8")
    (seg / "env.yaml").symlink_to(secret)


def _proc_environ(seg: Path, _outside: Path) -> None:
    (seg / "environ.yaml").symlink_to("/proc/self/environ")


@pytest.mark.parametrize(("make", "file"), [
    (_fifo, "pipe.yaml"), (_folder, "folder.yaml"), (_dangling, "gone.yaml"),
    (_loop, "ping.yaml"), (_to_folder, "up.yaml"), (_outside_file, "env.yaml"),
    (_proc_environ, "environ.yaml"),
], ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("command", ["check", "build"])
def test_odd_files_are_positioned_p001s(tmp_path: Path, make, file: str, command: str) -> None:  # noqa: ANN001
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    make(root / "segments", outside)
    env = {"PLANNER_TEST_SECRET": "s3cr3t-v4lue-42"}
    if command == "check":
        result = run("check", "plans", "--format", "json", cwd=tmp_path, env=env)
        assert (f"plans/segments/{file}", 1, 1, "P001") in findings(result.stdout)
    else:
        result = run("build", "plans", "-o", "site", cwd=tmp_path, env=env)
        assert f"plans/segments/{file}:1:1: error P001" in result.stderr
        assert not (tmp_path / "site").exists()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "s3cr3t-v4lue-42" not in result.stdout + result.stderr


def test_a_link_inside_the_plans_folder_is_read(tmp_path: Path) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    shared = root / "shared"
    shared.mkdir()
    (root / "segments" / "engaged.yaml").rename(shared / "engaged.yaml")
    (root / "segments" / "engaged.yaml").symlink_to(shared / "engaged.yaml")
    plan = load_plan(root)
    assert [sf.id for sf, _seg in plan.segments] == ["engaged"]
    assert not [d for d in plan.diagnostics if d.rule == "P001"]


def test_a_fifo_word_list_is_p012_and_never_blocks(tmp_path: Path) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    (root / "wordlists").mkdir()
    os.mkfifo(root / "wordlists" / "en.yaml")
    result = run("check", "plans", "--format", "json", cwd=tmp_path)
    p012 = [d for d in json.loads(result.stdout) if d["rule"] == "P012"]
    assert [d["file"] for d in p012] == ["plans/wordlists/en.yaml"]
    assert "not a regular file" in p012[0]["message"]


def test_serve_of_a_plan_with_a_fifo_shows_the_finding(tmp_path: Path) -> None:
    import socket

    from tests.test_site_build import _wait_for

    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    os.mkfifo(root / "segments" / "pipe.yaml")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ)
    server = subprocess.Popen([*PLANNER, "serve", "plans", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/", "P001")
        assert "pipe.yaml" in page and "pl-errors" in page
    finally:
        stop_server(server)


def test_a_fifo_playbook_is_a_p001(tmp_path: Path) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    (root / "playbook.yaml").unlink()
    os.mkfifo(root / "playbook.yaml")
    result = run("check", "plans", "--format", "json", cwd=tmp_path)
    assert ("plans/playbook.yaml", 1, 1, "P001") in findings(result.stdout)
    assert result.returncode == 1


# -- the segments folder ---------------------------------------------------------------------


def test_segments_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    root = plans_with(tmp_path)
    (root / "segments").rmdir()
    (root / "segments").write_text("engaged.yaml\n", encoding="utf-8")
    result = run("check", "plans", "--format", "json", cwd=tmp_path)
    assert ("plans/segments", 1, 1, "P001") in findings(result.stdout)
    assert result.returncode == 1


def _refuse(path: Path, real: object) -> object:
    """`real` (os.scandir or os.open) answering PermissionError for `path`."""
    def refusing(target: object, *args: object, **kwargs: object) -> object:
        if os.path.realpath(str(target)) == os.path.realpath(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real(target, *args, **kwargs)  # type: ignore[operator]
    return refusing


def test_an_unreadable_segments_folder_is_an_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    monkeypatch.setattr(files.os, "scandir", _refuse(root / "segments", os.scandir))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "plans"])
    assert result.exit_code == 1, result.output
    assert "plans/segments:1:1: error P001 the folder cannot be read: permission denied" in (
        result.output)


def test_an_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL, "other.yaml": MINIMAL})
    monkeypatch.setattr(files.os, "open", _refuse(root / "segments" / "other.yaml", os.open))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "plans"])
    assert result.exit_code == 1, result.output
    assert "plans/segments/other.yaml:1:1: error P001 the file cannot be read: permission " \
           "denied" in result.output


@pytest.mark.skipif(AS_ROOT, reason="root reads files of mode 000; the cases above stand in")
def test_unreadable_for_real(tmp_path: Path) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL, "other.yaml": MINIMAL})
    (root / "segments" / "other.yaml").chmod(0)
    result = run("check", "plans", "--format", "json", cwd=tmp_path)
    assert ("plans/segments/other.yaml", 1, 1, "P001") in findings(result.stdout)
    (root / "segments").chmod(0)
    try:
        result = run("check", "plans", "--format", "json", cwd=tmp_path)
        assert ("plans/segments", 1, 1, "P001") in findings(result.stdout)
    finally:
        (root / "segments").chmod(0o755)


def test_yaml_beside_yml_of_the_same_segment_is_p006(tmp_path: Path) -> None:
    other = MINIMAL.replace("name: Engaged customers", "name: Engaged (old copy)")
    root = plans_with(tmp_path, **{"loyal.yaml": MINIMAL, "loyal.yml": other})
    result = check_paths([root])
    p006 = [d for d in result.diagnostics if d.rule == "P006"]
    assert [(d.file.rsplit("/", 1)[-1], d.line) for d in p006] == [("loyal.yml", 1)]
    assert "loyal.yaml and loyal.yml" in p006[0].message
    assert [sf.id for sf in result.plans[0].segment_files] == ["loyal"]


# -- cost of findings --------------------------------------------------------------------------


def _unknown_keys(n: int) -> str:
    return MINIMAL + "".join(f"not_a_field_{i}: value {i}\n" for i in range(n))


def _seconds(root: Path) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        result = check_paths([root])
        for render in FORMATS.values():
            render(result, False)
        best = min(best, time.perf_counter() - started)
    return best


def test_findings_cost_linear_time(tmp_path: Path) -> None:
    """Four times the findings in a four times larger file take about four times as long
    (quadratic: sixteen); the 1 MB file of the issue takes seconds, not minutes."""
    small = plans_with(tmp_path / "small", **{"engaged.yaml": _unknown_keys(2000)})
    large = plans_with(tmp_path / "large", **{"engaged.yaml": _unknown_keys(8000)})
    assert len(check_paths([large]).diagnostics) == 8000
    ratio = _seconds(large) / _seconds(small)
    assert ratio < 8, ratio
    huge = plans_with(tmp_path / "huge", **{"engaged.yaml": _unknown_keys(36000)})
    assert (huge / "segments" / "engaged.yaml").stat().st_size > 1_000_000
    assert _seconds(huge) < 60


# -- names are one line; calendars and dates stay in range ----------------------------------


@pytest.mark.parametrize(("yaml_text", "line", "column"), [
    ("name: |\n  Engaged customers\n", 2, 7),           # `|` keeps a line break at the end
    ('name: "Engaged\\ncustomers"\n', 2, 7),
    ('name: "Engaged\\u2028customers"\n', 2, 7),
    ('name: "Engaged\\x1b]0;x\\x07"\n', 2, 7),
])
def test_a_name_of_two_lines_is_p004_at_check(check_text, yaml_text: str, line: int,  # noqa: ANN001
                                              column: int) -> None:
    segment = MINIMAL.replace("name: Engaged customers\n", yaml_text)
    found = [(d.rule, d.line, d.column) for d in check_text(segment)]
    assert ("P004", line, column) in found


@pytest.mark.parametrize("title", ['"Plan\\r2027"', '"Plan\\N2027"', '"Plan\\e[2J"', '"Plan\\a"',
                                   '">\\n  Plan 2027"'])
def test_a_playbook_title_of_two_lines_is_p004_and_build_does_not_crash(
        tmp_path: Path, title: str) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    text = PLAYBOOK.replace("title: Test plan 2027", f"title: {title}")
    (root / "playbook.yaml").write_text(text, encoding="utf-8")
    result = run("build", "plans", "-o", "site", cwd=tmp_path)
    assert "plans/playbook.yaml:3:8: error P004" in result.stderr, result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_ics_text_holds_no_raw_break_or_control() -> None:
    for raw in ["a\nb", "a\rb", "a\r\nb", "a\u2028b", "a\x85b", "a\x1b]0;t\x07b", "a\x0cb"]:
        body = ics_text(raw).to_ical()
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]", body), (
            raw, body)
    assert ics_text("a\u2028b\nc").to_ical() == b"a\\nb\\nc"


def test_feeds_of_free_text_with_breaks_and_controls_parse(tmp_path: Path) -> None:
    from icalendar import Calendar

    odd = "first line\r\nsecond\u2028third\x85fourth\x1b[31m\x07 \u202eopen"
    segment = MINIMAL.replace("content: New roasts and brewing tips.",
                              f"content: {json.dumps(odd)}")
    root = plans_with(tmp_path, **{"engaged.yaml": segment})
    plan = load_plan(root)
    assert plan.playbook is not None and all(sf.segment for sf in plan.segment_files), \
        plan.diagnostics
    out = pages(plan, check_paths([root]).diagnostics)
    for name in ("calendar.ics", "segments/engaged.ics"):
        body = out[name]
        assert isinstance(body, bytes)
        assert not re.search(rb"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", body), name
        for line in body.split(b"\r\n"):
            assert b"\n" not in line and b"\r" not in line
        events = Calendar.from_ical(body).walk("VEVENT")
        assert any("second" in str(e.get("DESCRIPTION", "")) for e in events)


@pytest.mark.parametrize(("period", "column"), [
    ("period: {start: 9999-01-01, end: 9999-12-31}", 17),
    ("period: {start: 2027-01-01, end: 9999-12-31}", 34),
    ("period: {start: 0001-01-01, end: 2027-12-31}", 17),
])
def test_a_period_near_the_ends_of_the_calendar_is_p004(tmp_path: Path, period: str,
                                                        column: int) -> None:
    root = plans_with(tmp_path, **{"engaged.yaml": MINIMAL})
    (root / "playbook.yaml").write_text(PLAYBOOK.replace("year: 2027", period), encoding="utf-8")
    result = run("check", "plans", "--format", "json", cwd=tmp_path)
    assert ("plans/playbook.yaml", 4, column, "P004") in findings(result.stdout), result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_the_last_supported_year_builds(tmp_path: Path) -> None:
    segment = MINIMAL.replace("2027", "2999")
    root = plans_with(tmp_path, **{"engaged.yaml": segment})
    (root / "playbook.yaml").write_text(PLAYBOOK.replace("year: 2027", "year: 2999"),
                                        encoding="utf-8")
    result = check_paths([root])
    assert not result.failed(), result.diagnostics
    out = pages(result.plans[0], result.diagnostics)
    assert b"DTSTART;VALUE=DATE:2999" in out["calendar.ics"]  # type: ignore[operator]


@pytest.mark.parametrize("delay", ["999999999 days", "9999999999 months", "600 weeks"])
def test_a_delay_beyond_the_calendar_is_p004(check_text, delay: str) -> None:  # noqa: ANN001
    segment = MINIMAL + (
        "journeys:\n  - id: j\n    title: Slow journey\n    trigger: inactive\n"
        f"    after: {delay}\n    steps:\n      - send: newsletter\n      - wait: {delay}\n"
        "      - send: newsletter\n")
    found = [(d.rule, d.line, d.column) for d in check_text(segment)]
    line = MINIMAL.count("\n") + 5
    assert ("P004", line, 12) in found and ("P004", line + 3, 15) in found


# -- terminal output ---------------------------------------------------------------------------

_HOSTILE_VALUE = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://127.0.0.9/\x1b\\link\x1b]8;;\x1b\\" \
                 "\u009b31m\rplans/x.yaml:1:1: error forged\u202eevil\x08"
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("fmt", ["text", "github", "json", "markdown"])
def test_control_sequences_in_plan_text_never_reach_the_terminal(tmp_path: Path, fmt: str) -> None:
    segment = MINIMAL.replace("consent: customer-relationship",
                              f"consent: {json.dumps(_HOSTILE_VALUE)}")
    segment = segment.replace("  - id: repeat-rate\n", "  - id: repeat-rate\n    \u202e: x\n")
    root = plans_with(tmp_path, **{"engaged.yaml": segment})
    result = run("check", "plans", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1
    assert not _RAW_CONTROL.search(result.stdout), repr(result.stdout[:2000])
    forged = [ln for ln in result.stdout.splitlines() if ln.startswith("plans/x.yaml")]
    assert forged == []
    if fmt == "json":  # the data is intact: only its spelling changed
        values = [d["message"] for d in json.loads(result.stdout)]
        assert any(_HOSTILE_VALUE[:20] in v for v in values)
    elif fmt == "markdown":  # a table cell: the escapes' backslashes as references
        assert "&#92;x1b&#93;0;owned&#92;x07" in result.stdout
    else:
        assert "\\x1b]0;owned\\x07" in result.stdout and "\\u202e" in result.stdout
    assert root.is_dir()


def test_the_caret_stays_under_the_token_when_the_line_has_escapes() -> None:
    assert visible("a\u202eb\x1b") == "a\\u202eb\\x1b"
    assert visible("Hebrew \u200f and tabs\t stay") == "Hebrew \u200f and tabs\t stay"


# -- bidi controls ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("plain", "plain"),
    ("\u2066paired\u2069", "\u2066paired\u2069"),                       # isolates only: left as is
    ("a\u202eb", "\u2068a\u202eb\u202c\u2069"),                        # open override closed
    ("a\u202cb\u2069c", "\u2068abc\u2069"),                            # stray closers dropped
    ("\u2067x\u202ay\u2069z", "\u2067x\u202ay\u2069z"),  # PDI closes the embedding in it
    ("\u202ax\u202c", "\u2068\u202ax\u202c\u2069"),       # a closed embedding still reaches out
    ("\u202b\u2066x", "\u2068\u202b\u2066x\u2069\u202c\u2069"),
])
def test_bidi_controls_are_contained(text: str, expected: str) -> None:
    assert contain_bidi(text) == expected
    assert contain_bidi(expected) == expected  # once is enough


def test_plan_text_escapes_to_inert_html() -> None:
    out = str(escape("a\n```{ onclick=x }\r\n{{ y }}`z`\u2028<b>&\"'"))
    assert "\n" not in out and "\r" not in out and "\u2028" not in out
    assert not set("{}`<>\"'") & set(out)
    assert page_title("</title><script>") == '"&lt;/title&gt;&lt;script&gt;"'


def test_the_hostile_fixture_checks_clean(tmp_path: Path) -> None:
    """The fixture the browser tests build is a plan that passes (so its site is built)."""
    from tests.site.hostile import hostile_plans

    result = check_paths([hostile_plans(tmp_path, FIXTURE_PLANS)])
    assert not result.failed(), [d.message for d in result.diagnostics if d.severity == "error"]
