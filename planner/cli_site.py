"""`planner build`, `serve` and `generate`: the site commands (see planner.engine.site).

Heavy imports (MkDocs, Jinja2, Babel) stay inside the command functions, so that
`planner check` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from planner.cli_options import today_option

if TYPE_CHECKING:
    from planner.engine.checking import BuildCheck

DEFAULT_PLANS = Path("plans")
_PLANS = click.Path(exists=True, file_okay=False, path_type=Path)
_DIR = click.Path(file_okay=False, path_type=Path)


def _plans(plans: Path | None) -> Path:
    if plans is not None:
        return plans
    if not DEFAULT_PLANS.is_dir():
        raise click.UsageError(f"no PLANS given and no ./{DEFAULT_PLANS} directory here")
    return DEFAULT_PLANS


def _refused(checked: BuildCheck) -> None:
    click.echo(checked.report(), err=True)
    click.echo("planner: the plans do not pass the check; nothing was written.", err=True)
    sys.exit(1)


def _unwritable(exc: OSError, out: Path) -> NoReturn:
    """A full or read-only disk, a missing permission: said plainly, exit 1."""
    from planner.i18n import ENGLISH

    lang = ENGLISH  # like the CLI's own lines

    where = f" ({exc.filename})" if exc.filename else ""
    click.echo("planner: " + lang._("could not write to {folder}: {reason}{where}; the previous "
                                    "content is unchanged.").format(
        folder=out, reason=exc.strerror or exc, where=where), err=True)
    sys.exit(1)


@contextmanager
def _site_errors(out: Path) -> Iterator[None]:
    """What every site command says the same way: a wrong argument (SiteError) as a usage
    error, a folder that cannot be written to as `_unwritable`."""
    from planner.engine.site import SiteError

    try:
        yield
    except SiteError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        _unwritable(exc, out)


@click.command()
@click.argument("plans", required=False, type=_PLANS)
@click.option("-o", "--out", "out", type=_DIR, default=Path("site"), show_default=True,
              help="The folder to build the site into (replaced only when the build succeeds).")
@click.option("--strict", is_flag=True, help="Warnings stop the build too.")
@today_option
def build(plans: Path | None, out: Path, strict: bool, today: dt.date | None) -> None:
    """Check the plans (default: plans/), then build the playbook site with MkDocs.

    Uses ./mkdocs.yml (or the one next to the plans directory) when there is one, else
    a bundled configuration. A failed build leaves the previous site untouched.
    """
    from mkdocs.exceptions import MkDocsException

    from planner.engine.site import build as build_site

    plans = _plans(plans)
    with _site_errors(out):
        try:
            checked = build_site(plans, out, strict=strict, today=today)
        except MkDocsException as exc:
            click.echo(f"planner: the site build failed; {out} is unchanged.\n{exc}", err=True)
            sys.exit(1)
    if checked.failed:
        _refused(checked)
    shown = [d for d in checked.diagnostics if not d.waived]
    if shown:
        click.echo(checked.report(), err=True)
    click.echo(f"planner: built {out}")


@click.command()
@click.argument("plans", required=False, type=_PLANS)
@click.option("--out", "out", type=_DIR, required=True,
              help="The folder to write docs/ and mkdocs.yml into.")
@click.option("--strict", is_flag=True, help="Warnings stop it too.")
@today_option
def generate(plans: Path | None, out: Path, strict: bool, today: dt.date | None) -> None:
    """Write the site's pages and an mkdocs.yml for any engine (MkDocs, Zensical, ProperDocs).

    Then `mkdocs build -f OUT/mkdocs.yml` (or another engine) builds them; no plugin needed.
    """
    from planner.engine.site import generate as generate_site

    plans = _plans(plans)
    with _site_errors(out):
        checked = generate_site(plans, out, strict=strict, today=today)
    if checked.failed:
        _refused(checked)
    click.echo(f"planner: wrote {out / 'docs'} and {out / 'mkdocs.yml'}")


@click.command()
@click.argument("plans", required=False, type=_PLANS)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="The address to serve on.")
@click.option("--strict", is_flag=True, help="Warnings count as errors in the preview too.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@today_option
def serve(plans: Path | None, dev_addr: str, strict: bool, open_browser: bool,
          today: dt.date | None) -> None:
    """Preview the site, rebuilt whenever a plan file changes.

    A plan edited into an invalid state shows its diagnostics in the browser.
    """
    from mkdocs.exceptions import MkDocsException

    from planner.engine.site import ServeError
    from planner.engine.site import serve as serve_site

    with _site_errors(Path(tempfile.gettempdir())):
        try:
            serve_site(_plans(plans), dev_addr, strict=strict, open_in_browser=open_browser,
                       today=today)
        except (ServeError, MkDocsException) as exc:
            click.echo(f"planner: {exc}", err=True)
            sys.exit(1)


COMMANDS: list[click.Command] = [build, generate, serve]
