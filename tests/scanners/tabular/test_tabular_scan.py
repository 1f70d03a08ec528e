"""Column verdicts, individuals, minors, grading and the bundled example database."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from hegui.api import scan_table
from hegui.detectors.synthetic import Synth
from hegui.errors import HeguiError, ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.counting import DistinctCounter, MinorCounter

from .conftest import AS_OF

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "examples" / "acme" / "data"


def test_dataframe_scan_verdicts_and_counts(planted: dict[str, list[str]]) -> None:
    report = scan_table(pd.DataFrame(planted), as_of=AS_OF)
    t = report.tables[0]
    cols = {c.name: c for c in t.columns}
    assert cols["姓名"].entity == "CN_PERSON_NAME"
    assert cols["身份证号"].entity == "CN_RESIDENT_ID" and cols["身份证号"].score == 1.0
    assert cols["银行卡号"].entity == "CN_BANK_CARD"
    assert cols["住址"].entity == "CN_ADDRESS"
    assert cols["订单号"].entity is None and cols["金额"].entity is None  # near misses
    assert (
        t.individuals is not None and t.individuals.value == 40 and t.individuals.method == "exact"
    )
    assert t.minors is not None and (t.minors.under_14, t.minors.under_18) == (3, 5)
    assert set(t.sensitive_categories) == {"identity_document", "financial_account", "minors"}
    assert t.grade is not None and t.grade.sublevel == 4 and t.grade.needs_review


def test_header_context_in_english_and_masked_examples(planted: dict[str, list[str]]) -> None:
    frame = pd.DataFrame({"id_card_no": planted["身份证号"], "phone": planted["手机号码"]})
    t = scan(frame, as_of=AS_OF).tables[0]
    [idc, phone] = t.columns
    assert idc.header_context and phone.header_context
    assert all("*" in ex for ex in idc.masked_examples + phone.masked_examples)


def test_minor_age_boundaries() -> None:
    s = Synth(5)
    as_of = dt.date(2026, 3, 1)
    exactly_14 = s.resident_id(dt.date(2012, 3, 1))  # turns 14 on as_of: not under 14
    day_short = s.resident_id(dt.date(2012, 3, 2))  # still 13
    exactly_18 = s.resident_id(dt.date(2008, 3, 1))
    counter = MinorCounter(as_of, 1000)
    counter.add(pa.array([exactly_14, day_short, exactly_18, "garbage", None]))
    assert counter.under_14.count() == 1
    assert counter.under_18.count() == 2
    assert counter.valid.count() == 3


def test_leap_day_birthday() -> None:
    s = Synth(6)
    counter = MinorCounter(dt.date(2024, 2, 29), 1000)
    counter.add(pa.array([s.resident_id(dt.date(2010, 2, 28)), s.resident_id(dt.date(2010, 3, 1))]))
    assert counter.under_14.count() == 1


def test_distinct_counts_exact_and_hyperloglog() -> None:
    values = pa.array([f"13{i:09d}" for i in range(50_000)] * 2)
    exact = DistinctCounter(exact_limit=1_000_000)
    exact.add(values)
    assert exact.count() == 50_000 and exact.method == "exact" and exact.relative_error is None
    hll = DistinctCounter(exact_limit=1_000)
    hll.add(values)
    assert hll.method == "hyperloglog" and hll.relative_error is not None
    assert abs(hll.count() - 50_000) / 50_000 < 4 * hll.relative_error


def test_hll_is_stated_in_the_report(planted: dict[str, list[str]]) -> None:
    report = scan(pd.DataFrame(planted), as_of=AS_OF, limits=Limits(exact_distinct_limit=10))
    ind = report.tables[0].individuals
    assert ind is not None and ind.method == "hyperloglog" and ind.relative_error


def test_free_text_column_finds_embedded_identifiers() -> None:
    s = Synth(8)
    notes = [
        f"客户来电，请回拨{s.mobile()}处理退款，身份证号{s.resident_id()}已核实。"
        for _ in range(30)
    ]
    col = scan(pd.DataFrame({"备注": notes}), as_of=AS_OF).tables[0].columns[0]
    assert col.strategy == "free_text"
    assert {"CN_MOBILE", "CN_RESIDENT_ID"} <= {e.entity for e in col.entities}


def test_code_lists_are_not_names() -> None:
    frame = pd.DataFrame({"等级": ["金卡", "银卡", "普通"] * 30})
    assert scan(frame, as_of=AS_OF).tables[0].columns[0].entity is None


def test_bad_sample_is_a_usage_error(planted: dict[str, list[str]]) -> None:
    with pytest.raises(HeguiError, match="sample"):
        scan(pd.DataFrame(planted), sample=0)


def test_sampling_limits_rows_examined(planted: dict[str, list[str]]) -> None:
    t = scan(pd.DataFrame(planted), sample=10, as_of=AS_OF).tables[0]
    assert t.rows_examined == 10 and t.rows == 40
    assert t.individuals is not None and t.individuals.value == 40  # counts use every row


def test_example_database_matches_its_expectations() -> None:
    sys.path.insert(0, str(EXAMPLE))
    try:
        import make_example_db as gen
    finally:
        sys.path.remove(str(EXAMPLE))
    report = scan(EXAMPLE, as_of=gen.AS_OF)
    found = {t.name.split(":")[-1]: {c.name: c.entity for c in t.columns} for t in report.tables}
    assert set(found) == set(gen.EXPECTED)
    for table, columns in gen.EXPECTED.items():
        for column, entity in columns.items():
            assert found[table][column] == entity, (table, column)
    customers = next(t for t in report.tables if t.name.endswith("customers"))
    assert customers.individuals is not None and customers.individuals.value == gen.N_CUSTOMERS
    assert customers.minors is not None
    assert customers.minors.under_14 == gen.N_MINORS_UNDER_14
    assert customers.minors.under_18 == gen.N_MINORS_UNDER_14 + gen.N_MINORS_14_TO_18
    suppliers = next(t for t in report.tables if t.name.endswith("suppliers"))
    assert "organisation_identifier" not in suppliers.pi_categories
    assert report.minors_present


def test_sqlite_scan_and_table_filter(tmp_path: Path, planted: dict[str, list[str]]) -> None:
    db = tmp_path / "x.sqlite"
    con = sqlite3.connect(db)
    pd.DataFrame(planted).to_sql("people", con, index=False)
    pd.DataFrame({"n": [1, 2]}).to_sql("other", con, index=False)
    con.close()
    report = scan(f"sqlite:///{db}", as_of=AS_OF, tables=["people"], sample=15)
    [t] = report.tables
    assert t.rows == 40 and t.rows_examined == 15
    assert t.individuals is not None and t.individuals.value == 40


def test_broken_database_is_a_clear_error_or_skipped_table(tmp_path: Path) -> None:
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(ScanError):
        scan(db)
    with pytest.raises(ScanError, match=r"cannot connect|unsupported"):
        scan("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(ScanError) as exc:
        scan("nosuchdialect://x")
    assert "secret" not in str(exc.value)


def test_database_failing_mid_scan_reports_skipped_tables(
    tmp_path: Path, planted: dict[str, list[str]]
) -> None:
    db = tmp_path / "flaky.sqlite"
    con = sqlite3.connect(db)
    for name in ("a_people", "b_people"):
        pd.DataFrame(planted).to_sql(name, con, index=False)
    con.close()

    def break_db(name: str, index: int, total: int) -> None:
        if index == 1:  # the database "goes away" after the first table was scanned
            db.write_bytes(b"\x00" * 4096)

    report = scan(f"sqlite:///{db}", as_of=AS_OF, progress=break_db)
    first, second = report.tables
    assert first.skipped is None and "identity_document" in first.pi_categories
    assert second.skipped and second.skipped.startswith("failed:")
    planted_id = planted["身份证号"][0]
    assert planted_id not in second.skipped


@pytest.mark.parametrize(
    ("as_of", "under_14"),
    [
        (dt.date(2026, 2, 27), 1),  # the day before: still 13
        (dt.date(2026, 2, 28), 0),  # common year: a 29 February birthday counts from 28 February
        (dt.date(2026, 3, 1), 0),
    ],
)
def test_born_on_29_february_turns_14_on_28_february_in_a_common_year(
    as_of: dt.date, under_14: int
) -> None:
    counter = MinorCounter(as_of, 1000)
    counter.add(pa.array([Synth(7).resident_id(dt.date(2012, 2, 29))]))
    assert counter.under_14.count() == under_14


def test_29_february_rule_leaves_other_birthdays_alone() -> None:
    s = Synth(8)
    counter = MinorCounter(dt.date(2026, 2, 28), 1000)
    born = [dt.date(2012, 2, 28), dt.date(2012, 3, 1), dt.date(2008, 2, 29), dt.date(2008, 3, 1)]
    counter.add(pa.array([s.resident_id(b) for b in born]))
    assert counter.under_14.count() == 1  # 2012-03-01 only
    assert counter.under_18.count() == 3  # 2008-02-29 turned 18 on 2026-02-28


def test_28_february_of_a_leap_year_is_not_a_29_february_birthday() -> None:
    from hegui.scanners.tabular.counting import latest_birth_date

    # 2028 has a 29 February: someone born 2012-02-29 turns 16 on it, not on the 28th.
    assert latest_birth_date(dt.date(2028, 2, 28), 16) == dt.date(2012, 2, 28)
    assert latest_birth_date(dt.date(2026, 2, 28), 14) == dt.date(2012, 2, 29)
    assert latest_birth_date(dt.date(2024, 2, 29), 14) == dt.date(2010, 2, 28)
