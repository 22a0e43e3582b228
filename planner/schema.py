"""JSON Schemas of the two plan file kinds, exported from the models."""

from __future__ import annotations

from typing import Any

from planner.model import Playbook, Segment

SCHEMA_ID = "https://planner.invalid/schema/{name}.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in (("playbook", Playbook), ("segment", Segment)):
        body = model.model_json_schema(by_alias=True, mode="validation")
        out[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                     "$id": SCHEMA_ID.format(name=name), **body}
    return out
