"""``hegui incident new/show/draft`` and ``hegui penalty`` through main(), with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.cli import main

ROOT = Path(__file__).parents[2]
ZJ = str(ROOT / "examples" / "incidents" / "zj_telecom_subscriber_leak.yaml")
RETAIL = str(ROOT / "examples" / "incidents" / "ordinary_retailer_leak.yaml")
PROFILE = str(ROOT / "examples" / "acme" / "profile.yaml")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_new_show_draft_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    code, out, _ = run(
        ["incident", "new", "--from", ZJ, "--store", store, "--now", "2026-10-01T23:58"], capsys
    )
    assert code == 0
    assert "Recorded inc-20261001-001" in out
    assert "by 2026-10-02 00:05 (Fri) [7m" not in out  # minutes are zero-padded
    assert "by 2026-10-02 00:05 (Fri) [0h 07m left]" in out
    code, out, _ = run(
        ["incident", "show", "inc-20261001-001", "--store", store, "--now", "2026-10-02T00:30"],
        capsys,
    )
    assert code == 0 and "OVERDUE by 0h 25m" in out and "orange" in out
    code, out, _ = run(
        [
            "incident",
            "show",
            "inc-20261001-001",
            "--store",
            store,
            "--format",
            "json",
            "--now",
            "2026-10-02T00:00",
        ],
        capsys,
    )
    data = json.loads(out)
    phone = next(r for reg in data["regimes"] for r in reg["reports"] if r["report"] == "zj_phone")
    assert phone["deadline"] == "2026-10-02T00:05:00+08:00" and phone["seconds_left"] == 300
    code, out, _ = run(["incident", "draft", "inc-20261001-001", "--store", store], capsys)
    assert code == 0 and "电话报告 / Phone report" in out and "浙江省通信管理局" in out
    code, out, _ = run(
        [
            "incident",
            "draft",
            "inc-20261001-001",
            "--store",
            store,
            "--report",
            "summary",
            "-f",
            "json",
        ],
        capsys,
    )
    assert {s["report"] for s in json.loads(out)["sections"]} == {"cac_summary", "zj_summary"}


def test_new_with_profile_stores_the_operator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s"
    code, _, _ = run(
        ["incident", "new", "--from", RETAIL, "--store", str(store), "--profile", PROFILE], capsys
    )
    assert code == 0
    # Later commands need no profile: the operator's facts were stored with the record.
    code, out, _ = run(["incident", "show", "inc-20260930-001", "--store", str(store)], capsys)
    assert code == 0 and "艾克米" in out


def test_new_interactive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from hegui.cli import _register_all, root

    _register_all()
    answers = "\n".join(
        [
            "Lost laptop",
            "Small Co",
            "shanghai",
            "",
            "n",
            "2026-05-01T09:30",
            "data_leak",
            "2000000",
            "0",
            "n",
        ]
    )
    res = CliRunner().invoke(
        root,
        ["incident", "new", "--store", str(tmp_path), "--now", "2026-05-01T10:00"],
        input=answers + "\n",
    )
    assert res.exit_code == 0, res.output
    assert "by 2026-05-01 13:30 (Fri) [3h 30m left]" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["incident", "show", "inc-20260101-001", "--store", "/nonexistent"],
        ["incident", "show", "bad id", "--store", "/tmp"],
        ["incident", "new", "--from", "/nonexistent.yaml"],
        ["incident", "show", "inc-20260101-001", "--format", "xml"],
        ["penalty", "--violation", "nope"],
        ["penalty", "--violation", "dsl.security_duties", "--circumstance", "bogus"],
        ["penalty"],
        ["penalty", "--violation", "dsl.security_duties", "--as-of", "2026-02-30"],
    ],
)
def test_input_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(args, capsys)
    assert code == 2 and err.startswith("error:")


def test_bad_record_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: t\noperator: {name: X, province: shanghai}\ndetected_at: 2026-05-01\n",
        encoding="utf-8",
    )
    code, _, err = run(
        ["incident", "new", "--from", str(bad), "--store", str(tmp_path / "s")], capsys
    )
    assert code == 2 and f"{bad}:3" in err and "detected_at" in err


def test_penalty_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [
            "penalty",
            "--violation",
            "dsl.important_data_export",
            "--circumstance",
            "actively_eliminated_harm",
            "--as-of",
            "2026-11-30",
        ],
        capsys,
    )
    assert code == 0 and "band CNY 100,000 - CNY 370,000" in out and "lenient" in out
    code, out, _ = run(
        [
            "penalty",
            "--violation",
            "pipl.unlawful_processing",
            "-c",
            "serious",
            "--profile",
            PROFILE,
            "--entity",
            "acme-pay",
            "--as-of",
            "2026-11-30",
            "-f",
            "json",
        ],
        capsys,
    )
    data = json.loads(out)
    assert data["organisation"][1]["statutory_max"] == 60_000_000  # 5% of CNY 1.2 billion
    code, out, _ = run(["penalty", "--list"], capsys)
    assert code == 0 and "dsl.security_duties:" in out


def test_new_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = str(ROOT / "examples" / "incidents" / "bank_card_leak.yaml")
    code, out, _ = run(
        ["incident", "new", "--from", bank, "--store", str(tmp_path), "-f", "json"], capsys
    )
    assert code == 0
    data = json.loads(out)
    assert data["incident_id"] == "inc-20260101-001"
    assert {r["regime"] for r in data["regimes"]} == {"cac", "pboc", "pipl57"}
