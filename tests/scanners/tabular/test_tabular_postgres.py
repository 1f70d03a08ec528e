"""PostgreSQL through SQLAlchemy/psycopg: discovery, sampling pushed to the server, counts."""

from __future__ import annotations

import os
import uuid

import pandas as pd
import pytest

from hegui.scanners.tabular import scan
from tests.conftest import require

from .conftest import AS_OF

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

URL = os.environ.get("HEGUI_TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    require(
        URL, "HEGUI_TEST_POSTGRES_URL not set: run through scripts/with-postgres.sh (make test)"
    )


@pytest.fixture
def pg_table(planted: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    assert URL
    from sqlalchemy import create_engine, text

    engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"hegui_scan_{uuid.uuid4().hex[:8]}"
    pd.DataFrame(planted).to_sql(name, engine, index=False)
    yield name
    with engine.begin() as conn:
        conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
    engine.dispose()


def test_postgres_scan_samples_on_the_server_and_counts_everything(pg_table: str) -> None:
    assert URL
    report = scan(URL, tables=[pg_table], sample=8, as_of=AS_OF)
    [t] = report.tables
    assert report.kind == "postgresql"
    assert t.rows == 40 and t.rows_examined <= 8
    cols = {c.name: c.entity for c in t.columns}
    assert cols["身份证号"] == "CN_RESIDENT_ID"
    assert t.individuals is not None and t.individuals.value == 40
    assert t.minors is not None and (t.minors.under_14, t.minors.under_18) == (3, 5)


def test_postgres_wrong_password_is_a_clear_error() -> None:
    assert URL
    from hegui.errors import ScanError

    host_and_db = URL.split("@", 1)[1]
    with pytest.raises(ScanError) as exc:
        scan(f"postgresql://nobody:wrong-secret@{host_and_db}")
    assert "wrong-secret" not in str(exc.value)


@pytest.fixture
def late_ids_table():  # type: ignore[no-untyped-def]
    """The sampling QA shape: 2,000 numeric rows stored first, then 1,000 resident IDs (synthetic)."""
    assert URL
    from sqlalchemy import create_engine, text

    from hegui.detectors.synthetic import Synth

    s = Synth(5)
    values = [str(i * 7 + 3) for i in range(2000)]
    values += [s.resident_id(s.birth_date(1950, 1999)) for _ in range(1000)]
    engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"hegui_late_{uuid.uuid4().hex[:8]}"
    pd.DataFrame({"value": values}).to_sql(name, engine, index=False)
    yield name
    with engine.begin() as conn:
        conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
    engine.dispose()


def _sampled(name: str, n: int, seed: int) -> list[str]:
    assert URL
    from hegui.scanners.tabular import Limits
    from hegui.scanners.tabular import sql as sqlmod

    engine = sqlmod.connect(URL)
    try:
        [t] = list(sqlmod.discover(engine, URL, Limits(), only=[name]))
        assert isinstance(t, sqlmod.SqlTable)
        t.count()
        return list(t.sample(n, seed)["value"].to_pylist())
    finally:
        engine.dispose()


@pytest.mark.parametrize("n", [200, 1000], ids=["tablesample", "seeded-order"])
def test_postgres_samples_spread_over_the_table_repeatably(late_ids_table: str, n: int) -> None:
    """Above 4n rows (200 of 3,000) and up to 4n (1,000): never just the rows stored first."""
    first = _sampled(late_ids_table, n, seed=7)
    assert len(first) == n and len(set(first)) == n
    # About a third of the rows are IDs, all stored last: LIMIT n alone would find none.
    ids = sum(len(v) == 18 for v in first)
    assert 0.2 * n < ids < 0.47 * n
    assert _sampled(late_ids_table, n, seed=7) == first
    assert _sampled(late_ids_table, n, seed=8) != first


def test_postgres_scan_finds_pi_stored_late_and_says_how_it_sampled(late_ids_table: str) -> None:
    assert URL
    report = scan(URL, tables=[late_ids_table], as_of=AS_OF)
    [t] = report.tables
    assert t.rows == 3000 and t.rows_examined == 1000
    assert t.columns[0].entity == "CN_RESIDENT_ID"
    assert any("random sample of 1000 of 3000 rows" in n and "seed 0" in n for n in t.notes)
    assert not any("first" in n for n in t.notes)


def test_postgres_views_and_materialized_views_are_listed_and_scanned_on_request(
    pg_table: str,
) -> None:
    assert URL
    from sqlalchemy import create_engine, text

    from hegui.scanners.tabular.sql import VIEW_NOT_SCANNED

    engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    view, mat = f"{pg_table}_v", f"{pg_table}_m"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE VIEW "{view}" AS SELECT "身份证号" FROM "{pg_table}"'))
        conn.execute(text(f'CREATE MATERIALIZED VIEW "{mat}" AS SELECT "姓名" FROM "{pg_table}"'))
    try:
        report = scan(URL, as_of=AS_OF)
        skipped = {t.name: t.skipped for t in report.tables if t.name in (view, mat)}
        assert skipped == {view: VIEW_NOT_SCANNED, mat: VIEW_NOT_SCANNED}
        assert not set(report.unread) & {view, mat}
        [t] = scan(URL, tables=[mat], as_of=AS_OF).tables
        assert t.skipped is None and t.columns[0].entity == "CN_PERSON_NAME"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP MATERIALIZED VIEW IF EXISTS "{mat}"'))
            conn.execute(text(f'DROP VIEW IF EXISTS "{view}"'))
        engine.dispose()


def test_postgres_bernoulli_samples_are_not_short_for_small_n(late_ids_table: str) -> None:
    """Bernoulli keeps a Poisson number of rows: without a margin, 1 in 16 one-row samples was empty."""
    short = [
        (n, seed)
        for n in (1, 2, 5)
        for seed in range(40)
        if len(_sampled(late_ids_table, n, seed)) != n
    ]
    assert short == []
