"""The root command: --version, and the help listing every command group."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui import __version__
from hegui.cli import main

EXAMPLE = str(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--version"], capsys)
    assert code == 0 and out.strip() == f"hegui {__version__}"


def test_help_lists_the_command_groups(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--help"], capsys)
    assert code == 0
    for name in ("assess", "calendar", "incident", "law", "mlps", "scan", "register"):
        assert name in out


def test_dsr_writes_to_output_like_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "dsr.txt"
    code, out, err = _run(["dsr", EXAMPLE, "--as-of", "2026-11-30", "-o", str(target)], capsys)
    assert code == 0 and out == "" and f"wrote {target}" in err
    assert target.read_text(encoding="utf-8").strip()
