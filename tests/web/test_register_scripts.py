"""The two scripts `make test` relies on: system-deps.sh and with-postgres.sh."""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
@pytest.mark.postgres
def test_with_postgres_exports_the_url_propagates_the_exit_code_and_cleans_up() -> None:
    require(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        "Debian postgresql is not installed (make system-deps)",
    )
    probe = (
        "import os, sys, psycopg; url = os.environ['HEGUI_TEST_POSTGRES_URL'];"
        "print(url); print(psycopg.connect(url).execute('select 40 + 2').fetchone()[0]);"
        "sys.exit(7)"
    )
    result = subprocess.run(
        ["bash", "scripts/with-postgres.sh", str(ROOT / ".venv" / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 7, result.stderr
    url, answer = result.stdout.split()
    assert url.startswith("postgresql://") and "@127.0.0.1:" in url and answer == "42"
    folder = result.stderr.split(" in ", 1)[1].split(" ", 1)[0]
    assert folder.startswith("/tmp/hegui-pg.") and not Path(folder).exists()  # cleaned up


def test_with_postgres_needs_a_command() -> None:
    result = subprocess.run(
        ["bash", "scripts/with-postgres.sh"], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert result.returncode == 2 and "usage" in result.stderr


def test_system_deps_is_quick_when_everything_is_installed() -> None:
    packages = ["postgresql", "mariadb-server", "chromium", "chromium-driver"]
    packages += ["default-jre-headless", "gettext"]
    installed = (
        all(
            subprocess.run(["dpkg", "-s", p], capture_output=True).returncode == 0 for p in packages
        )
        if Path("/usr/bin/dpkg").exists()
        else False
    )
    # CI runs `make system-deps` before the tests, so there they must all be present.
    require(installed, f"not every Debian package of {packages} is installed here")
    result = subprocess.run(
        ["bash", "scripts/system-deps.sh"], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert result.returncode == 0 and "all present" in result.stdout
