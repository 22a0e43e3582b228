"""The playbook site as files in memory: `pages(plan, diagnostics) -> {docs path: content}`.

Engine-free: the MkDocs plugin adds these as generated files, `planner
generate` writes them to disk for any engine. Markdown pages carry their
content as HTML blocks (plan text escaped there by Jinja's autoescape) and plan
text in headings goes through `md_inline`, so no plan text can become markup.

Paths: index.md, segments/index.md, segments/<id>.md, calendar.md, clock.md,
journeys.md, rules.md, format.md (the plan format reference, planner.reference),
calendar.ics, segments/<id>.ics, campaigns.csv, goals.csv and assets/planner.css
(`STYLESHEET`).

`render(plan, diagnostics, previous=...)` makes the same files after an edit, taking the
pages and fragments (planner.render.fragments) of the segments the edit left alone from
the previous `Rendering` (`planner serve`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import planner
from planner.diagnostics import Diagnostic
from planner.i18n import Language
from planner.plan import Plan
from planner.render import calendar_html, clock_svg, csv_export, ics, labels
from planner.render.bidi import isolate, isolate_text, ui
from planner.render.context import SegmentView, Site
from planner.render.escape import escape, md_inline, page_title
from planner.render.fragments import PlanInputs, SegmentFragments, plan_inputs, segment_fragments
from planner.render.health import letter_names
from planner.render.links import fragment

_PACKAGE = Path(planner.__file__).resolve().parent
# A wheel carries the templates inside the package; a source checkout keeps them at the top.
_PACKAGED_TEMPLATES = _PACKAGE / "site_templates"
TEMPLATES = (_PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir()
             else _PACKAGE.parent / "site_templates")
STYLESHEET = "assets/planner.css"

Pages = dict[str, str | bytes]


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates, keyed by template source only; but the
    environment (its `finalize`, which escapes every value) is compiled into the code
    too. So the cache files are named after this module's text: a planner whose
    environment differs never runs templates compiled for another one."""
    fingerprint = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__planner_{fingerprint}_%s.cache")
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


@cache
def environment(lang: Language, templates: Path = TEMPLATES) -> jinja2.Environment:
    """The templates' environment for pages said in `lang`: its messages, and plan text
    isolated against its direction."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,  # every template here writes HTML inside Markdown
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates do not change during a build; saves a stat per include
        # Compiled templates are kept between runs (in Jinja's per-user temporary folder):
        # compiling them is a tenth of a large plan's rendering.
        bytecode_cache=_bytecode_cache(),
        # Every value a template prints is escaped by planner's `escape`, which also keeps
        # it inert in the Markdown page around it; Markup (already escaped) is left alone.
        finalize=_inert,
    )
    env.filters["md"] = md_inline
    env.filters["page_title"] = page_title
    page_dir = lang.direction
    # plan text, isolated when of the other direction
    env.filters["bidi"] = partial(isolate, page_dir=page_dir)
    # the same in plain text (headings: see bidi)
    env.filters["isolated"] = partial(isolate_text, page_dir=page_dir)
    # a translated sentence's placeholders, values isolated
    env.filters["fill"] = lambda message, **values: ui(message, page_dir, **values)
    env.filters["frag"] = fragment  # an in-page #anchor
    env.globals.update(_=lang._, ngettext=lang.ngettext, lang=lang, labels=labels,
                       reaction=partial(labels.reaction, lang=lang))
    return env


def _inert(value: Any) -> Any:
    # Only text can hold what `escape` adds to markupsafe's; numbers and Markup go on as
    # they are to autoescape.
    return escape(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _render(lang: Language, name: str, **context: Any) -> str:
    env = environment(lang)
    return env.get_template(name).render(m=env.get_template("_macros.j2").module, **context)


def stylesheet() -> str:
    return (TEMPLATES / "planner.css").read_text(encoding="utf-8")


def _rules() -> list[dict[str, Any]]:
    from planner.rules import all_rules

    return [{"id": r.id, "smart": r.smart, "severity": str(r.severity), "summary": r.summary,
             "blocks": r.blocks} for r in all_rules().values()]


def _format_page(lang: Language) -> str:
    # Imported here: planner.reference uses planner.render.labels, a submodule of this package.
    from planner.reference import reference

    return reference(lang, anchors=True)


def renderers(site: Site, fragments: Mapping[str, SegmentFragments]
              ) -> list[tuple[str, Callable[[], str | bytes], str | None]]:
    """Every file of the site as (path, function rendering it, the id of the one segment
    it shows or None), in the order of `pages`, given each segment's fragments. The
    functions are independent of one another, so any subset renders the same files."""
    fmt, lang = site.fmt, site.lang
    common = {"site": site, "fmt": fmt}
    feeds = cache(lambda: ics.feeds(site, {sid: f.events for sid, f in fragments.items()}))
    lanes = {sid: f.lane for sid, f in fragments.items()}

    def segment(s: SegmentView) -> str:
        return _render(lang, "segment.md.j2", page=s.page, s=s,
                       calendar=calendar_html.calendar(site, s.page, lanes, only=s.id), **common)

    def calendar() -> str:
        return _render(
            lang, "calendar.md.j2", page="calendar.md",
            calendar=calendar_html.calendar(site, "calendar.md", lanes),
            agenda=calendar_html.agenda(site, {sid: f.agenda for sid, f in fragments.items()}),
            **common)

    def index() -> str:
        return _render(lang, "index.md.j2", page="index.md",
                       goal_items={sid: f.goals for sid, f in fragments.items()},
                       home={sid: f.home for sid, f in fragments.items()}, **common)

    def clock() -> str:
        counts = Counter(e.segment for e in site.entries if e.kind == "campaign")
        return _render(lang, "clock.md.j2", page="clock.md",
                       clock=clock_svg.clock(site, {sid: f.ring for sid, f in fragments.items()}),
                       campaign_counts={s.id: counts.get(s.id, 0) for s in site.segments},
                       **common)

    out: list[tuple[str, Callable[[], str | bytes], str | None]] = [
        ("index.md", index, None),
        ("segments/index.md", partial(_render, lang, "segments.md.j2", page="segments/index.md",
                                      rows={sid: f.overview_row for sid, f in fragments.items()},
                                      **common), None),
    ]
    for s in site.segments:
        out.append((s.page, partial(segment, s), s.id))
        # not the segment's alone: every event is stamped with the plan's last change
        out.append((f"segments/{s.id}.ics", partial(lambda sid: feeds()[sid], s.id), None))
    out += [
        ("calendar.md", calendar, None),
        ("clock.md", clock, None),
        ("journeys.md", partial(_render, lang, "journeys.md.j2", page="journeys.md", **common),
         None),
        ("rules.md", lambda: _render(lang, "rules.md.j2", page="rules.md", rules=_rules(),
                                     smart_names=letter_names(lang), **common), None),
        ("format.md", partial(_format_page, lang), None),
        ("calendar.ics", lambda: feeds()[None], None),
        ("campaigns.csv", partial(csv_export.campaigns, site), None),
        ("goals.csv", partial(csv_export.goals, site), None),
        (STYLESHEET, stylesheet, None),
    ]
    return out


@dataclass(frozen=True, slots=True)
class Rendering:
    """A site's files, and what the next rendering of the same plan may take from them
    (`planner serve`, after an edit): a segment's page and its fragments (planner.render.
    fragments) are a function of the segment's inputs (`planner.render.context.
    SegmentInputs`) and of the site's `inputs`, what every page shows besides the segment."""

    site: Site
    inputs: tuple[object, ...]
    fragments: Mapping[str, SegmentFragments]
    fragment_inputs: PlanInputs
    files: Pages


def _page_inputs(site: Site) -> tuple[object, ...]:
    return (site.shared, site.holidays, site.plan.today, site.plan.actuals)


def render(plan: Plan, diagnostics: list[Diagnostic], *, directory_urls: bool = True,
           previous: Rendering | None = None) -> Rendering:
    """Every file of the site for a plan whose playbook validated (see module doc); with
    `previous`, the rendering of an earlier version of the plan, the pages and fragments of
    the segments whose inputs did not change are taken from it instead of rendered."""
    site = Site(plan, diagnostics, directory_urls, previous.site if previous else None)
    inputs = _page_inputs(site)
    kept = site.reused if previous is not None and previous.inputs == inputs else frozenset()
    fragment_inputs = plan_inputs(site)
    lent = (previous.fragments if previous is not None
            and previous.fragment_inputs == fragment_inputs else {})
    macros = environment(site.lang).get_template("_fragments.j2").module
    fragments = {v.id: lent[v.id] if v.id in kept and v.id in lent
                 else segment_fragments(site, v, fragment_inputs, macros)
                 for v in site.segments}
    files: Pages = {}
    for path, render_file, segment_id in renderers(site, fragments):
        files[path] = (previous.files[path] if previous is not None and segment_id in kept
                       else render_file())
    return Rendering(site, inputs, fragments, fragment_inputs, files)


def pages(plan: Plan, diagnostics: list[Diagnostic], *, directory_urls: bool = True) -> Pages:
    """Every file of the site for a plan whose playbook validated (see module doc)."""
    return render(plan, diagnostics, directory_urls=directory_urls).files


def page_paths(plan: Plan) -> list[str]:
    """The pages of the site of `plan` (what `pages` renders but the feeds and exports),
    its segment pages named after the files, whether they validated or not."""
    segments = [f"segments/{sf.id}.md" for sf in plan.segment_files]
    return ["index.md", "segments/index.md", *segments, "calendar.md", "clock.md", "journeys.md",
            "rules.md", "format.md"]


def error_pages(diagnostics: list[Diagnostic], lang: Language,
                paths: Iterable[str] = ("index.md",)) -> Pages:
    """The site of a plan that does not pass (for `serve`): the page listing the findings,
    at every one of `paths`, so that whatever page the reader was on shows them."""
    shown = [d for d in diagnostics if not d.waived]
    page = _render(lang, "errors.md.j2", diagnostics=shown)
    return {**{path: page for path in paths}, STYLESHEET: stylesheet()}


def nav(plan: Plan, *, segments_in_nav: bool = True) -> list[Any]:
    """The MkDocs `nav` for the pages. Titles from plan text are left to the pages' own
    headings (which MkDocs keeps escaped); the fixed titles are UI strings."""
    lang = plan.language
    from markupsafe import escape

    def t(text: str) -> str:
        return str(escape(text))

    segments: list[Any] = ["segments/index.md"]
    if segments_in_nav:
        segments += [f"segments/{sf.id}.md" for sf, _seg in plan.segments]
    return [
        {t(lang._("Home")): "index.md"},
        {t(lang._("Campaign calendar")): "calendar.md"},
        {t(lang._("Annual clock")): "clock.md"},
        {t(lang._("Segments")): segments},
        {t(lang._("Automation maps")): "journeys.md"},
        {t(lang._("Rules")): "rules.md"},
        {t(lang._("Plan format")): "format.md"},
    ]
