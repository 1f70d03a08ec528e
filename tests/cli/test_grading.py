"""``hegui grading`` and ``hegui dsr`` run through main() as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.cli import main

EXAMPLE = str(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_grading_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["grading", EXAMPLE, "--as-of", "2026-11-30"], capsys)
    assert code == 0
    assert "clinical-trials: important - designation" in out
    code, out, _ = run(["grading", EXAMPLE, "--as-of", "2026-11-30", "-f", "json"], capsys)
    rows = {r["dataset"]: r for r in json.loads(out)}
    assert rows["payment-cards"]["grade"] == "important"
    assert rows["customers"]["provisional"] is True


def test_dsr_lists_overdue_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["dsr", EXAMPLE, "--as-of", "2026-11-30"], capsys)
    assert code == 0
    assert "DSR-2026-0157 deactivation: overdue, due 2026-11-20" in out
    assert "deemed refused" in out
    code, out, _ = run(["dsr", EXAMPLE, "--as-of", "2026-11-30", "-f", "json"], capsys)
    assert {d["status"] for d in json.loads(out)} == {"met", "overdue", "due"}


def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["grading", EXAMPLE, "--as-of", "30/11/2026"], capsys)
    assert code == 2 and "--as-of" in err
    code, _, err = run(["dsr", EXAMPLE, "--format", "xml"], capsys)
    assert code == 2 and "--format" in err
