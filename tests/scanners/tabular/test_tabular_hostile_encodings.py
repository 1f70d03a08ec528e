"""A file that switches encoding mid-way is an error naming the lines where each decoding fails.

The message gave a byte offset only ("bad byte at 48"): in a file of a million lines, no help
finding the rows written by another program. It now names the line (and byte) where UTF-8 fails
and where GB18030 fails, and never quotes the bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.errors import ScanError
from hegui.scanners.tabular import Limits, scan
from hegui.scanners.tabular.files import read_jsonl

from .conftest import AS_OF

_IDS = ["110101198001011005", "110101198102041019"]  # synthetic


def test_utf8_then_gbk_names_the_first_gbk_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    utf8 = "姓名,身份证号\n" + f"王小明,{_IDS[0]}\n" * 3
    path.write_bytes(utf8.encode("utf-8") + f"李四,{_IDS[1]}\n".encode("gbk"))
    with pytest.raises(ScanError) as exc:
        scan(path, as_of=AS_OF)
    message = str(exc.value)
    assert "UTF-8 (line 5," in message and "GB18030/GBK" in message
    assert _IDS[1] not in message and exc.value.line == 5


def test_gbk_then_utf8_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    gbk = "".join(f'{{"姓名": "王小明{i}"}}\n' for i in range(40)).encode("gbk")
    path.write_bytes(gbk + '{"姓名": "张三丰"}\n'.encode())
    with pytest.raises(ScanError) as exc:
        read_jsonl(path, Limits())
    message = str(exc.value)
    assert "UTF-8 (line 1," in message and "GB18030/GBK (line 41," in message
