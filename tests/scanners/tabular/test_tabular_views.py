"""Database views: listed but not scanned (their rows are the tables'), scanned on request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from hegui.errors import ScanError
from hegui.scanners.tabular import scan
from hegui.scanners.tabular.sql import VIEW_NOT_SCANNED

from .conftest import AS_OF

# A view named after a mobile number (synthetic): names come from the data and are masked.
PI_VIEW = "13912345678"


def _db(path: Path, planted: dict[str, list[str]]) -> Path:
    with sqlite3.connect(path) as con:
        pd.DataFrame(planted).to_sql("people", con, index=False)
        con.execute('create view contacts as select "姓名", "手机号码" from people')
        con.execute(f'create view "{PI_VIEW}" as select "身份证号" from people')
    return path


def test_views_are_listed_not_scanned_and_do_not_make_the_scan_incomplete(
    tmp_path: Path, planted: dict[str, list[str]]
) -> None:
    report = scan(_db(tmp_path / "v.sqlite", planted), as_of=AS_OF)
    by_name = {t.name: t for t in report.tables}
    people = by_name["v.sqlite:people"]
    assert people.skipped is None and people.rows == 40
    views = [t for t in report.tables if t.skipped]
    assert [t.skipped for t in views] == [VIEW_NOT_SCANNED] * 2
    assert "v.sqlite:contacts" in by_name
    # Tables first, then the views; the PI-valued view name is masked.
    assert report.tables[0] is people
    assert not any(PI_VIEW in t.name for t in report.tables)
    assert report.unread == []  # left out by design, not unreadable
    assert report.grade is not None and report.grade.level != "INCOMPLETE"
    # The PI counted once, from the table: the views add nothing.
    assert report.pi_categories == people.pi_categories


def test_a_view_named_with_table_is_scanned(tmp_path: Path, planted: dict[str, list[str]]) -> None:
    report = scan(_db(tmp_path / "v.sqlite", planted), as_of=AS_OF, tables=["contacts"])
    [t] = report.tables
    assert t.name == "v.sqlite:contacts" and t.skipped is None and t.rows == 40
    entities = {c.name: c.entity for c in t.columns}
    assert entities == {"姓名": "CN_PERSON_NAME", "手机号码": "CN_MOBILE"}
    # A view has no rowid to draw: it is sampled in a random order, and the note says so.
    sampled = scan(tmp_path / "v.sqlite", as_of=AS_OF, tables=["contacts"], sample=10)
    assert any("not repeatable" in n for n in sampled.tables[0].notes)


def test_an_unknown_table_lists_tables_and_views_masked(
    tmp_path: Path, planted: dict[str, list[str]]
) -> None:
    with pytest.raises(ScanError) as exc:
        scan(_db(tmp_path / "v.sqlite", planted), as_of=AS_OF, tables=["nope"])
    message = str(exc.value)
    assert "tables and views are: people, 13*******78, contacts" in message
    assert PI_VIEW not in message
