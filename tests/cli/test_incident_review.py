"""``hegui incident new`` stores nothing when the record cannot be clocked; penalty text says unknown.

The record was written to the store before its clocks were computed: a record the clocks refuse
(an unknown province, a reports_made typo) exited 2 but left ``inc-...-001.yaml`` behind, so the
corrected record became ``-002`` and ``show -001`` failed for ever.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui.cli import main
from hegui.cli.incident import render_penalty
from hegui.penalties import penalty_exposure


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


RECORD = """\
title: Subscriber records leaked
operator: {name: Example Telecom, province: PROVINCE, sectors: [telecom]}
detected_at: 2026-09-30T23:50
pi_individuals: 2000000
"""


def test_a_record_the_clocks_refuse_is_not_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record, store = tmp_path / "inc.yaml", tmp_path / "store"
    record.write_text(RECORD.replace("PROVINCE", "Zhejiang"), encoding="utf-8")
    code, _, err = _run(["incident", "new", "--from", str(record), "--store", str(store)], capsys)
    assert code == 2 and "operator.province" in err
    assert not list(store.glob("*.yaml"))
    record.write_text(RECORD.replace("PROVINCE", "zhejiang"), encoding="utf-8")
    code, out, _ = _run(
        ["incident", "new", "--from", str(record), "--store", str(store), "--now",
         "2026-10-01T00:00"],
        capsys,
    )  # fmt: skip
    assert code == 0 and "Recorded inc-20260930-001" in out
    assert [p.name for p in store.glob("*.yaml")] == ["inc-20260930-001.yaml"]


def test_penalty_text_with_unknown_amounts_does_not_say_no_fine() -> None:
    # The amended CSL's PI article was not read: the amounts are unknown, not zero.
    r = penalty_exposure("csl.pi_protection", as_of=dt.date(2026, 1, 1))
    assert r.statutory_tier == "unknown"
    text = render_penalty(r)
    assert "no fine in this tier" not in text
    assert "Organisation: unknown (amounts not encoded; see needs review)" in text
    assert "Responsible persons: unknown" in text
    assert "Other sanctions: unknown" in text
    assert "discretion tier: not computed" in text
