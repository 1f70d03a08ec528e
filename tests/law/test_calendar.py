"""Working-day calendar: data, deadline arithmetic, load errors, CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import typer
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hegui.errors import CalendarError, HeguiError
from hegui.law.calendar import (
    DATA_DIR,
    SHANGHAI,
    Deadline,
    WorkingCalendar,
    add_period,
    default_calendar,
    load_year,
)

FIXTURES = Path(__file__).parent / "fixtures" / "calendar"
DOCS = Path(__file__).parents[2] / "docs" / "calendar.md"
D = dt.date.fromisoformat
YEARS = range(2019, 2027)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.from_directory(DATA_DIR)


# --- data -------------------------------------------------------------------------------------


def test_bundled_years(cal: WorkingCalendar) -> None:
    assert cal.years == list(YEARS)
    assert not cal.covers(2027)
    assert not cal.covers(2018)


def test_every_day_matches_chinesecalendar(cal: WorkingCalendar) -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    mismatches = []
    day = dt.date(YEARS[0], 1, 1)
    while day.year in YEARS:
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            mismatches.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_every_year_cites_its_notice(cal: WorkingCalendar) -> None:
    for year in YEARS:
        data = cal.year(year)
        assert data is not None
        first = data.notices[0]
        assert f"{year}年部分节假日安排" in first.title.zh
        assert first.published.year == year - 1
        assert first.source.startswith("http")
        assert first.number is not None or first.needs_review


@pytest.mark.parametrize(
    "day",
    [
        *("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
        *("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2024-05-11"),
    ],
)
def test_known_make_up_weekend_days_are_working_days(cal: WorkingCalendar, day: str) -> None:
    assert D(day).weekday() >= 5
    assert cal.is_working_day(D(day))
    assert cal.make_up_for(D(day)) is not None
    assert "make-up working day" in cal.explain(D(day))


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-10-05", "国庆节"),
        ("2026-02-16", "春节"),
        ("2026-05-01", "劳动节"),
        ("2026-01-02", "元旦"),
    ],
)
def test_holiday_weekdays_are_not_working_days(cal: WorkingCalendar, day: str, name: str) -> None:
    assert D(day).weekday() < 5
    assert not cal.is_working_day(D(day))
    holiday = cal.holiday_name(D(day))
    assert holiday is not None and holiday.zh == name


def test_ordinary_days_and_uncovered_year(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(D("2026-11-30"))
    assert not cal.is_working_day(D("2026-11-29"))
    assert cal.holiday_name(D("2026-11-30")) is None
    # 2027 has no schedule: 1 October 2027 is a Friday and counts as working, approximately.
    assert cal.is_working_day(D("2027-10-01"))
    assert "approximate" in cal.explain(D("2027-10-01"))


# --- worked examples (shared/legal/worked-examples.md) ----------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-04-30", 10, "2026-05-18"),  # example 1, across May Day
        ("2026-09-15", 30, "2026-11-02"),  # example 2, across Mid-Autumn and National Day
        ("2026-01-30", 30, "2026-03-19"),  # example 3, across Spring Festival
        ("2025-09-26", 10, "2025-10-16"),  # 2025: 09-28 and 10-11 worked, 10-01..08 off
    ],
)
def test_working_day_examples(cal: WorkingCalendar, start: str, n: int, due: str) -> None:
    result = cal.add_working_days(D(start), n)
    assert result == Deadline(D(due), None, False, None, "working_days", n, D(start))


def test_year_without_schedule_is_approximate(cal: WorkingCalendar) -> None:
    result = cal.add_working_days(D("2027-09-28"), 5)  # example 4
    assert result.due == D("2027-10-05")  # weekdays only: 09-29, 09-30, 10-01, 10-04, 10-05
    assert result.approximate
    assert result.reason is not None and "2027" in result.reason


def test_span_into_uncovered_year_is_approximate(cal: WorkingCalendar) -> None:
    result = cal.add_working_days(D("2026-12-24"), 10)
    assert result.due == D("2027-01-07")  # 2027-01-01 counted as a weekday
    assert result.approximate
    inside = cal.add_working_days(D("2026-12-01"), 10)
    assert not inside.approximate and inside.reason is None


def test_zero_working_days_is_the_start(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(D("2026-10-03"), 0).due == D("2026-10-03")


def test_calendar_days_months_years() -> None:
    assert add_period(D("2026-01-20"), 30, "days").due == D("2026-02-19")  # example 9
    assert add_period(D("2026-01-31"), 1, "months").due == D("2026-02-28")
    assert add_period(D("2024-01-31"), 1, "months").due == D("2024-02-29")
    assert add_period(D("2026-11-30"), 3, "months").due == D("2027-02-28")
    assert add_period(D("2024-02-29"), 1, "years").due == D("2025-02-28")
    assert add_period(D("2026-03-15"), 2, "years").due == D("2028-03-15")
    assert add_period(D("2026-03-15"), 2, "years").due_at is None


def test_hours_ignore_holidays_and_cross_midnight() -> None:
    # Example 10: detected 09:30 on a public holiday, 4 hours and 1 hour.
    four = add_period(dt.datetime(2026, 5, 1, 9, 30), 4, "hours")
    assert four.due_at == dt.datetime(2026, 5, 1, 13, 30, tzinfo=SHANGHAI)
    assert add_period(dt.datetime(2026, 5, 1, 9, 30), 1, "hours").due_at.hour == 10  # type: ignore[union-attr]
    late = add_period(dt.datetime(2026, 9, 30, 22, 15), 4, "hours")
    assert late.due_at == dt.datetime(2026, 10, 1, 2, 15, tzinfo=SHANGHAI)
    assert late.due == D("2026-10-01")
    assert not late.approximate


def test_aware_start_is_converted_to_shanghai() -> None:
    utc = dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC)  # 23:30 in Shanghai
    result = add_period(utc, 45, "minutes")
    assert result.due_at == dt.datetime(2027, 1, 1, 0, 15, tzinfo=SHANGHAI)
    assert result.due_at.utcoffset() == dt.timedelta(hours=8)  # type: ignore[union-attr]
    # A UTC instant late on 30 April is already 1 May in Shanghai: counting starts 2 May.
    wd = add_period(dt.datetime(2026, 4, 30, 17, 0, tzinfo=dt.UTC), 1, "working_days")
    assert wd.due == D("2026-05-06")


def test_date_start_for_clock_units_is_midnight() -> None:
    result = add_period(D("2026-05-01"), 90, "minutes")
    assert result.due_at == dt.datetime(2026, 5, 1, 1, 30, tzinfo=SHANGHAI)


def test_unit_spellings_and_errors() -> None:
    assert add_period(D("2026-04-30"), 10, "working-days").due == D("2026-05-18")
    with pytest.raises(CalendarError, match="unknown unit"):
        add_period(D("2026-04-30"), 10, "fortnights")
    with pytest.raises(CalendarError, match="negative"):
        add_period(D("2026-04-30"), -1, "days")
    with pytest.raises(CalendarError, match="outside"):
        add_period(dt.date(9999, 12, 1), 2, "months")
    with pytest.raises(CalendarError, match="outside"):
        add_period(dt.date(9999, 12, 30), 5, "working_days")


def test_deadline_to_dict() -> None:
    data = add_period(dt.datetime(2026, 5, 1, 9, 30), 4, "hours").to_dict()
    assert data["due"] == "2026-05-01"
    assert data["due_at"] == "2026-05-01T13:30:00+08:00"
    assert data["approximate"] is False and data["unit"] == "hours"


# --- properties -------------------------------------------------------------------------------

starts = st.dates(min_value=dt.date(2018, 6, 1), max_value=dt.date(2028, 6, 1))


@given(start=starts, n=st.integers(min_value=1, max_value=300))
def test_lands_on_a_working_day_after_exactly_n(start: dt.date, n: int) -> None:
    cal = default_calendar()
    due = cal.add_working_days(start, n).due
    assert due > start
    assert cal.is_working_day(due)
    counted = sum(
        cal.is_working_day(start + dt.timedelta(days=i)) for i in range(1, (due - start).days + 1)
    )
    assert counted == n


@given(start=starts, a=st.integers(0, 250), b=st.integers(0, 250))
def test_monotonic_in_n(start: dt.date, a: int, b: int) -> None:
    cal = default_calendar()
    lo, hi = sorted((a, b))
    assert cal.add_working_days(start, lo).due <= cal.add_working_days(start, hi).due
    if lo < hi:
        assert cal.add_working_days(start, lo).due < cal.add_working_days(start, hi).due


def _load_text(tmp: Path, text: str | bytes) -> None:
    path = tmp / "2026.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        load_year(path)
    except CalendarError as exc:
        assert str(path) in str(exc)


_VALID = (FIXTURES / "valid" / "2026.yaml").read_text(encoding="utf-8")
_HP = settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_HP
@given(pos=st.integers(0, len(_VALID)), cut=st.integers(0, 40), junk=st.text(max_size=12))
def test_mutated_file_raises_only_calendar_error(
    tmp_path: Path, pos: int, cut: int, junk: str
) -> None:
    _load_text(tmp_path, _VALID[:pos] + junk + _VALID[pos + cut :])


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=8),
    st.dates(),
    st.sampled_from(["2026-02-30", "2026-05-09", "2026-13-01"]),
)
_trees = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["year", "notices", "holidays", "name", "days_off", "make_up", "zh", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@_HP
@given(tree=_trees, year=st.sampled_from([2026, "2026", None]))
def test_random_structures_raise_only_calendar_error(
    tmp_path: Path, tree: object, year: object
) -> None:
    data = {"year": year, "notices": tree, "holidays": tree} if year is not None else tree
    _load_text(tmp_path, yaml.safe_dump(data, allow_unicode=True))


@_HP
@given(raw=st.binary(max_size=64))
def test_random_bytes_raise_only_calendar_error(tmp_path: Path, raw: bytes) -> None:
    _load_text(tmp_path, raw)


# --- bad files: one fixture per error ---------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "line", "message"),
    [
        ("unknown_key", 10, "unknown key 'colour'"),
        ("duplicate_key", 10, "duplicate key 'year'"),
        ("bad_date", 8, "invalid date 2026-02-30"),
        ("not_a_date", 9, "expected an ISO date"),
        ("wrong_year", 8, "2025-05-01 is not in 2026"),
        ("make_up_weekday", 9, "2026-05-08 is a Friday, not a weekend day"),
        ("year_mismatch", 1, "does not match the file name"),
        ("duplicate_date", 11, "2026-05-05 is listed twice"),
        ("missing_key", 7, "missing required key 'name'"),
        ("missing_text", 7, "missing required key 'en'"),
        ("bad_yaml", 8, "invalid YAML"),
        ("not_mapping", 1, "expected a mapping"),
        ("no_notices", 2, "non-empty list of notices"),
    ],
)
def test_bad_fixture(case: str, line: int, message: str) -> None:
    path = FIXTURES / case / "2026.yaml"
    with pytest.raises(CalendarError) as info:
        load_year(path)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_bad_file_in_directory_stops_loading() -> None:
    with pytest.raises(CalendarError, match="make-up working day"):
        WorkingCalendar.from_directory(FIXTURES / "make_up_weekday")
    with pytest.raises(CalendarError, match="does not exist"):
        WorkingCalendar.from_directory(FIXTURES / "no_such_dir")


# --- user-added years ---------------------------------------------------------------------------


def test_env_dir_adds_and_overrides_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "valid" / "2026.yaml").read_text(encoding="utf-8")
    (tmp_path / "2027.yaml").write_text(
        text.replace("2026", "2027").replace("2027-05-09", "2027-05-08"), encoding="utf-8"
    )
    shutil.copy(FIXTURES / "valid" / "2026.yaml", tmp_path / "2026.yaml")
    monkeypatch.setenv("HEGUI_CALENDAR_DIR", str(tmp_path))
    cal = default_calendar()
    assert cal.covers(2027) and cal.covers(2025)
    assert cal.is_working_day(D("2027-05-08"))  # Saturday made a working day by the user file
    result = add_period(D("2027-04-30"), 1, "working_days")
    assert result.due == D("2027-05-06") and not result.approximate
    # The override replaces the bundled 2026: National Day is not in the fixture.
    assert cal.is_working_day(D("2026-10-05"))
    monkeypatch.delenv("HEGUI_CALENDAR_DIR")
    assert not default_calendar().is_working_day(D("2026-10-05"))


def test_docs_example_file_is_valid(tmp_path: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(year: 2027.*?)```", text, re.S)
    assert block is not None
    (tmp_path / "2027.yaml").write_text(block.group(1), encoding="utf-8")
    year = load_year(tmp_path / "2027.yaml")
    assert year.year == 2027 and year.notices and year.off


# --- CLI ----------------------------------------------------------------------------------------


@pytest.fixture()
def runner_app() -> typer.Typer:
    from hegui.cli.calendar import register

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    return app


def test_cli_add_working_days(runner_app: typer.Typer) -> None:
    res = CliRunner().invoke(runner_app, ["calendar", "add", "2026-04-30", "10"])
    assert res.exit_code == 0, res.output
    assert "Due: 2026-05-18 (Mon)" in res.output and "Exact." in res.output


def test_cli_add_hours_and_json(runner_app: typer.Typer) -> None:
    res = CliRunner().invoke(
        runner_app, ["calendar", "add", "2026-05-01T09:30", "4", "--unit", "hours"]
    )
    assert "Due: 2026-05-01 13:30" in res.output
    res = CliRunner().invoke(runner_app, ["calendar", "add", "2027-03-01", "5", "-f", "json"])
    data = json.loads(res.output)
    assert data["approximate"] is True and data["due"] == "2027-03-08"


def test_cli_check(runner_app: typer.Typer) -> None:
    res = CliRunner().invoke(runner_app, ["calendar", "check", "2026-02-14"])
    assert "is a working day: make-up working day (调休) for Spring Festival" in res.output
    res = CliRunner().invoke(runner_app, ["calendar", "check", "2026-10-01", "--format", "json"])
    data = json.loads(res.output)
    assert data["working_day"] is False and data["holiday"]["zh"] == "国庆节"


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "add", "2026-02-30", "3"],
        ["calendar", "add", "2026-04-30", "3", "--unit", "weeks"],
        ["calendar", "check", "tomorrow"],
        ["calendar", "check", "2026-04-30", "--format", "xml"],
    ],
)
def test_cli_bad_input_is_a_hegui_error(runner_app: typer.Typer, args: list[str]) -> None:
    # hegui.cli.main() turns any HeguiError into exit code 2.
    res = CliRunner().invoke(runner_app, args)
    assert isinstance(res.exception, HeguiError)


def test_cli_module_is_registered() -> None:
    from hegui.cli import COMMAND_MODULES

    assert "hegui.cli.calendar" in COMMAND_MODULES


def test_docs_mention_commands() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for command in ("hegui calendar add", "hegui calendar check", "HEGUI_CALENDAR_DIR"):
        assert command in text


def test_cli_main_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import hegui.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ["hegui.cli.calendar"])
    monkeypatch.setattr(cli, "root", typer.Typer(name="hegui", no_args_is_help=True))
    with pytest.raises(SystemExit) as ok:
        cli.main(["calendar", "add", "2026-01-30", "30"])
    assert ok.value.code == 0
    assert "Due: 2026-03-19 (Thu)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as bad:
        cli.main(["calendar", "check", "2026-02-30"])
    assert bad.value.code == 2
    assert "2026-02-30" in capsys.readouterr().err
