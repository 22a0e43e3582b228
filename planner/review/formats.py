"""`planner diff` output: text for a terminal, Markdown for a pull request, JSON per the contract.

Markdown puts the headline first and risky changes first, groups the rest by segment, folds
long sections (`<details>`), and stays under GitHub's 65,535-character comment limit by
dropping the folded detail first."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from planner.i18n import Language
from planner.model import SEGMENT_ITEMS
from planner.render import labels
from planner.report.markdown import cell
from planner.review.compare import Change, Review
from planner.vocabulary import LEVELS

GITHUB_COMMENT_LIMIT = 65_535
_ON_SEGMENT_PAGE = frozenset(kind for kind, _field in SEGMENT_ITEMS)  # each has an anchor there
_MARK = {"risky": "🔴", "notable": "🟡", "info": "⚪"}


def headline(review: Review) -> str:
    lang = review.lang
    n = len(review.changes)
    if not n and not review.introduced and not review.fixed:
        return lang._("no change to the plan")
    counts = ", ".join(f"{review.count(level)} {labels.level(level, lang)}" for level in LEVELS)
    text = lang.ngettext("{n} change", "{n} changes", n).format(n=n) + f" ({counts})"
    errors = sum(f.severity == "error" for f in review.introduced)
    if errors:
        text += "; " + lang.ngettext("{n} new error", "{n} new errors", errors).format(n=errors)
    fixed = sum(f.severity == "error" for f in review.fixed)
    if fixed:
        text += "; " + lang.ngettext("{n} error fixed", "{n} errors fixed", fixed).format(n=fixed)
    return text


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _item(c: Change, lang: Language) -> str:
    kind = labels.item_kind(c.kind, lang)
    return kind if c.kind == "playbook" else f"{kind} {c.id}"


def _subject(c: Change, lang: Language) -> str:
    where = f"{c.segment} · " if c.segment else ""
    return f"{where}{_item(c, lang)}"


def _fields_text(c: Change) -> list[str]:
    return [f"{name}: {_value(a)} → {_value(b)}" for name, (a, b) in c.fields.items()]


def _number(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if isinstance(value, float) else f"{value:,}"


# --- text -------------------------------------------------------------------------------


def text(review: Review) -> str:
    lang = review.lang
    out = [f"planner diff {review.base} → {review.head}: {headline(review)}"]
    for c in review.changes:
        out.append(f"  {labels.level(c.level, lang).upper():8} {labels.change(c.change, lang)} "
                   f"{_subject(c, lang)}"
                   f" — {c.why}")
        out += [f"           {line}" for line in _fields_text(c)]
    if review.derived:
        out.append(lang._("What it does to the derived facts:"))
        out += [f"  {f.segment or '*'} {f.fact}: {_number(f.before)} → {_number(f.after)}"
                for f in review.derived]
    for title, found in ((lang._("New findings:"), review.introduced),
                         (lang._("Fixed findings:"), review.fixed)):
        if found:
            out.append(title)
            out += [f"  {labels.severity(f.severity, lang)} {f.rule} {f.segment or ''} "
                    f"{f.item or ''}: {f.message}"
                    for f in found]
    if review.smart:
        out.append(lang._("SMART status of goals:"))
        out += [f"  {s.segment} · {s.goal}: {_fails(s.before, lang)} → {_fails(s.after, lang)}"
                for s in review.smart]
    return "\n".join(out)


def _fails(letters: str, lang: Language) -> str:
    return lang._("fails {letters}").format(letters=letters) if letters else lang._("passes")


# --- JSON -------------------------------------------------------------------------------


def as_json(review: Review) -> str:
    return json.dumps(review.as_json(), ensure_ascii=False, indent=2)


# --- Markdown ---------------------------------------------------------------------------


def markdown(review: Review, site_url: str | None = None) -> str:
    full = _markdown(review, site_url, fold_limit=None)
    if len(full) <= GITHUB_COMMENT_LIMIT:
        return full
    return _markdown(review, site_url, fold_limit=GITHUB_COMMENT_LIMIT)


def _link(text: str, site_url: str | None, segment: str | None, anchor: str | None = None) -> str:
    if not site_url or not segment:
        return text
    url = f"{site_url.rstrip('/')}/segments/{quote(segment)}/"
    if anchor:
        url += "#" + quote(anchor)
    return f"[{text}]({url})"


def code(text: str) -> str:
    """Text for a `code span`, where Markdown escapes are shown as typed."""
    return " ".join(text.replace("`", "'").split())


def _row(c: Change, site_url: str | None, lang: Language) -> str:
    anchor = f"{c.kind}-{c.id}" if c.kind in _ON_SEGMENT_PAGE else None
    subject = _link(cell(_item(c, lang)), site_url, c.segment, anchor if c.change != "removed" else None)
    fields = "<br>".join(cell(line) for line in _fields_text(c)) or "—"
    return (f"| {_MARK[c.level]} {labels.level(c.level, lang)} | {labels.change(c.change, lang)} | {subject} "
            f"| {fields} | {cell(c.why)} |")


def _table(changes: list[Change], site_url: str | None, lang: Language) -> list[str]:
    head = [lang._("level"), lang._("change"), lang._("item"), lang._("before → after"), lang._("why")]
    return (["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
            + [_row(c, site_url, lang) for c in changes])


def _details(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _markdown(review: Review, site_url: str | None, fold_limit: int | None) -> str:
    lang = review.lang
    out = [f"### planner diff: {headline(review)}", "",
           f"`{code(review.base)}` → `{code(review.head)}`", ""]
    risky = [c for c in review.changes if c.level == "risky"]
    errors = [f for f in review.introduced if f.severity == "error"]
    if risky or errors:
        out += [f"#### {_MARK['risky']} " + lang._("Risky"), ""]
        playbook = labels.item_kind("playbook", lang)
        out += [f"- **{_link(cell(c.segment or playbook), site_url, c.segment)}** · "
                f"{labels.change(c.change, lang)} {cell(labels.item_kind(c.kind, lang))}"
                + (f" `{code(c.id)}`" if c.kind != "playbook" else "") + f": {cell(c.why)}"
                + (f" ({'; '.join(cell(line) for line in _fields_text(c))})" if c.fields else "")
                for c in risky]
        groups: dict[tuple[str, str], list[str]] = {}
        for f in errors:
            groups.setdefault((f.segment or playbook, f.rule), []).append(f.message)
        for (segment, rule), messages in groups.items():
            more = len(messages) - 1
            out.append(f"- **{cell(segment)}** · "
                       + lang.ngettext("{n} new error", "{n} new errors",
                                       len(messages)).format(n=len(messages))
                       + f" {rule}: {cell(messages[0])}"
                       + (" " + lang._("(and {n} more)").format(n=more) if more else ""))
        out.append("")
    by_segment: dict[str, list[Change]] = {}
    for c in review.changes:
        by_segment.setdefault(c.segment or "", []).append(c)
    for segment, changes in sorted(by_segment.items()):
        title = _link(cell(segment), site_url, segment) if segment else lang._("Playbook")
        out += [f"#### {title}", ""]
        table = _table(changes, site_url, lang)
        if len(changes) > 8:
            out += _details(lang.ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes)),
                            table)
        else:
            out += [*table, ""]
    if review.derived:
        rows = [f"| {cell(f.segment or '*')} | {f.fact} | {_number(f.before)} | {_number(f.after)} |"
                for f in review.derived]
        out += _details(lang._("What it does to the derived facts ({n})").format(n=len(rows)),
                        ["| " + lang._("segment") + " | " + lang._("fact") + " | " + lang._("before") + " | "
                         + lang._("after") + " |", "|---|---|---|---|", *rows])
    for title, found in ((lang._("New findings ({n})"), review.introduced),
                         (lang._("Fixed findings ({n})"), review.fixed)):
        if found:
            out += _details(title.format(n=len(found)),
                            [f"- {labels.severity(f.severity, lang)} {f.rule} `{code(f.file)}` "
                             f"{cell(f.item or '')}: {cell(f.message)}" for f in found])
    if review.smart:
        out += _details(lang._("SMART status of goals ({n})").format(n=len(review.smart)),
                        [f"- {cell(s.segment)} · `{code(s.goal)}`: "
                         f"{_fails(s.before, lang)} → {_fails(s.after, lang)}"
                         for s in review.smart])
    text_out = "\n".join(out)
    if fold_limit is not None and len(text_out) > fold_limit:
        note = "\n\n" + lang._("… cut to fit a pull-request comment: run `planner diff` to see all.")
        text_out = text_out[: fold_limit - len(note) - 1].rsplit("\n", 1)[0] + note
    return text_out + "\n"
