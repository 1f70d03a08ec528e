"""Shared fixtures: a small synthetic table with planted identifiers (no real data)."""

from __future__ import annotations

import datetime as dt

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
