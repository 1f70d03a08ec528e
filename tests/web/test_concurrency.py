"""Concurrent writes: a change and its audit entry (and history line) commit together, and a
busy database makes writers wait instead of failing. Runs tests/web/concurrent_writers.py as its
own process against a SQLite file (and, marked postgres, against a fresh PostgreSQL database)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require

ROOT = Path(__file__).parents[2]
SCRIPT = Path(__file__).with_name("concurrent_writers.py")
THREADS, PER_THREAD = 6, 8


def _writers(env_update: dict[str, str]) -> dict[str, Any]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "HEGUI_TEST_POSTGRES_URL")
    }
    env.update(env_update)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(THREADS), str(PER_THREAD)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assert_all_written_and_audited(result: dict[str, Any]) -> None:
    total = THREADS * PER_THREAD
    assert result["crashes"] == []
    # Every request succeeded: no "database is locked" (or deadlock) 500s.
    assert result["statuses"] == {"200": total // 2, "302": total // 2}, result["statuses"]
    assert result["obligations_changed"] == total // 2
    assert result["filings_stored"] == total // 2
    assert result["changed_without_audit"] == []
    assert result["changed_without_history"] == []
    assert result["filings_without_audit"] == []
    assert result["chain_ok"], result["chain_problem"]


def test_concurrent_writers_on_a_sqlite_file(tmp_path: Path) -> None:
    _assert_all_written_and_audited(_writers({"HEGUI_HOME": str(tmp_path)}))
    assert (tmp_path / "register.sqlite3").exists()


@pytest.mark.slow
@pytest.mark.postgres
def test_concurrent_writers_on_postgres(tmp_path: Path) -> None:
    url = os.environ.get("HEGUI_TEST_POSTGRES_URL", "")
    require(url, "HEGUI_TEST_POSTGRES_URL not set: run through scripts/with-postgres.sh")
    import psycopg

    name = f"hegui_c_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        db_url = f"{url.rpartition('/')[0]}/{name}"
        _assert_all_written_and_audited(
            _writers({"HEGUI_HOME": str(tmp_path), "DATABASE_URL": db_url})
        )
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
