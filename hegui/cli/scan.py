"""``hegui scan``: find personal information in files, directories and databases."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hegui import api
from hegui.errors import HeguiError

_FAIL_ON = ("pi", "sensitive", "minors")


def register(app: typer.Typer) -> None:
    @app.command()
    def scan(
        source: Annotated[
            str, typer.Argument(help="File, directory, SQLite file or SQLAlchemy URL")
        ],
        sample: Annotated[int, typer.Option("--sample", help="Rows sampled per table")] = 1000,
        full: Annotated[
            bool, typer.Option("--full", help="Classify every row, not a sample")
        ] = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or html")] = "text",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write the report to a file")
        ] = None,
        profile_out: Annotated[
            Path | None,
            typer.Option("--profile-out", help="Write dataset facts YAML for `hegui assess`"),
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Date for ages of minors (ISO)")
        ] = None,
        table: Annotated[
            list[str] | None, typer.Option("--table", help="Only these database tables")
        ] = None,
        fail_on: Annotated[
            str | None, typer.Option("--fail-on", help=f"Exit 1 if found: {', '.join(_FAIL_ON)}")
        ] = None,
    ) -> None:
        """Scan tables for Chinese personal information: per-column verdicts, counts, grade proposal."""
        from hegui.cli.core import parse_date, write_or_print
        from hegui.scanners.tabular import FORMATS, render_profile_yaml

        if fmt not in FORMATS:
            raise HeguiError(
                f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", field="--format"
            )
        if fail_on is not None and fail_on not in _FAIL_ON:
            raise HeguiError(f"--fail-on must be one of {', '.join(_FAIL_ON)}", field="--fail-on")
        report = _run(source, sample, full, parse_date(as_of), table)
        write_or_print(FORMATS[fmt](report), output)
        if profile_out is not None:
            write_or_print(render_profile_yaml(report), profile_out)
        hit = {
            "pi": bool(report.pi_categories),
            "sensitive": bool(report.sensitive_categories),
            "minors": report.minors_present,
        }
        if fail_on is not None and hit[fail_on]:
            raise typer.Exit(1)


def _run(source: str, sample: int, full: bool, as_of, tables):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return api.scan_table(source, sample=sample, full=full, as_of=as_of, tables=tables)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("scanning", total=None)

        def progress(name: str, i: int, n: int) -> None:
            bar.update(task, total=n, completed=i, description=f"scanning {name}")

        return api.scan_table(
            source, sample=sample, full=full, as_of=as_of, tables=tables, progress=progress
        )
