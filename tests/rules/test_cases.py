"""Run the YAML rule scenarios in tests/rules/cases/*.yaml.

Each file holds ``cases:``, a list of ``{name, as_of, profile, expect}``. ``expect`` is a list of
expected findings: ``rule`` (required), ``subject``, ``status``, ``due``, ``due_at`` (ISO, Asia/Shanghai),
``approximate``, ``proposed``, ``facts`` (subset match), ``cites`` (list of ``instrument:article``
that must all be cited), ``not_cites`` (``instrument`` or ``instrument:article`` that must not be
cited), ``authority`` (substring of the en or zh authority name), ``missing``
(substring that must appear in a missing fact), ``absent: true`` (no such finding may exist).
YAML anchors (``&base`` / ``<<: *base``) let cases share a profile.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hegui.law.yamlio import load_yaml, plain
from hegui.models import Finding
from hegui.profile.models import Profile
from hegui.rules.engine import assess

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = load_yaml(path)
        for i, case in enumerate(data["cases"]):
            line = data["cases"].line_of(i)
            params.append(pytest.param(path, case, id=f"{path.stem}:{line}:{case['name']}"))
    return params


def _matches(f: Finding, exp: dict[str, Any]) -> list[str]:
    """Return the reasons ``f`` does not match ``exp`` (empty list = match)."""
    bad = []
    if "subject" in exp and f.subject != exp["subject"]:
        bad.append(f"subject {f.subject!r} != {exp['subject']!r}")
    if "status" in exp and f.status.value != exp["status"]:
        bad.append(f"status {f.status.value!r} != {exp['status']!r}")
    if "due" in exp:
        want = exp["due"]
        if f.due != want:
            bad.append(f"due {f.due} != {want}")
    if "due_at" in exp:
        got = f.due_at.isoformat() if f.due_at else None
        if got is None or not got.startswith(str(exp["due_at"])):
            bad.append(f"due_at {got} != {exp['due_at']}")
    if "approximate" in exp and f.due_approximate != exp["approximate"]:
        bad.append(f"approximate {f.due_approximate} != {exp['approximate']}")
    if "proposed" in exp and f.proposed != exp["proposed"]:
        bad.append(f"proposed {f.proposed} != {exp['proposed']}")
    for key, value in (exp.get("facts") or {}).items():
        if f.facts.get(key) != value:
            bad.append(f"facts.{key} {f.facts.get(key)!r} != {value!r}")
    cited = {f"{c.instrument}:{c.article}" if c.article else c.instrument for c in f.citations}
    for c in exp.get("cites") or []:
        if c not in cited:
            bad.append(f"citation {c} missing (has {sorted(cited)})")
    for c in exp.get("not_cites") or []:
        if c in cited or c in {x.instrument for x in f.citations}:
            bad.append(f"citation {c} present")
    if "authority" in exp:
        auth = f"{f.authority.en} {f.authority.zh}" if f.authority else ""
        if exp["authority"] not in auth:
            bad.append(f"authority {auth!r} lacks {exp['authority']!r}")
    if "explains" in exp and not any(exp["explains"] in e for e in f.explanation):
        bad.append(f"explanation {f.explanation} lacks {exp['explains']!r}")
    if "missing" in exp and not any(exp["missing"] in m for m in f.missing):
        bad.append(f"missing {f.missing} lacks {exp['missing']!r}")
    return bad


@pytest.mark.parametrize(("path", "case"), _load_cases())
def test_case(path: Path, case: dict[str, Any]) -> None:
    profile = Profile.model_validate(plain(case["profile"]))
    as_of = case["as_of"]
    assert isinstance(as_of, dt.date)
    result = assess(profile, as_of)
    for exp in case["expect"]:
        candidates = [f for f in result.findings if f.rule_id == exp["rule"]]
        if "subject" in exp:
            candidates = [f for f in candidates if f.subject == exp["subject"]]
        if exp.get("absent"):
            assert not candidates, (
                f"{case['name']}: expected no {exp['rule']} finding, got {candidates}"
            )
            continue
        assert candidates, (
            f"{case['name']}: no finding for {exp['rule']} (subject {exp.get('subject')})"
        )
        reasons = [_matches(f, exp) for f in candidates]
        if not any(not r for r in reasons):
            detail = "\n".join(
                f"  - {f.status.value} due={f.due} facts={f.facts} expl={f.explanation}: {r}"
                for f, r in zip(candidates, reasons, strict=True)
            )
            pytest.fail(f"{case['name']}: no {exp['rule']} finding matches {exp}:\n{detail}")
