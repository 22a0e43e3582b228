"""The plan format documents itself: one description per field feeds the JSON Schema,
`planner format` and the site's "Plan format" page (planner.reference)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from planner import i18n
from planner.cli import main
from planner.dates import parse_duration, parse_span
from planner.model import DURATION_PATTERN, RRULE_PATTERN, Playbook, Segment
from planner.recurrence_rules import rrule_problem
from planner.reference import ACTUALS_COLUMNS, reference
from planner.schema import count_null_defaults, properties, schemas
from planner.vocabulary import MESSAGE_KINDS
from tests.helpers import REPO
from tools.catalogs import extract_with_descriptions


def _models(model: type[BaseModel], seen: set[type[BaseModel]] | None = None
            ) -> list[type[BaseModel]]:
    """`model` and every model its fields hold, however nested."""
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    out = [model]
    for field in model.model_fields.values():
        for arg in _type_args(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out += _models(arg, seen)
    return out


def _type_args(annotation: Any) -> list[Any]:
    args = [annotation]
    for arg in getattr(annotation, "__args__", ()):
        args += _type_args(arg)
    return args


ALL_MODELS = sorted({m for root in (Playbook, Segment) for m in _models(root)},
                    key=lambda m: m.__name__)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description_and_an_example(model: type[BaseModel]) -> None:
    for name, field in model.model_fields.items():
        assert field.description and field.description.endswith("."), (model.__name__, name)
        assert field.examples, (model.__name__, name)


@pytest.mark.parametrize("kind", ["playbook", "segment"])
def test_schema_for_editors(kind: str) -> None:
    schema = schemas()[kind]
    props = properties(schema)
    assert len(props) > 10
    assert all(p.get("description") for p in props)
    assert count_null_defaults(schema) == 0
    titles = [p["title"] for p in props]
    # Titles say what the property belongs to: "due (goal)", never a bare "Due".
    assert all(re.fullmatch(r"[a-z_]+ \([A-Za-z ]+\)", t) for t in titles), titles
    assert len(set(titles)) == len(titles) or kind == "segment"  # contact_policy twice


def test_goal_due_is_one_described_choice() -> None:
    due = schemas()["segment"]["$defs"]["Goal"]["properties"]["due"]
    assert "anyOf" not in due and due["type"] == "string"
    assert "quarter" in due["description"]
    # Fields the SMART rules require are required for editors too.
    assert {"title", "kpi", "baseline", "target", "due", "supports"} <= set(
        schemas()["segment"]["$defs"]["Goal"]["required"])


def _validator() -> jsonschema.protocols.Validator:
    schema = schemas()["segment"]
    return jsonschema.Draft202012Validator(schema)


def _segment(**message: Any) -> dict[str, Any]:
    return {"name": "Club", "stage": "customer", "customers": 10, "yearly_value": 5,
            "outlook": {"secure": 40, "uncertain": 40, "at_risk": 20}, "consent": "opt-in",
            "messages": [{"id": "m", "channel": "email", "title": "Hello", **message}]}


def test_open_vocabulary_suggests_but_accepts_other_kinds() -> None:
    kind = schemas()["segment"]["$defs"]["Message"]["properties"]["kind"]
    assert list(MESSAGE_KINDS) in [choice.get("enum") for choice in kind["anyOf"]]
    validator = _validator()
    assert validator.is_valid(_segment(kind="welcome"))
    assert validator.is_valid(_segment(kind="seasonal-greeting"))  # P010 warns, not an error
    assert not validator.is_valid(_segment(kind=""))


# Each value next to what `planner check` says of it: the schema's patterns must agree.
DURATIONS = {"3 days": True, "2 weeks": True, "12 hours": True, "1 month": True, "1.5 d": True,
             " 4 Weeks ": True, "3": False, "days": False, "3 fortnights": False, "-3 days": False,
             "3 days later": False}
RRULES = {"FREQ=MONTHLY;COUNT=3": True, "RRULE:FREQ=WEEKLY;BYDAY=MO": True,
          "freq=yearly;until=20281231": True, "COUNT=3;FREQ=DAILY": True,
          "FREQ=HOURLY;COUNT=3": False, "FREQ=DAILY;BYHOUR=9": False, "COUNT=3": False,
          "monthly": True, " Quarterly ": True, "fortnightly": False, "FREQ=MONTHLY;": False,
          "FREQ=MONTHLY COUNT=3": False}
DATES = {"2027-06-30": True, "2027-06": True, "2027-Q2": True, "2027-q4": True,
         "2027-13": False, "2027-Q5": False, "June 2027": False, "27-06-30": False}


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


@pytest.mark.parametrize(("text", "valid"), DURATIONS.items())
def test_duration_pattern_agrees_with_the_check(text: str, valid: bool) -> None:
    assert (parse_duration(text) is not None) is valid
    assert _matches(DURATION_PATTERN, text) is valid


@pytest.mark.parametrize(("text", "valid"), RRULES.items())
def test_rrule_pattern_agrees_with_the_check(text: str, valid: bool) -> None:
    assert (rrule_problem(text, dt.date(2027, 1, 1), i18n.ENGLISH) is None) is valid
    assert _matches(RRULE_PATTERN, text) is valid


@pytest.mark.parametrize(("text", "valid"), DATES.items())
def test_date_like_pattern_agrees_with_the_check(text: str, valid: bool) -> None:
    due = schemas()["segment"]["$defs"]["Goal"]["properties"]["due"]
    assert (parse_span(text) is not None) is valid
    assert _matches(due["pattern"], text) is valid


def test_reference_names_every_field_with_its_description_and_example() -> None:
    text = reference(i18n.ENGLISH, anchors=True)
    for model in ALL_MODELS:
        for name, field in model.model_fields.items():
            row = next((line for line in text.splitlines()
                        if line.startswith(f"| `{field.alias or name}` |")
                        and field.description in line), None)
            assert row is not None, (model.__name__, name)
            assert f"`{field.alias or name}: " in row  # the example, as YAML
    for column in ACTUALS_COLUMNS:
        assert f"| `{column.name}` |" in text
    for section in ("## `playbook.yaml`", "## `segments/<id>.yaml`", "### `goals[]`",
                    "### `journeys[].steps[].branch`", "## `actuals/*.csv`", "T503", "`FREQ`",
                    "| `2` |", "`custom:<name>`"):
        assert section in text
    # Links point at anchors of the page.
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert f'<a id="{target}"></a>' in text


@pytest.mark.parametrize("language", ["fi", "he"])
def test_reference_is_translated(language: str) -> None:
    text = reference(i18n.language(language))
    # Field names stay as written; on the right-to-left page they are isolated left to right.
    code = '<code dir="ltr">{}</code>' if language == "he" else "`{}`"
    for model in ALL_MODELS:
        for name, field in model.model_fields.items():
            assert field.description not in text, (language, model.__name__, name)
            assert f"| {code.format(field.alias or name)} |" in text
    assert "`" not in text.replace("```", "") if language == "he" else True


def test_actuals_columns_are_the_ones_the_loader_reads() -> None:
    from planner import actuals

    assert [c.name for c in ACTUALS_COLUMNS] == list(actuals.COLUMNS)
    assert [c.name for c in ACTUALS_COLUMNS if c.required] == list(actuals.REQUIRED)


def test_planner_format_prints_the_reference() -> None:
    result = CliRunner().invoke(main, ["format"])
    assert result.exit_code == 0
    assert result.output == reference(i18n.ENGLISH, anchors=False)
    assert "<a id=" not in result.output
    fi = CliRunner().invoke(main, ["format", "--language", "fi"])
    assert fi.exit_code == 0 and fi.output != result.output
    assert CliRunner().invoke(main, ["format", "--language", "xx"]).exit_code == 2


def test_descriptions_are_extracted_for_translation() -> None:
    source = b'''
from pydantic import Field
class Holiday(Base):
    days: int = Field(0, description="Days after the holiday.", examples=[-7])
    name: str = Field(description=f"not a literal {x}")
x = _("a message")
parser = argparse.ArgumentParser(description="not about the plan format")
'''
    found = [(line, text) for line, _f, text, _c in
             extract_with_descriptions(io.BytesIO(source), {"_": None}, ["TRANSLATORS:"], {})]
    assert (4, "Days after the holiday.") in found
    assert (6, "a message") in found
    assert len(found) == 2


def test_the_site_has_the_reference_page(tmp_path: Path) -> None:
    from planner.engine.site import generate

    checked = generate(REPO / "plans", tmp_path / "out")
    assert not checked.failed
    page = (tmp_path / "out" / "docs" / "format.md").read_text(encoding="utf-8")
    assert page == reference(i18n.ENGLISH, anchors=True)
    assert "format.md" in (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema not installed")
def test_check_jsonschema_validates_the_bundled_plans(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    starters = []
    for language in ("en", "fi", "he"):  # the starter plans of `planner init`
        assert CliRunner().invoke(main, ["init", str(tmp_path / language), "--language", language,
                                         "--year", "2027"]).exit_code == 0
        starters.append(tmp_path / language / "plans")
    for plans in (REPO / "plans", REPO / "examples" / "fi", REPO / "examples" / "he", *starters):
        for kind, files in (("playbook", [plans / "playbook.yaml"]),
                            ("segment", sorted((plans / "segments").glob("*.yaml")))):
            run = subprocess.run(["check-jsonschema", "--schemafile",
                                  str(tmp_path / f"{kind}.schema.json"), *map(str, files)],
                                 capture_output=True, text=True)
            assert run.returncode == 0, run.stdout + run.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text((REPO / "plans" / "segments" / "engaged.yaml").read_text(encoding="utf-8")
                   .replace("    due: 2027-Q4", "    deu: 2027-Q4", 1), encoding="utf-8")
    run = subprocess.run(["check-jsonschema", "--schemafile", str(tmp_path / "segment.schema.json"),
                          str(bad)], capture_output=True, text=True)
    assert run.returncode == 1 and "deu" in run.stdout
