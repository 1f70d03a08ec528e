"""Databases through SQLAlchemy (SQLite files, PostgreSQL via psycopg, MySQL ...).

Tables are discovered with the inspector; sampling is pushed to the database (``LIMIT``, or
``TABLESAMPLE BERNOULLI`` on PostgreSQL) and full-table counts stream only the key columns.
A table that fails (permissions, a dropped connection) is skipped and reported, not fatal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from hegui.errors import ScanError
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.tables import strings_table


def redact_url(url: str) -> str:
    """The URL without its password, for reports and errors."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]


def connect(url: str) -> Any:
    """A SQLAlchemy engine; connection problems become :class:`ScanError`."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise ScanError(
            f"unsupported database URL: {type(exc).__name__}", path=redact_url(url)
        ) from None
    try:
        with engine.connect():
            pass
    except Exception as exc:
        raise ScanError(f"cannot connect: {type(exc).__name__}", path=redact_url(url)) from None
    return engine


@dataclass
class SqlTable:
    """One database table, read lazily."""

    engine: Any
    name: str
    schema: str | None
    columns: list[str]
    limits: Limits
    rows: int = 0
    notes: list[str] = field(default_factory=list)

    def _table(self) -> Any:
        from sqlalchemy import MetaData, Table

        return Table(self.name, MetaData(), schema=self.schema, autoload_with=self.engine)

    def count(self) -> None:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            self.rows = int(
                conn.execute(select(func.count()).select_from(self._table())).scalar_one()
            )

    def sample(self, n: int | None, seed: int = 0) -> dict[str, pa.Array]:
        from sqlalchemy import select, text

        table = self._table()
        stmt: Any = select(*[table.c[c] for c in self.columns])
        if n is not None and self.engine.dialect.name == "postgresql" and self.rows > 4 * n:
            pct = min(100.0, 300.0 * n / max(self.rows, 1))
            stmt = text(
                f"SELECT * FROM {self._quoted()} TABLESAMPLE BERNOULLI ({pct:.6f}) REPEATABLE ({seed}) LIMIT {int(n)}"
            )
        elif n is not None:
            stmt = stmt.limit(n)
        with self.engine.connect() as conn:
            result = conn.execute(stmt)
            keys = list(result.keys())
            rows = result.fetchall()
        cols = {c: [r[keys.index(c)] for r in rows] for c in self.columns}
        data, _ = strings_table(cols, self.limits.max_cell_chars)
        return {c: data.column(c).combine_chunks() for c in self.columns}

    def _quoted(self) -> str:
        prep = self.engine.dialect.identifier_preparer
        return (prep.quote_schema(self.schema) + "." if self.schema else "") + prep.quote(self.name)

    def column_chunks(
        self, columns: list[str], chunk_rows: int = 200_000
    ) -> Iterator[dict[str, pa.Array]]:
        from sqlalchemy import select

        table = self._table()
        stmt = select(*[table.c[c] for c in columns])
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk_rows).execute(stmt)
            for part in result.partitions(chunk_rows):
                cols = {c: [r[i] for r in part] for i, c in enumerate(columns)}
                data, _ = strings_table(cols, self.limits.max_cell_chars)
                yield {c: data.column(c).combine_chunks() for c in columns}


def discover(
    engine: Any, url: str, limits: Limits, only: list[str] | None = None
) -> Iterator[SqlTable | tuple[str, str]]:
    """Every table (and view) of the database; yields ``(name, error)`` for ones that fail."""
    from sqlalchemy import inspect

    try:
        insp = inspect(engine)
        schemas = [None] if engine.dialect.name == "sqlite" else [insp.default_schema_name]
        names = [(s, t) for s in schemas for t in insp.get_table_names(schema=s)]
    except Exception as exc:
        raise ScanError(f"cannot list tables: {type(exc).__name__}", path=redact_url(url)) from None
    _check_requested(only, [t for _, t in names], url)
    for schema, name in names:
        if only and name not in only:
            continue
        try:
            cols = [c["name"] for c in insp.get_columns(name, schema=schema)]
            if len(cols) > limits.max_columns:
                yield (name, f"{len(cols)} columns, above max_columns={limits.max_columns}")
                continue
            t = SqlTable(engine, name, schema, cols, limits)
            t.count()
            yield t
        except Exception as exc:
            yield (name, f"could not read table: {type(exc).__name__}")


def _check_requested(only: list[str] | None, names: list[str], url: str) -> None:
    # A mistyped --table would otherwise scan nothing and report a clean database.
    missing = [t for t in only or [] if t not in names]
    if missing:
        raise ScanError(
            f"no table {', '.join(map(repr, missing))} in the database; "
            f"its tables are: {', '.join(names) or '(none)'}",
            path=redact_url(url),
        )
