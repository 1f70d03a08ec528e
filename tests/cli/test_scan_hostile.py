"""``hegui scan`` on hostile input: exit 2 with the file named, never a traceback or a hang."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hegui.cli import main

_ID = "110101198001011005"  # synthetic


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_empty_source_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.csv").write_text(f"身份证号\n{_ID}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a scan of "." would find a.csv
    code, out, err = _run(["scan", ""], capsys)
    assert code == 2 and "empty path" in err and not out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
        (lambda p: p.symlink_to("/dev/zero"), "not a regular file (a character device)"),
        (lambda p: p.write_text(f'a,b\n"{_ID},x\n1,2\n', encoding="utf-8"), "unterminated"),
    ],
    ids=["fifo", "device", "stray-quote"],
)
def test_hostile_file_is_exit_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = tmp_path / "x.csv"
    make(path)  # type: ignore[operator]
    code, _, err = _run(["scan", str(path)], capsys)
    assert code == 2 and str(path) in err and message in err and "Traceback" not in err


def test_table_option_on_a_csv_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"身份证号\n{_ID}\n", encoding="utf-8")
    code, _, err = _run(["scan", str(path), "--table", "nope"], capsys)
    assert code == 2 and "--table selects database tables" in err


def test_directory_with_broken_entries_reports_them_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.csv").write_text(f"身份证号\n{_ID}\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "dir.jsonl").mkdir()
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not parquet PAR1")
    _, out, err = _run(["scan", str(tmp_path), "-f", "json"], capsys)  # exit code: grade's part
    assert "Traceback" not in err
    tables = {t["name"]: t for t in json.loads(out)["tables"]}
    assert tables["good.csv"]["skipped"] is None
    assert {n for n, t in tables.items() if t["skipped"]} == {
        "pipe.csv",
        "dir.jsonl",
        "bad.parquet",
    }
