"""SQLite virtual tables: their shadow tables hold the same rows and are not scanned twice.

An FTS or R*Tree virtual table keeps its data in shadow tables (``docs_content``, ``docs_data``,
``geo_node`` ...). Scanning both counted the same personal information twice: two tables with
the resident IDs, two datasets in ``--profile-out``. Shadow tables are now listed as skipped
(left out, not unread), like views, and ``--table`` still scans one on request.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from hegui.detectors.synthetic import Synth
from hegui.scanners.tabular import render_profile_yaml, scan

from .conftest import AS_OF

_S = Synth(5)
_IDS = [_S.resident_id() for _ in range(6)]


def _db(tmp_path: Path, module: str) -> Path:
    path = tmp_path / f"{module}.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"create virtual table docs using {module}(身份证号)")
    con.executemany("insert into docs values (?)", [(i,) for i in _IDS])
    con.execute("create virtual table geo using rtree(id, minx, maxx)")
    con.execute("insert into geo values (1, 1.0, 2.0)")
    con.execute("create table plain (手机 text)")
    con.execute("insert into plain values (?)", (_S.mobile(),))
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("module", ["fts5", "fts4"])
def test_shadow_tables_are_skipped_not_scanned_twice(tmp_path: Path, module: str) -> None:
    report = scan(_db(tmp_path, module), as_of=AS_OF)
    by_name = {t.name.split(":", 1)[1]: t for t in report.tables}
    scanned = sorted(n for n, t in by_name.items() if not t.skipped)
    assert scanned == ["docs", "geo", "plain"]
    shadows = [t for n, t in by_name.items() if n.startswith(("docs_", "geo_"))]
    assert shadows and all(t.skipped and "shadow table" in t.skipped for t in shadows)
    assert not report.unread  # left out, not unreadable: the scan is complete
    with_ids = [t for t in report.tables if "identity_document" in t.pi_categories]
    assert [t.name for t in with_ids] == [f"{module}.sqlite:docs"]
    assert with_ids[0].individuals and with_ids[0].individuals.value == len(_IDS)
    facts = yaml.safe_load(render_profile_yaml(report))["datasets"]
    assert [d["name"] for d in facts] == [f"{module}.sqlite:docs", f"{module}.sqlite:plain"]


def test_a_shadow_table_named_with_table_is_scanned(tmp_path: Path) -> None:
    report = scan(_db(tmp_path, "fts5"), as_of=AS_OF, tables=["docs_content"])
    [t] = report.tables
    assert not t.skipped and "identity_document" in t.pi_categories


def test_a_sqlite_url_skips_shadow_tables_too(tmp_path: Path) -> None:
    report = scan(f"sqlite:///{_db(tmp_path, 'fts5')}", as_of=AS_OF)
    scanned = sorted(t.name for t in report.tables if not t.skipped)
    assert scanned == ["docs", "geo", "plain"] and not report.unread
