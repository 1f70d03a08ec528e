"""PostgreSQL: odd identifiers through server-side sampling, and secrets in the query string."""

from __future__ import annotations

import os
import uuid

import pytest

from hegui.errors import ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.models import SourceReport
from tests.conftest import require

from .conftest import AS_OF
from .mysql_proxy import scan_frozen_after_first_table

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

URL = os.environ.get("HEGUI_TEST_POSTGRES_URL")
_IDS = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    require(
        URL, "HEGUI_TEST_POSTGRES_URL not set: run through scripts/with-postgres.sh (make test)"
    )


def test_odd_identifiers_with_tablesample() -> None:
    assert URL
    from sqlalchemy import create_engine, text

    engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"客户 %s:x {uuid.uuid4().hex[:6]}"
    with engine.begin() as conn:
        conn.execute(
            text(f'CREATE TABLE "{name}" ("身份证""号 \\:id" text, "select" text, " " text)')
        )
        for i in range(100):
            conn.execute(text(f"INSERT INTO \"{name}\" VALUES (:v, 'x', NULL)"), {"v": _IDS[i % 3]})
    try:
        report = scan(URL, tables=[name], sample=10, as_of=AS_OF)  # 100 rows > 4 * 10: sampled
        [t] = report.tables
        assert t.skipped is None and t.rows == 100 and t.rows_examined <= 10
        assert [c.name for c in t.columns] == ['身份证"号 :id', "select", "col_3"]
        assert t.columns[0].entity == "CN_RESIDENT_ID"
        assert t.individuals is not None and t.individuals.value == 3
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        engine.dispose()


def test_query_string_password_is_never_shown() -> None:
    assert URL
    host_and_db = URL.split("@", 1)[1]
    with pytest.raises(ScanError) as exc:
        scan(f"postgresql://nobody@{host_and_db}?password=Wr0ngSecret")
    assert "Wr0ngSecret" not in str(exc.value) and "password=***" in str(exc.value)


def test_a_server_that_stops_answering_ends_at_the_timeout() -> None:
    """A frozen server or a dead path (no reply, no reset) must not hang the scan (libpq has no
    read timeout of its own): the table being read is unread, the scan ends."""
    assert URL
    from sqlalchemy import create_engine, text

    engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    tag = uuid.uuid4().hex[:6]
    a, b = f"a_frozen_{tag}", f"b_frozen_{tag}"
    with engine.begin() as conn:
        for name in (a, b):
            conn.execute(text(f'CREATE TABLE "{name}" (id text)'))
            conn.execute(text(f'INSERT INTO "{name}" VALUES (:v)'), [{"v": v} for v in _IDS])
    try:
        report = scan_frozen_after_first_table(URL, [a, b], as_of=AS_OF, limits=Limits(timeout_s=3))
        assert isinstance(report, SourceReport), report
        assert report.tables[0].skipped is None
        assert report.tables[1].skipped is not None and report.unread == [b]
        assert "no answer from the server within 3 s" in report.tables[1].skipped
    finally:
        with engine.begin() as conn:
            for name in (a, b):
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        engine.dispose()
