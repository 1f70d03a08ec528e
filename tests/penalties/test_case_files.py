"""Penalty case files validate with errors naming the file, line and field, and re-check cleanly.

Before, the case files were read with ``yaml.safe_load`` by the test only: a date written as text,
a band with one number or an amount with a thousands separator failed as a bare ``KeyError`` or
``assert False`` with no field named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.penalties.cases import check_case, load_case
from hegui.penalties.models import PenaltyError

CASES = sorted((Path(__file__).parents[2] / "examples" / "penalty_cases").glob("*.yaml"))
HAINAN = next(p for p in CASES if p.name.startswith("01_hainan"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_recorded_case_loads_and_reproduces_its_documented_outcome(path: Path) -> None:
    case = load_case(path)
    _, diffs = check_case(case)
    assert diffs == [], f"{path.name}: {diffs}"


def _bad(tmp_path: Path, old: str, new: str) -> Path:
    text = HAINAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("as_of: 2025-05-14", "as_of: '2025-05-14'", "as_of"),
        ("organisation: [50000, 500000]", "organisation: [50000]", "computed.organisation"),
        ("{organisation_cny: 50000}", "{organisation_cny: '50,000'}", "actual.organisation_cny"),
        (
            "reproduced: {organisation: true}",
            "reproduced: {organisation: 'yes'}",
            "reproduced.organisation",
        ),
        ("circumstances: []", "circumstances: []\nfine: 50000", "fine"),
    ],
)
def test_wrong_types_name_the_field_and_line(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = _bad(tmp_path, old, new)
    with pytest.raises(PenaltyError) as err:
        load_case(path)
    assert err.value.path == str(path)
    assert err.value.field == field, str(err.value)
    line = next(
        i for i, x in enumerate(path.read_text().splitlines(), 1) if new.split("\n")[-1] in x
    )
    assert err.value.line == line, str(err.value)


def test_a_wrong_recorded_outcome_is_reported(tmp_path: Path) -> None:
    path = _bad(tmp_path, "organisation: [50000, 500000]", "organisation: [185000, 365000]")
    _, diffs = check_case(load_case(path))
    assert diffs == ["computed.organisation: file [185000, 365000], computed [50000, 500000]"]
    path = _bad(tmp_path, "reproduced: {organisation: true}", "reproduced: {organisation: false}")
    _, diffs = check_case(load_case(path))
    assert diffs == ["reproduced.organisation: file False, computed True"]
