"""Spark frames with hostile column names: backticks, dots, repeats, values as names.

``scan_spark`` referred to columns by their names in backticks: a name holding a backtick was a
Spark syntax error and repeated names (``toDF("a", "a")``) an ambiguous reference, both raised
as Spark's AnalysisException, whose message quotes the name (which may be a value). Columns
are now taken by position, as in pandas scans.
"""

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
from hegui.scanners.tabular import render_json, render_text  # noqa: E402

AS_OF = dt.date(2026, 11, 30)
_S = Synth(41)
_IDS = [_S.resident_id() for _ in range(30)]
_MOBILES = [_S.mobile() for _ in range(30)]
_EMAILS = [_S.email() for _ in range(30)]


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    session = local_session("2")
    yield session
    session.stop()


def test_names_with_backticks_dots_and_repeats_scan_by_position(spark) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame({"id`card": _IDS, "c.d": _EMAILS, "x": _MOBILES, "y": _MOBILES})
    sdf = spark.createDataFrame(frame).toDF("身份证`号", "邮箱.地址", "手机", "手机")
    report = scan_spark(sdf, name="hostile", as_of=AS_OF, full=True)
    [t] = report.tables
    assert [c.name for c in t.columns] == ["身份证`号", "邮箱.地址", "手机", "手机_2"]
    assert [c.entity for c in t.columns] == [
        "CN_RESIDENT_ID",
        "EMAIL_ADDRESS",
        "CN_MOBILE",
        "CN_MOBILE",
    ]
    assert t.individuals is not None and t.individuals.value == 30
    assert t.minors is not None and t.minors.valid_ids == 30
    assert any("repeated column names" in n for n in t.notes)


def test_value_names_and_nested_columns_never_reach_the_report(spark) -> None:  # type: ignore[no-untyped-def]
    frame = spark.createDataFrame(
        pd.DataFrame({"a": _IDS, "b": _MOBILES, "c": _EMAILS})
    ).selectExpr("a", "b", "named_struct('mail', c) as c")
    sdf = frame.toDF(f"tel{_MOBILES[0]}", _IDS[1], "info")
    report = scan_spark(sdf, name=f"t{_IDS[2]}", as_of=AS_OF, full=True)
    out = render_text(report) + render_json(report)
    assert "CN_RESIDENT_ID" in out and "EMAIL_ADDRESS" in out
    leaked = [v for v in [*_IDS, *_MOBILES, *_EMAILS] if v in out]
    assert not leaked
