"""Databases through SQLAlchemy (SQLite files, PostgreSQL via psycopg, MySQL ...).

Tables are discovered with the inspector; sampling is pushed to the database (a random sample
where the dialect allows, see :mod:`hegui.scanners.tabular.sampling`) and full-table counts
stream only the key columns.
A table that fails (permissions, a dropped connection) is skipped and reported, not fatal.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_plus

import pyarrow as pa

from hegui.errors import ScanError
from hegui.scanners.tabular import sampling
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.names import mask_values
from hegui.scanners.tabular.tables import cut_note, renamed_note, strings_table, unique_names

#: Why a view is listed but not scanned (a reason the report counts as left out on request).
VIEW_NOT_SCANNED = (
    "a view, not scanned: it shows rows of the tables scanned (--table NAME scans it)"
)

#: Query-string parameters whose values are secrets (psycopg's ``password``, PyMySQL's
#: ``passwd``, ``sslpassword``, tokens, keys ...), matched on the decoded name.
_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|credential|key|auth", re.IGNORECASE)


def redact_url(url: str) -> str:
    """The URL without its password, in the user part or in the query string."""
    # The query first, on the raw text: an unescaped '@' in a secret would make URL parsing take
    # the query for a user part. The secret's own name is kept, so the reader sees what was hidden.
    url = _redact_query(url)
    try:
        from sqlalchemy.engine import make_url

        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:
        shown = url.split("@")[-1]
    return _redact_query(shown).replace("=%2A%2A%2A", "=***")


def _redact_query(url: str) -> str:
    head, sep, rest = url.partition("?")
    if not sep:
        return url
    # No '#' fragment split: database URLs have none, and a '#' may be part of a secret.
    parts = re.split(r"([&;])", rest)
    for i, part in enumerate(parts):
        key, eq, _ = part.partition("=")
        if eq and _SECRET_PARAM.search(unquote_plus(key)):
            parts[i] = f"{key}=***"
    return head + sep + "".join(parts)


#: The driver a URL without one gets: the ones hegui installs (SQLAlchemy's own defaults for
#: MySQL and MariaDB, mysqlclient and mariadb-connector, need C libraries it does not ship).
_DEFAULT_DRIVERS = {
    "postgresql://": "postgresql+psycopg://",
    "mysql://": "mysql+pymysql://",
    "mariadb://": "mariadb+pymysql://",
}

#: Why a connection or a table failed, by MySQL error code or PostgreSQL SQLSTATE: the driver's
#: own message is never shown (it can quote the URL, a user, a statement or a value).
_DB_ERRORS = {
    1044: "access denied to the database",
    1045: "access denied (wrong user or password)",
    1049: "unknown database",
    1142: "permission denied",
    1143: "permission denied on a column",
    1356: "the view refers to a table or column that is gone",
    2003: "cannot reach the server",
    2013: "lost the connection to the server",
    "28000": "access denied (wrong user or password)",
    "28P01": "access denied (wrong user or password)",
    "3D000": "unknown database",
    "42501": "permission denied",
}


def with_driver(url: str) -> str:
    """``url`` with hegui's driver where it names none (``mysql://`` -> ``mysql+pymysql://``)."""
    for bare, full in _DEFAULT_DRIVERS.items():
        if url.startswith(bare):
            return full + url[len(bare) :]
    return url


def connect(url: str, timeout_s: float | None = None) -> Any:
    """A SQLAlchemy engine; connection problems become :class:`ScanError`.

    A ``sqlite:///path`` URL opens exactly that file, read-only (see :func:`open_sqlite`).
    ``timeout_s`` bounds each wait for a MySQL/MariaDB server (PyMySQL's read and write
    timeouts, unless the URL sets its own) and each operation on a PostgreSQL server
    (:mod:`hegui.scanners.tabular.pg_timeout`): a server that stops answering mid-query, or a
    dead network path, would otherwise block the scan forever, past its own deadline.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    label = redact_url(url)
    try:
        parsed = make_url(url)
        if parsed.drivername in ("sqlite", "sqlite+pysqlite") and _is_file_url(parsed):
            path = Path(str(parsed.database))
            if not path.exists():
                raise ScanError("no such SQLite file", path=label)
            if not path.is_file():  # SQLite's own open would wait forever on a FIFO
                raise ScanError("not a regular file", path=label)
            return open_sqlite(path, label)
        args: dict[str, float] = {}
        driver = parsed.get_driver_name()
        if timeout_s and driver == "pymysql":
            args = {
                k: timeout_s for k in ("read_timeout", "write_timeout") if k not in parsed.query
            }
        engine = create_engine(url, pool_pre_ping=True, connect_args=args)
        if timeout_s and driver == "psycopg":
            from hegui.scanners.tabular.pg_timeout import bound_waits

            bound_waits(engine, timeout_s)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise ScanError(f"unsupported database URL: {type(exc).__name__}", path=label) from None
    return _checked(engine, label)


def _is_file_url(url: Any) -> bool:
    # ":memory:" and "" are in-memory databases; ?uri=true hands SQLite a URI of the user's own.
    return url.database not in (None, "", ":memory:") and "uri" not in url.query


def open_sqlite(path: Path, label: str | None = None) -> Any:
    """An engine on exactly this SQLite file, read-only: it never creates or changes a file.

    The path goes to SQLite as a ``file:`` URI with every special character percent-encoded, so
    names holding ``%``, ``?`` or ``#`` are not read as URI syntax (``sqlite:///crm%41.db`` would
    otherwise open, and create, ``crmA.db``). A WAL-mode database with no ``-wal`` file beside it
    is opened ``immutable`` (read-only alone would create ``-wal`` and ``-shm`` files); with one,
    it is read through the WAL, whose rows the main file may not hold yet.
    """
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    wal = path.with_name(path.name + "-wal").exists()
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if wal else "&immutable=1")
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )
    return _checked(engine, label or str(path))


def _checked(engine: Any, label: str) -> Any:
    try:
        with engine.connect():
            pass
    except Exception as exc:
        raise ScanError(f"cannot connect: {db_error(exc)}", path=label) from None
    return engine


def db_error(exc: Exception) -> str:
    """The exception's type, with a fixed reason and the code where the database gave one."""
    # SQLAlchemy's reflection errors (UnreflectableTableError) wrap the driver's in __cause__.
    orig = getattr(exc, "orig", None) or getattr(exc.__cause__, "orig", None)
    if isinstance(getattr(orig, "hegui_reason", None), str):
        return f"{orig.hegui_reason} ({type(exc).__name__})"  # type: ignore[union-attr]
    # MySQL's error number first (PyMySQL errors carry a SQLSTATE too, a coarser class).
    for code in ((getattr(orig, "args", None) or [None])[0], getattr(orig, "sqlstate", None)):
        if isinstance(code, (int, str)) and code in _DB_ERRORS:
            return f"{_DB_ERRORS[code]} ({type(exc).__name__} {code})"
    return type(exc).__name__


@dataclass
class SqlTable:
    """One database table, read lazily.

    ``columns`` are display names: the database's own, with blank or repeated ones replaced as
    in CSV headers (``col_3``); queries use the real names, quoted by the dialect.
    """

    engine: Any
    name: str
    schema: str | None
    sql_columns: list[str]
    limits: Limits
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(init=False)
    #: How the last sample was drawn, for the report (None: every row was read).
    sample_note: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.columns = unique_names(list(self.sql_columns))
        self.notes += renamed_note(list(self.sql_columns), self.columns)

    def _table(self) -> Any:
        # A lightweight table clause, not reflection: reflection refuses blank column names.
        from sqlalchemy import column, table

        return table(self.name, *[column(c) for c in self.sql_columns], schema=self.schema)

    def count(self) -> None:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            self.rows = int(
                conn.execute(select(func.count()).select_from(self._table())).scalar_one()
            )

    def sample(self, n: int | None, seed: int = 0) -> dict[str, pa.Array]:
        """``n`` rows drawn by the database (see :mod:`sampling`); sets :attr:`sample_note`."""
        left = _server_cut(self.engine, self.limits)
        drawn = sampling.draw(
            self.engine, self._table(), self.sql_columns, n, self.rows, seed, left
        )
        rows = [[_whole_chars(v, left) for v in r] for r in drawn.rows] if left else drawn.rows
        self.sample_note = sampling.note(drawn.method, len(rows), self.rows, seed)
        cols = {c: [r[i] for r in rows] for i, c in enumerate(self.columns)}
        data, cut = strings_table(cols, self.limits.max_cell_chars)
        self.notes += cut_note(cut, self.limits)
        return {c: data.column(c).combine_chunks() for c in self.columns}

    def column_chunks(
        self, columns: list[str], chunk_rows: int = 200_000
    ) -> Iterator[dict[str, pa.Array]]:
        from sqlalchemy import func, select

        by_name = dict(zip(self.columns, self._table().c, strict=True))
        cut = _server_cut(self.engine, self.limits)
        picked = [func.left(by_name[c], cut) if cut else by_name[c] for c in columns]
        stmt = select(*picked)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk_rows).execute(stmt)
            done = False
            try:
                for part in result.partitions(chunk_rows):
                    # No _whole_chars here: a cut cell is no identifier, text or <binary>.
                    cols = {c: [r[i] for r in part] for i, c in enumerate(columns)}
                    data, _ = strings_table(cols, self.limits.max_cell_chars)
                    yield {c: data.column(c).combine_chunks() for c in columns}
                done = True
            finally:
                if not done:
                    _abandon(conn, result)


def _server_cut(engine: Any, limits: Limits) -> int | None:
    """How long a cell MySQL sends at most: ``LEFT(cell, cut)``, or None (other databases).

    A documents or photos column (LONGTEXT, LONGBLOB) would otherwise bring every sampled cell
    whole into memory, to be cut to ``max_cell_chars`` there: 1,000 rows of 20 MB photos are
    20 GB. ``LEFT`` counts characters of text and bytes of binary cells; four bytes a character
    keep a cut cell longer than the limit either way, so the report still counts it as cut.
    """
    if engine.dialect.name not in ("mysql", "mariadb"):
        return None
    return 4 * (limits.max_cell_chars + 1)


def _whole_chars(value: Any, cut: int | None) -> Any:
    """A binary cell the server cut, without the part of a UTF-8 character it cut through.

    Otherwise text stored as a BLOB and cut mid-character would no longer decode, and read as
    ``<binary>``.
    """
    if not cut or not isinstance(value, bytes) or len(value) != cut:
        return value
    for end in range(len(value), len(value) - 4, -1):
        try:
            value[:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return value[:end]
    return value


def _abandon(conn: Any, result: Any) -> None:
    """Drop the connection of a streamed result stopped early (the scan's deadline, an error).

    Closing it normally reads a streamed MySQL result to its end first: on a large table, as
    long as the full read that was stopped. PyMySQL's unbuffered result is told it is finished
    (else its cursor would try to read the rest from the closed socket when collected).
    """
    pending: Any = getattr(getattr(result, "cursor", None), "_result", None)
    if getattr(pending, "unbuffered_active", False):
        pending.unbuffered_active = False
    conn.invalidate()


def discover(
    engine: Any, label: str, limits: Limits, only: list[str] | None = None
) -> Iterator[SqlTable | tuple[str, str]]:
    """Every table of the database; yields ``(name, error)`` for ones that fail.

    Args:
        engine: from :func:`connect` or :func:`open_sqlite`.
        label: how errors name the database (a path, or a URL without its password).
        limits: column and cell bounds.
        only: just these tables; a name the database lacks is a :class:`ScanError`.
    """
    from sqlalchemy import inspect

    try:
        insp = inspect(engine)
        if engine.dialect.name != "sqlite" and insp.default_schema_name is None:
            # MySQL without a database in the URL: no default to list (SHOW TABLES fails).
            raise ScanError("the URL names no database: add it, as in mysql://HOST/DBNAME")
        schemas = [None] if engine.dialect.name == "sqlite" else [insp.default_schema_name]
        names = [(s, t) for s in schemas for t in insp.get_table_names(schema=s)]
        views = [(s, v) for s in schemas for v in _view_names(insp, s)]
    except ScanError as exc:
        raise ScanError(exc.message, path=label) from None
    except Exception as exc:
        raise ScanError(f"cannot list tables: {type(exc).__name__}", path=label) from None
    _check_requested(only, [t for _, t in names + views], label)
    for schema, name in names + (views if only else []):
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
            yield (name, f"could not read table: {db_error(exc)}")
    if not only:
        # A view shows rows of the tables: scanning it too would count their PI twice. It is
        # listed, so that a reader knows it exists, and --table NAME scans it on request.
        for _, name in views:
            yield (name, VIEW_NOT_SCANNED)


def _view_names(insp: Any, schema: str | None) -> list[str]:
    names = list(insp.get_view_names(schema=schema))
    # PostgreSQL's materialized views hold rows of their own, but derived from tables too.
    with contextlib.suppress(NotImplementedError):
        names += insp.get_materialized_view_names(schema=schema)
    return names


def _check_requested(only: list[str] | None, names: list[str], label: str) -> None:
    # A mistyped --table would otherwise scan nothing and report a clean database. Table names
    # come from the data and may be values (a table named after a phone number): masked.
    missing = [t for t in only or [] if t not in names]
    if missing:
        listed = ", ".join(mask_values(n) for n in names) or "(none)"
        raise ScanError(
            f"no table {', '.join(map(repr, missing))} in the database; its tables and views "
            f"are: {listed}",
            path=label,
        )
