"""The JSON form of an assessment: a versioned, documented API (see docs/json-output.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hegui.rules.engine import SCHEMA_VERSION, Assessment

SCHEMA_PATH = Path(__file__).parent / "schema" / f"assessment-{SCHEMA_VERSION}.schema.json"


def render_json(assessment: Assessment) -> str:
    return assessment.model_dump_json(indent=2)


def generated_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Assessment`, as generated from the models."""
    schema = Assessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://hegui.invalid/schema/assessment-{SCHEMA_VERSION}.schema.json"
    schema["title"] = f"hegui assessment, schema version {SCHEMA_VERSION}"
    return schema


@cache
def published_schema() -> dict[str, Any]:
    """The schema shipped with hegui (a test keeps it equal to the generated one)."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data
