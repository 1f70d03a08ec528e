"""No raw value leaves through a name: glued values, error messages, progress callbacks.

Values glued to ASCII letters or digits (``user13812345678.csv``, a sheet ``id<resident ID>``,
a column ``tel13812345678``) are no free-text detection (a letter before a number is no word
boundary), so masking names by detection alone let them through; an error for a file or sheet
named after a value quoted the name; the progress bar showed raw table and file names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hegui.detectors.synthetic import Synth
from hegui.errors import HeguiError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.names import mask_values

from .conftest import AS_OF, run_cli, scan_every_format

_S = Synth(2026)
RID, MOB, CARD, EM = _S.resident_id(), _S.mobile(), _S.bank_card(), _S.email()
RID2, MOB2 = _S.resident_id(), _S.mobile()
_VALUES = [RID, MOB, CARD, EM, RID2, MOB2]


def _leaks(text: str) -> list[str]:
    return [v for v in _VALUES if v in text]


@pytest.mark.parametrize(
    "name",
    [
        f"user{MOB}.csv",
        f"id{RID}",
        f"card{CARD}.xlsx",
        f"+86{MOB}",
        f"{MOB}{MOB2}",
        f"{RID}1",
        f"tel_{MOB[:3]}-{MOB[3:7]}-{MOB[7:]}x",
        f"x{RID.lower()}x",
    ],
)
def test_values_glued_to_letters_or_digits_are_masked(name: str) -> None:
    shown = mask_values(name)
    assert not _leaks(shown) and "*" in shown, shown


@pytest.mark.parametrize("name", ["customers.csv", "orders_2024.xlsx", "t20261130", "v1.2.3"])
def test_ordinary_names_are_kept(name: str) -> None:
    assert mask_values(name) == name


def test_glued_values_in_file_sheet_table_and_column_names_never_reach_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    (tmp_path / f"user{MOB}.csv").write_text(
        f"身份证号,tel{MOB2}\n{RID},{MOB}\n{RID2},{MOB2}\n", encoding="utf-8"
    )
    wb = Workbook()
    ws = wb.active
    ws.title = f"id{RID}"[:31]
    ws.append(["身份证号", f"card{CARD}"])
    ws.append([RID2, "x"])
    wb.save(tmp_path / "book.xlsx")
    con = sqlite3.connect(tmp_path / "db.sqlite")
    con.execute(f'create table "acct{CARD}" ("u{EM}" text, "身份证号" text)')
    con.execute(f'insert into "acct{CARD}" values (?, ?)', ("a", RID))
    con.commit()
    con.close()
    text = scan_every_format(str(tmp_path), tmp_path, capsys)
    assert "CN_RESIDENT_ID" in text and "db.sqlite:acct" in text  # the scan read every part
    assert not _leaks(text)


def test_errors_naming_a_file_or_sheet_after_a_value_mask_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / f"{RID}.parquet"
    broken.write_bytes(b"not parquet")
    with pytest.raises(HeguiError) as exc:
        scan(broken, as_of=AS_OF)
    assert "cannot read Parquet" in str(exc.value)
    assert not _leaks(str(exc.value)) and not _leaks(repr(exc.value))
    assert not _leaks(exc.value.path or "")

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = MOB
    wb.active.append([f"c{i}" for i in range(5)])
    book = tmp_path / "wide.xlsx"
    wb.save(book)
    with pytest.raises(HeguiError, match="columns") as exc:
        scan(book, as_of=AS_OF, limits=Limits(max_columns=3))
    assert not _leaks(str(exc.value))

    code, out = run_cli(["scan", str(broken)], capsys)
    assert code == 2 and "cannot read Parquet" in out and not _leaks(out)


def test_an_unknown_table_option_is_not_echoed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite"
    con = sqlite3.connect(db)
    con.execute("create table people (x text)")
    con.close()
    code, out = run_cli(["scan", str(db), "--table", CARD], capsys)
    assert code == 2 and "no table" in out and not _leaks(out)


def test_progress_gets_masked_names(tmp_path: Path) -> None:
    pq.write_table(pa.table({"身份证号": [RID]}), tmp_path / f"{MOB}.parquet")
    (tmp_path / f"x{MOB2}.csv").write_bytes(b"")  # unreadable: reported by its name
    seen: list[str] = []
    scan(tmp_path, as_of=AS_OF, progress=lambda name, i, n: seen.append(name))
    assert len(seen) == 2 and not _leaks(" ".join(seen))
