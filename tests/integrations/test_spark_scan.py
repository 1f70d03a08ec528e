"""The tabular scan on PySpark in local mode gives the same verdicts and counts as pandas."""

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


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    session = local_session("2")
    yield session
    session.stop()


def _frame() -> pd.DataFrame:
    s = Synth(17)
    ids = [
        s.resident_id(AS_OF.replace(year=2016) if i < 4 else s.birth_date(1960, 1999))
        for i in range(120)
    ]
    ids += ids[:10]  # repeated customers
    return pd.DataFrame(
        {
            "姓名": [s.name() for _ in ids],
            "身份证号": ids,
            "手机": [s.mobile() for _ in ids],
            "订单号": [s.order_number() for _ in ids],
        }
    )


def test_spark_report_matches_local_scan(spark) -> None:  # type: ignore[no-untyped-def]
    frame = _frame()
    local = scan(frame, as_of=AS_OF).tables[0]
    sdf = spark.createDataFrame(frame)
    report = scan_spark(sdf, name="customers", as_of=AS_OF, full=True)
    remote = report.tables[0]
    assert [c.entity for c in remote.columns] == [c.entity for c in local.columns]
    assert (
        remote.individuals is not None
        and remote.individuals.value == 120 == local.individuals.value
    )  # type: ignore[union-attr]
    assert remote.minors is not None and (remote.minors.under_14, remote.minors.under_18) == (4, 4)
    assert remote.sensitive_categories == local.sensitive_categories
    assert remote.rows == 130 and remote.rows_examined == 130
    # Above the exact limit the same aggregate becomes HyperLogLog++ (one cheap job to check).
    from pyspark.sql import functions as F

    from hegui.integrations.spark import HLL_RSD, _distinct

    [row] = sdf.agg(_distinct(F.col("身份证号"), approx=True).alias("n")).collect()
    assert abs(row["n"] - 120) <= 6 * HLL_RSD * 120 + 1


def test_spark_column_named_by_a_value_is_shown_as_col_n(spark) -> None:  # type: ignore[no-untyped-def]
    frame = _frame()
    value = frame["身份证号"][0]
    sdf = spark.createDataFrame(frame.rename(columns={"身份证号": value}))
    report = scan_spark(sdf, name="customers", as_of=AS_OF)
    t = report.tables[0]
    assert [c.name for c in t.columns] == ["姓名", "col_2", "手机", "订单号"]
    assert t.individuals is not None and t.individuals.column == "col_2"
    assert t.individuals.value == 120 and t.minors is not None and t.minors.column == "col_2"
    assert value not in report.model_dump_json()
