"""The register on PostgreSQL: migrations forward on an empty database, backup and restore between
two databases, and the whole fast web suite run again against PostgreSQL.

Needs HEGUI_TEST_POSTGRES_URL (set by scripts/with-postgres.sh, which `make test` uses).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).parents[2]
URL = os.environ.get("HEGUI_TEST_POSTGRES_URL", "")

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    require(
        URL, "HEGUI_TEST_POSTGRES_URL not set: run through scripts/with-postgres.sh (make test)"
    )


def _with_db(name: str) -> str:
    base, _, _ = URL.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """Two empty databases, dropped afterwards."""
    import psycopg

    names = [f"hegui_t_{secrets.token_hex(4)}" for _ in range(2)]
    with psycopg.connect(URL, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(names[0]), _with_db(names[1])
    finally:
        with psycopg.connect(URL, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _hegui(url: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {"DATABASE_URL": url, "HEGUI_HOME": str(home), "HEGUI_PASSWORD": "Corr3ct-horse-battery"}
    )
    return subprocess.run(
        [sys.executable, "-m", "hegui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=240,
    )


def test_migrations_and_backup_round_trip_on_postgres(databases, tmp_path) -> None:
    first, second = databases
    made = _hegui(first, tmp_path, "createuser", "alice", "--org", "acme", "--role", "admin")
    assert made.returncode == 0, made.stderr  # every migration applied to an empty database
    backup = tmp_path / "pg.json"
    assert _hegui(first, tmp_path, "register", "export", str(backup)).returncode == 0
    restored = _hegui(second, tmp_path, "register", "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "audit log verified" in restored.stdout
    models = {o["model"] for o in json.loads(backup.read_text("utf-8"))["objects"]}
    assert {"auth.user", "register.organisation", "register.auditentry"} <= models


def test_fast_web_suite_passes_on_postgres(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HEGUI_TEST_POSTGRES_URL"}
    env.update({"DATABASE_URL": URL, "HEGUI_HOME": str(tmp_path)})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            "-k",
            "not fresh_install",
            str(ROOT / "tests" / "web"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
