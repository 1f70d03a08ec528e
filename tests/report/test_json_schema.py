"""The JSON output is an API: it validates against the published schema, which matches the models."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema

from hegui import api
from hegui.report import render
from hegui.report.json import generated_schema, published_schema

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"


def test_published_schema_equals_the_generated_one() -> None:
    # If this fails the output format changed: bump SCHEMA_VERSION for breaking changes, then
    # regenerate hegui/report/schema/ with `hegui schema assessment`.
    assert published_schema() == json.loads(json.dumps(generated_schema()))


def test_example_output_validates_against_the_published_schema() -> None:
    result = api.assess(EXAMPLE, dt.date(2026, 11, 30))
    data = json.loads(render(result, "json"))
    jsonschema.validate(data, published_schema())
    assert data["summary"]["open"] == sum(1 for f in result.findings if f.is_open())


def test_every_finding_cites_and_explains_itself() -> None:
    result = api.assess(EXAMPLE, dt.date(2026, 11, 30))
    for f in result.findings:
        assert f.citations, f.rule_id
        if f.status.value == "needs_review":
            assert f.missing or any("review" in e.lower() for e in f.explanation), f.rule_id
