"""The `planner` command line. Thin: every command calls one function of the package."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner import __version__
from planner.cli_options import today_option
from planner.vocabulary import LANGUAGES, LEVELS

if TYPE_CHECKING:
    from planner.check import CheckResult
    from planner.vocabulary import Level

DEFAULT_PLANS = "plans"
_EXISTING = click.Path(exists=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner", message="%(prog)s %(version)s")
def main() -> None:
    """Check SMART lifecycle-marketing plans and render them as a playbook site."""
    tune_gc()


# The command's process, not the library: planner builds many long-lived objects that hold no
# cycles (the models of every segment) and, per file, a short-lived YAML node graph. At
# CPython's default first threshold (700 allocations) the young generation is collected in
# the middle of each graph, its nodes are promoted, and every full collection then rescans all
# the models for nothing (over a quarter of `planner check`'s CPU time at 1,000 segments). A
# larger first threshold keeps the collector on but out of the way. Only here, at the entry
# point: library functions and the MkDocs plugin leave the process's collector alone.
GC_YOUNG_THRESHOLD = 10_000


def tune_gc() -> None:
    """The collector's setting for a `planner` command (see GC_YOUNG_THRESHOLD)."""
    _young, *older = gc.get_threshold()
    gc.set_threshold(max(_young, GC_YOUNG_THRESHOLD), *older)


@main.command("check")
@click.argument("paths", nargs=-1, type=_EXISTING)
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "markdown"]),
              default=None, help="Output format (default: text, or github when GITHUB_ACTIONS=true; "
              "then every finding also goes to the job summary, $GITHUB_STEP_SUMMARY).")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--explain", "explain", metavar="RULE", default=None,
              help="Print the documentation of one rule and exit.")
@today_option
def check_command(paths: tuple[Path, ...], fmt: str | None, strict: bool, explain: str | None,
          today: dt.date | None) -> None:
    """Check plans (default: plans/). Exit 0 when clean, 1 on errors, 2 on usage errors.

    PATHS are plans directories, or files of a plan: a file checks its whole plan
    but reports only that file's findings.
    """
    if explain:
        _explain(explain)
        return
    from planner.check import check_paths
    from planner.report import FORMATS

    if not paths:
        if not Path(DEFAULT_PLANS).exists():
            raise click.UsageError(f"no PATH given and no ./{DEFAULT_PLANS} directory here")
        paths = (Path(DEFAULT_PLANS),)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    result = check_paths(list(paths), today)
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    output = FORMATS[fmt](result, color)
    if output:
        click.echo(output)
    _write_job_summary(result)
    sys.exit(1 if result.failed(strict) else 0)


def _write_job_summary(result: CheckResult) -> None:
    """Under GitHub Actions, append every finding to the job summary: annotations stop at 10."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not summary:
        return
    from planner.report import FORMATS

    try:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(FORMATS["markdown"](result, False))
    except OSError as e:
        click.echo(f"planner: cannot write the job summary {summary}: {e.strerror}", err=True)


def _explain(rule_id: str) -> None:
    from planner.rules import all_rules

    rule = all_rules().get(rule_id.upper())
    if rule is None:
        raise click.UsageError(f"no rule '{rule_id}'; `planner rules` lists them")
    letter = f" [{rule.smart}]" if rule.smart else ""
    click.echo(f"{rule.id}{letter} ({rule.severity})\n\n{rule.doc}")


@main.command("rules")
@click.argument("rule_id", required=False)
def rules_command(rule_id: str | None) -> None:
    """List the rules, or print one rule's documentation and examples."""
    if rule_id:
        _explain(rule_id)
        return
    from planner.rules import all_rules

    for rule in all_rules().values():
        letter = rule.smart or "-"
        click.echo(f"{rule.id}  {letter}  {rule.severity:<7}  {rule.summary}")


@main.command()
@click.argument("kind", type=click.Choice(["playbook", "segment"]), required=False)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write playbook.schema.json and segment.schema.json into this folder.")
def schema(kind: str | None, out: Path | None) -> None:
    """Print the JSON Schema of a plan file kind, for editors' YAML language servers.

    Every property carries its description and examples (shown on hover and completion);
    `planner format` prints the same descriptions as a reference.
    """
    from planner.schema import schemas

    all_schemas = schemas()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, body in all_schemas.items():
            (out / f"{name}.schema.json").write_text(
                json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            click.echo(str(out / f"{name}.schema.json"))
        return
    body = all_schemas[kind] if kind else all_schemas
    click.echo(json.dumps(body, indent=2, ensure_ascii=False))


@main.command("holidays")
@click.argument("plans", required=False, type=_EXISTING)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def holidays_command(plans: Path | None, fmt: str) -> None:
    """The holidays a campaign can be anchored to: id, date in the plan period, and name in the
    plan's language, for the countries of the playbook's `holidays:` and the commercial days."""
    from planner.holidays import Calendar, listing
    from planner.plan import load_plan

    root = plans or Path(DEFAULT_PLANS)
    if not root.is_dir():
        raise click.UsageError(f"no plans directory {root}")
    playbook = load_plan(root).playbook
    if playbook is None:
        raise click.ClickException(f"{root}: the playbook does not pass the check; "
                                   f"`planner check {root}` says why")
    calendar = Calendar(tuple(playbook.holidays), playbook.start, playbook.end, playbook.language)
    rows = listing(calendar.table)
    if fmt == "json":
        click.echo(json.dumps([{"id": h.id, "date": h.date.isoformat(), "name": h.name,
                                "country": h.country or None, "public": h.public} for h in rows],
                              ensure_ascii=False, indent=2))
        return
    width = max((len(h.id) for h in rows), default=0)
    for h in rows:
        click.echo(f"{h.date.isoformat()}  {h.id:<{width}}  {h.country or '--'}  {h.name}")


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option("--plans", "plans", type=click.Path(path_type=Path), default=Path(DEFAULT_PLANS),
              show_default=True, help="The plans directory (in the working tree, and its path in "
              "the revisions).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(LEVELS[:-1]), default=None,  # info never fails
              help="Exit 1 when a change at this level or above exists.")
@click.option("--site-url", default=None, help="The published playbook site, for links (markdown).")
def diff(base: str, head: str | None, plans: Path, fmt: str, fail_on: Level | None,
         site_url: str | None) -> None:
    """What a change does to the plan, riskiest first.

    BASE and HEAD are git revisions of the repository holding the plans (read from git's
    objects, nothing is checked out) or plans directories; HEAD defaults to the working tree.
    Exit 0; 1 with --fail-on when a change at that level exists; 2 when a side cannot be read.
    """
    from planner.review import SideError, formats, review

    try:
        result = review(base, head, plans)
    except SideError as e:
        raise click.UsageError(str(e)) from e
    if fmt == "json":
        click.echo(formats.as_json(result))
    elif fmt == "markdown":
        click.echo(formats.markdown(result, site_url), nl=False)
    else:
        click.echo(formats.text(result))
    sys.exit(1 if fail_on and result.reaches(fail_on) else 0)


@main.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--language", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="The plan's language: starter texts, word lists and the site.")
@click.option("--year", type=click.IntRange(1900, 9998), default=None,
              help="The plan year (default: this year, or the next from October on).")
def init(directory: Path, language: str, year: int | None) -> None:
    """Start a team repository in DIRECTORY (default: here); no existing file is replaced.

    Writes starter plans (playbook and the three lifecycle groups), mkdocs.yml, docs/, a GitHub
    Actions workflow (check every pull request, publish the site from main), a pre-commit
    configuration and the editor's schema mapping.
    """
    import datetime as dt

    from planner.scaffold import plan_year, scaffold

    try:
        outcomes = scaffold(directory, language, year or plan_year(dt.date.today()))
    except OSError as e:
        raise click.ClickException(f"cannot write into {directory}: {e.strerror} ({e.filename})") from e
    for outcome in outcomes:
        click.echo(("  wrote  " if outcome.written else "  kept   ") + outcome.path
                   + ("" if outcome.written else "  (it exists: not replaced)"))
    from planner.scaffold import DISTRIBUTION, install_spec

    if install_spec().startswith(f"{DISTRIBUTION}=="):
        click.echo(f"  note: .github/workflows/plans.yml installs \"{install_spec()}\"; this planner was "
                   "not installed from a git URL, so point that line (and .pre-commit-config.yaml) "
                   "at where your team gets planner from")
    if not any(o.path.startswith("plans/") for o in outcomes):
        click.echo("  plans/ has a playbook already: no plan file was written")
    click.echo(f"\nNext, in {directory}:\n  planner check plans\n  planner serve plans"
               "      # preview at http://127.0.0.1:8000\n  git init && git add -A && git commit -m "
               "'Customer lifecycle plan'")


@main.command()
@click.argument("plans", required=False, type=click.Path(exists=True, file_okay=False,
                                                         path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="text for a terminal, markdown for a pull request or chat, json for tools.")
@today_option
def status(plans: Path | None, fmt: str, today: dt.date | None) -> None:
    """Where every goal stands: its latest measured value, progress against the expected
    path and status, from plans/actuals/*.csv (default PLANS: plans/)."""
    from planner.status import Unreadable, report

    if plans is None:
        if not Path(DEFAULT_PLANS).is_dir():
            raise click.UsageError(f"no PLANS given and no ./{DEFAULT_PLANS} directory here")
        plans = Path(DEFAULT_PLANS)
    try:
        output, errors = report(plans, fmt, today)
    except Unreadable as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(output)
    if errors:
        click.echo(f"planner: the plans have {errors} error(s); `planner check` lists them.",
                   err=True)
    sys.exit(0)


@main.command("format")
@click.option("--language", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="The language of the reference (the field names stay as they are).")
def format_command(language: str) -> None:
    """Print the plan format reference (Markdown): every file and field, the vocabularies,
    the date, duration and recurrence syntax, the rules, output formats and exit codes.

    The built site has the same page ("Plan format").
    """
    from planner.i18n import language as named
    from planner.reference import reference

    click.echo(reference(named(language), anchors=False), nl=False)


def _add_site_commands() -> None:
    # The site commands live in their own module; their heavy imports stay inside them.
    from planner import cli_site

    for command in cli_site.COMMANDS:
        main.add_command(command)


_add_site_commands()
