"""Register operations that go through the hegui core: profiles, assessments, obligations, diffs.

Views and the API call these, so the web layer never computes law itself: findings, due dates and
incident clocks come from :mod:`hegui.api`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from hegui import api
from hegui.errors import HeguiError, ProfileError
from hegui.models import Finding, Status
from hegui.profile.rights import RequestType
from hegui.web.register.models import (
    Assessment,
    Obligation,
    ObligationEvent,
    Organisation,
    ProfileVersion,
)

MAX_PROFILE_BYTES = 2 * 1024 * 1024


def parse_profile(yaml_text: str, *, source: str = "profile") -> api.Profile:
    """Validate profile YAML with the core loader; errors name ``source``, line and field."""
    if len(yaml_text.encode("utf-8")) > MAX_PROFILE_BYTES:
        raise ProfileError("profile is larger than 2 MiB", path=source)
    return api.parse_profile(yaml_text, source=source)


def flatten_profile_file(path: Path) -> str:
    """Load a profile file with its ``include:`` files and return it as one YAML text."""
    data = api.load_profile(path).model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def save_profile(org: Organisation, yaml_text: str, *, note: str, actor: str) -> ProfileVersion:
    """Validate and store a new profile version (versions are never overwritten)."""
    parse_profile(yaml_text, source=f"{org.slug} profile")
    with transaction.atomic():
        last = org.profiles.select_for_update().order_by("-number").first()
        return ProfileVersion.objects.create(
            organisation=org,
            number=(last.number + 1) if last else 1,
            yaml_text=yaml_text,
            note=note,
            created_by=actor,
        )


def finding_key(finding: dict[str, Any]) -> str:
    """Stable key of a finding across runs: rule id plus subject."""
    return f"{finding['rule_id']}|{finding.get('subject') or ''}"


def obligation_key(finding: dict[str, Any]) -> str:
    """:func:`finding_key`, bounded to the obligation's ``key`` column.

    Profile ids (finding subjects) have no length limit. A key that does not fit keeps its start
    and ends with a digest of the whole key, so it stays unique and the same on every run.
    """
    key = finding_key(finding)
    limit = Obligation._meta.get_field("key").max_length or len(key)
    if len(key) <= limit:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{key[: limit - len(digest) - 1]}#{digest}"


def _fit(model: type[Obligation], name: str, value: str) -> str:
    """``value`` cut to the column's length, marked with an ellipsis when cut."""
    limit = model._meta.get_field(name).max_length or len(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def is_open(status: str) -> bool:
    # Same definition of "open" as Finding.is_open, applied to the stored JSON status.
    return Status(status) in (Status.APPLIES, Status.DUE, Status.OVERDUE, Status.NEEDS_REVIEW)


def store_assessment(
    org: Organisation,
    *,
    as_of: dt.date,
    findings: list[Finding],
    actor: str,
    profile_version: ProfileVersion | None = None,
    schema_version: str = "",
    result: dict[str, Any] | None = None,
) -> Assessment:
    """Store an assessment and bring the obligations register in line with its findings."""
    data = result or {
        "as_of": as_of.isoformat(),
        "organisation": org.name,
        "findings": [f.model_dump(mode="json") for f in findings],
        "schema_version": schema_version,
    }
    with transaction.atomic():
        assessment = Assessment.objects.create(
            organisation=org,
            profile_version=profile_version,
            as_of=as_of,
            ran_by=actor,
            schema_version=schema_version,
            result=data,
        )
        _sync_obligations(org, assessment, actor)
    return assessment


def _sync_obligations(org: Organisation, assessment: Assessment, actor: str) -> None:
    seen: set[str] = set()
    said = _PreviousDues()
    for f in assessment.findings:
        key = obligation_key(f)
        seen.add(key)
        ob = Obligation.objects.filter(organisation=org, key=key).first()
        if ob is None and not is_open(f["status"]):
            continue  # met / not applicable findings do not create work
        due = dt.date.fromisoformat(f["due"]) if f.get("due") else None
        if ob is None:
            ob = Obligation.objects.create(
                organisation=org,
                key=key,
                rule_id=_fit(Obligation, "rule_id", f["rule_id"]),
                subject=_fit(Obligation, "subject", f.get("subject") or ""),
                regime=_fit(Obligation, "regime", f.get("regime", "")),
                title_en=_fit(Obligation, "title_en", f["title"]["en"]),
                title_zh=_fit(Obligation, "title_zh", f["title"].get("zh", "")),
                finding_status=f["status"],
                due=due,
                last_assessment=assessment,
            )
            ObligationEvent.objects.create(
                obligation=ob,
                actor=actor,
                changes={"finding_status": [None, f["status"]]},
                note=f"assessment #{assessment.pk}",
            )
            continue
        changes: dict[str, list[Any]] = {}
        state = _state_after(ob, f["status"])
        due = _due_after(ob, key, due, said)
        if ob.finding_status != f["status"]:
            changes["finding_status"] = [ob.finding_status, f["status"]]
        if ob.due != due:
            changes["due"] = [ob.due.isoformat() if ob.due else None, f.get("due")]
        ob.finding_status, ob.due, ob.last_assessment = f["status"], due, assessment
        ob.title_en = _fit(Obligation, "title_en", f["title"]["en"])
        ob.title_zh = _fit(Obligation, "title_zh", f["title"].get("zh", ""))
        if state != ob.state:
            changes["state"] = [ob.state, state]
            ob.state = state
        ob.save()
        if changes:
            ObligationEvent.objects.create(
                obligation=ob, actor=actor, changes=changes, note=f"assessment #{assessment.pk}"
            )
    # Obligations no finding mentions any more are closed, not deleted: their history stays.
    for ob in Obligation.objects.filter(organisation=org).exclude(key__in=seen):
        if ob.state not in (Obligation.State.CLOSED, Obligation.State.DONE):
            old = ob.state
            ob.state = Obligation.State.CLOSED
            ob.last_assessment = assessment
            ob.save()
            ObligationEvent.objects.create(
                obligation=ob,
                actor=actor,
                changes={"state": [old, ob.state]},
                note=f"assessment #{assessment.pk}: no longer found",
            )


class _PreviousDues:
    """The due date each earlier assessment gave each obligation key (each run read once)."""

    def __init__(self) -> None:
        self._runs: dict[int, dict[str, Any]] = {}

    def get(self, assessment_id: int, key: str) -> Any:
        if assessment_id not in self._runs:
            run = Assessment.objects.filter(pk=assessment_id).first()
            findings = run.findings if run is not None else []
            self._runs[assessment_id] = {obligation_key(f): f.get("due") for f in findings}
        return self._runs[assessment_id].get(key)


def _due_after(
    ob: Obligation, key: str, core_due: dt.date | None, said: _PreviousDues
) -> dt.date | None:
    """The obligation's due date after a run whose finding says ``core_due``.

    A date the owner set by hand (it differs from what the previous run said) is kept while the
    core's date has not moved and the hand date is not later than it: an earlier internal target
    is the owner's plan. A new core date (the next cycle, changed facts) or a hand date past the
    legal one gives the core's date.
    """
    previous = ob.last_assessment_id
    if previous is None or ob.due is None or core_due is None or ob.due > core_due:
        return core_due
    if said.get(previous, key) != core_due.isoformat() or ob.due == core_due:
        return core_due
    return ob.due


def _state_after(ob: Obligation, status: str) -> str:
    """The obligation's state once its finding has ``status`` (before the finding is updated).

    The assessment decides whether a duty is open work: a finding met marks open work done, one
    no longer applicable (or only informative) closes it; a finding open again reopens a closed
    obligation, and a done one when the finding was not open before (the next cycle of a
    periodic duty). A "done" or "risk accepted" the owner set while the finding stays open is
    kept: the profile may not say yet what the owner knows.
    """
    working = (Obligation.State.OPEN, Obligation.State.IN_PROGRESS)
    if not is_open(status):
        if ob.state not in working:
            return ob.state
        return str(Obligation.State.DONE if status == Status.MET else Obligation.State.CLOSED)
    was_open = bool(ob.finding_status) and is_open(ob.finding_status)
    if ob.state == Obligation.State.CLOSED or (ob.state == Obligation.State.DONE and not was_open):
        return str(Obligation.State.OPEN)
    return ob.state


def run_assessment(org: Organisation, *, as_of: dt.date | None, actor: str) -> Assessment:
    """Assess the current profile with ``hegui.api.assess`` and store the result."""
    version = org.current_profile()
    if version is None:
        raise ProfileError(_("import a profile before running an assessment"), path=org.slug)
    profile = parse_profile(version.yaml_text, source=f"{org.slug} profile v{version.number}")
    result = api.assess(profile, as_of=as_of)
    data = result.model_dump(mode="json")
    findings = [Finding.model_validate(f) for f in data["findings"]]
    return store_assessment(
        org,
        as_of=dt.date.fromisoformat(str(data["as_of"])),
        findings=findings,
        actor=actor,
        profile_version=version,
        schema_version=str(data.get("schema_version", "")),
        result=data,
    )


def request_due(
    org: Organisation, kind: str, received: dt.date, ref: str
) -> tuple[dt.date | None, str]:
    """Response deadline of a data-subject request from ``hegui.api.request_deadline``.

    Returns (None, "") when the core does not know this kind of request or cannot date it: the
    user then enters the deadline.
    """
    if kind not in set(RequestType):
        return None, ""  # a kind the core's law data has no period for (e.g. withdraw_consent)
    current = org.current_profile()
    profile = parse_profile(current.yaml_text) if current is not None else None
    result = api.request_deadline(
        {"id": ref or "request", "type": kind, "received": received}, profile
    )
    if result.due is None:
        return None, ""
    basis = f"hegui: {result.period}" + (" (approximate)" if result.due_approximate else "")
    return result.due, basis[:200]


@dataclass
class AssessmentDiff:
    """What changed between two assessments, keyed by rule id plus subject."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


def diff_causes(old: Assessment, new: Assessment) -> dict[str, dict[str, list[str]]]:
    """Why each obligation changed, from ``hegui.api.diff_assessments`` (developments as causes).

    Keyed like :func:`finding_key`; empty when a stored result no longer validates against the
    core's model (stored by an older hegui with another schema).
    """
    try:
        result = api.diff_assessments(
            api.Assessment.model_validate(old.result), api.Assessment.model_validate(new.result)
        )
    except (HeguiError, ValueError):
        return {}
    return {
        finding_key(c): {"caused_by": list(c["caused_by"]), "explanation": list(c["explanation"])}
        for c in result.to_dict()["changes"]
    }


def diff_assessments(old: Assessment, new: Assessment) -> AssessmentDiff:
    """Compare two assessments' findings on status and due date."""
    before = {finding_key(f): f for f in old.findings}
    after = {finding_key(f): f for f in new.findings}
    out = AssessmentDiff()
    for key, f in after.items():
        if key not in before:
            out.added.append(f)
        elif (before[key]["status"], before[key].get("due")) != (f["status"], f.get("due")):
            out.changed.append((before[key], f))
        else:
            out.unchanged += 1
    out.removed = [f for key, f in before.items() if key not in after]
    return out
