"""JSON Schemas of the two plan file kinds, exported from the models, for editors.

The descriptions and examples are the models' own (`Field(description=...,
examples=[...])` in planner.model), so the schema, `planner format` and the
site's "Plan format" page say the same. What this module adds is what editors
need beyond pydantic's export: a title per property that says what it belongs
to ("due (goal)" rather than "Due"), the default written into the description
(hover shows descriptions, not defaults), `markdownDescription` (VS Code's
keyword for a description in Markdown, which the descriptions are), and no
`default: null` (nor empty or mapping defaults), which editors would insert on
completion and which is itself a schema error.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from planner.model import Playbook, Segment

SCHEMA_ID = "https://planner.invalid/schema/{name}.schema.json"
KINDS: dict[str, type[BaseModel]] = {"playbook": Playbook, "segment": Segment}


class _InWrittenOrder(GenerateJsonSchema):
    """pydantic's generator, but examples keep their keys in the order they were written
    (an example outlook reads secure, uncertain, at_risk, as in a plan)."""

    def _sort_recursive(self, value: Any, parent_key: str | None = None) -> Any:
        if parent_key == "examples":
            return value
        return super()._sort_recursive(value, parent_key)


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema as pydantic exports it (descriptions, examples, defaults)."""
    return model.model_json_schema(by_alias=True, mode="validation",
                                   schema_generator=_InWrittenOrder)


def schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in KINDS.items():
        body = model_schema(model)
        for definition in (body, *body.get("$defs", {}).values()):
            _for_editors(definition)
        out[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                     "$id": SCHEMA_ID.format(name=name), **body}
    return out


def _for_editors(model: dict[str, Any]) -> None:
    owner = model.get("title", "")
    for name, prop in model.get("properties", {}).items():
        prop["title"] = f"{name} ({owner})" if owner else name
        choices = prop.get("anyOf", [])
        if choices and not any(c.get("type") == "null" for c in choices):
            # An open vocabulary (usual values, or another): each alternative carries the
            # property's title and description, or yaml-language-server shows "kind || kind".
            for choice in choices:
                choice["title"] = prop["title"]
                choice["description"] = choice["markdownDescription"] = " ".join(
                    filter(None, [prop.get("description"), choice.get("description")]))
        default = prop.pop("default", None)
        # Only a scalar default is worth inserting: an empty list or a mapping of defaults
        # (whose own fields carry them) is not something to type.
        if default is not None and not isinstance(default, list | dict):
            prop["default"] = default
            prop["description"] = (f"{prop.get('description', '')} "
                                   f"Default: `{json.dumps(default, ensure_ascii=False)}`.").strip()
        if "description" in prop:
            # The descriptions are Markdown (`code`); editors that know this keyword render it.
            prop["markdownDescription"] = prop["description"]


def properties(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every property schema of `schema` (its own and its definitions')."""
    return [prop for definition in (schema, *schema.get("$defs", {}).values())
            for prop in definition.get("properties", {}).values()]


def count_null_defaults(value: Any) -> int:
    """How many `"default": null` the schema holds, at any depth."""
    if isinstance(value, dict):
        here = int("default" in value and value["default"] is None)
        return here + sum(count_null_defaults(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_null_defaults(v) for v in value)
    return 0
