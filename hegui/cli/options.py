"""Options shared by the commands, defined once so names, help and error messages agree.

Every command that takes one of these options uses the alias or factory here: ``--as-of`` (an
ISO date), ``--output/-o`` (a file instead of stdout), ``--format/-f`` (one of the command's
formats), ``--fail-on`` (exit 1 at or above a level), ``--lang`` (en or zh) and ``--profile/-p``.
A bad value is a :class:`~hegui.errors.HeguiError` naming the option, so :func:`hegui.cli.main`
exits 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from hegui.errors import HeguiError

LANGS = ("en", "zh")

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date YYYY-MM-DD to evaluate as of (default: today in China)"),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout")
]
Lang = Annotated[str, typer.Option("--lang", help="Language of the report: en or zh")]
ProfileOpt = Annotated[
    Path | None, typer.Option("--profile", "-p", help="Organisation profile (YAML)")
]


def format_option(formats: Sequence[str]) -> Any:
    """``--format/-f`` listing the command's formats; use as ``Annotated[str, format_option(..)]``."""
    return typer.Option("--format", "-f", help=f"Output format: {' | '.join(formats)}")


def fail_on_option(levels: Sequence[str]) -> Any:
    """``--fail-on`` listing the command's levels, lowest first."""
    return typer.Option(
        "--fail-on", help=f"Exit 1 if any open finding is at or above: {' | '.join(levels)}"
    )


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """Parse an ISO date option (None stays None); a bad date is an error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HeguiError(f"invalid date {value!r}: expected YYYY-MM-DD", field=option) from None


def check_choice(value: str, choices: Sequence[str], option: str, what: str = "value") -> str:
    """Return ``value`` if it is one of ``choices``, else an error naming the option and choices."""
    if value not in choices:
        raise HeguiError(
            f"unknown {what} {value!r}: expected one of {', '.join(choices)}", field=option
        )
    return value


def check_format(fmt: str, formats: Sequence[str]) -> str:
    """Validate ``--format``."""
    return check_choice(fmt, formats, "--format", "format")


def check_lang(lang: str) -> str:
    """Validate ``--lang``."""
    return check_choice(lang, LANGS, "--lang", "language")


def fail_level(value: str | None, levels: Sequence[str]) -> str | None:
    """Validate ``--fail-on`` against the command's ``levels`` (None means never fail)."""
    if value is None:
        return None
    return check_choice(value, levels, "--fail-on", "level")


def write_or_print(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` (creating folders) and say so on stderr."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HeguiError(f"cannot write output: {exc.strerror}", path=output) from None
    typer.echo(f"wrote {output}", err=True)
