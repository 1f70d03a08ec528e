"""Grade one dataset as core / important / general data from the profile's facts.

The matrix (object affected x degree of harm -> level) is law data
(``mappings/data_grading_matrix.yaml``, GB/T 43697-2024 Table 2); so are the sub-level floors of
general data (``pi_grading.yaml``), the sector schemes (``sector_grading_schemes.yaml``) and the
volume at which mass PI needs a fresh look (``classification.large_pi_volume``). This module only
combines them: the overall grade is the highest candidate (take the higher level when in doubt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from hegui.law.loader import Law, Value
from hegui.models import Citation
from hegui.profile.as_of import as_known_on
from hegui.profile.classification import DatasetGrading, Degree
from hegui.profile.models import Dataset, Entity, Profile
from hegui.rules.in_force import later

# The provision each grading scheme rests on (a finding or row cites those of the schemes used).
SCHEME_CITES: dict[str, tuple[str, str | None]] = {
    "designation": ("ndsmr", "29"),
    "gbt_43697": ("gbt_43697_2024", "6.5"),
    "pi_volume": ("ndsmr", "28"),
    "pboc": ("pboc_business_data_security_measures_2025", None),
    "mnr_geographic": ("mnr_geographic_data_grading_guideline_2025", None),
    "default": ("gbt_43697_2024", "6.6"),
}


@dataclass
class GradeResult:
    """The grade of one dataset with its reasons and what is still missing."""

    dataset: str
    grade: str
    scheme: str
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    sublevel: int | None = None
    values: list[Value] = field(default_factory=list)
    schemes: list[str] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return not self.missing

    def as_facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "grade": self.grade,
            "reason": "; ".join(self.reasons),
            "scheme": self.scheme,
        }
        if self.sublevel is not None:
            facts["general_sublevel"] = self.sublevel
        if self.missing:
            facts["provisional"] = True
        return facts


def designated_on(ds: Dataset, as_of: dt.date) -> bool:
    """True if the dataset has been notified or published as important (or core) data by ``as_of``."""
    d = ds.important_data
    return d.designated and (d.notified_on is None or d.notified_on <= as_of)


def _rank(levels: list[str], grade: str) -> int:
    return levels.index(grade)


def _matrix_candidates(
    matrix: dict[str, Any], impacts: dict[str, Degree | None]
) -> list[tuple[str, str]]:
    """(grade, reason) for every object whose degree of harm is assessed and not none."""
    out = []
    for obj, spec in matrix["objects"].items():
        degree = impacts.get(obj)
        if degree is None or degree is Degree.NONE:
            continue
        grade = spec["grades"][degree.value]
        out.append(
            (grade, f"{spec['label']['en']}: {degree.value.replace('_', ' ')} harm -> {grade}")
        )
    return out


def _scheme_in_force(law: Law, scheme: str, as_of: dt.date) -> bool:
    """A sector scheme grades only once its own instrument (first reference) is in force."""
    spec = law.mapping("sector_grading_schemes")[scheme]
    return law.instrument(spec["reference"][0]["instrument"]).in_force(as_of)


def _sector_scheme_ids(law: Law, entity: Entity | None, as_of: dt.date) -> list[str]:
    if entity is None or not _scheme_in_force(law, "pboc", as_of):
        return []
    pboc = law.mapping("sector_grading_schemes")["pboc"]
    return ["pboc"] if set(entity.sectors) & set(pboc["sectors"]) else []


def grade_dataset(
    ds: Dataset,
    facts: DatasetGrading | None,
    entity: Entity | None,
    law: Law,
    as_of: dt.date,
) -> GradeResult:
    """Combine designation, impact analysis, sector schemes and the PI sub-rules into a grade."""
    matrix = law.mapping("data_grading_matrix")
    levels: list[str] = matrix["levels"]
    where = f"classification.datasets[{ds.id}]"
    candidates: list[tuple[str, str, str]] = []  # (grade, scheme, reason)
    missing: list[str] = []
    values: list[Value] = []

    designation = ds.important_data
    if designated_on(ds, as_of):
        grade = "core" if designation.core else "important"
        src = designation.catalogue or "a notification"
        when = f" on {designation.notified_on.isoformat()}" if designation.notified_on else ""
        candidates.append((grade, "designation", f"designated {grade} data by {src}{when}"))

    impacts = facts.impacts.model_dump() if facts and facts.impacts else {}
    impacts = {k: (Degree(v) if v is not None else None) for k, v in impacts.items()}
    for grade, reason in _matrix_candidates(matrix, impacts):
        candidates.append((grade, "gbt_43697", reason))
    unassessed = [o for o in matrix["public_objects"] if impacts.get(o) is None]

    # PI sub-rules: data that harms only individuals is generally general data (6.5); mass PI may
    # spill over to public objects, so above the volume line the public objects must be assessed.
    volume = law.parameter_or_none("classification.large_pi_volume", as_of)
    mass_pi = ds.has_pi and volume is not None and (ds.individuals or 0) >= int(volume.value)
    if unassessed:
        pi_only = ds.has_pi and not mass_pi and not (facts and facts.geographic)
        if pi_only:
            candidates.append(
                (
                    "general",
                    "gbt_43697",
                    "personal information that affects only individuals is generally not "
                    "important data",
                )
            )
        elif not candidates or candidates[0][1] != "designation":
            missing.extend(f"{where}.impacts.{o}" for o in unassessed)
    if mass_pi and volume is not None:
        values.append(volume)
        note = (
            f"PI of {ds.individuals:,} people (at or above {int(volume.value):,}): harm to so many "
            "individuals may reach social order or public interest, so the public objects must be "
            "assessed; the processor also owes the NDSMR Art. 28 duties"
        )
        candidates.append(("general", "pi_volume", note))

    schemes = [c[1] for c in candidates]
    for scheme in _sector_scheme_ids(law, entity, as_of):
        pboc = facts.pboc if facts else None
        if pboc is None or pboc.grade is None:
            missing.append(f"{where}.pboc.grade")
        else:
            candidates.append(
                (pboc.grade.value, scheme, f"PBOC business-data grade {pboc.grade.value}")
            )
        schemes.append(scheme)
    if facts and facts.geographic and _scheme_in_force(law, "mnr", as_of):
        geo = facts.geographic
        if geo.category is None:
            missing.append(f"{where}.geographic.category")
        if geo.grade is None:
            missing.append(f"{where}.geographic.grade")
        else:
            cat = geo.category.value if geo.category else "uncategorised"
            candidates.append(
                (
                    geo.grade.value,
                    "mnr_geographic",
                    f"MNR geographic ({cat}) grade {geo.grade.value}",
                )
            )
        schemes.append("mnr_geographic")

    if not candidates:
        candidates.append(("general", "default", "no facts place the dataset above general data"))
    best = max(candidates, key=lambda c: _rank(levels, c[0]))
    reasons = [c[2] for c in candidates if c[0] == best[0]] or [best[2]]
    result = GradeResult(
        dataset=ds.id,
        grade=best[0],
        scheme=best[1],
        reasons=reasons,
        missing=missing,
        values=values,
        schemes=sorted({*schemes, best[1]}),
    )
    if result.grade == "general":
        result.sublevel = _general_sublevel(law, ds, impacts)
    return result


def _general_sublevel(law: Law, ds: Dataset, impacts: dict[str, Degree | None]) -> int:
    """Sub-level 1-4 of general data: degree of harm to rights, floored by the PI floors."""
    by_degree = law.mapping("data_grading_matrix")["general_sublevels"]["by_degree"]
    floors = law.mapping("pi_grading")["general_sublevel_floors"]
    level = 1
    for obj in ("individual_rights", "organisational_rights"):
        degree = impacts.get(obj)
        if degree is not None:
            level = max(level, int(by_degree[degree.value]))
    sensitive = bool(ds.sensitive_categories) or bool(ds.minors_under_14)
    if sensitive:
        level = max(level, int(floors["sensitive_pi"]))
    elif ds.has_pi:
        level = max(level, int(floors["general_pi"]))
    else:
        level = max(level, int(floors["no_pi"]))
    return level


def grade_profile(profile: Profile, law: Law, as_of: dt.date) -> list[GradeResult]:
    """Grade every dataset of the profile."""
    section = profile.classification
    out = []
    ids = {e.id: e for e in profile.entities}
    for ds in profile.datasets:
        facts = section.for_dataset(ds.id) if section else None
        entity = ids.get(ds.entity) if ds.entity else None
        out.append(grade_dataset(ds, facts, entity, law, as_of))
    return out


def is_exported(profile: Profile, dataset_id: str) -> bool:
    """True if any transfer in the profile sends the dataset abroad."""
    return any(dataset_id in t.datasets for t in profile.transfers)


class GradingRow(BaseModel):
    """One row of the grading table (``hegui.api.grading_table``)."""

    dataset: str
    name: str | None = None
    entity: str | None = None
    grade: str
    scheme: str
    reasons: list[str]
    general_sublevel: int | None = None
    provisional: bool = False
    missing: list[str] = Field(default_factory=list)
    duties: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(
        default_factory=list, description="The grading basis in force on the as-of date"
    )


def _row_citations(law: Law, as_of: dt.date, r: GradeResult | None) -> list[Citation]:
    """The grading basis (matrix references, the schemes used, the values read), in force."""
    refs = law.mapping("data_grading_matrix")["reference"]
    cits = [law.cite(x["instrument"], x.get("article")) for x in refs]
    if r is not None:
        cits += [law.cite(*SCHEME_CITES[scheme]) for scheme in r.schemes]
        cits += [c for v in r.values for c in v.citations]
    out: list[Citation] = []
    for c in cits:
        if c not in out and later(c, law, as_of) is None:
            out.append(c)
    return out


def _not_yet(profile: Profile, as_of: dt.date, law: Law, standard: str) -> list[GradingRow]:
    """Before the grading standard takes effect nothing is graded under it (as explain says)."""
    inst = law.instrument(standard)
    eff = inst.effective.isoformat() if inst.effective else "a date not yet set"
    reason = f"{inst.short.en} takes effect on {eff}: datasets are not graded under it before then"
    return [
        GradingRow(
            dataset=ds.id,
            name=ds.name,
            entity=ds.entity,
            grade="not_graded",
            scheme="none",
            reasons=[reason],
            citations=_row_citations(law, as_of, None),
        )
        for ds in profile.datasets
    ]


def grading_table(profile: Profile, as_of: dt.date, law: Law) -> list[GradingRow]:
    """Grade every dataset and list the duties that follow from each grade, as of ``as_of``."""
    profile, _ = as_known_on(profile, as_of)
    standard = law.mapping("data_grading_matrix")["reference"][0]["instrument"]
    if not law.instrument(standard).in_force(as_of):
        return _not_yet(profile, as_of, law, standard)
    duties = law.mapping("data_grade_duties")
    rows = []
    for r in grade_profile(profile, law, as_of):
        ds = profile.dataset(r.dataset)
        exported = is_exported(profile, ds.id)
        designated = designated_on(ds, as_of)
        owed = [
            d["id"]
            for d in duties
            if r.grade in d["grades"]
            and (d["when"] != "designated" or designated)
            and (d["when"] != "exported" or exported)
        ]
        rows.append(
            GradingRow(
                dataset=ds.id,
                name=ds.name,
                entity=ds.entity,
                grade=r.grade,
                scheme=r.scheme,
                reasons=r.reasons,
                general_sublevel=r.sublevel,
                provisional=bool(r.missing),
                missing=r.missing,
                duties=owed,
                citations=_row_citations(law, as_of, r),
            )
        )
    return rows
