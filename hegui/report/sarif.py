"""SARIF 2.1.0 rendering of findings, so they show in code-scanning UIs (GitHub, GitLab, IDEs).

Findings that are not open (met, not applicable, info) are left out. Each result points at the
scanned file(s) named in the finding's evidence and, for code evidence, at the Java classes as
logical locations. Levels: severity high -> error, medium -> warning, low -> note; a finding that
needs review is at most a warning.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hegui import __version__
from hegui.models import Finding, Status

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
_MAX_LOGICAL = 10


def _level(f: Finding) -> str:
    level = _LEVEL.get(str(f.facts.get("severity", "medium")), "warning")
    if f.status == Status.NEEDS_REVIEW and level == "error":
        return "warning"
    return level


def _classes(evidence: dict[str, Any]) -> list[str]:
    out = [str(c) for c in evidence.get("classes", [])]
    out += [str(s["class"]) for s in evidence.get("call_sites", []) if "class" in s]
    return list(dict.fromkeys(out))[:_MAX_LOGICAL]


def _message(f: Finding, lang: str) -> str:
    ev = f.facts.get("evidence", {})
    parts = [f.title.get(lang)]
    if f.subject:
        parts.append(f"[{f.subject}]")
    if ev.get("policy_excerpt"):
        parts.append(f"Policy: “{ev['policy_excerpt']}”")
    if f.citations:
        parts.append("Legal basis: " + "; ".join(c.label(lang) for c in f.citations))
    return " ".join(parts)


def _rule(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "id": f.rule_id,
        "name": "".join(w.capitalize() for w in f.rule_id.split(".")[-1].split("_")),
        "shortDescription": {"text": f.title.get(lang)},
        "fullDescription": {"text": f"{f.title.en} / {f.title.zh}"},
        "help": {"text": " ".join(a.get(lang) for a in f.actions) or f.title.get(lang)},
        "defaultConfiguration": {"level": _LEVEL.get(str(f.facts.get("severity")), "warning")},
        "properties": {
            "tags": [f.regime, "privacy", "compliance"],
            "severity": f.facts.get("severity"),
            "citations": [c.label("en") for c in f.citations],
        },
    }


def sarif_log(findings: list[Finding], *, lang: str = "en") -> dict[str, Any]:
    """Build the SARIF log as a dict."""
    shown = [f for f in findings if f.is_open()]
    rules: dict[str, int] = {}
    rule_list: list[dict[str, Any]] = []
    artifacts: dict[str, int] = {}
    results = []
    for f in shown:
        if f.rule_id not in rules:
            rules[f.rule_id] = len(rule_list)
            rule_list.append(_rule(f, lang))
        ev = f.facts.get("evidence", {})
        files = [str(ev[k]) for k in ("file", "policy") if ev.get(k)]
        locations = []
        for i, uri in enumerate(files):
            artifacts.setdefault(uri, len(artifacts))
            loc: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": uri, "index": artifacts[uri]}}
            }
            if i == 0 and (classes := _classes(ev)):
                loc["logicalLocations"] = [
                    {"fullyQualifiedName": c, "kind": "type"} for c in classes
                ]
            locations.append(loc)
        key = f"{f.rule_id}|{f.subject or ''}|{'|'.join(files)}"
        results.append(
            {
                "ruleId": f.rule_id,
                "ruleIndex": rules[f.rule_id],
                "level": _level(f),
                "kind": "fail" if f.status != Status.NEEDS_REVIEW else "review",
                "message": {"text": _message(f, lang)},
                "locations": locations,
                "partialFingerprints": {"hegui/v1": hashlib.sha256(key.encode()).hexdigest()[:32]},
                "properties": {
                    "status": f.status.value,
                    "subject": f.subject,
                    "violation_types": f.facts.get("violation_types", []),
                    "notice_categories": f.facts.get("notice_categories", []),
                    "evidence": ev,
                },
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hegui",
                        "version": __version__,
                        "rules": rule_list,
                    }
                },
                "artifacts": [{"location": {"uri": u}} for u in artifacts],
                "results": results,
            }
        ],
    }


def render_sarif(findings: list[Finding], *, lang: str = "en") -> str:
    """SARIF 2.1.0 JSON text."""
    return json.dumps(sarif_log(findings, lang=lang), ensure_ascii=False, indent=2)
