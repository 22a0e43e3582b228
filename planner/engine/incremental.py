"""`planner serve` after an edit: MkDocs rebuilds only the files whose content changed.

Every rebuild checks the plan again and renders its files in memory, taking the pages,
calendar lanes and calendar events of the segments whose inputs did not change from the
last rendering (`planner.render.render`); `ServedSite.on_files` then compares the files
with what the last build served. When
nothing but the content of some files changed, the build is MkDocs' dirty build: a
generated file whose content is the same is an `UnchangedFile` (not modified), so MkDocs
neither reads nor writes its page, nor copies it. What a dirty build alone would get
wrong is put right here:

- The navigation every rebuilt page shows carries the titles (and front matter: icons,
  status) of the pages not rebuilt, which MkDocs has not read: they are those of the last
  build (their content is the same), given to their pages before MkDocs makes its nav.
- The search index MkDocs writes holds only the rebuilt pages; the entries of the others
  are merged back from the last build's, in the order a full build writes them.
- When a rebuilt page that the navigation lists got a new title, every page shows it in
  the navigation: the site is built again in full.

Anything else is a full build (the site folder emptied first, every page rebuilt): the
first build, a plan that does not pass the check (every page shows the findings) or did
not at the last build, pages added or removed, another navigation, site name, language or
direction, a change to mkdocs.yml or to a file of the docs folder, a plugin other than
search and planner (which may read every page), a search index that cannot be merged, or
a build that failed.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from planner.plan import Plan
from planner.render import Rendering

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SEARCH_INDEX = Path("search") / "search_index.json"
# Plugins known to read only the page they are given: with any other, every build is full.
INCREMENTAL_PLUGINS = frozenset({"search", "material/search", "planner"})


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by the builds of one configuration: MkDocs makes
    a new Jinja environment for every build, which would compile them all again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # not when the template's source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class UnchangedFile(File):
    """A generated file with the content it had at the last build, whose page (or copy)
    in the site is current: a dirty build skips it."""

    def is_modified(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class _Built:
    """What the last build served, for the next one to compare with."""

    key: str  # the site-wide settings every page shows (see `_site_key`)
    sources: Mapping[str, tuple[int, int]]  # the docs folder's files: (mtime ns, size)
    generated: Mapping[str, str | bytes]  # the plugin's files by path
    pages: Mapping[str, tuple[str | None, Mapping[str, Any]]]  # src_uri: (title, meta)
    search: Mapping[str, list[Any]] | None  # page url: its search entries; None: no index


@dataclass(slots=True)
class _Pending:
    """The build under way, as `on_files` saw it."""

    incremental: bool
    files: Files
    generated: Mapping[str, str | bytes]
    key: str
    sources: Mapping[str, tuple[int, int]]
    rebuilt: frozenset[str]  # src_uri of the pages MkDocs renders in this build


class _NotDirty(logging.Filter):
    """MkDocs warns that a dirty build may show a stale navigation: this one does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _site_key(config: MkDocsConfig, generated: Mapping[str, str | bytes]) -> str:
    """What every page shows beside its own content, and the files there are."""
    theme = config.theme
    config_file = config.config_file_path
    stat = os.stat(config_file) if config_file and os.path.isfile(config_file) else None
    return repr((config.nav, config.site_name, theme.name, theme.get("language"),
                 theme.get("direction"), list(config.extra_css),
                 [str(s) for s in config.extra_javascript], config.use_directory_urls,
                 sorted(config.plugins), config_file,
                 stat and (stat.st_mtime_ns, stat.st_size), sorted(generated)))


def _sources(files: Files, docs_dir: str) -> dict[str, tuple[int, int]]:
    out = {}
    for f in files:
        if f.src_dir == docs_dir and f.abs_src_path and not f.generated_by:
            stat = os.stat(f.abs_src_path)
            out[f.src_uri] = (stat.st_mtime_ns, stat.st_size)
    return out


def _nav_paths(entries: Any) -> set[str]:
    if isinstance(entries, str):
        return {entries}
    values = entries.values() if isinstance(entries, dict) else entries
    return {p for value in values for p in _nav_paths(value)}


def _by_page(docs: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for entry in docs:
        out.setdefault(str(entry["location"]).partition("#")[0], []).append(entry)
    return out


class ServedSite:
    """The state `planner serve` keeps between builds of `site_dir` (see module doc)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.last: _Built | None = None
        self.pending: _Pending | None = None
        # The files last rendered, whose segment pages the next rendering reuses where
        # their inputs are the same (a pure function of them: whether served or not).
        self.rendering: Rendering | None = None
        self.plan: Plan | None = None  # the plan last read, whose unchanged files it lends
        self.templates = CompiledTemplates()  # for the theme's environment (plugin's on_env)

    def build(self, config: MkDocsConfig, get_config: Callable[[], MkDocsConfig],
              serve_url: str) -> None:
        """Build the site into `site_dir`: in full, or only what changed since the last."""
        from mkdocs.commands.build import build as mkdocs_build

        quiet = _NotDirty()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            for _attempt in range(2):
                try:
                    mkdocs_build(config, serve_url=serve_url, dirty=self.last is not None)
                    if self._finish(config):
                        return
                except BaseException:
                    self.last = None  # whatever the site now holds, the next build is full
                    raise
                finally:
                    self.pending = None
                config = get_config()
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)

    def on_files(self, files: Files, generated: Mapping[str, str | bytes],
                 config: MkDocsConfig, *, failed: bool) -> Files:
        """The plugin's `on_files` in `planner serve`: `generated` are the plugin's files in
        `files` (already added). Returns the files of this build."""
        key = _site_key(config, generated)
        sources = _sources(files, config.docs_dir)
        last = self.last
        incremental = (last is not None and not failed and last.search is not None
                       and key == last.key and sources == last.sources
                       and set(config.plugins) <= INCREMENTAL_PLUGINS)
        if incremental:
            assert last is not None
            files = Files([
                UnchangedFile.generated(config, f.src_uri, content=f.content_bytes,
                                        inclusion=f.inclusion)
                if f.generated_by and generated.get(f.src_uri) == last.generated.get(f.src_uri)
                else f
                for f in files])
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                if not f.is_modified():
                    title, meta = last.pages[f.src_uri]
                    Page(title, f, config).meta = copy.deepcopy(dict(meta))
        elif last is not None:
            # a dirty build that must be full: nothing in the site is current
            clean_directory(config.site_dir)
        if not incremental:  # another configuration may compile templates otherwise
            self.templates = CompiledTemplates()
        if failed:
            key = ""  # the findings' pages: the next passing build is full
        rebuilt = frozenset(f.src_uri for f in
                            files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                            if f.is_modified())
        self.pending = _Pending(incremental, files, dict(generated), key, sources, rebuilt)
        log.debug("planner: %s build, %d pages to render", "incremental" if incremental
                  else "full", len(rebuilt))
        return files

    def _finish(self, config: MkDocsConfig) -> bool:
        """Record what this build served; False when it must be built again in full."""
        pending = self.pending
        if pending is None:  # the plugin never saw the files (not in this configuration)
            self.last = None
            return True
        pages = [f for f in pending.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if f.page is not None]
        titles = {f.src_uri: (f.page.title, copy.deepcopy(f.page.meta))
                  for f in pages if f.page is not None}
        last = self.last
        if pending.incremental and last is not None:
            in_nav = _nav_paths(config.nav or [])
            if any(titles[uri][0] != last.pages[uri][0] for uri in pending.rebuilt
                   if uri in in_nav or config.nav is None):
                log.debug("planner: a page of the navigation has a new title: building in full")
                self.last = None
                return False
        search = self._search(pending, pages, last)
        self.last = _Built(pending.key, pending.sources, pending.generated, titles, search)
        return True

    def _search(self, pending: _Pending, pages: list[File], last: _Built | None
                ) -> dict[str, list[Any]] | None:
        """The search index's entries by page, after merging the pages not rebuilt back in
        (the index file is rewritten then); None when there is none or it cannot be merged."""
        path = self.site_dir / SEARCH_INDEX
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(data, dict) or set(data) - {"config", "docs"}
                or not isinstance(data.get("docs"), list)
                or not all(isinstance(e, dict) and isinstance(e.get("location"), str)
                           for e in data["docs"])):
            return None  # a prebuilt index, or a format not known here
        fresh = _by_page(data["docs"])
        if not pending.incremental or last is None or last.search is None:
            return fresh
        merged: dict[str, list[Any]] = {}
        for f in pages:
            assert f.page is not None
            url = f.page.url  # as the search index has it ("" for the home page)
            merged[url] = (fresh if f.src_uri in pending.rebuilt else last.search).get(url, [])
        data["docs"] = [entry for entries in merged.values() for entry in entries]
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        return merged
