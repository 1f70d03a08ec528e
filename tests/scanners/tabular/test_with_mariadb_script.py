"""scripts/with-mariadb.sh: the throwaway server `make test` runs the mysql suites against."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).parents[3]
SCRIPT = ["bash", "scripts/with-mariadb.sh"]


@pytest.mark.slow
@pytest.mark.mysql
def test_with_mariadb_exports_the_url_propagates_the_exit_code_and_cleans_up() -> None:
    require(
        shutil.which("mariadbd") or Path("/usr/sbin/mariadbd").exists(),
        "Debian mariadb-server is not installed (make system-deps)",
    )
    probe = (
        "import os, sys, pymysql; from sqlalchemy.engine import make_url;"
        "url = os.environ['HEGUI_TEST_MYSQL_URL']; u = make_url(url); print(url);"
        "c = pymysql.connect(host=u.host, port=u.port, user=u.username, database=u.database);"
        "cur = c.cursor(); cur.execute('select 40 + 2, @@character_set_database');"
        "print(*cur.fetchone()); sys.exit(7)"
    )
    result = subprocess.run(
        [*SCRIPT, str(ROOT / ".venv" / "bin" / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 7, result.stderr
    url, answer, charset = result.stdout.split()
    assert url.startswith("mysql+pymysql://hegui@127.0.0.1:") and url.endswith("charset=utf8mb4")
    assert answer == "42" and charset == "utf8mb4"
    folder = result.stderr.split(" in ", 1)[1].split(" ", 1)[0]
    assert folder.startswith(("/tmp/hegui-mariadb.", "/dev/shm/hegui-mariadb."))
    assert not Path(folder).exists()  # cleaned up
    # The server is gone too: nothing answers on its port.
    port = int(url.split("@127.0.0.1:", 1)[1].split("/", 1)[0])
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_with_mariadb_needs_a_command() -> None:
    result = subprocess.run(SCRIPT, capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert result.returncode == 2 and "usage" in result.stderr


def test_with_mariadb_runs_the_command_without_a_server(tmp_path: Path) -> None:
    """No MariaDB on PATH: the command still runs (its mysql tests skip, or fail under CI)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "python3", "env", "cat", "mktemp", "id"):
        found = shutil.which(tool)
        assert found
        (bin_dir / tool).symlink_to(found)
    result = subprocess.run(
        [
            shutil.which("bash") or "bash",
            "scripts/with-mariadb.sh",
            "bash",
            "-c",
            'echo "url=${HEGUI_TEST_MYSQL_URL:-unset}"; exit 3',
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
        env={"PATH": str(bin_dir)},
    )
    assert result.returncode == 3 and result.stdout.strip() == "url=unset"
    assert "not found" in result.stderr
