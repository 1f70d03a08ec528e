"""No raw value leaves the scanner: plant identifiers, run every output format, search everything."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import yaml

from hegui.cli import main
from hegui.profile.models import Dataset

from .conftest import AS_OF


def _planted_values(planted: dict[str, list[str]]) -> list[str]:
    values = [v for col, vs in planted.items() if col not in ("金额",) for v in vs]
    # Two-character names could collide with ordinary words in labels; every other value is long.
    return [v for v in values if len(v) >= 3]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


def _write_source(tmp_path: Path, planted: dict[str, list[str]], kind: str) -> Path:
    rows = list(zip(*planted.values(), strict=True))
    if kind in ("csv", "headerless"):
        # A headerless file named after a value: its first data row would be the column names.
        name = "people.csv" if kind == "csv" else f"{planted['手机号码'][0]}.csv"
        src = tmp_path / name
        with src.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            if kind == "csv":
                w.writerow(planted)
            w.writerows(rows)
        return src
    if kind == "jsonl":
        # Keys that are values (an e-mail as a key), and values inside keys (备注<mobile>).
        src = tmp_path / "people.jsonl"
        lines = [
            json.dumps(
                {**dict(zip(planted, row, strict=True)), row[3]: "1", f"备注{row[2]}": "x"},
                ensure_ascii=False,
            )
            for row in rows
        ]
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return src
    if kind == "xlsx":
        from openpyxl import Workbook

        src = tmp_path / "people.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.title = planted["身份证号"][1]  # a sheet named after a value
        for row in rows:  # no header row: the first row's cells are values
            ws.append(list(row))
        wb.save(src)
        return src
    src = tmp_path / "people.sqlite"
    con = sqlite3.connect(src)
    pd.DataFrame(planted).to_sql("people", con, index=False)
    con.close()
    return src


@pytest.mark.parametrize("kind", ["csv", "sqlite", "headerless", "jsonl", "xlsx"])
def test_no_planted_value_in_any_output(
    tmp_path: Path, planted: dict[str, list[str]], capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    src = _write_source(tmp_path, planted, kind)
    outputs: list[str] = []
    for fmt in ("text", "json", "html"):
        out_file = tmp_path / f"report.{fmt}"
        profile = tmp_path / f"facts_{fmt}.yaml"
        code, printed = _run(
            [
                "scan",
                str(src),
                "--format",
                fmt,
                "--as-of",
                AS_OF.isoformat(),
                "--full",
                "--output",
                str(out_file),
                "--profile-out",
                str(profile),
            ],
            capsys,
        )
        assert code == 0, printed
        outputs += [
            printed,
            out_file.read_text(encoding="utf-8"),
            profile.read_text(encoding="utf-8"),
        ]
        code, printed = _run(
            ["scan", str(src), "--format", fmt, "--as-of", AS_OF.isoformat()], capsys
        )
        outputs.append(printed)
    blob = "\n".join(outputs)
    assert "CN_RESIDENT_ID" in blob and "identity_document" in blob  # the scan did find things
    if kind in ("headerless", "xlsx"):
        assert "header row looks like data" in blob and "individuals: 40" in blob  # row 1 is data
    leaked = [v for v in _planted_values(planted) if v in blob]
    assert not leaked, f"{len(leaked)} raw values leaked"


def test_profile_out_is_read_by_the_profile_model(
    tmp_path: Path, planted: dict[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "people.csv"
    pd.DataFrame(planted).to_csv(src, index=False)
    facts = tmp_path / "facts.yaml"
    code, _ = _run(
        ["scan", str(src), "--as-of", AS_OF.isoformat(), "--profile-out", str(facts)], capsys
    )
    assert code == 0
    doc = yaml.safe_load(facts.read_text(encoding="utf-8"))
    [ds] = [Dataset.model_validate(d) for d in doc["datasets"]]
    assert ds.individuals == 40 and ds.minors_under_14 == 3 and ds.minors_under_18 == 5
    assert "identity_document" in ds.sensitive_categories and ds.source == f"scan:{src}"
    from hegui.law.loader import get_law

    known = set(get_law().mapping("pi_categories"))
    assert set(ds.pi_categories) <= known


def test_cli_exit_codes(
    tmp_path: Path, planted: dict[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "people.csv"
    pd.DataFrame(planted).to_csv(src, index=False)
    assert _run(["scan", str(src), "--fail-on", "sensitive"], capsys)[0] == 1
    clean = tmp_path / "clean.csv"
    pd.DataFrame({"amount": ["1", "2"]}).to_csv(clean, index=False)
    assert _run(["scan", str(clean), "--fail-on", "pi"], capsys)[0] == 0
    assert _run(["scan", str(src), "--format", "pdf"], capsys)[0] == 2
    code, out = _run(["scan", str(tmp_path / "missing.csv")], capsys)
    assert code == 2 and "no such file" in out


def test_profile_out_feeds_hegui_assess(
    tmp_path: Path, planted: dict[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The facts file is included by a profile, loads, and `hegui assess` runs on it."""
    from hegui.api import assess, load_profile

    src = tmp_path / "people.csv"
    pd.DataFrame(planted).to_csv(src, index=False)
    code, _ = _run(
        [
            "scan",
            str(src),
            "--as-of",
            AS_OF.isoformat(),
            "--profile-out",
            str(tmp_path / "facts.yaml"),
        ],
        capsys,
    )
    assert code == 0
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "schema_version: 1\norganisation: {name: Example Co}\ninclude: [facts.yaml]\n"
        "entities: [{id: example, name: Example Co, province: shanghai}]\n",
        encoding="utf-8",
    )
    loaded = load_profile(profile)
    [ds] = loaded.datasets
    assert ds.minors_under_14 == 3 and "minors" in ds.sensitive_categories
    assert assess(loaded, AS_OF).findings is not None
