"""SARIF 2.1.0 output: validated against the structural subset code-scanning UIs rely on."""

from __future__ import annotations

import json

import jsonschema

from hegui.models import Citation, Finding, Status, Text
from hegui.report.sarif import render_sarif, sarif_log

# The parts of the OASIS SARIF 2.1.0 schema that uploaders (e.g. GitHub code scanning) require.
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                                "fullDescription": {"$ref": "#/$defs/message"},
                                                "help": {"$ref": "#/$defs/message"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {"$ref": "#/$defs/level"}
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "artifacts": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"location": {"$ref": "#/$defs/artifactLocation"}},
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"$ref": "#/$defs/level"},
                                "kind": {
                                    "enum": [
                                        "notApplicable",
                                        "pass",
                                        "fail",
                                        "review",
                                        "open",
                                        "informational",
                                    ]
                                },
                                "message": {"$ref": "#/$defs/message"},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "properties": {
                                                    "artifactLocation": {
                                                        "$ref": "#/$defs/artifactLocation"
                                                    }
                                                },
                                            },
                                            "logicalLocations": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "fullyQualifiedName": {"type": "string"},
                                                        "kind": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "properties": {"type": "object"},
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string"}},
        },
        "artifactLocation": {
            "type": "object",
            "properties": {"uri": {"type": "string"}, "index": {"type": "integer", "minimum": -1}},
        },
    },
}


def _finding(rule: str, severity: str, status: Status = Status.DUE, **evidence: object) -> Finding:
    return Finding(
        rule_id=rule,
        regime="apps",
        title=Text(zh="标题", en=f"Title of {rule}"),
        status=status,
        subject="s1",
        facts={"severity": severity, "evidence": evidence, "violation_types": ["m2019.2.3"]},
        citations=[
            Citation(instrument="pipl", article="17", short=Text(zh="个人信息保护法", en="PIPL"))
        ],
        actions=[Text(zh="改正", en="Fix it")],
    )


FINDINGS = [
    _finding("apps.a", "high", file="app.apk", call_sites=[{"class": "com.x.A", "method": "run"}]),
    _finding("apps.a", "high", file="app.apk", classes=["com.x.B"]),
    _finding("apps.b", "medium", policy="privacy.html", policy_excerpt="我们收集……"),
    _finding("apps.c", "high", Status.NEEDS_REVIEW, file="app.apk"),
    _finding("apps.d", "low", Status.MET, file="app.apk"),
]


def test_sarif_is_structurally_valid() -> None:
    log = json.loads(render_sarif(FINDINGS))
    jsonschema.validate(log, SARIF_SUBSET)


def test_rules_results_levels_and_locations() -> None:
    run = sarif_log(FINDINGS)["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["apps.a", "apps.b", "apps.c"]
    results = run["results"]
    assert len(results) == 4  # the met finding is not a result
    assert [r["level"] for r in results] == ["error", "error", "warning", "warning"]
    assert [r["ruleIndex"] for r in results] == [0, 0, 1, 2]
    assert results[3]["kind"] == "review"
    first = results[0]["locations"][0]
    assert first["physicalLocation"]["artifactLocation"]["uri"] == "app.apk"
    assert first["logicalLocations"] == [{"fullyQualifiedName": "com.x.A", "kind": "type"}]
    assert "PIPL Art. 17" in results[0]["message"]["text"]
    assert "我们收集" in results[2]["message"]["text"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["app.apk", "privacy.html"]
    assert results[0]["properties"]["violation_types"] == ["m2019.2.3"]


def test_fingerprints_are_stable_and_distinct() -> None:
    a = sarif_log(FINDINGS)["runs"][0]["results"]
    b = sarif_log(FINDINGS)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in a] == [r["partialFingerprints"] for r in b]
    assert len({r["partialFingerprints"]["hegui/v1"] for r in a[2:]}) == 2


def test_empty_log_is_valid() -> None:
    log = sarif_log([])
    jsonschema.validate(log, SARIF_SUBSET)
    assert log["runs"][0]["results"] == []
