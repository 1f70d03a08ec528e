"""scan_spark shows column headers that are people's names as col_N, as the local scan does."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil

import pandas as pd
import pytest

from tests.conftest import require

pytestmark = [pytest.mark.slow, pytest.mark.spark]

require(importlib.util.find_spec("pyspark"), "PySpark is not installed (the spark extra)")
require(shutil.which("java"), "Spark needs Java (make system-deps installs a JRE)")

from hegui.detectors.synthetic import Synth  # noqa: E402
from hegui.integrations.spark import local_session, scan_spark  # noqa: E402
from hegui.scanners.tabular import scan  # noqa: E402

AS_OF = dt.date(2026, 11, 30)
NAMES = ["王小明", "李四光", "张伟", "刘芳"]


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    session = local_session("2")
    yield session
    session.stop()


def test_spark_name_headers_are_shown_as_col_n(spark) -> None:  # type: ignore[no-untyped-def]
    s = Synth(5)
    ids = [s.resident_id(s.birth_date(1960, 1999)) for _ in range(40)]
    # A roster pivoted by person; 王小明's column holds the ID numbers (the key column).
    frame = pd.DataFrame(
        {"日期": ["2026-11-02"] * 40, "金额": ["100"] * 40, "王小明": ids,
         "李四光": ["√"] * 40, "张伟": ["√"] * 40, "刘芳": ["×"] * 40}
    )  # fmt: skip
    local = scan(frame, as_of=AS_OF).tables[0]
    report = scan_spark(spark.createDataFrame(frame), name="roster", as_of=AS_OF, full=True)
    t = report.tables[0]
    assert [c.name for c in t.columns] == ["日期", "金额", "col_3", "col_4", "col_5", "col_6"]
    assert [c.name for c in t.columns] == [c.name for c in local.columns]
    assert t.individuals is not None and t.individuals.column == "col_3"
    assert t.individuals.value == 40 and t.minors is not None and t.minors.column == "col_3"
    assert any(n.startswith("4 of 6 column names look like people's names") for n in t.notes)
    dumped = report.model_dump_json()
    assert not [n for n in NAMES if n in dumped]
