"""`plugins: [planner]`: MkDocs checks the plans and adds the playbook pages.

- on_config: reads and checks the plans directory (option `plans`, relative to
  mkdocs.yml; the `planner` CLI passes its own through PLANNER_PLANS), and sets
  the theme's language and direction, the site name and the nav from the plan
  unless mkdocs.yml sets them.
- on_files: adds every page of `planner.render.pages` as a generated file. A plan
  with errors (or warnings, with `strict: true` or `smart.strict`) raises
  PluginError with the diagnostics, so `mkdocs build` fails; under `mkdocs
  serve` the site shows the diagnostics instead, and the server keeps running.
- on_serve: watches the plans directory, so a plan edit rebuilds the site.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from planner.engine.checking import Checked, check

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

ENV_PLANS = "PLANNER_PLANS"
LARGE_PLAN = 60  # segments beyond which the sidebar lists only the segments overview


class PlannerConfig(Config):
    plans = opt.Type(str, default="plans")
    strict = opt.Type(bool, default=False)
    site_name = opt.Type(bool, default=True)  # take the site name from the playbook title


class PlannerPlugin(BasePlugin[PlannerConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.checked: Checked | None = None
        self.preloaded: Checked | None = None  # set by `planner build`, which checked already
        self.root: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def plans_dir(self, config: MkDocsConfig) -> Path:
        override = os.environ.get(ENV_PLANS)
        if override:
            return Path(override).resolve()
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / self.config.plans).resolve()

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = self.plans_dir(config)
        if not (self.root / "playbook.yaml").is_file():
            raise PluginError(f"planner: no playbook.yaml in {self.root} (set the plugin's "
                              f"`plans` option to the plans directory)")
        pre, self.preloaded = self.preloaded, None
        if pre is not None and pre.root == self.root and pre.strict == self.config.strict:
            self.checked = pre
        else:
            self.checked = check(self.root, self.config.strict)
        language = self.checked.language
        from planner.i18n import RTL, use

        use(language)
        config.theme["language"] = language
        config.theme["direction"] = "rtl" if language in RTL else "ltr"
        playbook = self.checked.plan.playbook
        if playbook is not None and self.config.site_name:
            config.site_name = str(escape(playbook.title))  # themes print it unescaped
        if not self.checked.failed and config.nav is None:
            from planner.render import nav

            plan = self.checked.plan
            config.nav = nav(plan, segments_in_nav=len(plan.segment_files) <= LARGE_PLAN)
        from planner.render import STYLESHEET

        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        from planner.render import error_pages, pages

        checked = self.checked
        assert checked is not None
        if checked.failed:
            if not self.serving:
                raise PluginError("planner: the plans do not pass the check:\n\n" + checked.report())
            log.warning("planner: the plans do not pass the check; the site shows why.\n%s",
                        checked.report())
            generated = error_pages(checked.diagnostics, checked.language)
        else:
            for d in checked.diagnostics:
                if not d.waived:
                    log.info("planner: %s:%s: %s %s %s", d.file, d.line, d.severity, d.rule, d.message)
            generated = pages(checked.plan, checked.diagnostics,
                              directory_urls=config.use_directory_urls)
        for f in [f for f in files if f.src_uri in generated]:
            files.remove(f)  # a generated page replaces a docs file of the same path
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        if not self.serving:
            # The plan and its views live through the whole build; freezing them keeps the
            # garbage collector from walking them again on every collection MkDocs triggers.
            gc.freeze()
            self.frozen = True
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._thaw()

    def on_build_error(self, *, error: Exception) -> None:
        self._thaw()

    def _thaw(self) -> None:
        if getattr(self, "frozen", False):
            gc.unfreeze()
            self.frozen = False

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.root is not None:
            server.watch(str(self.root))
        return server
