"""`planner build`, `generate` and `serve` as functions: MkDocs run programmatically.

- The configuration is the project's mkdocs.yml when there is one in the current
  folder or next to the plans directory, else the bundled `default_mkdocs.yml`
  (with an empty temporary docs_dir: the plugin supplies every page). The
  planner plugin is added when the project's configuration lacks it, and its
  `plans` option is set to the plans directory given on the command line.
- `build` checks first: an error (or, with --strict, a warning) stops it before
  anything is written. MkDocs then builds into a working folder next to the
  target, which replaces the target only when the build succeeded, and only when
  the target is planner's own (planner.engine.outdir): a failed build leaves the
  previous site as it was, and SIGTERM removes the working folder on its way out.
- `generate` writes the pages and an mkdocs.yml without the plugin, for any engine,
  with what the plugin would have set: language, direction, nav, the `toc`
  settings, and its theme overrides (translated) in `theme/`. Only the direction
  on <html> is left to the engine (Material puts it on <body>).
- Nothing is ever written inside the plans directory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig  # (the plugin module below imports MkDocs anyway)

from planner.engine import outdir
from planner.engine.checking import BuildCheck, check_for_build
from planner.engine.incremental import ServedSite
from planner.engine.mkdocs_plugin import (
    DEFAULT_CONFIG,
    LARGE_PLAN,
    THEME_OVERRIDES,
    PlannerPlugin,
    made_with,
    toc_settings,
)
from planner.i18n import ENGLISH, Language
from planner.plan_files import playbook_path

GENERATED_MARK = ".planner-generated"
CONFIG_HEADER = "# Written by `planner generate`; it is rewritten on every run.\n"
THEME_DIR = "theme"  # `generate` writes the plugin's theme overrides here, filled in
PARTIAL_HEADER = "{#- Written by `planner generate`; it is rewritten on every run. -#}\n"


class _PythonName(str):
    """A YAML `!!python/name:` value (a function MkDocs imports, such as a slugify)."""


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigDumper.add_representer(
    _PythonName, lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", ""))


class SiteError(Exception):
    """A usage problem (exit 2): a bad output folder, a missing plans directory."""


def project_config(plans: Path) -> Path | None:
    """The project's mkdocs.yml: in the current folder, or next to the plans directory."""
    for folder in (Path.cwd(), plans.resolve().parent):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def guard_output(out: Path, plans: Path) -> Path:
    """The resolved output folder, refused when it would overwrite the plans or the project,
    or could not be a folder."""
    lang = ENGLISH  # said before the plan is read, like the CLI's own lines

    try:
        out, plans = out.resolve(), plans.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError before 3.13)
        raise SiteError(lang._("cannot write to {out}: {reason}").format(
            out=out, reason=lang._("its path is a loop of symbolic links"))) from None
    if _inside(out, plans):
        raise SiteError(f"refusing to write into the plans directory {plans}: choose another folder")
    if _inside(plans, out):
        raise SiteError(f"refusing to replace {out}: it holds the plans directory {plans}")
    if _inside(Path.cwd().resolve(), out):
        raise SiteError(f"refusing to replace {out}: it holds the current folder")
    for folder in (out, *out.parents):  # the nearest that exists must be a folder
        if folder.is_dir():
            break
        if folder.exists():
            raise SiteError(lang._("cannot write to {out}: {reason}").format(
                out=out, reason=lang._("{path} is a file, not a folder").format(path=folder)))
    return out


def _plugin(config: MkDocsConfig) -> PlannerPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, PlannerPlugin):
            return plugin
    plugin = PlannerPlugin()
    errors, warnings = plugin.load_config({})
    config.plugins["planner"] = plugin
    return plugin


def load_config(plans: Path, site_dir: Path, docs_dir: Path | None, **overrides: Any
                ) -> MkDocsConfig:
    """The MkDocs configuration for building `plans` into `site_dir` (see module doc)."""
    from mkdocs.config import load_config as mkdocs_load_config

    config_file = project_config(plans)
    if config_file is None:
        config_file = DEFAULT_CONFIG
        overrides["docs_dir"] = str(docs_dir)
    config = mkdocs_load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    # The command line's plans directory wins over a `plans:` in the project's mkdocs.yml.
    _plugin(config).config["plans"] = str(plans.resolve())
    return config


def _log_to_stderr() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    return handler


@contextlib.contextmanager
def exit_on_sigterm() -> Iterator[None]:
    """SIGTERM (and SIGHUP) unwind like an exit with status 128 + signal, so that the
    working folders are removed; a second signal does not interrupt that clean-up.
    Only in the main thread, where Python runs signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]

    def stop(signum: int, _frame: object) -> None:
        for number in signals:
            signal.signal(number, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _not_planners(out: Path) -> SiteError:
    lang = ENGLISH  # about the output folder, not the plan: like the CLI's own lines

    return SiteError(lang._("refusing to replace {folder}: it was not built by `planner build` (it has "
                            "no {marker} file); choose another folder, or empty it first").format(
        folder=out, marker=outdir.MARKER))


def build(plans: Path, out: Path, *, strict: bool = False, checked: BuildCheck | None = None,
          today: dt.date | None = None) -> BuildCheck:
    """Check `plans` and, when they pass, build the site into `out` atomically (see
    planner.engine.outdir). Returns the check; when it failed, nothing was written."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    out = guard_output(out, plans)
    if not outdir.replaceable(out):
        raise _not_planners(out)
    checked = checked or check_for_build(plans, strict, today)
    if checked.failed:
        return checked
    from mkdocs.commands.build import build as mkdocs_build

    out.parent.mkdir(parents=True, exist_ok=True)
    handler = _log_to_stderr()
    try:
        with exit_on_sigterm(), outdir.workspace(out.parent, outdir.building_prefix(out)) as work:
            site, docs = work / "site", work / "docs"
            site.mkdir()  # with the umask's permissions, as the site will be served
            docs.mkdir()
            config = load_config(plans, site, docs, strict=strict)
            plugin = _plugin(config)
            plugin.preloaded = checked
            if today is not None:
                plugin.config["today"] = today
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
            (site / outdir.MARKER).write_text(outdir.MARKER_TEXT, encoding="utf-8")
            outdir.swap_in(site, out, work / "previous")
    except outdir.OutputError:
        raise _not_planners(out) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return checked


def generated_config(checked: BuildCheck) -> dict[str, Any]:
    """The mkdocs.yml `generate` writes: the bundled defaults without the plugin, with the
    plan's title, language, direction and nav."""
    from planner.render import STYLESHEET, nav
    from planner.render.escape import escape

    base: dict[str, Any] = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    plan = checked.plan
    assert plan.playbook is not None
    base["site_name"] = str(escape(plan.playbook.title))
    base["docs_dir"] = "docs"
    base["theme"]["language"] = plan.language.code
    base["theme"]["direction"] = plan.language.direction
    base["plugins"] = ["search"]
    base["extra_css"] = [STYLESHEET]
    base["nav"] = nav(plan, segments_in_nav=len(plan.segment_files) <= LARGE_PLAN)
    toc = toc_settings(plan.language)
    toc["slugify"] = _PythonName(f"{toc['slugify'].__module__}.{toc['slugify'].__name__}")
    base["markdown_extensions"] = [
        {"toc": {**ext["toc"], **toc}} if isinstance(ext, dict) and "toc" in ext else ext
        for ext in base["markdown_extensions"]]
    base["theme"]["custom_dir"] = THEME_DIR
    return base


def theme_partials(lang: Language) -> dict[str, str]:
    """The plugin's theme overrides with their translated text filled in (for engines that
    run no plugin): {path under the theme folder: template}."""
    out = {}
    sentence = "{% raw %}" + made_with(lang) + "{% endraw %}"
    for path in sorted(THEME_OVERRIDES.rglob("*.html")):
        text = path.read_text(encoding="utf-8").replace("{{ planner_made_with }}", sentence)
        out[path.relative_to(THEME_OVERRIDES).as_posix()] = PARTIAL_HEADER + text
    return out


def generate(plans: Path, out: Path, *, strict: bool = False, today: dt.date | None = None
             ) -> BuildCheck:
    """Check `plans` and write the pages to `out/docs` and an `out/mkdocs.yml`."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    out = guard_output(out, plans)
    docs = out / "docs"
    config_path = out / "mkdocs.yml"
    if not outdir.replaceable(docs, GENERATED_MARK):
        raise SiteError(f"refusing to replace {docs}: it was not written by `planner generate`")
    if config_path.exists() and not config_path.read_text(encoding="utf-8").startswith(CONFIG_HEADER):
        raise SiteError(f"refusing to overwrite {config_path}: it was not written by `planner generate`")
    for rel in theme_partials(ENGLISH):
        partial = out / THEME_DIR / rel
        if partial.exists() and not partial.read_text(encoding="utf-8").startswith(PARTIAL_HEADER):
            raise SiteError(f"refusing to overwrite {partial}: it was not written by `planner generate`")
    checked = check_for_build(plans, strict, today)
    if checked.failed:
        return checked
    from planner.render import pages

    files = pages(checked.plan, checked.diagnostics, directory_urls=True)
    out.mkdir(parents=True, exist_ok=True)
    try:
        with exit_on_sigterm(), outdir.workspace(out, ".docs.writing-") as work:
            written = work / "docs"
            for path, content in files.items():
                target = written / path
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            (written / GENERATED_MARK).write_text("", encoding="utf-8")
            outdir.swap_in(written, docs, work / "previous", marker=GENERATED_MARK)
    except outdir.OutputError:
        raise SiteError(f"refusing to replace {docs}: it was not written by `planner generate`"
                        ) from None
    for rel, text in theme_partials(checked.plan.language).items():
        target = out / THEME_DIR / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    body = yaml.dump(generated_config(checked), Dumper=_ConfigDumper, allow_unicode=True,
                     sort_keys=False)
    config_path.write_text(CONFIG_HEADER + body, encoding="utf-8")
    return checked


class ServeError(Exception):
    """The preview server cannot start (the address is in use or not this machine's)."""


def _address(dev_addr: str) -> tuple[str, int]:
    """(host, port) of an `IP:PORT` or `localhost:PORT` address, as MkDocs accepts it."""
    import ipaddress

    lang = ENGLISH  # said before the plan is read, like the CLI's own lines

    host, _sep, port = dev_addr.rpartition(":")
    try:
        if host != "localhost":
            ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
        number = int(port)
        if not 0 <= number <= 65535:
            raise ValueError(port)
    except ValueError:
        raise SiteError(lang._("{address} is not an address to serve on: give IP:PORT or "
                               "localhost:PORT, such as 127.0.0.1:8000").format(address=dev_addr)
                        ) from None
    return host, number


# Seconds between two looks at the watched files (MkDocs' default: 0.5), the most an edit
# waits to be seen; a look at a plan of a thousand files takes a few milliseconds.
WATCH_INTERVAL = 0.2


def serve(plans: Path, dev_addr: str = "127.0.0.1:8000", *, strict: bool = False,
          open_in_browser: bool = False, today: dt.date | None = None) -> None:
    """Live preview, rebuilt when a plan (or the project's docs or mkdocs.yml) changes:
    after a plan edit only the pages whose content changed (planner.engine.incremental).
    A plan with errors shows its diagnostics in the browser; the server keeps running.
    The site is built in a working folder (planner.engine.outdir) in the system's
    temporary folder, removed on the way out (Ctrl-C, SIGTERM) or by a later `serve`."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    host, port = _address(dev_addr)
    from mkdocs.livereload import LiveReloadServer

    serve_url = f"http://{host}:{port}/"
    handler = _log_to_stderr()
    handler.setLevel(logging.INFO)
    with exit_on_sigterm(), outdir.workspace(Path(tempfile.gettempdir()), "planner-serve-") as work:
        site_dir, docs = work / "site", work / "docs"
        site_dir.mkdir()
        docs.mkdir()
        served = ServedSite(site_dir)  # an edit rebuilds only what it changed

        def get_config() -> MkDocsConfig:
            config = load_config(plans, site_dir, docs, strict=False, dev_addr=dev_addr)
            plugin = _plugin(config)
            plugin.serving = True
            plugin.served = served
            plugin.config["strict"] = plugin.config["strict"] or strict
            if today is not None:
                plugin.config["today"] = today
            config.site_url = serve_url
            return config

        def builder(config: MkDocsConfig | None = None) -> None:
            served.build(config or get_config(), get_config, serve_url)

        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir),
                                  polling_interval=WATCH_INTERVAL)

        def error_handler(code: int) -> bytes | None:
            page = site_dir / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_handler
        try:
            builder(config)
            server.watch(str(plans.resolve()))
            if config.config_file_path and Path(config.config_file_path) != DEFAULT_CONFIG:
                server.watch(config.config_file_path)
                server.watch(config.docs_dir)
            try:
                server.serve(open_in_browser=open_in_browser)
            except KeyboardInterrupt:
                pass
            except OSError as exc:
                if server.serve_thread.is_alive():
                    raise
                raise ServeError(ENGLISH._("cannot serve on {address}: {reason}").format(
                    address=dev_addr, reason=exc.strerror or exc)) from None
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            logging.getLogger("mkdocs").removeHandler(handler)
