"""Shared fixtures: a small synthetic table with planted identifiers (no real data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui.detectors.synthetic import Synth

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture
def planted() -> dict[str, list[str]]:
    """Columns of synthetic PI: 40 rows, 3 of them children under 14, 2 aged 14-17."""
    s = Synth(99)
    ids = []
    for i in range(40):
        if i < 3:
            born = AS_OF.replace(year=AS_OF.year - 10)
        elif i < 5:
            born = AS_OF.replace(year=AS_OF.year - 16)
        else:
            born = s.birth_date(1960, 1999)
        ids.append(s.resident_id(born))
    return {
        "姓名": [s.name() for _ in range(40)],
        "身份证号": ids,
        "手机号码": [s.mobile() for _ in range(40)],
        "邮箱": [s.email() for _ in range(40)],
        "银行卡号": [s.bank_card() for _ in range(40)],
        "住址": [s.address() for _ in range(40)],
        "订单号": [s.order_number() for _ in range(40)],
        "金额": [str(s.r.randint(1, 999)) for _ in range(40)],
    }


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``hegui ARGS`` in-process: its exit code and everything it printed."""
    from hegui.cli import main

    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


def scan_every_format(source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``hegui scan --full`` of ``source`` in text, JSON and HTML with ``--profile-out``: all of
    what it printed and wrote, for no-leak checks."""
    blob = []
    for fmt in ("text", "json", "html"):
        facts = tmp_path / f"facts_{fmt}.yaml"
        code, out = run_cli(
            ["scan", source, "-f", fmt, "--as-of", AS_OF.isoformat(), "--full",
             "--profile-out", str(facts)],
            capsys,
        )  # fmt: skip
        assert code == 0, out
        blob += [out, facts.read_text(encoding="utf-8")]
    return "\n".join(blob)
