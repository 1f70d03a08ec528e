"""The progress bar on a terminal: table names are text, never rich markup.

A SQLite table named ``x[/][/]y`` ended ``hegui scan`` on a terminal with rich's MarkupError
(a traceback): the bar's description is markup, and the name went into it as is.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from hegui.cli import main


def test_markup_in_a_table_name_is_shown_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.sqlite"
    con = sqlite3.connect(db)
    for name in ("x[/][/]y", "[bold red]z", "a\\[b"):
        con.execute(f'create table "{name}" (手机 text)')
        con.execute(f'insert into "{name}" values (?)', ("13812345678",))
    con.commit()
    con.close()
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws the bar as on a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    try:
        main(["scan", str(db), "--as-of", "2026-11-30"])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "db.sqlite:x[/][/]y" in out.out and "db.sqlite:[bold red]z" in out.out
