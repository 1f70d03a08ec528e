"""``hegui calendar``: deadline arithmetic and working-day checks on the official calendar."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from hegui.api import Deadline, add_period, default_calendar
from hegui.cli.options import check_format, format_option
from hegui.errors import CalendarError

_FORMATS = ("text", "json")
_UNIT_HELP = "working-days | days | months | years | hours | minutes"


def _parse_when(text: str) -> dt.date | dt.datetime:
    """``YYYY-MM-DD`` gives a date; ``YYYY-MM-DDTHH:MM[:SS][+08:00]`` a datetime."""
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise CalendarError(
            f"invalid date or time {text!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM",
            field="DATE",
        ) from None


def _render_deadline(deadline: Deadline) -> str:
    unit = deadline.unit.replace("_", " ")
    start = deadline.start
    shown = start.strftime("%Y-%m-%d %H:%M") if isinstance(start, dt.datetime) else str(start)
    lines = [f"{shown} + {deadline.n} {unit}"]
    if deadline.due_at is not None:
        lines.append(
            f"Due: {deadline.due_at:%Y-%m-%d %H:%M} ({deadline.due_at:%a}) Asia/Shanghai (UTC+08:00)"
        )
    else:
        lines.append(f"Due: {deadline.due.isoformat()} ({deadline.due:%a})")
    if deadline.approximate:
        lines.append(f"Approximate: {deadline.reason}")
    else:
        lines.append("Exact.")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add the ``calendar`` command group to ``app``."""
    group = typer.Typer(
        help="Official Chinese working days (调休 included) and deadline arithmetic.",
        no_args_is_help=True,
    )

    @group.command("add")
    def add(
        date: str = typer.Argument(..., help="Start: YYYY-MM-DD or YYYY-MM-DDTHH:MM (Shanghai)."),
        n: int = typer.Argument(..., help="Length of the period."),
        unit: str = typer.Option("working-days", "--unit", "-u", help=_UNIT_HELP),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Print when a period of N UNIT starting on DATE ends, and whether that is approximate."""
        check_format(fmt, _FORMATS)
        try:
            deadline = add_period(_parse_when(date), n, unit)
        except CalendarError as exc:
            # Name the command-line argument, not the library parameter.
            option = {"unit": "--unit", "n": "N"}.get(exc.field or "", exc.field)
            raise CalendarError(exc.message, path=exc.path, line=exc.line, field=option) from None
        if fmt == "json":
            typer.echo(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(_render_deadline(deadline))

    @group.command("check")
    def check(
        date: str = typer.Argument(..., help="Day to check: YYYY-MM-DD."),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Say whether DATE is an official working day, and why."""
        check_format(fmt, _FORMATS)
        when = _parse_when(date)
        day = when.date() if isinstance(when, dt.datetime) else when
        cal = default_calendar()
        if fmt == "json":
            holiday = cal.holiday_name(day)
            make_up = cal.make_up_for(day)
            data = {
                "date": day.isoformat(),
                "working_day": cal.is_working_day(day),
                "holiday": holiday.model_dump() if holiday else None,
                "make_up_for": make_up.model_dump() if make_up else None,
                "approximate": not cal.covers(day.year),
                "explanation": cal.explain(day),
            }
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            typer.echo(cal.explain(day))

    app.add_typer(group, name="calendar")
