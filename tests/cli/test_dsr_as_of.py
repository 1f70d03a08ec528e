"""``hegui dsr --as-of``: a request received later does not exist yet, a later answer is not given."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main

PROFILE = """\
organisation: {name: DSR Co}
entities: [{id: main, name: DSR Co Ltd, province: shanghai}]
rights:
  requests:
    - {id: r1, type: copy, received: 2026-05-06, answered: 2026-05-12, entity: main}
"""


def _dsr(path: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(["dsr", str(path), "--as-of", as_of])
    assert not info.value.code
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("as_of", "line"),
    [
        ("2026-05-05", "no requests logged"),
        ("2026-05-06", "r1 copy: due, due 2026-05-26"),
        ("2026-05-11", "r1 copy: due, due 2026-05-26"),
        ("2026-05-12", "r1 copy: met, due 2026-05-26"),
    ],
)
def test_dsr_as_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str, line: str
) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    assert line in _dsr(path, as_of, capsys)
