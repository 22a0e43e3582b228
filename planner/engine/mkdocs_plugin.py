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
- on_page_markdown, on_page_content: MkDocs renders only the outline of a playbook page
  (its headings) and gets planner's finished HTML for the rest (planner.engine.finished_html),
  whose ids the plugin adds to the page's anchors.
- on_page_context: has Material's search plugin index a playbook page's search view, fast and
  linear in its headings (planner.engine.search_view).
- on_post_page, on_post_template: put the direction on <html> too (Material
  puts it on <body> only), so that the whole document, scrollbars and all, is
  right-to-left in Hebrew.
- on_files: adds every page of `planner.render.pages` as a generated file. A plan
  with errors (or warnings, with `strict: true` or `smart.strict`) raises
  PluginError with the diagnostics, so `mkdocs build` fails; under `mkdocs
  serve` every page of the site shows the diagnostics instead (wherever the
  reader was, the reload lands on them), and the server keeps running.
- on_serve: watches the plans directory, so a plan edit rebuilds the site.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from planner.engine import finished_html, search_view
from planner.engine.checking import BuildCheck, check_for_build
from planner.engine.incremental import ServedSite
from planner.engine.search_settings import configure_search
from planner.i18n import ENGLISH, Language
from planner.plan_files import playbook_path
from planner.render.escape import escape as escape_text
from planner.report.visible import visible

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

LARGE_PLAN = 60  # segments beyond which the sidebar lists only the segments overview
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


def _excluded(page: Page) -> bool:
    """Whether the page's front matter keeps it out of the search index (`search: exclude`,
    as Material's search reads it): it needs no search view."""
    search = page.meta.get("search") or {}
    return isinstance(search, dict) and bool(search.get("exclude"))


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
        self.served: ServedSite | None = None  # `planner serve`: what its last build served
        # the playbook pages of the build under way: {src_uri: its HTML blocks, once read}
        self.pages: dict[str, tuple[str, ...] | None] = {}
        self.material_search = False  # see planner.engine.search_view
        # a page's HTML and search view, once rendered; its own HTML and toc while indexed
        self.search_views: dict[str, tuple[str, str]] = {}
        self.indexed: tuple[Page, str | None, TableOfContents] | None = None

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
            served = self.served
            self.checked = check_for_build(self.root, self.config.strict, today,
                                           served.plan if served is not None else None)
            if served is not None:
                served.plan = self.checked.plan
        # `planner build` and `serve` have printed the findings already; plain MkDocs has not.
        self.log_findings = pre is None or self.checked is not pre
        lang = self.checked.language
        config.theme["language"] = lang.code
        config.theme["direction"] = self.direction = lang.direction
        self.language = lang
        configure_search(config.plugins)
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
        from planner.render import error_pages, page_paths, render

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
            served = self.served
            rendering = render(checked.plan, checked.diagnostics,
                               directory_urls=config.use_directory_urls,
                               previous=served.rendering if served is not None else None)
            if served is not None:  # the next build renders only what this plan's edit changed
                served.rendering = rendering
            generated = rendering.files
        _refuse_collisions(files, generated)
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        self.pages = {path: None for path in generated if path.endswith(".md")}
        self.material_search = search_view.material_search(config.plugins)
        self.search_views = {}
        if self.served is not None:  # MkDocs rebuilds only the files whose content changed
            files = self.served.on_files(files, generated, config, failed=checked.failed)
        return files

    @event_priority(-100)  # after any other plugin's changes to the Markdown
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri not in self.pages:
            return markdown
        outline = finished_html.outline(markdown)
        if outline is None:
            return markdown
        self.pages[page.file.src_uri] = outline.blocks
        return outline.markdown

    @event_priority(100)  # before other plugins read the page's HTML
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        blocks = self.pages.get(page.file.src_uri)
        if blocks is None:
            return html
        self.pages[page.file.src_uri] = None  # read: let them go with the page
        page.present_anchor_ids = (page.present_anchor_ids or set()) | finished_html.anchor_ids(blocks)
        content = finished_html.fill(html, blocks)
        if self.material_search and "data-search-" not in html and not _excluded(page):
            self.search_views[page.file.src_uri] = content, finished_html.fill(
                html, tuple(search_view.text_view(block) for block in blocks))
        return content

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["planner_made_with"] = Markup(made_with(self.language))
        if self.served is not None:
            env.bytecode_cache = self.served.templates
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
    def _show_search_view(self, context: TemplateContext, /, *, page: Page,
                          config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        if not self.material_search or page.file.src_uri not in self.pages:
            return context
        self.indexed = page, page.content, page.toc
        page.toc = search_view.hidden_toc()
        content, view = self.search_views.pop(page.file.src_uri, (None, None))
        if view is not None and page.content == content:  # no other plugin changed it since
            page.content = view
        return context

    @event_priority(-100)  # after it, before the theme renders the page
    def _show_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                   nav: Navigation) -> TemplateContext:
        indexed, self.indexed = self.indexed, None
        if indexed is not None and indexed[0] is page:
            _page, page.content, page.toc = indexed
        return context

    on_page_context = CombinedEvent(_show_search_view, _show_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._html_dir(output)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        return self._html_dir(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        if self.root is not None:
            server.watch(str(self.root))
        return server
