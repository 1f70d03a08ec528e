"""``hegui createuser`` and ``hegui register load-example`` refuse organisation slugs, user names
and passwords the register could not use, before writing anything (exit 2, clear message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
PASSWORD = "Corr3ct-horse-battery"


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def _nothing_written() -> bool:
    from django.contrib.auth import get_user_model

    from hegui.web.register.models import AuditEntry, Organisation

    return not (
        get_user_model().objects.exists()
        or Organisation.objects.exists()
        or AuditEntry.objects.exists()
    )


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["createuser", "alice", "--org", "Bad Slug!"], "org"),
        (["createuser", "alice", "--org", "a" * 61], "org"),
        (["createuser", "alice", "--org", "中文"], "org"),
        (["createuser", ""], "username"),
        (["createuser", "   "], "username"),
        (["createuser", "bad user/<x>"], "username"),
        (["createuser", "u" * 151], "username"),
    ],
)
def test_createuser_refuses_bad_slugs_and_user_names(args, field, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HEGUI_PASSWORD", PASSWORD)
    code, _, err = _run(args, capsys)
    assert code == 2, err
    assert f"field '{field}'" in err or field in err
    assert _nothing_written()


def test_createuser_checks_the_password_against_the_user_name(capsys, monkeypatch) -> None:
    monkeypatch.setenv("HEGUI_PASSWORD", "longusername42")
    code, _, err = _run(["createuser", "longusername42"], capsys)
    assert code == 2 and "too similar" in err
    assert _nothing_written()


def test_createuser_password_check_sees_an_existing_users_attributes(capsys, monkeypatch) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("bob", email="quartermaster.bob@example.com")
    monkeypatch.setenv("HEGUI_PASSWORD", "quartermaster.bob")
    code, _, err = _run(["createuser", "bob"], capsys)
    assert code == 2 and "too similar" in err


def test_createuser_accepts_good_names(capsys, monkeypatch) -> None:
    monkeypatch.setenv("HEGUI_PASSWORD", PASSWORD)
    code, out, err = _run(
        ["createuser", "li.wei@ops", "--org", "acme-cn_2", "--role", "admin"], capsys
    )
    assert code == 0, err
    assert "created user li.wei@ops" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--slug", "Bad Slug!"], "slug"),
        (["--slug", "x" * 61], "slug"),
        (["--user", "bad user/<x>"], "user"),
        (["--user", ""], "user"),
    ],
)
def test_load_example_refuses_bad_slug_and_user(args, field, capsys) -> None:
    code, _, err = _run(["register", "load-example", str(EXAMPLE), *args], capsys)
    assert code == 2, err
    assert field in err
    assert _nothing_written()
