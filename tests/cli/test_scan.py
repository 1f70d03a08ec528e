"""``hegui scan``: shared options, --fail-on as a scale, and sources with nothing to scan."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import typer.main

from hegui.cli import _register_all, main, root
from hegui.cli.scan import FAIL_LEVELS, FORMAT_NAMES
from hegui.scanners.tabular import FORMATS

ACME_DB = Path(__file__).parents[2] / "examples" / "acme" / "data" / "acme.sqlite"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, _, err = _run_out(argv, capsys)
    return code, err


def _run_out(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def _people_db(path: Path, ids: list[str]) -> Path:
    with sqlite3.connect(path) as con:
        con.execute("create table people (resident_id text, amount text)")
        con.executemany("insert into people values (?, ?)", [(i, "1") for i in ids])
    return path


# Synthetic PRC resident ID numbers with valid check digits.
_ADULTS = ["11010519491231002X", "110105198001010016"]
_CHILD = "110105201601010014"  # born 2016-01-01: under 14 on 2026-11-30


@pytest.fixture
def kids_db(tmp_path: Path) -> Path:
    """Two adults and one child."""
    return _people_db(tmp_path / "kids.sqlite", [*_ADULTS, _CHILD])


def test_format_names_match_the_renderers() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES


@pytest.mark.parametrize("level", FAIL_LEVELS)
def test_fail_on_minors_is_the_top_of_the_scale(
    kids_db: Path, level: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["scan", str(kids_db), "--as-of", "2026-11-30", "--fail-on", level]
    assert _run(argv, capsys)[0] == 1


@pytest.mark.parametrize(("level", "code"), [("pi", 1), ("sensitive", 1), ("minors", 0)])
def test_fail_on_sensitive_without_minors(
    tmp_path: Path, level: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _people_db(tmp_path / "adults.sqlite", _ADULTS * 3)
    argv = ["scan", str(db), "--as-of", "2026-11-30", "--fail-on", level]
    assert _run(argv, capsys)[0] == code


@pytest.mark.parametrize(("level", "code"), [("pi", 1), ("sensitive", 0), ("minors", 0)])
def test_fail_on_is_at_or_above(
    tmp_path: Path, level: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "contacts.csv"
    src.write_text("email\nzhang.wei@example.com\nli.na@example.org\n", encoding="utf-8")
    assert _run(["scan", str(src), "--fail-on", level], capsys)[0] == code


def test_fail_on_help_explains_the_scale() -> None:
    _register_all()
    scan = typer.main.get_command(root).commands["scan"]  # type: ignore[attr-defined]
    [fail_on] = [p for p in scan.params if "--fail-on" in getattr(p, "opts", [])]
    assert "pi (any personal information) < sensitive" in fail_on.help
    assert "minors (personal information of under-18s)" in fail_on.help


def test_empty_directory_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.md").write_text("not a table", encoding="utf-8")
    code, err = _run(["scan", str(tmp_path)], capsys)
    assert code == 2 and str(tmp_path) in err and "no tables found" in err and ".csv" in err


def test_database_without_tables_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "empty.sqlite"
    sqlite3.connect(db).close()
    code, err = _run(["scan", f"sqlite:///{db}"], capsys)
    assert code == 2 and "no tables found" in err


def test_unknown_table_lists_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["scan", str(ACME_DB), "--table", "customers", "--table", "custmers"], capsys)
    assert code == 2 and "'custmers'" in err and "customers, devices, health_checks" in err
    assert "'customers'" not in err  # only the missing one is named as missing


def test_unknown_table_in_a_directory_skips_that_database(
    tmp_path: Path, kids_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(ACME_DB, tmp_path / "acme.sqlite")  # has no table 'people'
    code, out, err = _run_out(["scan", str(tmp_path), "--table", "people", "-f", "json"], capsys)
    assert code == 0, err
    tables = {t["name"]: t for t in json.loads(out)["tables"]}
    assert "no table 'people'" in tables["acme.sqlite"]["skipped"]
    people = tables["kids.sqlite:people"]  # database files' tables are shown as file:table
    assert people["rows"] == 3 and not people["skipped"]


def test_seed_chooses_a_repeatable_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--seed reaches the database sample: the same seed, the same rows; the note names it."""
    db = _people_db(tmp_path / "many.sqlite", [f"{i:018d}" for i in range(3000)])

    def sample_note(*extra: str) -> str:
        code, out, _ = _run_out(["scan", str(db), "--sample", "50", "-f", "json", *extra], capsys)
        assert code == 0
        (table,) = json.loads(out)["tables"]
        return next(n for n in table["notes"] if "random sample" in n)

    assert "seed 0" in sample_note()
    assert "seed 7" in sample_note("--seed", "7")
    assert sample_note("--seed", "7") == sample_note("--seed", "7")
