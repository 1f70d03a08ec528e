"""Recorded public enforcement cases: the calculator reproduces the fine or the file says why not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from hegui.penalties import penalty_exposure
from hegui.penalties.models import FineBand

CASES = sorted((Path(__file__).parents[2] / "examples" / "penalty_cases").glob("*.yaml"))


def _within(amount: int, bands: list[FineBand]) -> bool:
    if amount == 0:
        return not bands or any(b.optional for b in bands)
    return any(b.band_min is not None and b.band_min <= amount <= (b.band_max or 0) for b in bands)


def test_at_least_ten_public_cases_with_sources() -> None:
    assert len(CASES) >= 10
    for path in CASES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert case["sources"] and case["explanation"].strip(), path.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    as_of = case["as_of"]
    assert isinstance(as_of, dt.date)
    r = penalty_exposure(case["violation"], case["circumstances"], as_of=as_of)
    computed = case["computed"]
    assert r.statutory_tier == computed["statutory_tier"]
    assert r.discretion_tier == computed["discretion_tier"]
    assert [r.organisation[0].band_min, r.organisation[0].band_max] == computed["organisation"]
    assert [r.persons[0].band_min, r.persons[0].band_max] == computed["persons"]
    actual = case["actual"]
    for who, bands in (("organisation", r.organisation), ("persons", r.persons)):
        key = f"{who}_cny"
        if key not in actual:
            continue
        expected = case["reproduced"][who]
        assert _within(actual[key], bands) is expected, f"{who}: {actual[key]} vs {computed[who]}"
