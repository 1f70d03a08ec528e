"""The tabular scan on Apache Spark: a PySpark DataFrame in, the same :class:`SourceReport` out.

Classification runs on a random sample collected to the driver (the same code as a file scan).
Counts run in Spark on every row: key values are validated and canonicalised by a vectorised
pandas UDF (hegui's own column matchers), then counted exactly (``countDistinct``) or, above
``Limits.exact_distinct_limit`` rows, with Spark's HyperLogLog++ (``approx_count_distinct``) at
the relative error stated in the report. With ``full=True`` the entity shares of every column
are recomputed over all rows with ``mapInPandas``. Spark uses every core it was given
(``local[*]`` on one machine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from hegui.detectors import vectorized as vz
from hegui.detectors.cn.cn_resident_id_detector import birth_dates_vec
from hegui.detectors.registry import get_detector
from hegui.scanners.tabular.classify import classify_column
from hegui.scanners.tabular.grading import propose_grade
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.models import DistinctCount, MinorCount, SourceReport, TableReport
from hegui.scanners.tabular.pimap import pi_map
from hegui.scanners.tabular.scanner import DEFAULT_SAMPLE, _key_column, _ordered, _source_report
from hegui.scanners.tabular.tables import renamed_note, strings_table, unique_names

#: Relative standard deviation asked of Spark's approx_count_distinct (HyperLogLog++).
HLL_RSD = 0.01


def local_session(cores: str = "*", app: str = "hegui-scan") -> Any:
    """A local SparkSession on all cores, with the UI off and loopback networking."""
    import os
    import sys

    from pyspark.sql import SparkSession

    # Workers must run this interpreter (with pyarrow and hegui), not whatever python3 is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.pyspark.python", sys.executable)
        .getOrCreate()
    )


def scan_spark(
    df: Any,
    *,
    name: str = "spark_dataframe",
    sample: int | None = DEFAULT_SAMPLE,
    full: bool = False,
    as_of: dt.date | None = None,
    limits: Limits | None = None,
) -> SourceReport:
    """Scan a PySpark DataFrame; the report has the same shape as :func:`hegui.scanners.tabular.scan`."""
    from pyspark.sql import functions as F

    limits = limits or Limits()
    if as_of is None:
        from hegui.api import today_in_china

        as_of = today_in_china()
    pimap = pi_map()
    raw = list(df.columns)
    columns = unique_names(raw)  # repeated or blank names, as in pandas scans
    # Spark sees positional names only: a name with a backtick or a dot, or a repeated one, would
    # be a syntax error or an ambiguous reference, raised with the name (maybe a value) quoted.
    at = {c: f"_c{i}" for i, c in enumerate(columns)}
    sdf = df.toDF(*at.values())
    sdf = sdf.select([F.col(p).cast("string").alias(p) for p in at.values()])
    rows = sdf.count()
    n = sample or DEFAULT_SAMPLE
    part = sdf if rows <= n else sdf.sample(fraction=min(1.0, 2.0 * n / rows), seed=0).limit(n)
    pdf = part.toPandas()
    data, _ = strings_table({c: pdf[at[c]].tolist() for c in columns}, limits.max_cell_chars)
    verdicts = [classify_column(c, data.column(c).combine_chunks(), pimap) for c in columns]
    if full:
        _recount_shares(sdf, verdicts, rows, at)
    key = _key_column(verdicts)
    id_col = next(
        (v.name for v in verdicts if v.entity == "CN_RESIDENT_ID" and v.strategy == "cell"), None
    )
    pi_cats = _ordered(c for v in verdicts for c in v.categories)
    sens = _ordered(c for v in verdicts for c in v.sensitive_categories)
    notes = ["scanned with Apache Spark", *renamed_note(raw, columns)]
    approx = rows > limits.exact_distinct_limit
    # One Spark job for every distinct count: key values, valid IDs, IDs under 14 and under 18.
    exprs: dict[str, Any] = {}
    if key and key.entity:
        exprs["key"] = _canonical_udf(key.entity, key.name)(F.col(at[key.name]))
    if id_col:
        exprs["id"] = _canonical_udf("CN_RESIDENT_ID", id_col)(F.col(at[id_col]))
        exprs["born"] = _birth_udf()(F.col(at[id_col]))
    counts: dict[str, int] = {}
    if exprs:
        frame = sdf.select(*[e.alias(k) for k, e in exprs.items()])
        aggs = []
        if "key" in exprs:
            aggs.append(_distinct(F.col("key"), approx).alias("key"))
        if id_col:
            cut14, cut18 = _years_before(as_of, 14), _years_before(as_of, 18)
            aggs += [
                _distinct(F.col("id"), approx).alias("valid"),
                _distinct(F.when(F.col("born") > F.lit(cut14), F.col("id")), approx).alias("u14"),
                _distinct(F.when(F.col("born") > F.lit(cut18), F.col("id")), approx).alias("u18"),
            ]
        counts = {k: int(v) for k, v in frame.agg(*aggs).collect()[0].asDict().items()}
    individuals = None
    if key and key.entity:
        individuals = DistinctCount(
            column=key.name,
            entity=key.entity,
            value=counts["key"],
            method="hyperloglog" if approx else "exact",
            relative_error=HLL_RSD if approx else None,
        )
    elif pi_cats:
        individuals = DistinctCount(column=None, entity=None, value=rows, method="rows")
        notes.append("no identifier column: individuals is the row count (an upper bound)")
    minors = None
    if id_col:
        minors = MinorCount(
            column=id_col,
            as_of=as_of,
            under_14=counts["u14"],
            under_18=counts["u18"],
            valid_ids=counts["valid"],
        )
        if minors.under_14 and "minors" not in sens:
            pi_cats.append("minors")
            sens.append("minors")
    _safe_names(columns, verdicts, individuals, minors, notes)
    table = TableReport(
        name=name,
        rows=rows,
        rows_examined=rows if full else len(pdf),
        columns=verdicts,
        pi_categories=pi_cats,
        sensitive_categories=sens,
        individuals=individuals,
        minors=minors,
        grade=propose_grade(pi_cats, sens, individuals.value if individuals else None, pimap),
        notes=notes,
    )
    return _source_report(name, "spark", as_of, sample, full, [table], pimap)


def _safe_names(
    columns: list[str],
    verdicts: list[Any],
    individuals: DistinctCount | None,
    minors: MinorCount | None,
    notes: list[str],
) -> None:
    # Column names that are values (a frame built from headerless data) never reach the report;
    # Spark queried the real names above, the report shows the safe ones.
    from hegui.scanners.tabular.names import display_names

    names = display_names(columns, verdicts)
    if not names.changed:
        return
    for v in verdicts:
        v.name = names.of(v.name)
    if individuals and individuals.column:
        individuals.column = names.of(individuals.column)
    if minors:
        minors.column = names.of(minors.column)
    notes.extend(names.notes)


def _distinct(column: Any, approx: bool) -> Any:
    """A distinct-count aggregate: exact, or HyperLogLog++ at ``HLL_RSD`` (nulls are not counted)."""
    from pyspark.sql import functions as F

    return F.approx_count_distinct(column, rsd=HLL_RSD) if approx else F.count_distinct(column)


def _canonical_udf(entity: str, header: str) -> Any:
    """pandas UDF: the canonical value of valid cells, null for invalid ones."""
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("string")  # type: ignore[call-overload]
    def canonical(values: pd.Series) -> pd.Series:
        arr = vz.to_arrow(values)
        ok = get_detector(entity).match_column(arr, header)
        canon = vz.canonical(arr).to_pandas()
        return canon.where(pd.Series(ok, index=canon.index), None)

    return canonical


def _birth_udf() -> Any:
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("date")  # type: ignore[call-overload]
    def birth(values: pd.Series) -> pd.Series:
        dates = birth_dates_vec(vz.to_arrow(values))
        return pd.Series(pd.to_datetime(dates).date, index=values.index).where(
            ~np.isnat(dates), None
        )

    return birth


def _recount_shares(sdf: Any, verdicts: list[Any], rows: int, at: dict[str, str]) -> None:
    """Recompute each column's entity shares over every row (``--full``) in Spark.

    ``at`` maps a column's name to its positional name in ``sdf``.
    """
    candidates = {
        v.name: [e.entity for e in v.entities]
        for v in verdicts
        if v.entities and v.strategy == "cell"
    }
    if not candidates:
        return

    def count(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        out: list[tuple[str, str, int, int]] = []
        for batch in batches:
            for col, ents in candidates.items():
                arr = pa.array(batch[at[col]].tolist(), type=pa.string())
                non_null = int(len(arr) - arr.null_count)
                for ent in ents:
                    out.append(
                        (col, ent, int(get_detector(ent).match_column(arr, col).sum()), non_null)
                    )
        yield pd.DataFrame(out, columns=["col", "entity", "matches", "non_null"])

    schema = "col string, entity string, matches long, non_null long"
    totals = (
        sdf.mapInPandas(count, schema).groupBy("col", "entity").sum("matches", "non_null").collect()
    )
    by_col = {v.name: v for v in verdicts}
    for r in totals:
        v = by_col[r["col"]]
        for es in v.entities:
            if es.entity == r["entity"]:
                es.matches = int(r["sum(matches)"])
                es.share = round(es.matches / max(int(r["sum(non_null)"]), 1), 4)
        v.cells_examined = rows
    for v in verdicts:
        v.entities.sort(key=lambda e: -e.share)


def _years_before(day: dt.date, years: int) -> dt.date:
    # The same rule as file scans (29 February birthdays count from 28 February in common years).
    from hegui.scanners.tabular.counting import latest_birth_date

    return latest_birth_date(day, years)
