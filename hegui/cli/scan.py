"""``hegui scan``: find personal information in files, directories and databases."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hegui import api
from hegui.cli.options import AsOf, Output, check_format, fail_level, format_option, parse_date
from hegui.errors import HeguiError

if TYPE_CHECKING:
    from hegui.scanners.tabular.models import SourceReport

# The renderers' names, spelled out so the CLI does not import pyarrow until a scan runs
# (tests/cli/test_scan_cli.py checks they match hegui.scanners.tabular.FORMATS).
FORMAT_NAMES = ("text", "json", "html")

# What a scan can find, lowest first: --fail-on LEVEL exits 1 at or above LEVEL, like every other
# command's --fail-on, with the levels of a scan rather than finding statuses.
FAIL_LEVELS = ("pi", "sensitive", "minors")
_FAIL_HELP = (
    "Exit 1 if the scan finds this or more: pi (any personal information) < sensitive "
    "(sensitive personal information) < minors (personal information of under-18s); "
    "exit 2 if it finds less but could not read every part"
)


def register(app: typer.Typer) -> None:
    @app.command()
    def scan(
        source: Annotated[
            str, typer.Argument(help="File, directory, SQLite file or SQLAlchemy URL")
        ],
        sample: Annotated[
            int,
            typer.Option(
                "--sample",
                help="Rows per table to classify columns on: a random sample, drawn by the "
                "database for SQLite, MySQL and large PostgreSQL tables and repeatable where it "
                "can be seeded; the first N rows (LIMIT) for other databases. The report notes "
                "how each table was sampled; --full reads every row",
            ),
        ] = 1000,
        full: Annotated[
            bool, typer.Option("--full", help="Classify every row, not a sample")
        ] = False,
        seed: Annotated[
            int,
            typer.Option(
                "--seed",
                help="Seed of the random sample: the same seed and data give the same sample "
                "(the report notes where a database cannot seed it)",
            ),
        ] = 0,
        fmt: Annotated[str, format_option(FORMAT_NAMES)] = "text",
        output: Output = None,
        profile_out: Annotated[
            Path | None,
            typer.Option("--profile-out", help="Write dataset facts YAML for `hegui assess`"),
        ] = None,
        as_of: AsOf = None,
        table: Annotated[
            list[str] | None,
            typer.Option("--table", help="Only these database tables or views (each must exist)"),
        ] = None,
        fail_on: Annotated[str | None, typer.Option("--fail-on", help=_FAIL_HELP)] = None,
    ) -> None:
        """Scan tables for Chinese personal information: per-column verdicts, counts, grade proposal."""
        from hegui.cli.options import write_or_print
        from hegui.scanners.tabular import FORMATS, render_profile_yaml

        check_format(fmt, FORMAT_NAMES)
        level = fail_level(fail_on, FAIL_LEVELS)
        if seed < 0:
            raise HeguiError("--seed must be 0 or a positive number", field="--seed")
        report = _run(source, sample, full, parse_date(as_of), table, seed)
        write_or_print(FORMATS[fmt](report), output)
        if profile_out is not None:
            write_or_print(render_profile_yaml(report), profile_out)
        found = found_level(report)
        if level and found and FAIL_LEVELS.index(found) >= FAIL_LEVELS.index(level):
            raise typer.Exit(1)
        if report.unread:
            _incomplete(report, level)


def _incomplete(report: SourceReport, level: str | None) -> None:
    """Say that parts were not read; with --fail-on, exit 2: a gate cannot pass what it did not see."""
    from hegui.errors import ScanError
    from hegui.scanners.tabular.render import escape_controls

    parts = escape_controls(", ".join(report.unread))
    message = f"scan incomplete: {len(report.unread)} part(s) could not be read ({parts})"
    if level:
        raise ScanError(f"{message}; --fail-on {level} cannot pass it", path=report.source)
    typer.echo(f"warning: {escape_controls(report.source)}: {message}", err=True)


def found_level(report: SourceReport) -> str | None:
    """The highest of :data:`FAIL_LEVELS` the scan found, or None if it found no PI."""
    if report.minors_present:
        return "minors"
    if report.sensitive_categories:
        return "sensitive"
    return "pi" if report.pi_categories else None


def _run(source: str, sample: int, full: bool, as_of, tables, seed: int):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return api.scan_table(
            source, sample=sample, full=full, as_of=as_of, tables=tables, seed=seed
        )
    from rich.markup import escape
    from rich.progress import Progress

    from hegui.scanners.tabular.render import escape_controls

    with Progress(transient=True) as bar:
        task = bar.add_task("scanning", total=None)

        def progress(name: str, i: int, n: int) -> None:
            # A table name is text, not markup: "x[/][/]y" was a MarkupError (a traceback).
            shown = escape(escape_controls(name))
            bar.update(task, total=n, completed=i, description=f"scanning {shown}")

        return api.scan_table(
            source,
            sample=sample,
            full=full,
            as_of=as_of,
            tables=tables,
            progress=progress,
            seed=seed,
        )
