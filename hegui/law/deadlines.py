"""Deadline arithmetic: the :class:`Deadline` result and calendar-independent period counting.

Conventions (Chinese administrative practice, pinned by docs/calendar.md and the worked
examples): a period in days or working days starts on the day after the triggering day, so
"N days from D" ends on D + N; "N months" ends on the same day of the month N months later,
or that month's last day when it has no such day; hours and minutes run on the clock,
holidays included. Working-day counting needs a calendar and lives in
:mod:`hegui.law.calendar`.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from hegui.errors import CalendarError

SHANGHAI = ZoneInfo("Asia/Shanghai")

UNITS = ("working_days", "days", "months", "years", "hours", "minutes")
CLOCK_UNITS = frozenset({"hours", "minutes"})


@dataclass(frozen=True)
class Deadline:
    """When a period ends.

    Attributes:
        due: Last day of the period (Asia/Shanghai calendar date).
        due_at: Exact instant for hour/minute periods (aware, Asia/Shanghai), else None.
        approximate: True when a year without an official schedule was counted weekends-only.
        reason: Why the result is approximate (None when exact).
        unit: One of :data:`UNITS`.
        n: Length of the period in ``unit``.
        start: The triggering date or (aware, Asia/Shanghai) datetime.
    """

    due: dt.date
    due_at: dt.datetime | None
    approximate: bool
    reason: str | None
    unit: str
    n: int
    start: dt.date | dt.datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO strings for dates and times)."""
        data = asdict(self)
        for key in ("due", "due_at", "start"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data


def normalize_unit(unit: str) -> str:
    """Accept ``working-days`` / ``Working_Days`` spellings; reject unknown units."""
    norm = unit.strip().lower().replace("-", "_").replace(" ", "_")
    if norm not in UNITS:
        raise CalendarError(
            f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}", field="unit"
        )
    return norm


def to_shanghai(start: dt.date | dt.datetime) -> dt.datetime:
    """The instant of ``start`` in Asia/Shanghai; naive values are Shanghai wall time, dates midnight."""
    if isinstance(start, dt.datetime):
        if start.tzinfo is None or start.utcoffset() is None:
            return start.replace(tzinfo=SHANGHAI)
        return start.astimezone(SHANGHAI)
    return dt.datetime(start.year, start.month, start.day, tzinfo=SHANGHAI)


def start_date(start: dt.date | dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar day on which ``start`` falls."""
    return to_shanghai(start).date() if isinstance(start, dt.datetime) else start


def check_n(n: int) -> None:
    """Reject negative or non-integer period lengths."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise CalendarError(f"period length must be a whole number, got {n!r}")
    if n < 0:
        raise CalendarError(f"period length must not be negative, got {n}", field="n")


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day-of-month ``months`` later, clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise CalendarError(f"{day.isoformat()} + {months} months is outside the supported range")
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_exact(start: dt.date | dt.datetime, n: int, unit: str) -> Deadline:
    """Periods that need no holiday calendar: days, months, years, hours, minutes."""
    check_n(n)
    unit = normalize_unit(unit)
    try:
        if unit in CLOCK_UNITS:
            begin = to_shanghai(start)
            delta = dt.timedelta(hours=n) if unit == "hours" else dt.timedelta(minutes=n)
            # Shanghai has had no DST since 1991, so wall-clock and elapsed time agree.
            due_at = (begin.astimezone(dt.UTC) + delta).astimezone(SHANGHAI)
            return Deadline(due_at.date(), due_at, False, None, unit, n, begin)
        day = start_date(start)
        shown = to_shanghai(start) if isinstance(start, dt.datetime) else start
        if unit == "days":
            due = day + dt.timedelta(days=n)
        elif unit == "months":
            due = add_months(day, n)
        elif unit == "years":
            due = add_months(day, 12 * n)
        else:
            raise CalendarError("working days need a calendar: use WorkingCalendar.add")
    except OverflowError:
        raise CalendarError(f"{start} + {n} {unit} is outside the supported date range") from None
    return Deadline(due, None, False, None, unit, n, shown)
