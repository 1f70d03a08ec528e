"""`hegui developments validate` on a record that is a device: refused, not read forever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hegui.cli import main


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_record_linked_to_dev_zero_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = tmp_path / "2025-05"
    month.mkdir()
    (month / "endless.yaml").symlink_to("/dev/zero")
    with pytest.raises(SystemExit) as info:
        main(["developments", "validate", str(tmp_path)])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "endless.yaml" in err and "larger than" in err and "Traceback" not in err
