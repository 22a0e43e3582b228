"""Translation catalogs, maintained with the standard pybabel tools.

    python tools/catalogs.py extract   # code and templates -> planner/locale/planner.pot
    python tools/catalogs.py update    # planner.pot -> every <lang>/LC_MESSAGES/planner.po
    python tools/catalogs.py check     # exit 1 unless every catalog is complete
    python tools/catalogs.py init LANG # start a catalog for a new language

`extract` and `update` run exactly the pybabel commands printed with `--dry-run` (and
documented in babel.cfg), from the repository root. `init` also sets the catalog's
plural forms from CLDR, as Babel gives them (`pybabel init` uses an older table that
gives Hebrew two forms where CLDR has three: one, two, other).

`check` extracts afresh (it does not trust planner.pot) and reports, per catalog, every
message that is missing, untranslated, fuzzy, has other `{placeholders}` than its msgid,
or lacks one of the language's plural forms; and planner.pot itself when it is stale.
tests/test_catalogs.py runs the same checks, so a missing translation fails the tests
rather than showing English on a user's page.

No .mo files: planner.i18n compiles a .po file on first use.

Developer tooling, kept out of the `planner` package (the wheel does not ship it); also
runs as `python -m tools.catalogs COMMAND` from the repository root.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from planner import __version__
from planner.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent  # the repository root, where babel.cfg is
LOCALE_DIR = ROOT / "planner" / "locale"
DOMAIN = "planner"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != "en")  # English is the msgids

# Plural-Forms headers of the CLDR rules for integers (gettext only counts whole numbers).
# `check` verifies each against Babel's CLDR data for 0..1000.
PLURAL_FORMS = {
    "fi": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);",
}

_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


# The calls whose `description=` documents the plan format: pydantic's Field in
# planner.model, and planner.reference's Column for the CSV columns and plugin options.
DESCRIBED = frozenset({"Field", "Column"})


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def extract_with_descriptions(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                              options: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extractor, plus every string literal passed as `description=` to
    `Field(...)` or `Column(...)`.

    The plan format's fields are documented by `Field(description="...")` in
    planner.model (and CSV columns likewise in planner.reference); those descriptions are
    the msgids of the "Plan format" page, so documenting a new field is all it takes for
    it to appear here, to be translated.
    """
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)  # type: ignore[arg-type]
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return  # extract_python has reported what it could; nothing more to find here
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _called(node) not in DESCRIBED:
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg == "description" and isinstance(value, ast.Constant) \
                    and isinstance(value.value, str) and value.value:
                yield (value.lineno, "_", value.value,
                       ["TRANSLATORS: a field of the plan format, on the Plan format page."])


def extract_command(output: Path) -> list[str]:
    return [
        "extract", "-F", "babel.cfg", "--no-default-keywords", "-k", "_", "-k", "N_",
        "-k", "ngettext:1,2",
        # Sorted and without line numbers: a change elsewhere in a module does not touch the
        # catalogs, and two branches adding messages merge without conflicts.
        "--no-location", "--sort-output",
        "--add-comments=TRANSLATORS:", f"--project={DOMAIN}", f"--version={__version__}",
        "-o", _shown(output), ".",
    ]


def update_command(template: Path = TEMPLATE) -> list[str]:
    return ["update", "-i", _shown(template), "-d", _shown(LOCALE_DIR), "-D", DOMAIN,
            "--ignore-obsolete", "--previous"]


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def pybabel(args: list[str], quiet: bool = True) -> None:
    """Run `pybabel ARGS` from the repository root (the paths in babel.cfg are relative to it)."""
    cmd = [sys.executable, "-m", "babel.messages.frontend", *(["-q"] if quiet else []), *args]
    # babel.cfg names this module's extractor as `tools.catalogs.extract_with_descriptions`.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": path})


def extract(output: Path = TEMPLATE) -> Catalog:
    output.parent.mkdir(parents=True, exist_ok=True)
    pybabel(extract_command(output))
    return read_catalog(output)


def fresh_template() -> Catalog:
    """The messages of the code and templates as they are now (planner.pot untouched)."""
    with tempfile.TemporaryDirectory() as tmp:
        return extract(Path(tmp) / f"{DOMAIN}.pot")


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def init(language: str) -> Path:
    """A new, empty catalog for `language` with CLDR's plural forms."""
    target = catalog_path(language)
    if target.exists():
        raise SystemExit(f"{_shown(target)} exists; use `update`")
    pybabel(["init", "-i", _shown(TEMPLATE), "-d", _shown(LOCALE_DIR), "-D", DOMAIN,
             "-l", language])
    forms = PLURAL_FORMS.get(language) or _cldr_plural_forms(language)
    text = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r'"Plural-Forms: [^"\\]*\\n"', f'"Plural-Forms: {forms}\\\\n"',
                             text, count=1), encoding="utf-8")
    return target


def _cldr_plural_forms(language: str) -> str:
    from babel.plural import to_gettext

    return to_gettext(Locale.parse(language).plural_form)


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a str.format message (`{{` and `}}` are literal braces)."""
    return set(_PLACEHOLDER.findall(text))


def _ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, tuple | list):
        return tuple(message.string)
    return (message.string or "",)  # (None: not translated)


def _label(message: Message) -> str:
    text = _ids(message)[0]
    return repr(text if len(text) <= 70 else text[:67] + "...")


def plural_problems(language: str, catalog: Catalog) -> list[str]:
    """The catalog's Plural-Forms must be CLDR's rule for whole numbers: one form per CLDR
    category, the same form for every number of a category."""
    expected = PLURAL_FORMS.get(language)
    if expected is not None and catalog.plural_forms.replace(" ", "") != expected.replace(" ", ""):
        return [f"Plural-Forms is {catalog.plural_forms!r}, expected {expected!r}"]
    cldr = Locale.parse(language).plural_form
    index = gettext.c2py(catalog.plural_expr)
    form_of: dict[str, int] = {}
    category_of: dict[int, str] = {}
    for n in range(1001):
        form, category = index(n), cldr(n)
        if form_of.setdefault(category, form) != form or category_of.setdefault(form, category) != category:
            return [f"Plural-Forms {catalog.plural_forms!r} disagrees with CLDR ({cldr.rules}) at n={n}"]
    if sorted(category_of) != list(range(catalog.num_plurals)):
        return [f"Plural-Forms {catalog.plural_forms!r}: forms {sorted(category_of)} are used for "
                f"CLDR's {sorted(form_of)}"]
    return []


def problems(language: str, template: Catalog, catalog: Catalog | None = None) -> list[str]:
    """Everything that keeps `language`'s catalog from translating every message of `template`."""
    if catalog is None:
        path = catalog_path(language)
        if not path.is_file():
            return [f"{_shown(path)} does not exist: run `python tools/catalogs.py init {language}`"]
        catalog = read_catalog(path, language)
    out = plural_problems(language, catalog)
    forms = catalog.num_plurals
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        label = _label(message)
        if found is None:
            out.append(f"missing: {label}")
            continue
        if found.fuzzy:
            out.append(f"fuzzy: {label}")
        strings = _strings(found)
        if message.pluralizable and len(strings) != forms:
            out.append(f"{len(strings)} of {forms} plural forms: {label}")
        if not all(s.strip() for s in strings):
            out.append(f"untranslated: {label}")
            continue
        expected = set().union(*(placeholders(i) for i in _ids(message)))
        for s in strings:
            if placeholders(s) != expected:
                out.append(f"placeholders {sorted(placeholders(s))} instead of {sorted(expected)}: "
                           f"{label}")
                break
    return out


def stale(template: Catalog) -> list[str]:
    """Messages of `template` (a fresh extraction) that planner.pot lacks, and the reverse."""
    if not TEMPLATE.is_file():
        return [f"{_shown(TEMPLATE)} does not exist: run `python tools/catalogs.py extract`"]
    on_disk = read_catalog(TEMPLATE)
    now = {m.id for m in template if m.id}
    was = {m.id for m in on_disk if m.id}
    return ([f"not in planner.pot: {_label(m)}" for m in template if m.id and m.id not in was]
            + [f"only in planner.pot: {_label(m)}" for m in on_disk if m.id and m.id not in now])


def check_catalogs(languages: Iterable[str] = TRANSLATED) -> int:
    template = fresh_template()
    failed = False
    report = {"planner.pot": stale(template)}
    report.update({_shown(catalog_path(lang)): problems(lang, template) for lang in languages})
    for name, found in report.items():
        failed = failed or bool(found)
        print(f"{name}: {'ok' if not found else f'{len(found)} problem(s)'}")
        for line in found:
            print(f"  {line}")
    count = sum(1 for m in template if m.id)
    print(f"{count} messages in the code and templates")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/catalogs.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "update", "check", "init"])
    parser.add_argument("language", nargs="?", help="for init: the new language")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the pybabel command instead of running it")
    args = parser.parse_args(argv)
    if args.command in ("extract", "update") and args.dry_run:
        cmd = extract_command(TEMPLATE) if args.command == "extract" else update_command()
        print("pybabel " + " ".join(cmd))
        return 0
    if args.command == "extract":
        template = extract()
        print(f"{_shown(TEMPLATE)}: {sum(1 for m in template if m.id)} messages")
    elif args.command == "update":
        pybabel(update_command())
        for lang in TRANSLATED:
            left = problems(lang, read_catalog(TEMPLATE))
            print(f"{_shown(catalog_path(lang))}: "
                  f"{'complete' if not left else f'{len(left)} to translate or review'}")
    elif args.command == "init":
        if not args.language:
            parser.error("init needs a LANGUAGE")
        print(_shown(init(args.language)))
    else:
        return check_catalogs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
