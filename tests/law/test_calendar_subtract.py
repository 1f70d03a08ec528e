"""Counting working days backwards (e.g. when a renewal window before expiry opens)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.errors import CalendarError
from hegui.law.calendar import DATA_DIR, WorkingCalendar

D = dt.date.fromisoformat
CAL = WorkingCalendar.from_directory(DATA_DIR)


@pytest.mark.parametrize(
    ("end", "n", "start"),
    [
        ("2026-05-18", 10, "2026-04-30"),  # worked example 1 backwards, across May Day and 05-09
        ("2026-11-02", 30, "2026-09-15"),  # worked example 2 backwards, across National Day
        ("2026-03-19", 30, "2026-01-30"),  # worked example 3 backwards, across Spring Festival
        ("2026-10-12", 1, "2026-10-10"),  # Sat 10-10 is a make-up working day
        ("2026-10-08", 1, "2026-09-30"),  # 10-01..07 are holidays
    ],
)
def test_subtract_examples(end: str, n: int, start: str) -> None:
    result = CAL.subtract_working_days(D(end), n)
    assert result.due == D(start)
    assert not result.approximate


def test_year_without_schedule_is_approximate() -> None:
    result = CAL.subtract_working_days(D("2027-04-15"), 60)
    assert result.approximate
    assert "2027" in (result.reason or "")


def test_negative_n_is_an_error() -> None:
    with pytest.raises(CalendarError):
        CAL.subtract_working_days(D("2026-05-18"), -1)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2019, 3, 1), dt.date(2026, 12, 31)), st.integers(0, 80))
def test_inverse_of_add_on_working_days(end: dt.date, n: int) -> None:
    if not CAL.is_working_day(end):
        return
    start = CAL.subtract_working_days(end, n).due
    assert CAL.add_working_days(start, n).due == end
