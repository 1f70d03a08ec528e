"""Scan files, directories, databases and DataFrames for personal information.

``scan()`` samples each table, classifies every column, then streams the key columns of the whole
table to count distinct individuals and minors. Only counts, categories and masked samples come
out; a table that cannot be read is reported as skipped with a reason that holds no values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from hegui.detectors.registry import get_detector
from hegui.errors import HeguiError, ScanError
from hegui.scanners.tabular import names, sources, sql
from hegui.scanners.tabular.classify import classify_column
from hegui.scanners.tabular.counting import DistinctCounter, MinorCounter
from hegui.scanners.tabular.grading import propose_grade
from hegui.scanners.tabular.limits import Clock, Limits
from hegui.scanners.tabular.models import (
    ColumnVerdict,
    DistinctCount,
    MinorCount,
    SourceReport,
    TableReport,
)
from hegui.scanners.tabular.pimap import PiMap, pi_map
from hegui.scanners.tabular.tables import Table

DEFAULT_SAMPLE = 1000

#: Entities that identify one person, best first: the first such column keys the table.
KEY_PRIORITY = (
    "CN_RESIDENT_ID", "HK_ID_CARD", "MO_ID_CARD", "TW_ID_CARD", "CN_PASSPORT", "CN_HK_MACAO_PERMIT",
    "CN_TAIWAN_PERMIT", "CN_MOBILE", "EMAIL_ADDRESS", "CN_BANK_CARD", "IMEI", "OAID", "ANDROID_ID", "IDFA",
)  # fmt: skip
KEY_MIN_SHARE = 0.8

Progress = Callable[[str, int, int], None]
_NOTHING = {"directory": "no file directly in it ends in " + ", ".join(sorted(sources.SUFFIXES))}


def scan(
    source: str | Path | Any,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    full: bool = False,
    as_of: dt.date | None = None,
    tables: list[str] | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    name: str | None = None,
    seed: int = 0,
) -> SourceReport:
    """Scan a file, a directory of files, a SQLAlchemy URL, a pandas DataFrame or an Arrow table.

    Args:
        source: path, URL (``sqlite:///x.db``, ``postgresql://...``) or an in-memory table.
        sample: rows sampled per table for classification (ignored with ``full``).
        full: classify on every row.
        as_of: date for ages of minors (default: today in China).
        tables: only these database tables.
        limits: size, row, column, cell and time bounds.
        progress: called as ``progress(table_name, index, total)``.
        name: display name for in-memory sources.
        seed: the random sample's seed: the same seed and data give the same sample, except
            where a database cannot seed it (the table's notes say so).
    """
    try:
        return _scan(source, sample, full, as_of, tables, limits, progress, name, seed)
    except HeguiError as exc:
        raise _masked_error(exc) from None


def _masked_error(exc: HeguiError) -> HeguiError:
    """``exc`` with values in its path and message masked.

    Errors name files, sheets and tables, and quote what was asked for (``--table``): all can be
    values (a file named after a resident ID). The traceback is dropped with the original.
    """
    exc.path = names.mask_values(exc.path) if exc.path else exc.path
    exc.message = names.mask_values(exc.message)
    exc.args = (str(exc),)
    return exc


def _scan(
    source: str | Path | Any,
    sample: int | None,
    full: bool,
    as_of: dt.date | None,
    tables: list[str] | None,
    limits: Limits | None,
    progress: Progress | None,
    name: str | None,
    seed: int,
) -> SourceReport:
    limits = limits or Limits()
    if as_of is None:
        from hegui.api import today_in_china

        as_of = today_in_china()
    if sample is not None and sample <= 0:
        raise HeguiError("--sample must be a positive number of rows", field="sample")
    kind, label, items = sources.open_source(source, limits, tables, name)
    if not items:
        # An empty folder or a database without tables: a clean report would read as "no PI".
        why = _NOTHING.get(kind, "the database has no tables")
        raise ScanError(f"no tables found: {why}", path=label)
    clock = Clock(limits)
    pimap = pi_map()
    reports: list[TableReport] = []
    items = list(items)
    for i, item in enumerate(items):
        if progress:  # a progress bar shows names too: masked like the report's
            shown = item[0] if isinstance(item, tuple) else item.name
            progress(names.mask_values(shown), i, len(items))
        if isinstance(item, tuple):
            reports.append(
                TableReport(name=item[0], rows=0, rows_examined=0, columns=[], skipped=item[1])
            )
            continue
        clock.check(label)
        try:
            reports.append(
                scan_table(
                    item,
                    sample=None if full else sample,
                    as_of=as_of,
                    limits=limits,
                    pimap=pimap,
                    clock=clock,
                    seed=seed,
                )
            )
        except HeguiError:
            raise
        except Exception as exc:  # a dropped connection mid-table: report, do not crash
            reports.append(
                TableReport(
                    name=item.name,
                    rows=item.rows,
                    rows_examined=0,
                    columns=[],
                    skipped=f"failed: {sql.db_error(exc)}",
                )
            )
    return _source_report(label, kind, as_of, sample, full, reports, pimap)


def scan_table(
    table: Table,
    *,
    sample: int | None,
    as_of: dt.date,
    limits: Limits,
    pimap: PiMap,
    clock: Clock | None = None,
    seed: int = 0,
) -> TableReport:
    """Classify one table's columns and count its individuals and minors.

    ``clock`` (the scan's deadline) is checked before every column and every counted chunk, so
    one wide or long table cannot run past ``Limits.timeout_s``.
    """
    clock = clock or Clock(limits)
    where = names.mask_values(table.name)
    sample, capped = _full_cap(table, sample, limits)
    cols = table.sample(sample, seed)
    verdicts = _classify(table, cols, pimap, clock, where)
    safe = names.safe_table(table, verdicts)
    if safe is not None:  # a name is a value: classify again under the safe names
        table = safe
        cols = table.sample(sample, seed)
        verdicts = _classify(table, cols, pimap, clock, where)
    examined = len(next(iter(cols.values()))) if cols else 0
    key = _key_column(verdicts)
    id_col = next(
        (v.name for v in verdicts if v.entity == "CN_RESIDENT_ID" and v.strategy == "cell"), None
    )
    individuals: DistinctCount | None = None
    minors: MinorCount | None = None
    stream = [c for c in dict.fromkeys([key.name if key else None, id_col]) if c]
    counter = DistinctCounter(limits.exact_distinct_limit)
    minor = MinorCounter(as_of, limits.exact_distinct_limit)
    if stream:
        detector = get_detector(key.entity) if key and key.entity else None
        for chunk in table.column_chunks(stream):
            clock.check(where)
            if key and detector:
                valid = np.asarray(detector.match_column(chunk[key.name], key.name), dtype=bool)
                counter.add(chunk[key.name], valid)
            if id_col:
                minor.add(chunk[id_col])
    pi_cats = _ordered(c for v in verdicts for c in v.categories)
    sens = _ordered(c for v in verdicts for c in v.sensitive_categories)
    notes = list(table.notes)
    if capped:
        notes.append(capped)
    drawn = _sample_note(table)
    if drawn:
        notes.append(drawn)
    if key:
        individuals = DistinctCount(
            column=key.name,
            entity=key.entity,
            value=counter.count(),
            method=counter.method,
            relative_error=counter.relative_error,
        )
    elif pi_cats:
        individuals = DistinctCount(column=None, entity=None, value=table.rows, method="rows")
        notes.append("no identifier column: individuals is the row count (an upper bound)")
    if id_col:
        minors = MinorCount(
            column=id_col,
            as_of=as_of,
            under_14=minor.under_14.count(),
            under_18=minor.under_18.count(),
            valid_ids=minor.valid.count(),
        )
        if minors.under_14 and "minors" not in sens:
            pi_cats.append("minors")
            sens.append("minors")
    grade = propose_grade(pi_cats, sens, individuals.value if individuals else None, pimap)
    return TableReport(
        name=table.name,
        rows=table.rows,
        rows_examined=examined,
        columns=verdicts,
        pi_categories=pi_cats,
        sensitive_categories=sens,
        individuals=individuals,
        minors=minors,
        grade=grade,
        notes=notes,
    )


def _classify(
    table: Table, cols: dict[str, pa.Array], pimap: PiMap, clock: Clock, where: str
) -> list[ColumnVerdict]:
    verdicts = []
    for c in table.columns:
        clock.check(where)
        verdicts.append(classify_column(c, cols[c], pimap))
    return verdicts


def _full_cap(table: Table, sample: int | None, limits: Limits) -> tuple[int | None, str | None]:
    """The rows a ``--full`` scan classifies, capped for database tables (see max_full_cells)."""
    inner = table
    while isinstance(inner, names.RenamedTable):
        inner = inner.inner
    width = max(1, len(table.columns))
    if sample is not None or not isinstance(inner, sql.SqlTable):
        return sample, None  # files and DataFrames are in memory already
    if table.rows * width <= limits.max_full_cells:
        return None, None
    rows = max(1, limits.max_full_cells // width)
    return rows, (
        f"--full: columns classified on {rows:,} of {table.rows:,} rows, since the whole "
        f"table's {table.rows * width:,} cells exceed max_full_cells={limits.max_full_cells:,} "
        "(held in memory to classify); individuals and minors are counted on every row"
    )


def _sample_note(table: Table) -> str | None:
    """How a database drew the table's sample (random, seeded or not, or its first rows).

    :meth:`sql.SqlTable.sample` records it; files and DataFrames are sampled at random with the
    seed in memory, which needs no note.
    """
    while isinstance(table, names.RenamedTable):
        table = table.inner
    return table.sample_note if isinstance(table, sql.SqlTable) else None


def _key_column(verdicts: list[ColumnVerdict]) -> ColumnVerdict | None:
    ranked = [
        v
        for v in verdicts
        if v.entity in KEY_PRIORITY
        and v.strategy in ("cell", "consistency")
        and v.entities
        and v.entities[0].share >= KEY_MIN_SHARE
    ]
    ranked.sort(key=lambda v: KEY_PRIORITY.index(str(v.entity)))
    return ranked[0] if ranked else None


def _ordered(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _source_report(
    label: str,
    kind: str,
    as_of: dt.date,
    sample: int | None,
    full: bool,
    reports: list[TableReport],
    pimap: PiMap,
) -> SourceReport:
    pi = _ordered(c for t in reports for c in t.pi_categories)
    sens = _ordered(c for t in reports for c in t.sensitive_categories)
    most = max((t.individuals.value for t in reports if t.individuals), default=None)
    minors_present = any(t.minors and t.minors.under_18 for t in reports) or "minors" in sens
    for t in reports:  # names and reasons can quote the data (files named after an ID number)
        t.name = names.mask_values(t.name)
        t.skipped = names.mask_values(t.skipped) if t.skipped else t.skipped
        t.notes = [names.mask_values(n) for n in t.notes]
    unread = [t.name for t in reports if t.skipped and not _excluded(t.skipped)]
    return SourceReport(
        source=names.mask_values(label),
        kind=kind,
        as_of=as_of,
        sample=None if full else sample,
        full=full,
        tables=reports,
        pi_categories=pi,
        sensitive_categories=sens,
        minors_present=bool(minors_present),
        unread=unread,
        grade=propose_grade(pi, sens, most, pimap, unread),
        category_names={c: pimap.name(c) for c in pi},
    )


#: Skip reasons that say a part was left out on request (``--table``), not that it was unreadable.
_EXCLUSIONS = ("no table ", "--table selects", sql.VIEW_NOT_SCANNED, sources.SHADOW_NOT_SCANNED)


def _excluded(reason: str) -> bool:
    return reason.startswith(_EXCLUSIONS)
