"""Bad incident records always end in a clear IncidentError naming the file, line or field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hegui.errors import HeguiError
from hegui.incidents import IncidentError, incident_clocks, load_incident, parse_incident
from hegui.incidents.loader import dump_incident

GOOD = """\
title: t
operator: {name: X, province: shanghai}
detected_at: 2026-05-01T09:30
pi_individuals: 10
"""


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        (GOOD.replace("pi_individuals: 10", "pi_individuals: -1"), "pi_individuals", 4),
        (GOOD.replace("pi_individuals: 10", "pi_individual: 10"), "pi_individual", 4),
        (GOOD.replace("2026-05-01T09:30", "2026-05-01"), "detected_at", 3),
        (GOOD.replace("2026-05-01T09:30", "yesterday"), "detected_at", 3),
        (GOOD + "handling_ended_at: 2026-04-30T09:30\n", None, None),
        (GOOD + "answers: {nodot: x}\n", None, None),
        (GOOD.replace("title: t\n", ""), "title", None),
        (GOOD + "province_population_share_pct: 101\n", "province_population_share_pct", 5),
    ],
)
def test_bad_records_name_the_field_and_line(
    text: str, field: str | None, line: int | None
) -> None:
    with pytest.raises(IncidentError) as info:
        parse_incident(text, source="bad.yaml")
    err = info.value
    assert err.path == "bad.yaml"
    if field:
        assert err.field and field in err.field
    if line:
        assert err.line == line


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(GOOD + "bad: [unclosed\n", encoding="utf-8")
    with pytest.raises(IncidentError) as info:
        load_incident(path)
    assert info.value.path == str(path) and info.value.line is not None


def test_missing_file_and_non_mapping() -> None:
    with pytest.raises(IncidentError, match="cannot read"):
        load_incident("/nonexistent/incident.yaml")
    with pytest.raises(IncidentError, match="mapping"):
        parse_incident("- a\n- b\n")


def test_naive_times_are_shanghai_and_round_trip() -> None:
    inc = parse_incident(GOOD)
    assert inc.detected_at.utcoffset() == dt.timedelta(hours=8)
    again = parse_incident(dump_incident(inc))
    assert again.detected_at == inc.detected_at
    utc = parse_incident(GOOD.replace("2026-05-01T09:30", "2026-05-01T01:30:00+00:00"))
    assert utc.detected_at == inc.detected_at


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.dates().map(lambda d: d.isoformat()),
)
_fields = st.sampled_from(
    [
        "title",
        "operator",
        "detected_at",
        "handling_ended_at",
        "type",
        "pi_individuals",
        "cii_affected",
        "cii_whole_outage_hours",
        "answers",
        "reports_made",
        "entity",
        "unknown_key",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        _fields,
        st.one_of(
            _scalars,
            st.lists(_scalars, max_size=3),
            st.dictionaries(st.text(max_size=8), _scalars, max_size=3),
        ),
        max_size=8,
    )
)
def test_any_record_is_valid_or_a_clear_error(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        inc = parse_incident(text, source="fuzz.yaml")
    except IncidentError as exc:
        assert exc.path == "fuzz.yaml" and exc.message
        return
    try:
        incident_clocks(inc, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    except HeguiError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(blob: bytes) -> None:
    text = blob.decode("utf-8", errors="replace")
    try:
        parse_incident(text, source="blob.yaml")
    except IncidentError as exc:
        assert exc.path == "blob.yaml"
