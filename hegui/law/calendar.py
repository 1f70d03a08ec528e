"""China's official working-day calendar (public holidays and 调休 make-up working days).

One YAML file per year under ``hegui/law/data/calendar/`` holds the State Council General
Office notice(s) and, per holiday, the days off and the weekend days that are working days.
A year without a file falls back to Monday-Friday and every deadline that touches it is marked
approximate. Format and conventions: docs/calendar.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hegui.errors import CalendarError
from hegui.law.deadlines import (
    SHANGHAI,
    UNITS,
    Deadline,
    add_exact,
    check_n,
    normalize_unit,
    start_date,
    to_shanghai,
)
from hegui.law.yamlio import LineDict, LineList, load_yaml
from hegui.models import Text

__all__ = [
    "SHANGHAI",
    "UNITS",
    "CalendarYear",
    "Deadline",
    "WorkingCalendar",
    "add_period",
    "default_calendar",
]

DATA_DIR = Path(__file__).parent / "data" / "calendar"
ENV_DIR = "HEGUI_CALENDAR_DIR"

_TOP_KEYS = {"year": True, "notices": True, "holidays": True, "notes": False}
_NOTICE_KEYS = {
    "title": True,
    "number": False,
    "published": True,
    "source": True,
    "needs_review": False,
}
_HOLIDAY_KEYS = {"name": True, "days_off": True, "make_up": False}
_TEXT_KEYS = {"zh": True, "en": True}
_DATE_TOKEN = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


@dataclass(frozen=True)
class Notice:
    """A State Council General Office notice that set (part of) a year's schedule."""

    title: Text
    number: str | None
    published: dt.date
    source: str
    needs_review: str | None = None


@dataclass(frozen=True)
class CalendarYear:
    """One validated year file: notices, days off and make-up working days (by holiday name)."""

    year: int
    path: str
    notices: tuple[Notice, ...]
    off: dict[dt.date, Text]
    make_up: dict[dt.date, Text]


class _Checker:
    """Validates one parsed file, raising CalendarError that names file, line and key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str, line: int | None, key: str | None = None) -> CalendarError:
        return CalendarError(message, path=self.path, line=line or None, field=key)

    def mapping(self, value: Any, spec: dict[str, bool], where: str, line: int | None) -> LineDict:
        if not isinstance(value, LineDict):
            raise self.fail("expected a mapping", line, where)
        for key in value:
            if key not in spec:
                allowed = ", ".join(spec)
                raise self.fail(
                    f"unknown key {key!r} (allowed: {allowed})",
                    value.line_of(key),
                    f"{where}.{key}" if where else str(key),
                )
        for key, required in spec.items():
            if required and key not in value:
                raise self.fail(f"missing required key {key!r}", value.line, where or None)
        return value

    def text(self, value: Any, where: str, line: int) -> Text:
        data = self.mapping(value, _TEXT_KEYS, where, line)
        for lang in ("zh", "en"):
            if not isinstance(data[lang], str) or not data[lang].strip():
                raise self.fail(
                    "expected a non-empty string", data.line_of(lang), f"{where}.{lang}"
                )
        return Text(zh=data["zh"], en=data["en"])

    def string(self, value: Any, where: str, line: int, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail("expected a non-empty string", line, where)
        return value

    def date(self, value: Any, where: str, line: int) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(f"expected an ISO date YYYY-MM-DD, got {value!r}", line, where)
        return value

    def date_list(self, value: Any, where: str, line: int) -> list[tuple[dt.date, int]]:
        if not isinstance(value, LineList):
            raise self.fail("expected a list of dates", line, where)
        return [
            (self.date(item, f"{where}[{i}]", value.line_of(i)), value.line_of(i))
            for i, item in enumerate(value)
        ]


def _load_raw(path: Path) -> Any:
    return load_yaml(path, error=CalendarError)


def load_year(path: str | Path) -> CalendarYear:
    """Read and validate one ``<year>.yaml`` calendar file."""
    path = Path(path)
    raw = _load_raw(path)
    check = _Checker(path)
    top = check.mapping(raw, _TOP_KEYS, "", 1)
    year = top["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9998:
        raise check.fail(f"expected a year number, got {year!r}", top.line_of("year"), "year")
    if path.stem != str(year):
        raise check.fail(
            f"year {year} does not match the file name {path.name}", top.line_of("year"), "year"
        )
    if top.get("notes") is not None:
        check.string(top["notes"], "notes", top.line_of("notes"))
    notices = _notices(check, top)
    off: dict[dt.date, Text] = {}
    make_up: dict[dt.date, Text] = {}
    seen: dict[dt.date, str] = {}
    holidays = top["holidays"]
    if not isinstance(holidays, LineList):
        raise check.fail("expected a list of holidays", top.line_of("holidays"), "holidays")
    for i, item in enumerate(holidays):
        where = f"holidays[{i}]"
        entry = check.mapping(item, _HOLIDAY_KEYS, where, holidays.line_of(i))
        name = check.text(entry["name"], f"{where}.name", entry.line_of("name"))
        for key, target in (("days_off", off), ("make_up", make_up)):
            if key not in entry:
                continue
            for day, line in check.date_list(entry[key], f"{where}.{key}", entry.line_of(key)):
                if day.year != year:
                    raise check.fail(
                        f"{day.isoformat()} is not in {year}; put it in {day.year}.yaml",
                        line,
                        f"{where}.{key}",
                    )
                if day in seen:
                    raise check.fail(
                        f"{day.isoformat()} is listed twice (also in {seen[day]})",
                        line,
                        f"{where}.{key}",
                    )
                if key == "make_up" and day.weekday() < 5:
                    raise check.fail(
                        f"make-up working day {day.isoformat()} is a "
                        f"{day.strftime('%A')}, not a weekend day",
                        line,
                        f"{where}.{key}",
                    )
                seen[day] = f"{where}.{key}"
                target[day] = name
    return CalendarYear(year, str(path), notices, off, make_up)


def _notices(check: _Checker, top: LineDict) -> tuple[Notice, ...]:
    items = top["notices"]
    if not isinstance(items, LineList) or not items:
        raise check.fail("expected a non-empty list of notices", top.line_of("notices"), "notices")
    result = []
    for i, item in enumerate(items):
        where = f"notices[{i}]"
        data = check.mapping(item, _NOTICE_KEYS, where, items.line_of(i))
        result.append(
            Notice(
                title=check.text(data["title"], f"{where}.title", data.line_of("title")),
                number=check.string(
                    data.get("number"), f"{where}.number", data.line_of("number"), optional=True
                ),
                published=check.date(
                    data["published"], f"{where}.published", data.line_of("published")
                ),
                source=str(check.string(data["source"], f"{where}.source", data.line_of("source"))),
                needs_review=check.string(
                    data.get("needs_review"),
                    f"{where}.needs_review",
                    data.line_of("needs_review"),
                    optional=True,
                ),
            )
        )
    return tuple(result)


class WorkingCalendar:
    """Official working days for the years that have data; Monday-Friday elsewhere."""

    def __init__(self, years: dict[int, CalendarYear] | None = None) -> None:
        self._years: dict[int, CalendarYear] = dict(years or {})

    @classmethod
    def from_directory(cls, path: str | Path) -> WorkingCalendar:
        """Load every ``<year>.yaml`` in ``path``."""
        return cls.from_directories(path)

    @classmethod
    def from_directories(cls, *paths: str | Path) -> WorkingCalendar:
        """Load several directories; a later directory's year replaces an earlier one's."""
        years: dict[int, CalendarYear] = {}
        for directory in paths:
            base = Path(directory)
            if not base.is_dir():
                raise CalendarError("calendar directory does not exist", path=base)
            for file in sorted(base.glob("*.yaml")):
                year = load_year(file)
                years[year.year] = year
        return cls(years)

    @property
    def years(self) -> list[int]:
        """Covered years, ascending."""
        return sorted(self._years)

    def year(self, year: int) -> CalendarYear | None:
        """The data for ``year``, or None when it has no published schedule here."""
        return self._years.get(year)

    def covers(self, year: int) -> bool:
        """True if ``year`` has official holiday data."""
        return year in self._years

    def is_working_day(self, d: dt.date) -> bool:
        """Official working day (make-up weekends count; holiday weekdays do not)."""
        data = self._years.get(d.year)
        if data is not None:
            if d in data.make_up:
                return True
            if d in data.off:
                return False
        return d.weekday() < 5

    def holiday_name(self, d: dt.date) -> Text | None:
        """Name of the public holiday ``d`` is a day off for, if any."""
        data = self._years.get(d.year)
        return data.off.get(d) if data is not None else None

    def make_up_for(self, d: dt.date) -> Text | None:
        """Name of the holiday for which weekend day ``d`` is a make-up working day, if any."""
        data = self._years.get(d.year)
        return data.make_up.get(d) if data is not None else None

    def explain(self, d: dt.date) -> str:
        """One sentence saying whether ``d`` is a working day and why."""
        day = f"{d.isoformat()} ({d.strftime('%a')})"
        if (name := self.make_up_for(d)) is not None:
            return f"{day} is a working day: make-up working day (调休) for {name}"
        if (name := self.holiday_name(d)) is not None:
            return f"{day} is not a working day: public holiday, {name}"
        weekend = d.weekday() >= 5
        kind = "not a working day: weekend" if weekend else "a working day: ordinary weekday"
        if self.covers(d.year):
            return f"{day} is {kind}"
        return (
            f"{day} is {kind} (approximate: no official holiday schedule for {d.year} "
            f"in the calendar data)"
        )

    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        """The n-th working day after ``start`` (counting starts the day after ``start``)."""
        day, reason = self._walk_working_days(start, n, 1)
        shown = to_shanghai(start) if isinstance(start, dt.datetime) else start
        return Deadline(day, None, reason is not None, reason, "working_days", n, shown)

    def subtract_working_days(self, end: dt.date, n: int) -> Deadline:
        """The n-th working day before ``end`` (counting starts the day before ``end``).

        E.g. the day a window "within the N working days before expiry" opens.
        """
        day, reason = self._walk_working_days(end, n, -1)
        return Deadline(day, None, reason is not None, reason, "working_days", -n, end)

    def _walk_working_days(self, origin: dt.date, n: int, step: int) -> tuple[dt.date, str | None]:
        """The n-th working day from ``origin`` in direction ``step``, and why it is approximate
        (None when every year crossed has its official schedule)."""
        check_n(n)
        day = start_date(origin)
        missing: set[int] = set()
        counted = 0
        try:
            while counted < n:
                day += dt.timedelta(days=step)
                if not self.covers(day.year):
                    missing.add(day.year)
                if self.is_working_day(day):
                    counted += 1
        except OverflowError:
            sign = "+" if step > 0 else "-"
            raise CalendarError(
                f"{origin} {sign} {n} working days is outside the date range"
            ) from None
        if not missing:
            return day, None
        years = ", ".join(str(y) for y in sorted(missing))
        return day, (
            f"no official holiday schedule for {years} in the calendar data: counted "
            f"Monday-Friday only; add the year's State Council notice (docs/calendar.md)"
        )

    def add(self, start: dt.date | dt.datetime, n: int, unit: str) -> Deadline:
        """Add a period of ``n`` ``unit`` to ``start`` (see :mod:`hegui.law.deadlines`)."""
        unit = normalize_unit(unit)
        if unit == "working_days":
            return self.add_working_days(start, n)
        return add_exact(start, n, unit)


@functools.lru_cache(maxsize=8)
def _cached(extra: str | None) -> WorkingCalendar:
    dirs: list[str | Path] = [DATA_DIR]
    if extra:
        dirs.append(extra)
    return WorkingCalendar.from_directories(*dirs)


def default_calendar() -> WorkingCalendar:
    """The bundled calendar, plus the years in ``$HEGUI_CALENDAR_DIR`` (which take precedence)."""
    return _cached(os.environ.get(ENV_DIR) or None)


def add_period(
    start: dt.date | dt.datetime,
    n: int,
    unit: str,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Add ``n`` ``unit`` to ``start`` using ``calendar`` (default: :func:`default_calendar`)."""
    return (calendar or default_calendar()).add(start, n, unit)
