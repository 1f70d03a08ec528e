"""Grade an incident under every regime that applies to its operator.

Each regime is a mapping ``incident_grading_<regime>`` in the law data: who it covers, dated
versions of its criteria, and its reports. Numeric criteria compare a fact of the incident with
thresholds ("以上" includes the number itself); non-numeric criteria are questions whose answers
(under ``answers:`` in the record) each give a grade. A question is asked only while its answer
could still raise the grade.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hegui.incidents.models import (
    GRADES,
    Answer,
    GradeBasis,
    Incident,
    IncidentError,
    IncidentGrading,
    Operator,
    Question,
    RegimeGrade,
    grade_rank,
)
from hegui.law.loader import Law, get_law
from hegui.models import Citation, Text
from hegui.profile.models import Profile

MAPPING_PREFIX = "incident_grading_"


@dataclass(frozen=True)
class RegimeSpec:
    """One regime's mapping entries with the version in force on the detection date."""

    mapping_id: str
    entries: dict[str, Any]
    version: dict[str, Any] | None


def resolve_operator(incident: Incident, profile: Profile | None) -> Operator:
    """The operator: the record's ``operator``, or the profile entity named by ``entity``."""
    if incident.operator is not None:
        return incident.operator
    if incident.entity is None:
        raise IncidentError(
            "the incident names neither 'entity' (with a profile) nor 'operator'", field="entity"
        )
    if profile is None:
        raise IncidentError(
            f"entity {incident.entity!r} needs a profile (--profile) to resolve", field="entity"
        )
    ids = [e.id for e in profile.entities]
    if incident.entity not in ids:
        raise IncidentError(
            f"unknown entity {incident.entity!r} (profile has: {', '.join(ids)})", field="entity"
        )
    e = profile.entity(incident.entity)
    return Operator(
        name=e.name,
        name_zh=e.name_zh,
        province=e.province,
        sectors=list(e.sectors),
        ciio=e.ciio,
        central_organ=e.central_organ,
    )


def operator_class(op: Operator, incident: Incident) -> tuple[str, str | None]:
    """CAC reporting line: ``ciio``, ``central_organ`` or ``other``, with a caveat if assumed."""
    if incident.cii_affected or (op.ciio and incident.cii_affected is None):
        note = None
        if incident.cii_affected is None:
            note = (
                "cii_affected is not set for a CIIO: hegui applies the CII reporting line "
                "(the shortest clock); set cii_affected: false if no CII is involved"
            )
        return "ciio", note
    if op.central_organ:
        return "central_organ", None
    return "other", None


def regime_specs(law: Law, on: dt.date) -> list[RegimeSpec]:
    """Every incident regime in the law data, with its version in force on ``on``."""
    out = []
    for mid in sorted(m for m in law.mappings if m.startswith(MAPPING_PREFIX)):
        entries = law.mapping(mid)
        version = next(
            (
                v
                for v in entries["versions"]
                if v["since"] <= on and (v.get("until") is None or on < v["until"])
            ),
            None,
        )
        out.append(RegimeSpec(mid, entries, version))
    return out


def cites(law: Law, refs: list[dict[str, Any]] | None) -> list[Citation]:
    return [law.cite(r["instrument"], r.get("article")) for r in refs or []]


def grade_incident(
    incident: Incident, profile: Profile | None = None, *, law: Law | None = None
) -> IncidentGrading:
    """Grade ``incident`` under each regime (applicable or not, with the reason)."""
    law = law or get_law()
    op = resolve_operator(incident, profile)
    cls, _ = operator_class(op, incident)
    on = incident.detected_at.date()
    specs = regime_specs(law, on)
    _check_answer_keys(incident, specs)
    _check_province(law, op)
    regimes = [_grade_regime(law, spec, incident, op, on) for spec in specs]
    return IncidentGrading(
        incident_id=incident.id,
        detected_at=incident.detected_at,
        operator=op.name_zh or op.name,
        operator_class=cls,
        regimes=regimes,
    )


def _check_province(law: Law, op: Operator) -> None:
    """A misspelt province would silently exclude a provincial regime (e.g. the Zhejiang plan)."""
    known = law.mapping("provinces")
    if op.province not in known:
        raise IncidentError(
            f"unknown province {op.province!r} (known: {', '.join(sorted(known))})",
            field="operator.province",
        )


def _check_answer_keys(incident: Incident, specs: list[RegimeSpec]) -> None:
    """An answer to no known question would be ignored, leaving the grade provisional unseen."""
    known = sorted(
        {
            f"{spec.entries['regime']}.{crit['id']}"
            for spec in specs
            for version in spec.entries["versions"]
            for crit in version.get("criteria", [])
            if crit["kind"] == "question"
        }
    )
    for key in incident.answers:
        if key not in known:
            raise IncidentError(
                f"no grading question {key!r} (known: {', '.join(known)})", field=f"answers.{key}"
            )


def _applies(spec: RegimeSpec, incident: Incident, op: Operator, on: dt.date) -> tuple[bool, str]:
    e = spec.entries
    sectors = e.get("applies_to_sectors")
    if sectors is not None and not set(sectors) & set(op.sectors):
        return False, f"operator sectors {op.sectors or '[]'} include none of {sectors}"
    provinces = e.get("applies_to_provinces")
    if provinces is not None and op.province not in provinces:
        return False, f"operator province {op.province!r} is not one of {provinces}"
    if e.get("applies_if_pi") and not incident.has_pi:
        return False, "no personal information is involved (pi_involved / pi_individuals)"
    if e.get("applies_if_minors") and not incident.minors_pi_involved:
        return False, "the record does not say that minors' PI is involved (minors_pi_involved)"
    if spec.version is None:
        firsts = sorted(v["since"] for v in e["versions"])
        when = f"its first version dates from {firsts[0]}" if firsts else "it has no version"
        return False, f"not in force on {on.isoformat()} ({when})"
    return True, "applies to this operator on the detection date"


def _grade_regime(
    law: Law, spec: RegimeSpec, incident: Incident, op: Operator, on: dt.date
) -> RegimeGrade:
    e = spec.entries
    regime = e["regime"]
    title = Text(**e["title"])
    applies, reason = _applies(spec, incident, op, on)
    if not applies or spec.version is None:
        return RegimeGrade(regime=regime, title=title, applies=False, reason=reason)
    version = spec.version
    citations = cites(law, version["reference"])
    proposed = all(c.status == "draft" for c in citations)
    if not e["grades"]:
        # PIPL 57: no grades - the duty applies to any leak, tampering or loss of PI.
        return RegimeGrade(
            regime=regime,
            title=title,
            applies=True,
            reason=reason,
            reportable=True,
            proposed=proposed,
            citations=citations,
        )
    basis: list[GradeBasis] = []
    pending: list[tuple[dict[str, Any], str]] = []
    needs_review: list[str] = []
    for crit in version["criteria"]:
        if crit["kind"] == "at_least":
            _numeric(law, regime, crit, incident, basis, pending)
        elif _condition(crit.get("ask_if"), incident):
            _question(law, regime, crit, incident, basis, pending)
    grade = max((b.grade for b in basis), key=grade_rank, default="general")
    questions = []
    for crit, key in pending:
        best = max((g for g in _answer_grades(crit).values() if g), key=grade_rank, default=None)
        if grade_rank(best) > grade_rank(grade):
            questions.append(_as_question(law, crit, key))
    for b in basis:
        if b.needs_review:
            needs_review.append(f"{b.criterion}: {b.needs_review}")
    for q in questions:
        if q.needs_review:
            needs_review.append(f"{q.key}: {q.needs_review}")
    min_grade = reportable_grade(law, e, on)
    return RegimeGrade(
        regime=regime,
        title=title,
        applies=True,
        reason=reason,
        grade=grade,
        grade_label=Text(**e["grades"][grade]),
        reportable=min_grade is None or grade_rank(grade) >= grade_rank(min_grade),
        provisional=bool(questions),
        proposed=proposed,
        basis=basis,
        questions=questions,
        citations=citations,
        needs_review=needs_review,
    )


def reportable_grade(law: Law, entries: dict[str, Any], on: dt.date) -> str | None:
    """The lowest grade the regime's first report requires (None: every incident)."""
    for rep in entries["reports"]:
        if "min_grade_parameter" in rep:
            value = law.parameter_or_none(rep["min_grade_parameter"], on)
            return None if value is None else str(value.value)
        if "min_grade" in rep:
            return str(rep["min_grade"])
    return None


def _condition(cond: dict[str, Any] | None, incident: Incident) -> bool:
    if cond is None or cond.get("always"):
        return True
    if "any_of" in cond:
        return any(_condition(c, incident) for c in cond["any_of"])
    value = getattr(incident, cond["fact"])
    if "is" in cond:
        return bool(value is cond["is"])
    return value is not None and value >= cond["at_least"]


def _numeric(
    law: Law,
    regime: str,
    crit: dict[str, Any],
    incident: Incident,
    basis: list[GradeBasis],
    pending: list[tuple[dict[str, Any], str]],
) -> None:
    if "ask_if" in crit and not _condition(crit["ask_if"], incident):
        return
    value = getattr(incident, crit["fact"])
    if value is None:
        if crit.get("ask_if_missing") or "ask_if" in crit:
            pending.append((crit, crit["fact"]))
        return
    met = [g for g, t in crit["thresholds"].items() if value >= t]
    if not met:
        return
    grade = max(met, key=grade_rank)
    basis.append(
        GradeBasis(
            criterion=f"{regime}.{crit['id']}",
            label=Text(**crit["label"]),
            fact=crit["fact"],
            value=value,
            threshold=crit["thresholds"][grade],
            grade=grade,
            citations=cites(law, crit.get("reference")),
            needs_review=crit.get("needs_review"),
        )
    )


def _question(
    law: Law,
    regime: str,
    crit: dict[str, Any],
    incident: Incident,
    basis: list[GradeBasis],
    pending: list[tuple[dict[str, Any], str]],
) -> None:
    key = f"{regime}.{crit['id']}"
    answer = incident.answers.get(key)
    if answer is None:
        pending.append((crit, key))
        return
    options = _answer_grades(crit)
    if answer not in options:
        raise IncidentError(
            f"answer {answer!r} is not one of {', '.join(options)}", field=f"answers.{key}"
        )
    grade = options[answer]
    if grade is None:
        return
    basis.append(
        GradeBasis(
            criterion=key,
            label=Text(**crit["question"]),
            fact=f"answers.{key}",
            value=answer,
            grade=grade,
            citations=cites(law, crit.get("reference")),
            needs_review=crit.get("needs_review"),
        )
    )


def _answer_grades(crit: dict[str, Any]) -> dict[str, str | None]:
    if crit["kind"] == "question":
        return {str(k): v for k, v in crit["answers"].items()}
    # A missing number: each threshold is an "answer" (the value to enter) giving its grade.
    return {f">= {t:,}": g for g, t in crit["thresholds"].items()}


def _as_question(law: Law, crit: dict[str, Any], key: str) -> Question:
    if crit["kind"] == "question":
        text = Text(**crit["question"])
    else:
        label = Text(**crit["label"])
        text = Text(
            zh=f"请填写：{label.zh}（记录字段 {key}）",
            en=f"Please give: {label.en} (record field {key})",
        )
    answers = [Answer(answer=a, grade=g) for a, g in _answer_grades(crit).items()]
    answers.sort(key=lambda a: -grade_rank(a.grade))
    return Question(
        key=key,
        question=text,
        answers=answers,
        citations=cites(law, crit.get("reference")),
        needs_review=crit.get("needs_review"),
    )


__all__ = ["GRADES", "grade_incident", "operator_class", "resolve_operator"]
