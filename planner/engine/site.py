"""`planner build`, `generate` and `serve` as functions: MkDocs run programmatically.

- The configuration is the project's mkdocs.yml when there is one in the current
  folder or next to the plans directory, else the bundled `default_mkdocs.yml`
  (with an empty temporary docs_dir: the plugin supplies every page). The
  planner plugin is added when the project's configuration lacks it, and is
  pointed at the plans directory given on the command line (PLANNER_PLANS).
- `build` checks first: an error (or, with --strict, a warning) stops it before
  anything is written. MkDocs then builds into a fresh directory next to the
  target, which replaces the target only when the build succeeded: a failed
  build leaves the previous site as it was.
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
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from planner.engine.checking import Checked, check
from planner.engine.mkdocs_plugin import (
    DEFAULT_CONFIG,
    ENV_PLANS,
    LARGE_PLAN,
    THEME_OVERRIDES,
    PlannerPlugin,
    made_with,
    toc_settings,
)
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
    """The resolved output folder, refused when it would overwrite the plans or the project."""
    out, plans = out.resolve(), plans.resolve()
    if _inside(out, plans):
        raise SiteError(f"refusing to write into the plans directory {plans}: choose another folder")
    if _inside(plans, out):
        raise SiteError(f"refusing to replace {out}: it holds the plans directory {plans}")
    if _inside(Path.cwd().resolve(), out):
        raise SiteError(f"refusing to replace {out}: it holds the current folder")
    return out


@contextlib.contextmanager
def _plans_env(plans: Path) -> Iterator[None]:
    old = os.environ.get(ENV_PLANS)
    os.environ[ENV_PLANS] = str(plans.resolve())
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(ENV_PLANS, None)
        else:
            os.environ[ENV_PLANS] = old


def _plugin(config: Any) -> PlannerPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, PlannerPlugin):
            return plugin
    plugin = PlannerPlugin()
    errors, warnings = plugin.load_config({})
    config.plugins["planner"] = plugin
    return plugin


def load_config(plans: Path, site_dir: Path, docs_dir: Path | None, **overrides: Any) -> Any:
    """The MkDocs configuration for building `plans` into `site_dir` (see module doc)."""
    from mkdocs.config import load_config as mkdocs_load_config

    config_file = project_config(plans)
    if config_file is None:
        config_file = DEFAULT_CONFIG
        overrides["docs_dir"] = str(docs_dir)
    config = mkdocs_load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    _plugin(config)
    return config


def _log_to_stderr() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    return handler


def swap_in(new: Path, target: Path) -> None:
    """Put the directory `new` in the place of `target` (renames only, on one filesystem)."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _looks_like_site(out: Path) -> bool:
    if not out.exists():
        return True
    if not out.is_dir():
        return False
    names = {p.name for p in out.iterdir()}
    return not names or "index.html" in names or "sitemap.xml" in names or "404.html" in names


def build(plans: Path, out: Path, *, strict: bool = False, checked: Checked | None = None,
          today: dt.date | None = None) -> Checked:
    """Check `plans` and, when they pass, build the site into `out` atomically.
    Returns the check; when it failed, nothing was written."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    out = guard_output(out, plans)
    if not _looks_like_site(out):
        raise SiteError(f"refusing to replace {out}: it is not empty and holds no built site")
    checked = checked or check(plans, strict, today)
    if checked.failed:
        return checked
    from mkdocs.commands.build import build as mkdocs_build

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    docs = Path(tempfile.mkdtemp(prefix="planner-docs-"))
    handler = _log_to_stderr()
    try:
        with _plans_env(plans):
            config = load_config(plans, tmp, docs, strict=strict)
            plugin = _plugin(config)
            plugin.preloaded = checked
            if today is not None:
                plugin.config["today"] = today
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        shutil.rmtree(docs, ignore_errors=True)
    return checked


def generated_config(checked: Checked) -> dict[str, Any]:
    """The mkdocs.yml `generate` writes: the bundled defaults without the plugin, with the
    plan's title, language, direction and nav."""
    from planner.i18n import RTL
    from planner.render import STYLESHEET, nav
    from planner.render.escape import escape

    base = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    plan = checked.plan
    assert plan.playbook is not None
    language = plan.playbook.language
    base["site_name"] = str(escape(plan.playbook.title))
    base["docs_dir"] = "docs"
    base["theme"]["language"] = language
    base["theme"]["direction"] = "rtl" if language in RTL else "ltr"
    base["plugins"] = ["search"]
    base["extra_css"] = [STYLESHEET]
    base["nav"] = nav(plan, segments_in_nav=len(plan.segment_files) <= LARGE_PLAN)
    toc = toc_settings(language)
    toc["slugify"] = _PythonName(f"{toc['slugify'].__module__}.{toc['slugify'].__name__}")
    base["markdown_extensions"] = [
        {"toc": {**ext["toc"], **toc}} if isinstance(ext, dict) and "toc" in ext else ext
        for ext in base["markdown_extensions"]]
    base["theme"]["custom_dir"] = THEME_DIR
    return base


def theme_partials(language: str) -> dict[str, str]:
    """The plugin's theme overrides with their translated text filled in (for engines that
    run no plugin): {path under the theme folder: template}."""
    out = {}
    sentence = "{% raw %}" + made_with(language) + "{% endraw %}"
    for path in sorted(THEME_OVERRIDES.rglob("*.html")):
        text = path.read_text(encoding="utf-8").replace("{{ planner_made_with }}", sentence)
        out[path.relative_to(THEME_OVERRIDES).as_posix()] = PARTIAL_HEADER + text
    return out


def generate(plans: Path, out: Path, *, strict: bool = False, today: dt.date | None = None
             ) -> Checked:
    """Check `plans` and write the pages to `out/docs` and an `out/mkdocs.yml`."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    out = guard_output(out, plans)
    docs = out / "docs"
    config_path = out / "mkdocs.yml"
    if docs.exists() and any(docs.iterdir()) and not (docs / GENERATED_MARK).exists():
        raise SiteError(f"refusing to replace {docs}: it was not written by `planner generate`")
    if config_path.exists() and not config_path.read_text(encoding="utf-8").startswith(CONFIG_HEADER):
        raise SiteError(f"refusing to overwrite {config_path}: it was not written by `planner generate`")
    for rel in theme_partials("en"):
        partial = out / THEME_DIR / rel
        if partial.exists() and not partial.read_text(encoding="utf-8").startswith(PARTIAL_HEADER):
            raise SiteError(f"refusing to overwrite {partial}: it was not written by `planner generate`")
    checked = check(plans, strict, today)
    if checked.failed:
        return checked
    from planner.render import pages

    files = pages(checked.plan, checked.diagnostics, directory_urls=True)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".docs.writing-", dir=out))
    try:
        for path, content in files.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        (tmp / GENERATED_MARK).write_text("", encoding="utf-8")
        swap_in(tmp, docs)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    assert checked.plan.playbook is not None
    for rel, text in theme_partials(checked.plan.playbook.language).items():
        target = out / THEME_DIR / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    body = yaml.dump(generated_config(checked), Dumper=_ConfigDumper, allow_unicode=True,
                     sort_keys=False)
    config_path.write_text(CONFIG_HEADER + body, encoding="utf-8")
    return checked


def serve(plans: Path, dev_addr: str = "127.0.0.1:8000", *, strict: bool = False,
          open_in_browser: bool = False, today: dt.date | None = None) -> None:
    """Live preview, rebuilt when a plan (or the project's docs or mkdocs.yml) changes.
    A plan with errors shows its diagnostics in the browser; the server keeps running."""
    if playbook_path(plans) is None:
        raise SiteError(f"no playbook.yaml in {plans}")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="planner-serve-"))
    docs = Path(tempfile.mkdtemp(prefix="planner-docs-"))
    handler = _log_to_stderr()
    handler.setLevel(logging.INFO)
    host, _sep, port = dev_addr.rpartition(":")
    serve_url = f"http://{host}:{port}/"

    def get_config() -> Any:
        config = load_config(plans, site_dir, docs, strict=False, dev_addr=dev_addr)
        plugin = _plugin(config)
        plugin.serving = True
        plugin.config["strict"] = plugin.config["strict"] or strict
        if today is not None:
            plugin.config["today"] = today
        config.site_url = serve_url
        return config

    def builder(config: Any = None) -> None:
        mkdocs_build(config or get_config(), serve_url=serve_url)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)  # clean up the temporary site on `kill` too
    with _plans_env(plans):
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(site_dir))

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
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            logging.getLogger("mkdocs").removeHandler(handler)
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.rmtree(docs, ignore_errors=True)
