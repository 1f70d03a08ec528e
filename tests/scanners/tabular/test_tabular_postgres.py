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
