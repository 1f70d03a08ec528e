"""The register commands as a user runs them: a fresh install (SQLite migrated forward) and a
backup restored into a second install; other commands in-process on the test database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hegui.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "acme" / "profile.yaml"
PASSWORD = "Corr3ct-horse-battery"


def _hegui(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update({"HEGUI_HOME": str(home), "HEGUI_PASSWORD": PASSWORD})
    return subprocess.run(
        [sys.executable, "-m", "hegui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )


def test_fresh_install_backup_and_restore_into_another(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    made = _hegui(first, "createuser", "alice", "--org", "acme", "--role", "admin", "--token", "ci")
    assert made.returncode == 0, made.stderr
    assert "created user alice" in made.stdout and "hg_" in made.stdout
    assert (first / "register.sqlite3").exists()  # migrations ran forward on a new SQLite file
    backup = tmp_path / "backup.json"
    assert _hegui(first, "register", "export", str(backup)).returncode == 0
    restored = _hegui(second, "register", "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "audit log verified" in restored.stdout
    data = json.loads(backup.read_text("utf-8"))
    assert {o["model"] for o in data["objects"]} >= {
        "auth.user",
        "accounts.membership",
        "accounts.apitoken",
        "register.auditentry",
    }


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.mark.django_db
def test_createuser_roles_tokens_and_weak_passwords(capsys, monkeypatch) -> None:
    from hegui.web.accounts.models import ApiToken, Membership

    monkeypatch.setenv("HEGUI_PASSWORD", PASSWORD)
    code, out, _ = _run(
        ["createuser", "carol", "--org", "beta", "--role", "editor", "--token", "t"], capsys
    )
    assert code == 0 and "created user carol" in out
    assert (
        Membership.objects.get(user__username="carol", organisation__slug="beta").role == "editor"
    )
    key = out.split("(shown once): ")[1].strip()
    assert ApiToken.lookup(key) is not None
    code, _, err = _run(["createuser", "carol", "--org", "beta", "--role", "boss"], capsys)
    assert code == 2 and "unknown role" in err
    monkeypatch.setenv("HEGUI_PASSWORD", "123")
    code, _, err = _run(["createuser", "dave"], capsys)
    assert code == 2 and "password" in err


@pytest.mark.django_db
def test_load_example_loads_assesses_and_prints_the_url(capsys) -> None:
    from hegui.web.register.models import Organisation

    code, out, err = _run(
        ["register", "load-example", str(EXAMPLE), "--as-of", "2026-11-30"], capsys
    )
    assert code == 0, err
    assert "http://127.0.0.1:8000/o/acme/" in out and "log in as demo with password" in out
    org = Organisation.objects.get(slug="acme")
    assert org.profiles.count() == 1 and org.assessments.count() == 1
    assert org.obligations.exists()
    # Running it again keeps the same profile version (unchanged text) and adds an assessment.
    code, out, _ = _run(["register", "load-example", str(EXAMPLE), "--as-of", "2026-11-30"], capsys)
    assert code == 0 and "log in as" not in out
    assert org.profiles.count() == 1 and org.assessments.count() == 2


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "register", "accounts", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_register_assess_stores_an_assessment(capsys, world, tmp_path) -> None:
    code, _, err = _run(["register", "assess", "nosuch"], capsys)
    assert code == 2 and "no organisation" in err
    code, _, err = _run(["register", "assess", "acme"], capsys)
    assert code == 2 and "import a profile" in err
    profile = tmp_path / "profile.yaml"
    profile.write_text(world.profile_yaml, encoding="utf-8")
    code, out, err = _run(
        ["register", "assess", "acme", "--profile", str(profile), "--as-of", "2026-11-30"], capsys
    )
    assert code == 0, err
    assert "as of 2026-11-30" in out
    assert world.org.assessments.count() == 1 and world.org.profiles.count() == 1
