"""`hegui developments validate` lists a record's problems top to bottom, each once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hegui.cli import main


def test_problems_are_listed_in_line_order_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["developments", "new", "--id", "blank_2025", "--date", "2025-06-03", "--write",
              "--dir", str(tmp_path)])  # fmt: skip
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(["developments", "validate", str(tmp_path)])
    err = capsys.readouterr().err
    assert info.value.code == 2
    lines = [int(n) for n in re.findall(r"blank_2025\.yaml:(\d+), field", err)]
    # Before, the topmost problem came last (as the raised error) after the others.
    assert len(lines) >= 2 and lines == sorted(lines) and len(set(lines)) == len(lines)
    assert "(and " not in err and "problems in this record" in err.splitlines()[-1]
