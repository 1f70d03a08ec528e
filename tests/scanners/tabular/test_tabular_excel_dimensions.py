"""A worksheet's <dimension> tag may lie: the rows and cells that are there are read.

openpyxl's read-only mode trusts the tag: a sheet declaring A1:B2 gave one row of two columns,
so a sheet of resident IDs in column E scanned as "no personal information" (some writers, and
any hostile file, get the tag wrong). Rows longer than the header get col_N columns.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from hegui.errors import InputTooLargeError
from hegui.scanners.tabular import Limits, scan

from .conftest import AS_OF

_IDS = ["110101198001011005", "110101198102041019", "110101198203111020"]  # synthetic


def _book(path: Path, rows: list[list[object]], dimension: str | None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "s"
    for row in rows:
        ws.append(row)
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if dimension and item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', dimension.encode(), data)
            out.writestr(item, data)
    plain.unlink()
    return path


@pytest.mark.parametrize(
    "dimension", ['<dimension ref="A1:B2"/>', '<dimension ref="A1"/>', "", None]
)
def test_every_row_and_cell_is_read_whatever_the_dimension_says(
    tmp_path: Path, dimension: str | None
) -> None:
    rows = [["姓名", "备注"]] + [["x", "y", None, None, _IDS[i % 3]] for i in range(9)]
    [t] = scan(_book(tmp_path / "s.xlsx", rows, dimension), as_of=AS_OF).tables
    assert t.rows == 9
    [ids] = [c for c in t.columns if c.entity == "CN_RESIDENT_ID"]
    assert ids.name == "col_5" and t.individuals and t.individuals.value == 3


def test_a_dimension_claiming_the_whole_sheet_pads_nothing(tmp_path: Path) -> None:
    rows = [["身份证号"]] + [[i] for i in _IDS]
    path = _book(tmp_path / "big.xlsx", rows, '<dimension ref="A1:XFD1048576"/>')
    [t] = scan(path, as_of=AS_OF, limits=Limits(max_columns=10)).tables
    assert [c.name for c in t.columns] == ["身份证号"] and t.rows == 3


def test_a_row_wider_than_max_columns_is_refused(tmp_path: Path) -> None:
    rows = [["a"], ["x"] * 12]
    with pytest.raises(InputTooLargeError, match="columns"):
        scan(_book(tmp_path / "wide.xlsx", rows, None), as_of=AS_OF, limits=Limits(max_columns=10))
