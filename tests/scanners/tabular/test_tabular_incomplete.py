"""A source with unreadable parts is reported as incomplete, never as "no personal information"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hegui.cli import main
from hegui.scanners.tabular import render_html, render_text, scan

from .conftest import AS_OF


def _folder(tmp_path: Path, *, pi: bool) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    value = "11010519491231002X" if pi else "100"
    (folder / "a.csv").write_text(f"身份证号,amount\n{value},1\n", encoding="utf-8")
    (folder / "broken.xlsx").write_bytes(b"not a zip at all")  # unreadable: skipped
    return folder


def _exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_unreadable_part_makes_the_report_incomplete(tmp_path: Path) -> None:
    report = scan(_folder(tmp_path, pi=False), as_of=AS_OF)
    assert report.unread == ["broken.xlsx"]
    assert report.grade is not None and not report.grade.complete
    assert not any(r.startswith("no personal information found:") for r in report.grade.reasoning)
    assert any("broken.xlsx" in r for r in report.grade.needs_review)
    text = render_text(report)
    assert "INCOMPLETE: 1 part(s) could not be read (broken.xlsx)" in text
    assert "PI categories: none found in what was read" in text
    assert "Incomplete" in render_html(report)


def test_fail_on_cannot_pass_an_incomplete_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, pi=False)
    code, out = _exit(["scan", str(folder), "--fail-on", "pi"], capsys)
    assert code == 2 and "scan incomplete" in out and "broken.xlsx" in out
    code, out = _exit(["scan", str(folder)], capsys)  # no gate: the report, and a warning
    assert code == 0 and "warning:" in out


def test_findings_at_the_level_still_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, pi=True)
    assert _exit(["scan", str(folder), "--fail-on", "sensitive"], capsys)[0] == 1


def test_a_complete_clean_scan_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, pi=False)
    (folder / "broken.xlsx").unlink()
    assert _exit(["scan", str(folder), "--fail-on", "pi"], capsys)[0] == 0


def test_parts_left_out_by_table_are_not_unread(tmp_path: Path) -> None:
    folder = tmp_path / "dbs"
    folder.mkdir()
    for name, table in (("a.sqlite", "people"), ("b.sqlite", "other")):
        with sqlite3.connect(folder / name) as con:
            con.execute(f"create table {table} (amount text)")
            con.execute(f"insert into {table} values ('1')")
    (folder / "c.csv").write_text("amount\n1\n", encoding="utf-8")
    report = scan(folder, as_of=AS_OF, tables=["people"])
    assert [t.name for t in report.tables if t.skipped] == ["b.sqlite", "c.csv"]
    assert report.unread == [] and report.grade is not None and report.grade.complete


def test_a_table_failing_mid_scan_makes_the_database_scan_incomplete(tmp_path: Path) -> None:
    db = tmp_path / "flaky.sqlite"
    with sqlite3.connect(db) as con:
        for name in ("a_clean", "b_clean"):
            con.execute(f"create table {name} (amount text)")
            con.execute(f"insert into {name} values ('1')")

    def break_db(name: str, index: int, total: int) -> None:
        if index == 1:  # the database "goes away" after the first table was scanned
            db.write_bytes(b"\x00" * 4096)

    report = scan(f"sqlite:///{db}", as_of=AS_OF, progress=break_db)
    assert report.unread == ["b_clean"] and not report.pi_categories
    assert report.grade is not None and not report.grade.complete
