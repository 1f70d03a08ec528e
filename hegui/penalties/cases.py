"""Recorded enforcement cases (``examples/penalty_cases/*.yaml``): load, validate and re-check.

A case file states a public decision (violation, circumstances, actual fine) and the band hegui
computed for it. :func:`load_case` validates the file with errors naming the file, line and field
(a string where a date belongs, a band with one number ...); :func:`check_case` recomputes the
exposure and lists every way the file's ``computed`` and ``reproduced`` differ from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from hegui.law.loader import Law
from hegui.law.yamlio import line_at, load_yaml, plain
from hegui.penalties.calculator import penalty_exposure
from hegui.penalties.models import FineBand, PenaltyError, PenaltyExposure


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class CaseAmounts(_Strict):
    organisation_cny: StrictInt | None = Field(default=None, ge=0)
    persons_cny: StrictInt | None = Field(default=None, ge=0)


class CaseComputed(_Strict):
    statutory_tier: str
    discretion_tier: str | None
    organisation: list[StrictInt] = Field(min_length=2, max_length=2, description="[min, max]")
    persons: list[StrictInt] = Field(min_length=2, max_length=2, description="[min, max]")


class CaseReproduced(_Strict):
    organisation: StrictBool | None = None
    persons: StrictBool | None = None


class PenaltyCase(_Strict):
    """One public enforcement case and the band hegui computed for it."""

    id: str
    title: str
    authority: str
    decided: dt.date | None
    as_of: dt.date
    sources: list[str] = Field(min_length=1)
    violation: str
    circumstances: list[str]
    facts: str
    actual: CaseAmounts
    computed: CaseComputed
    reproduced: CaseReproduced
    explanation: str = Field(min_length=1)


def load_case(path: str | Path) -> PenaltyCase:
    """Load and validate one case file."""
    p = Path(path)
    data = load_yaml(p, error=PenaltyError)
    if not isinstance(data, dict):
        raise PenaltyError("a penalty case must be a YAML mapping", path=p, line=1)
    try:
        return PenaltyCase.model_validate(plain(data, str_keys=True))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        message = err["msg"]
        if len(exc.errors()) > 1:
            message += f" (and {len(exc.errors()) - 1} more error(s))"
        field = ".".join(str(x) for x in loc) or None
        raise PenaltyError(message, path=p, line=line_at(data, loc), field=field) from None


def check_case(case: PenaltyCase, *, law: Law | None = None) -> tuple[PenaltyExposure, list[str]]:
    """Recompute the case; the differences from what its file records (empty: it reproduces)."""
    r = penalty_exposure(case.violation, case.circumstances, as_of=case.as_of, law=law)
    diffs: list[str] = []
    c = case.computed
    if r.statutory_tier != c.statutory_tier:
        diffs.append(f"statutory_tier: file {c.statutory_tier}, computed {r.statutory_tier}")
    if r.discretion_tier != c.discretion_tier:
        diffs.append(f"discretion_tier: file {c.discretion_tier}, computed {r.discretion_tier}")
    for who, bands, recorded in (
        ("organisation", r.organisation, c.organisation),
        ("persons", r.persons, c.persons),
    ):
        first = (bands[0].band_min, bands[0].band_max) if bands else None
        if first != tuple(recorded):
            diffs.append(f"computed.{who}: file {list(recorded)}, computed {list(first or [])}")
        amount = getattr(case.actual, f"{who}_cny")
        expected = getattr(case.reproduced, who)
        if amount is None:
            continue
        if expected is None:
            diffs.append(f"reproduced.{who}: missing for actual.{who}_cny")
        elif within(amount, bands) is not expected:
            diffs.append(f"reproduced.{who}: file {expected}, computed {not expected}")
    return r, diffs


def within(amount: int, bands: list[FineBand]) -> bool:
    """Whether ``amount`` falls in one of the bands (0 is within when a fine is optional)."""
    if amount == 0:
        return not bands or any(b.optional for b in bands)
    return any(
        b.band_min is not None and b.band_max is not None and b.band_min <= amount <= b.band_max
        for b in bands
    )
