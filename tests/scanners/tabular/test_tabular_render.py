"""Text reports: names from the data cannot forge report lines."""

from __future__ import annotations

from pathlib import Path

from hegui.scanners.tabular import render_text, scan

from .conftest import AS_OF


def test_a_newline_in_a_column_name_does_not_forge_report_lines(tmp_path: Path) -> None:
    src = tmp_path / "inj.csv"
    src.write_text(
        '"身份证\n[injected] 0 rows, 0 examined\n  PI categories: none",x\n11010519491231002X,y\n',
        encoding="utf-8",
    )
    text = render_text(scan(src, as_of=AS_OF))
    lines = text.splitlines()
    assert not any(line.startswith("[injected]") for line in lines)
    assert sum(line.strip().startswith("PI categories:") for line in lines) == 2  # table, source
    assert "身份证\\n[injected]" in text  # shown, escaped


def test_bidirectional_overrides_are_escaped(tmp_path: Path) -> None:
    src = tmp_path / "bidi.csv"
    src.write_text("身份证\u202e号,x\n11010519491231002X,2\n", encoding="utf-8")
    text = render_text(scan(src, as_of=AS_OF))
    assert "\u202e" not in text and "身份证\\u202e号" in text
