"""`plugins: [planner]`: MkDocs checks the plans and adds the playbook pages.

- on_config: reads and checks the plans directory (option `plans`, relative to
  mkdocs.yml; the `planner` CLI sets the option to the directory it was given), and sets
  the theme's language and direction and the nav from the plan unless
  mkdocs.yml sets them; the playbook title names the site under planner's bundled
  configuration or with the option `site_name: true`, while a project's own
  mkdocs.yml keeps its `site_name` (`site_name: false` keeps it always). So
  that no English is left on a Finnish or Hebrew site, it also gives the `toc`
  extension the permalink's tooltip in the language and a slugify that keeps
  letters of every script (heading ids "tavoitteet-ja-mittarit", "יעדים" instead
  of "_1"), unless mkdocs.yml configures them, and puts `theme/` before Material's templates for its
  English-only credit line ("Made with").
- on_env: gives that credit line its translated sentence.
- on_page_context: makes the search plugin's indexing of a page linear in its headings
  (planner.engine.search_toc).
- on_post_page, on_post_template: put the direction on <html> too (Material
  puts it on <body> only), so that the whole document, scrollbars and all, is
  right-to-left in Hebrew.
- on_files: adds every page of `planner.render.pages` as a generated file. A plan
  with errors (or warnings, with `strict: true` or `smart.strict`) raises
  PluginError with the diagnostics, so `mkdocs build` fails; under `mkdocs
  serve` every page of the site shows the diagnostics instead (wherever the
  reader was, the reload lands on them), and the server keeps running.
  Building (never serving) a plan of FORK_PLAN segments or more, a forked child
  process renders the later pages and the feeds while MkDocs reads the first ones
  (`_forked_files`); the files are the same.
- on_serve: watches the plans directory, so a plan edit rebuilds the site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import pickle
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from planner.engine.checking import BuildCheck, check_for_build
from planner.engine.incremental import ServedSite
from planner.i18n import ENGLISH, Language
from planner.plan_files import playbook_path
from planner.render.escape import escape as escape_text
from planner.report.visible import visible

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

LARGE_PLAN = 60  # segments beyond which the sidebar lists only the segments overview
FORK_PLAN = 20  # segments from which `build` renders part of the files in a forked process
THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"
MATERIAL_CREDIT = ('<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" '
                   'rel="noopener">Material for MkDocs</a>')


def toc_settings(lang: Language) -> dict[str, Any]:
    """What the `toc` extension needs for a site in `lang` (see module doc)."""
    from markdown.extensions.toc import slugify_unicode

    # TRANSLATORS: the tooltip of the ¶ link after every heading.
    return {"permalink_title": lang._("Permanent link"), "slugify": slugify_unicode}


def made_with(lang: Language) -> str:
    """Material's credit line in `lang`, as HTML."""
    # TRANSLATORS: the footer's credit line; {generator} is the link "Material for MkDocs".
    sentence = str(escape(lang._("Made with {generator}")))
    return sentence.replace("{generator}", MATERIAL_CREDIT)


def own_pages(docs_dir: Path, planner_nav: list[Any]) -> list[str]:
    """The team's own Markdown pages in `docs_dir`, for the end of the navigation."""
    taken = set(_nav_paths(planner_nav))
    if not docs_dir.is_dir():
        return []
    found = (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return sorted(p for p in found if p not in taken
                  and not any(part.startswith(".") for part in p.split("/")))


def _nav_paths(entries: Any) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, dict):
        return [p for value in entries.values() for p in _nav_paths(value)]
    return [p for entry in entries for p in _nav_paths(entry)]


def _refuse_collisions(files: Files, generated: Any) -> None:
    """A team page at the path of a playbook page is never silently replaced."""
    clash = sorted(f.src_uri for f in files if f.src_uri in generated and not f.generated_by)
    if clash:
        raise PluginError(
            "planner: " + ", ".join(clash) + (" is" if len(clash) == 1 else " are")
            + " also a page of the playbook, which would replace it: rename it (every other "
            "page of docs/ keeps its place and is listed in the navigation)")


Renderers = list[tuple[str, Callable[[], str | bytes]]]


class _Forked:
    """Files rendered by a forked child process while this one renders the others and goes
    on with MkDocs (which reads them only later); collected when MkDocs first needs one.
    Should the child fail, they are rendered here instead, so the output never differs."""

    def __init__(self, renderers: Renderers) -> None:
        self.renderers = renderers
        self.results: dict[str, str | bytes] | None = None
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, send, and leave without running any cleanup
            code = 1
            try:
                os.close(read)
                data = pickle.dumps({path: render() for path, render in renderers},
                                    protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid: int | None = pid
        self.fd: int | None = read

    def get(self, path: str) -> str | bytes:
        if self.results is None:
            self.results = self._collect()
        return self.results[path]

    def _collect(self) -> dict[str, str | bytes]:
        try:
            fd, self.fd = self.fd, None
            assert fd is not None
            with os.fdopen(fd, "rb") as pipe:
                data = pipe.read()
            pid, self.pid = self.pid, None
            assert pid is not None
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                rendered: dict[str, str | bytes] = pickle.loads(data)
                return rendered
        except Exception as e:  # noqa: BLE001 - rendered here instead
            log.debug("planner: the forked render failed (%s); rendering here", e)
        self.close()
        return {path: render() for path, render in self.renderers}

    def close(self) -> None:
        """Stop the child if it is still there (a build that failed before collecting)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None


class _ForkedFile(File):
    """A generated file whose content `_Forked` supplies when MkDocs first reads it."""

    forked: _Forked | None = None

    @property
    def _content(self) -> str | bytes | None:
        if self.forked is not None:
            self.__dict__["_value"] = self.forked.get(self.src_uri)
            self.forked = None
        return self.__dict__.get("_value")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.forked = None
        self.__dict__["_value"] = value


DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "default_mkdocs.yml"


class PlannerConfig(Config):
    plans = opt.Type(str, default="plans")
    strict = opt.Type(bool, default=False)
    # Whether the playbook title names the site. Unset: only under planner's bundled
    # configuration; a team's own mkdocs.yml keeps its `site_name`.
    site_name = opt.Optional(opt.Type(bool))
    # The day progress is judged on (YYYY-MM-DD), as `--today`; default the playbook's
    # `tracking.as_of`, else the current date.
    today = opt.Optional(opt.Type((str, dt.date)))


class PlannerPlugin(BasePlugin[PlannerConfig]):
    def __init__(self) -> None:
        self.language = ENGLISH
        self.direction = "ltr"
        self.serving = False
        self.checked: BuildCheck | None = None
        self.preloaded: BuildCheck | None = None  # set by `planner build`, which checked already
        self.log_findings = True
        self.root: Path | None = None
        self.forked: _Forked | None = None  # `build` of a large plan: see _forked_files
        self.served: ServedSite | None = None  # `planner serve`: what its last build served

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if not self.serving:  # MkDocs keeps this plugin for the process: a serve is over
            self.served = None

    def titles_site(self, config: MkDocsConfig) -> bool:
        """Whether the playbook title replaces `site_name`: as the plugin's `site_name`
        option says, else only when the configuration is planner's bundled one."""
        if self.config.site_name is not None:
            return bool(self.config.site_name)
        path = config.config_file_path
        return not path or Path(path).resolve() == DEFAULT_CONFIG

    def plans_dir(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / self.config.plans).resolve()

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = self.plans_dir(config)
        if playbook_path(self.root) is None:
            raise PluginError(f"planner: no playbook.yaml in {self.root} (set the plugin's "
                              f"`plans` option to the plans directory)")
        today = self._today()
        pre, self.preloaded = self.preloaded, None
        if (pre is not None and pre.root == self.root and pre.strict == self.config.strict
                and today in (None, pre.plan.today)):
            self.checked = pre
        else:
            self.checked = check_for_build(self.root, self.config.strict, today)
        # `planner build` and `serve` have printed the findings already; plain MkDocs has not.
        self.log_findings = pre is None or self.checked is not pre
        lang = self.checked.language
        config.theme["language"] = lang.code
        config.theme["direction"] = self.direction = lang.direction
        self.language = lang
        if "toc" in config.markdown_extensions:
            toc = config.mdx_configs.setdefault("toc", {})
            for key, value in toc_settings(lang).items():
                toc.setdefault(key, value)
        if config.theme.name == "material" and str(THEME_OVERRIDES) not in config.theme.dirs:
            material = next((i for i, d in enumerate(config.theme.dirs)
                             if Path(d).parent.name == "material"), 0)
            config.theme.dirs.insert(material, str(THEME_OVERRIDES))
        playbook = self.checked.plan.playbook
        if playbook is not None and self.titles_site(config):
            # Themes print the site name unescaped (planner's escape also contains its bidi
            # controls and keeps it inert where a theme puts it into Markdown).
            config.site_name = str(escape_text(playbook.title))
        if self.checked.failed and config.nav is None:
            # the same findings at every page of the plan: listed once, the team's pages after
            config.nav = ["index.md"]
            config.nav += own_pages(Path(config.docs_dir), config.nav)
        elif config.nav is None:
            from planner.render import nav

            plan = self.checked.plan
            config.nav = nav(plan, segments_in_nav=len(plan.segment_files) <= LARGE_PLAN)
            config.nav += own_pages(Path(config.docs_dir), config.nav)
        from planner.render import STYLESHEET

        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def _today(self) -> dt.date | None:
        value = self.config.today
        if value is None or isinstance(value, dt.date):
            return value
        try:
            if isinstance(value, str) and len(value) == 10:
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise PluginError(f"planner: today: {value!r} is not a date; write YYYY-MM-DD")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        from planner.render import error_pages, page_paths, pages

        checked = self.checked
        assert checked is not None
        if checked.failed:
            if not self.serving:
                raise PluginError("planner: the plans do not pass the check:\n\n" + checked.report())
            log.warning("planner: the plans do not pass the check; the site shows why.\n%s",
                        checked.report())
            # every page of the site shows them, so a reload lands on them wherever it is
            generated = error_pages(checked.diagnostics, checked.language,
                                    page_paths(checked.plan))
        else:
            for d in checked.diagnostics if self.log_findings else ():
                # a warning: `mkdocs build --strict` fails on it, as on any other; a note
                # (info, K804) is only information and never fails a build
                if not d.waived:
                    level = logging.INFO if d.severity == "info" else logging.WARNING
                    log.log(level, "planner: %s", visible(
                        f"{d.file}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}"))
            if self.serving or len(checked.plan.segments) < FORK_PLAN or not hasattr(os, "fork"):
                generated = pages(checked.plan, checked.diagnostics,
                                  directory_urls=config.use_directory_urls)
            else:
                return self._forked_files(files, config)
        _refuse_collisions(files, generated)
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        if self.served is not None:  # MkDocs rebuilds only the files whose content changed
            files = self.served.on_files(files, generated, config, failed=checked.failed)
        return files

    def _forked_files(self, files: Files, config: MkDocsConfig) -> Files:
        """`pages`, the first segment pages rendered here, the rest in a forked child: MkDocs
        reads the pages in order, and copies the other files only after reading them all."""
        from planner.render import prepare, renderers

        checked = self.checked
        assert checked is not None
        tasks = renderers(prepare(checked.plan, checked.diagnostics,
                                  directory_urls=config.use_directory_urls))
        here_pages = 2 + len(checked.plan.segments) // 3  # MkDocs reads these meanwhile
        there, pages_seen = [], 0
        for path, render in tasks:
            pages_seen += path.endswith(".md")
            if not path.endswith(".md") or pages_seen > here_pages:
                there.append((path, render))
        self.forked = _Forked(there)
        later = {path for path, _render in there}
        _refuse_collisions(files, dict(tasks))
        for path, render in tasks:
            if path in later:
                f = _ForkedFile.generated(config, path, content="")
                assert isinstance(f, _ForkedFile)  # `generated` makes a `cls`, typed File
                f.forked = self.forked
            else:
                f = File.generated(config, path, content=render())
            files.append(f)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["planner_made_with"] = Markup(made_with(self.language))
        return env

    def _html_dir(self, output: str) -> str:
        """`output` with the document's direction on its <html> element."""
        head = output[:512]
        start = head.find("<html")
        if start < 0 or " dir=" in head[start:head.find(">", start)]:
            return output
        cut = start + len("<html")
        return f'{output[:cut]} dir="{self.direction}"{output[cut:]}'

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        from planner.engine.search_toc import index_page

        for name in ("material/search", "search"):
            if name in config.plugins:
                index_page(config.plugins[name], page)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._html_dir(output)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        return self._html_dir(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_fork()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_fork()

    def on_shutdown(self) -> None:
        self._stop_fork()  # a build stopped by a signal gets neither of the two above

    def _stop_fork(self) -> None:
        forked, self.forked = self.forked, None
        if forked is not None:
            forked.close()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        if self.root is not None:
            server.watch(str(self.root))
        return server
