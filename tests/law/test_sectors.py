"""The sector vocabulary: every sector id in law data is known, groups expand, near misses fail."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from hegui.cli import main
from hegui.errors import LawDataError
from hegui.law.loader import DATA_DIR, Law, get_law
from hegui.law.sectors import sector_vocabulary, vocabulary

INSTRUMENT = """\
id: act
name: {zh: 测试法, en: Test Act}
short: {zh: 测试法, en: TA}
issuer: {zh: 测试机关, en: Test Authority}
kind: law
status: final
promulgated: 2020-01-01
effective: 2020-06-01
source: https://example.invalid/act
evidence: P
articles: {}
"""
SECTORS = """\
description: {zh: 行业, en: Sectors}
entries:
  sectors:
    finance: {zh: 金融业, en: Finance}
    banking: {zh: 银行业, en: Banking}
    telecom: {zh: 电信业, en: Telecommunications, aliases: [telecommunications]}
  groups:
    money: {zh: 金融, en: Money, sectors: [finance, banking], reference: [{instrument: act}]}
"""
REGIME = """\
description: {zh: 制度, en: Regime}
entries:
  regime: test
  applies_to_sectors: %s
  zones:
    z1:
      sectors:
        %s: {name: {zh: 区, en: Zone}}
"""
PARAM = """\
description: {zh: 行业, en: Sectors of a campaign}
unit: list
values:
  2020-06-01:
    value: %s
    reference: [{instrument: act}]
"""


def _law(root: Path, *, listed: str = "[money, telecom]", keyed: str = "telecom",
         param: str = "[telecom]", sectors: str = SECTORS) -> Path:  # fmt: skip
    files = {
        "instruments/act.yaml": INSTRUMENT,
        "mappings/sectors.yaml": sectors,
        "mappings/regime.yaml": REGIME % (listed, keyed),
        "parameters/campaign/focus_sectors.yaml": PARAM % param,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_groups_expand_to_their_members_in_mappings(tmp_path: Path) -> None:
    law = Law.from_directory(_law(tmp_path))
    assert law.mapping("regime")["applies_to_sectors"] == ["finance", "banking", "telecom"]
    value = law.parameter("campaign.focus_sectors", dt.date(2021, 1, 1)).value
    assert value == ["telecom"]


@pytest.mark.parametrize(
    ("override", "field", "line", "words"),
    [
        ({"listed": "[money, telecoms]"}, "applies_to_sectors.1", 4, "did you mean 'telecom'?"),
        ({"listed": "[bank]"}, "applies_to_sectors.0", 4, "unknown sector id 'bank'"),
        ({"listed": "[Telecom]"}, "applies_to_sectors.0", 4, "unknown sector id 'Telecom'"),
        ({"listed": "['']"}, "applies_to_sectors.0", 4, "unknown sector id ''"),
        ({"listed": "[telecommunications]"}, "applies_to_sectors.0", 4, "write the sector id"),
        ({"keyed": "finanse"}, "zones.z1.sectors.finanse", 8, "did you mean 'finance'?"),
        ({"keyed": "money"}, "zones.z1.sectors.money", 8, "unknown sector id 'money'"),
    ],
)
def test_an_unknown_sector_in_a_mapping_names_file_line_and_field(
    tmp_path: Path, override: dict[str, str], field: str, line: int, words: str
) -> None:
    with pytest.raises(LawDataError) as info:
        Law.from_directory(_law(tmp_path, **override))
    err = info.value
    assert err.path is not None and err.path.endswith("regime.yaml")
    assert (err.field, err.line) == (field, line)
    assert words in err.message


def test_an_unknown_sector_in_a_sector_parameter_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LawDataError) as info:
        Law.from_directory(_law(tmp_path, param="[telecom, internet]"))
    assert info.value.path is not None and info.value.path.endswith("focus_sectors.yaml")
    assert info.value.field == "values.2020-06-01.value"
    assert "unknown sector id 'internet'" in info.value.message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("sectors: [finance, banking]", "sectors: [finance, bank]", "unknown sector id 'bank'"),
        ("aliases: [telecommunications]", "aliases: [finance]", "not a sector id"),
        ("    money:", "    telecom:", "must not be a sector id"),
        ("Finance}", "Finance, alias: fin}", "unknown alias"),
        ("    finance: {zh", "    Finance: {zh", "lower case"),
    ],
)
def test_a_broken_vocabulary_is_an_error(tmp_path: Path, old: str, new: str, words: str) -> None:
    assert old in SECTORS
    with pytest.raises(LawDataError) as info:
        Law.from_directory(_law(tmp_path, sectors=SECTORS.replace(old, new, 1)))
    assert info.value.path is not None and info.value.path.endswith("sectors.yaml")
    assert words in info.value.message


def test_a_law_directory_without_a_vocabulary_is_not_checked(tmp_path: Path) -> None:
    root = _law(tmp_path, listed="[anything]")
    (root / "mappings" / "sectors.yaml").unlink()
    law = Law.from_directory(root)
    assert vocabulary(law) is None
    assert law.mapping("regime")["applies_to_sectors"] == ["anything"]


def test_law_check_catches_a_misspelt_sector_in_a_copy_of_the_bundled_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    path = root / "mappings" / "incident_grading_zj_telecom.yaml"
    text = path.read_text(encoding="utf-8")
    assert "applies_to_sectors: [telecom]" in text
    path.write_text(text.replace("[telecom]", "[telecoms]", 1), encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["law", "check", str(root)])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "incident_grading_zj_telecom.yaml:8" in err
    assert "applies_to_sectors.0" in err
    assert "did you mean 'telecom'?" in err


def test_the_bundled_pboc_regimes_share_one_group() -> None:
    law = get_law()
    group = list(sector_vocabulary(law).groups["pboc_business_fields"])
    # Both regimes read the group; before, grading lacked clearing and credit_reporting and the
    # incident clocks lacked fintech.
    assert law.mapping("incident_grading_pboc")["applies_to_sectors"] == group
    assert law.mapping("sector_grading_schemes")["pboc"]["sectors"] == group
    assert {"clearing", "credit_reporting", "fintech", "banking"} <= set(group)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("telecom", "telecom"),
        ("Telecom", "telecom"),
        ("TELECOM", "telecom"),
        ("telecommunications", "telecom"),
        ("Geographic_Information", "geospatial"),
        ("telecoms", None),
        ("bank", None),
        ("", None),
        ("pboc_business_fields", None),
    ],
)
def test_user_input_resolves_by_case_and_alias_only(value: str, expected: str | None) -> None:
    vocab = sector_vocabulary(get_law())
    assert vocab.resolve(value) == expected
    assert (vocab.problem(value) is None) == (expected is not None)


def test_problem_messages_explain_the_near_miss() -> None:
    vocab = sector_vocabulary(get_law())
    assert "did you mean 'telecom'?" in (vocab.problem("telecoms") or "")
    assert "did you mean 'banking'?" in (vocab.problem("bank") or "")
    assert "must not be empty" in (vocab.problem("") or "")
    assert "group of sectors" in (vocab.problem("PBOC_business_fields") or "")
    assert vocab.canonical(["Telecom", "telecommunications", "internet"]) == ["telecom", "internet"]
