"""Development records load, cross-check against the law data and rules, and fail precisely.

Each file under ``fixtures/bad/`` starts with ``# expect: <field> | <line> | <message part>``: the
error it must raise (``-`` for errors raised by the YAML reader, which name no field).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hegui.developments.loader import DATA_DIR, load_developments
from hegui.developments.schema import ACTIVITIES, KINDS, STATUSES
from hegui.errors import HeguiError, LawDataError
from hegui.law.loader import get_law
from hegui.rules.registry import all_rules

FIXTURES = Path(__file__).parent / "fixtures"
_EXPECT = re.compile(r"^# expect: (\S+) \| (\d+) \| (.+)$")


def test_bundled_records_are_valid_with_registered_rules() -> None:
    devs = load_developments(check_rules=True)
    assert len(devs) == 23  # 22 of May 2025 + the PI officer notice of July 2025
    assert [d.date for d in devs] == sorted(d.date for d in devs)


def test_every_seed_item_is_encoded_once() -> None:
    items = sorted(d.seed_item for d in load_developments() if d.seed_item is not None)
    assert items == list(range(1, 23))


def test_records_use_every_link_only_if_it_exists() -> None:
    law, rules = get_law(), all_rules()
    for dev in load_developments():
        assert dev.instrument_id is None or dev.instrument_id in law.instruments
        assert all(p in law.parameters for p in dev.parameters), dev.id
        assert all(r in rules for r in dev.rules), dev.id
        # A record without rules says why (rules still to write, or none needed).
        assert dev.rules or dev.pending_rules, dev.id
        assert dev.kind in KINDS and dev.status in STATUSES
        assert set(dev.applies_when.activities) <= ACTIVITIES


def test_drafts_carry_comment_deadlines_and_are_proposed() -> None:
    drafts = [d for d in load_developments() if d.proposed]
    assert {d.id for d in drafts} == {
        "cac_penalty_discretion_draft_2025",
        "miit_children_watch_standard_draft_2025",
    }
    assert all(d.dates.comment_deadline and d.dates.comment_deadline > d.date for d in drafts)


def test_good_fixture_loads() -> None:
    (dev,) = load_developments(FIXTURES / "good")
    assert dev.id == "example_notice_2025"
    assert dev.applies_when.provinces == ("zhejiang",)
    assert dev.binding and not dev.proposed


def _bad_cases() -> list[object]:
    out = []
    for path in sorted((FIXTURES / "bad").glob("*.yaml")) + sorted(
        (FIXTURES / "bad_month").glob("*/*.yaml")
    ):
        m = _EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
        assert m, f"{path} lacks an '# expect:' header"
        out.append(pytest.param(path, m[1], int(m[2]), m[3], id=path.stem))
    return out


@pytest.mark.parametrize(("path", "field", "line", "message"), _bad_cases())
def test_bad_fixture_names_file_line_and_key(
    path: Path, field: str, line: int, message: str
) -> None:
    with pytest.raises(LawDataError) as info:
        load_developments(path, check_rules=True)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    if field != "-":
        assert err.field == field, str(err)
    assert message in err.message, str(err)


def test_unknown_rule_passes_without_rule_check() -> None:
    (dev,) = load_developments(FIXTURES / "bad" / "bad_unknown_rule.yaml")
    assert dev.rules == ("nope.no_such_rule",)


def test_duplicate_ids_across_files_are_rejected() -> None:
    with pytest.raises(LawDataError, match="duplicate development id") as info:
        load_developments(FIXTURES / "duplicate")
    assert info.value.field == "id"


def test_missing_path_is_an_error() -> None:
    with pytest.raises(HeguiError, match="no such file"):
        load_developments(FIXTURES / "nowhere")


def test_data_dir_holds_month_folders_only() -> None:
    assert all(re.fullmatch(r"\d{4}-\d{2}", p.name) for p in DATA_DIR.iterdir() if p.is_dir())
    assert not list(DATA_DIR.glob("*.yaml"))


def test_docs_list_every_record_with_its_rules() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "developments.md").read_text(encoding="utf-8")
    rows = {line.split("|")[2].strip(" `"): line for line in docs.splitlines() if "| `" in line}
    for dev in load_developments():
        assert dev.id in rows, f"docs/developments.md has no row for {dev.id}"
        for rule in dev.rules:
            assert f"`{rule}`" in rows[dev.id], f"docs row of {dev.id} lacks {rule}"
