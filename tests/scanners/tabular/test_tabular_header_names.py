"""Column headers that are people's names (a column per employee) never reach a report raw.

An attendance or payroll sheet with columns 王小明, 李四光, 张伟 showed the names in every report
format and in --profile-out. Ordinary headers with a name's shape (金额, 时长, 周一, 华东) and PI
header words (姓名, 联系人) must stay as they are: ``data/common_headers.txt`` holds ~480 common
column headers, none of which may be masked, even in a table full of names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from hegui.detectors.synthetic import Synth
from hegui.scanners.tabular import scan
from hegui.scanners.tabular.header_names import ORDINARY_HEADERS, name_headers

from .conftest import AS_OF, run_cli, scan_every_format

_HEADERS_FILE = Path(__file__).parent / "data" / "common_headers.txt"
ORDINARY = [
    line.strip()
    for line in _HEADERS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
#: Synthetic names: three characters, two characters, compound surnames, a two-character name
#: padded with an ideographic space, transliterated names with a middle dot.
NAMES = ["王小明", "李四光", "张伟", "刘芳", "陈静怡", "欧阳娜娜", "司马浩然", "赵　敏",
         "阿依古丽·买买提", "扎西·次仁", "约翰・史密斯", "黄晓东"]  # fmt: skip
STRONG_NAMES = ["王小明", "李四光", "陈静怡", "欧阳娜娜", "司马浩然", "阿依古丽·买买提"]
TWO_CHAR_NAMES = ["张伟", "刘芳", "赵　敏"]
PI_HEADER_WORDS = ["姓名", "客户姓名", "联系人", "收件人", "收货人", "持卡人", "申请人",
                   "法定代表人", "真实姓名", "经办人", "负责人", "户主", "患者", "监护人"]  # fmt: skip
#: Near misses: one character, five or more, digits, Latin letters, words joined by a dot.
NEAR_MISSES = ["王", "张", "王小明工资", "欧阳娜娜娜娜", "王小明1", "王小明(元)", "Wang Wei",
               "name", "amount", "zhang_wei", "收入·支出", "省·市", "王-小明", "王小明明明"]  # fmt: skip


def test_the_header_list_is_large_and_mostly_not_curated() -> None:
    # The rule must do the work: the curated list may not just be the test list.
    assert len(ORDINARY) >= 300 and len(set(ORDINARY)) == len(ORDINARY)
    assert len(set(ORDINARY) & ORDINARY_HEADERS) < len(ORDINARY) // 10


def test_no_ordinary_header_is_a_name_alone_or_among_many_names() -> None:
    assert name_headers(ORDINARY) == []
    # Worst case: every ordinary header in one table full of names (two-character ones count).
    mixed = [*NAMES, *ORDINARY, *PI_HEADER_WORDS, *NEAR_MISSES]
    assert name_headers(mixed) == NAMES


def test_every_synthetic_name_is_masked_in_a_sheet_of_names() -> None:
    s = Synth(2026)
    people = list(dict.fromkeys(s.name() for _ in range(2000)))
    assert len(people) > 1000
    assert name_headers(["日期", "部门", *people, "合计"]) == people


def test_two_character_names_need_company() -> None:
    # 张伟 alone reads like 金额 or 时长 to the rule: too weak to mask on its own ...
    assert name_headers(["日期", "张伟", "金额", "备注", "状态"]) == []
    # ... three name-like headers, or most of a table's headers, are a sheet of people.
    assert name_headers(["日期", "张伟", "刘芳", "王小明", "备注"]) == ["张伟", "刘芳", "王小明"]
    assert name_headers(["张伟", "刘芳", "备注"]) == ["张伟", "刘芳"]
    assert name_headers(["王小明", "金额", "备注", "状态", "单位"]) == ["王小明"]


@pytest.mark.parametrize("header", [*PI_HEADER_WORDS, *NEAR_MISSES])
def test_header_words_and_near_misses_are_kept(header: str) -> None:
    assert name_headers([header, *NAMES]) == NAMES


def test_a_scan_shows_name_headers_as_col_n_with_a_note() -> None:
    frame = pd.DataFrame(
        {"日期": ["2026-11-02"] * 4, "col_2": ["x"] * 4, "王小明": ["√"] * 4,
         "张伟": ["√"] * 4, "刘芳": ["×"] * 4, "金额": ["1"] * 4, "周一": ["8"] * 4}
    )  # fmt: skip
    [t] = scan(frame, as_of=AS_OF).tables
    shown = [c.name for c in t.columns]
    assert shown == ["日期", "col_2", "col_3", "col_4", "col_5", "金额", "周一"]
    assert len(set(shown)) == len(shown) and t.rows == 4
    [note] = [n for n in t.notes if "people's names" in n]
    assert note.startswith("3 of 7 column names") and "columns 3, 4, 5" in note
    assert not any(n in note for n in NAMES)


def test_an_existing_col_n_header_keeps_names_unique() -> None:
    frame = pd.DataFrame({"王小明": ["√"], "col_1": ["x"], "李四光": ["√"]})
    [t] = scan(frame, as_of=AS_OF).tables
    shown = [c.name for c in t.columns]
    assert len(set(shown)) == 3 and "王小明" not in shown and "李四光" not in shown


def _leaks(text: str) -> list[str]:
    return [n for n in NAMES if n in text]


def test_name_headers_never_reach_a_report_in_any_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    days = ["2026-11-02", "2026-11-03", "2026-11-04"]
    header = ["日期", "金额", *NAMES, "联系人"]
    rows = [[d, "100", *(["√"] * len(NAMES)), "办公室"] for d in days]
    (tmp_path / "attendance.csv").write_text(
        "\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8"
    )
    wb = Workbook()
    wb.active.title = "考勤"
    wb.active.append(["日期", *STRONG_NAMES])
    wb.active.append([days[0], *([8] * len(STRONG_NAMES))])
    wb.save(tmp_path / "payroll.xlsx")
    (tmp_path / "keys.jsonl").write_text(
        '{"日期": "2026-11-02", "张伟": "√", "刘芳": "√", "黄晓东": "×"}\n', encoding="utf-8"
    )
    with sqlite3.connect(tmp_path / "hr.sqlite") as con:
        cols = ", ".join(f'"{n}" text' for n in NAMES)
        con.execute(f"create table roster (部门 text, {cols})")
        con.execute(f"insert into roster values ({', '.join('?' * (len(NAMES) + 1))})",
                    ["财务", *(["8"] * len(NAMES))])  # fmt: skip
    text = scan_every_format(str(tmp_path), tmp_path, capsys)
    assert "hr.sqlite:roster" in text and "payroll.xlsx" in text and "people's names" in text
    assert "联系人" in text and "金额" in text  # ordinary headers are still shown
    assert not _leaks(text), _leaks(text)

    seen: list[str] = []
    report = scan(tmp_path, as_of=AS_OF, progress=lambda name, i, n: seen.append(name))
    assert len(seen) == 4 and not _leaks(" ".join(seen))
    assert not _leaks(report.model_dump_json())
    csv = next(t for t in report.tables if t.name.endswith("attendance.csv"))
    assert csv.rows == 3  # the header row is a header row, not data


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("工资.xlsx:王小明", "工资.xlsx:***"),
        ("/data/李四光/考勤.csv", "/data/***/考勤.csv"),
        ("阿依古丽·买买提.csv", "********.csv"),
        ("hr.sqlite:欧阳娜娜", "hr.sqlite:****"),
        # Two characters alone, five or more, and ordinary words are kept.
        ("考勤.xlsx:张伟", "考勤.xlsx:张伟"),
        ("王小明工资.xlsx", "王小明工资.xlsx"),
        ("客户信息.csv", "客户信息.csv"),
        ("金额明细.xlsx:周一", "金额明细.xlsx:周一"),
    ],
)
def test_names_in_table_sheet_file_and_folder_names_are_masked(label: str, shown: str) -> None:
    from hegui.scanners.tabular.names import mask_values

    assert mask_values(label) == shown


def test_a_sheet_per_employee_never_shows_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "王小明"
    for name in ("李四光", "陈静怡"):
        wb.create_sheet(name)
    for ws in wb.worksheets:
        ws.append(["日期", "工时"])
        ws.append(["2026-11-02", 8])
    wb.save(tmp_path / "工资.xlsx")
    (tmp_path / "司马浩然.parquet").write_bytes(b"not parquet")  # unreadable: named in the report
    seen: list[str] = []
    report = scan(tmp_path, as_of=AS_OF, progress=lambda name, i, n: seen.append(name))
    assert len(seen) == 4 and not _leaks(" ".join(seen))
    assert len(report.tables) == 4 and not _leaks(report.model_dump_json())
    code, out = run_cli(["scan", str(tmp_path / "司马浩然.parquet")], capsys)
    assert code == 2 and "cannot read Parquet" in out and not _leaks(out)
    for fmt in ("text", "json", "html"):
        code, out = run_cli(
            ["scan", str(tmp_path), "-f", fmt, "--as-of", AS_OF.isoformat()], capsys
        )
        assert code == 0 and "工资.xlsx" in out and not _leaks(out), out
