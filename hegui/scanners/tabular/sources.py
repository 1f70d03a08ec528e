"""Opening sources: files, directories, database URLs and in-memory tables, as tables to scan.

Everything that reads input goes through here, so one place decides what a failure becomes: a
:class:`ScanError` naming the file for a single file, or a skipped part with its reason in a
directory scan (never a traceback, and never a file left out in silence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from hegui.errors import HeguiError, ScanError
from hegui.scanners.tabular import files, names, sql
from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.tables import Table, from_arrow, from_dataframe

#: File suffixes a directory scan takes (whatever the entry's type: see ``_open_directory``).
SUFFIXES = {
    ".csv",
    ".tsv",
    ".tab",
    ".txt",
    ".jsonl",
    ".ndjson",
    ".parquet",
    ".pq",
    ".xlsx",
    ".xlsm",
    ".sqlite",
    ".db",
    ".sqlite3",
}


def open_source(
    source: str | Path | Any, limits: Limits, only: list[str] | None, name: str | None
) -> tuple[str, str, list[Table | tuple[str, str]]]:
    """The kind, display label and tables (or ``(name, reason)`` skipped parts) of a source.

    Raises:
        ScanError: the source cannot be opened at all (missing, unreadable single file, bad URL).
    """
    if isinstance(source, pa.Table) or (hasattr(source, "to_dict") and hasattr(source, "columns")):
        if only:
            raise ScanError("--table selects database tables: an in-memory table has none")
        if isinstance(source, pa.Table):
            return "arrow", name or "<arrow table>", [from_arrow(source, name or "table", limits)]
        frame = from_dataframe(source, name or "dataframe", limits)  # pandas DataFrame
        return "dataframe", name or "<dataframe>", [frame]
    text = str(source)
    if not text.strip():  # Path("") is ".": an empty argument must not scan the working directory
        raise ScanError("empty path: name a file, a directory or a database URL")
    if "://" in text:
        url = sql.with_driver(text)
        label = sql.redact_url(url)
        engine = sql.connect(url, limits.timeout_s)
        shadows = _shadow_tables(engine) if engine.dialect.name == "sqlite" and not only else {}
        return (
            engine.dialect.name,
            label,
            [
                (t.name, shadow_reason(shadows[t.name]))
                if not isinstance(t, tuple) and t.name in shadows
                else t
                for t in sql.discover(engine, label, limits, only)
            ],
        )
    path = Path(text)
    if path.is_dir():
        return "directory", str(path), _open_directory(path, limits, only)
    if not path.exists() and not path.is_symlink():
        raise ScanError("no such file, directory or database URL", path=path)
    return "file", str(path), _read_file(path, limits, only)


def _open_directory(
    path: Path, limits: Limits, only: list[str] | None
) -> list[Table | tuple[str, str]]:
    # The one place a directory scan turns a file it cannot read into a skipped part. Entries
    # are taken by suffix, whatever their type: a FIFO, a subdirectory or a dangling link named
    # x.csv is reported as skipped rather than silently left out.
    try:
        children = sorted(c for c in path.iterdir() if c.suffix.lower() in SUFFIXES)
    except OSError as exc:
        raise ScanError(f"cannot list directory: {exc.strerror}", path=path) from None
    items: list[Table | tuple[str, str]] = []
    for child in children:
        try:
            found = _read_file(child, limits, only)
        except ScanError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            items.append((child.name, where + exc.message))
            continue
        items.extend(found or [(child.name, "the database has no tables")])
    return items


def _read_file(path: Path, limits: Limits, only: list[str] | None) -> list[Table | tuple[str, str]]:
    """Every table of one file; any failure to read it is a :class:`ScanError` naming the file."""
    try:
        return _open_file(path, limits, only)
    except HeguiError:
        raise
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ScanError(f"cannot read file: {reason}", path=path) from None
    except Exception as exc:  # a format library's own error types: the name, never the message
        raise ScanError(f"cannot read file: {type(exc).__name__}", path=path) from None


def _open_file(path: Path, limits: Limits, only: list[str] | None) -> list[Table | tuple[str, str]]:
    if files.is_sqlite(path):
        engine = sql.open_sqlite(path)
        shadows = {} if only else _shadow_tables(engine)
        return [
            (f"{path.name}:{t[0]}", t[1])
            if isinstance(t, tuple)
            else (f"{path.name}:{t.name}", shadow_reason(shadows[t.name]))
            if t.name in shadows
            else _renamed(t, f"{path.name}:{t.name}")
            for t in sql.discover(engine, str(path), limits, only)
        ]
    suffix = path.suffix.lower()
    if only:
        raise ScanError("--table selects database tables: this file is not a database", path=path)
    if suffix in files.TEXT_SUFFIXES:
        return [files.read_delimited(path, limits, files.TEXT_SUFFIXES[suffix])]
    if suffix in (".jsonl", ".ndjson"):
        return [files.read_jsonl(path, limits)]
    if suffix in (".parquet", ".pq"):
        return [files.read_parquet(path, limits)]
    if suffix in (".xlsx", ".xlsm"):
        return list(files.read_excel(path, limits))
    if suffix in (".sqlite", ".sqlite3", ".db"):
        raise ScanError("not a SQLite database: the file does not start with its header", path=path)
    raise ScanError(f"unsupported file type {suffix or '(none)'!r}", path=path)


#: The start of the skip reason of a shadow table (see :func:`shadow_reason`).
SHADOW_NOT_SCANNED = "a shadow table of virtual table"


def shadow_reason(owner: str) -> str:
    """Why a shadow table is left out: its rows are scanned through its virtual table."""
    return (
        f"{SHADOW_NOT_SCANNED} {owner}, not scanned: it holds the rows of {owner} "
        "(--table NAME scans it)"
    )


def _shadow_tables(engine: Any) -> dict[str, str]:
    """SQLite's shadow tables (FTS3/4/5, R*Tree ...) -> the virtual table that owns each.

    A virtual table keeps its rows in shadow tables (``docs_content``): scanning both would count
    the same personal information twice. SQLite marks them in ``PRAGMA table_list`` (3.37+) when
    it has the module; otherwise they are ordinary tables here, and scanned.
    """
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA main.table_list").fetchall()
    except Exception:  # an older SQLite without the pragma: nothing is marked
        return {}
    virtual = sorted((str(r[1]) for r in rows if r[2] == "virtual"), key=len, reverse=True)
    shadows = {}
    for r in rows:
        if r[2] == "shadow":
            name = str(r[1])
            shadows[name] = next((v for v in virtual if name.startswith(v + "_")), "?")
    return shadows


def _renamed(table: sql.SqlTable, label: str) -> Table:
    # Shown as file:table (acme.sqlite:customers): two databases in a folder may share table
    # names, and profile ids derive from it (acme_sqlite_customers). Queries use table.name.
    return names.labelled(table, label)
