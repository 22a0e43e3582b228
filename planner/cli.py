"""The `planner` command line. Thin: every command calls one function of the package."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from planner import __version__

DEFAULT_PLANS = "plans"
_EXISTING = click.Path(exists=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner")
def main() -> None:
    """Check SMART lifecycle-marketing plans and render them as a playbook site."""


@main.command()
@click.argument("paths", nargs=-1, type=_EXISTING)
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default=None,
              help="Output format (default: text, or github when GITHUB_ACTIONS=true).")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--explain", "explain", metavar="RULE", default=None,
              help="Print the documentation of one rule and exit.")
def check(paths: tuple[Path, ...], fmt: str | None, strict: bool, explain: str | None) -> None:
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
    result = check_paths(list(paths))
    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    output = FORMATS[fmt](result, color)
    if output:
        click.echo(output)
    sys.exit(1 if result.failed(strict) else 0)


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
    """Print the JSON Schema of a plan file kind, for editors' YAML language servers."""
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


def _add_site_commands() -> None:
    # The site commands live in their own module; their heavy imports stay inside them.
    from planner import cli_site

    for command in cli_site.COMMANDS:
        main.add_command(command)


_add_site_commands()
