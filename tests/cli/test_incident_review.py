"""``hegui incident new`` stores nothing when the record cannot be clocked.

The record was written to the store before its clocks were computed: a record the clocks refuse
(an unknown province, a reports_made typo) exited 2 but left ``inc-...-001.yaml`` behind, so the
corrected record became ``-002`` and ``show -001`` failed for ever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main


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
