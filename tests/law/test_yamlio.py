"""YAML reading: an impossible date names its file, line and key path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui.errors import HeguiError
from hegui.law.yamlio import load_yaml, parse_yaml


@pytest.mark.parametrize(
    ("text", "line", "field", "token"),
    [
        ("a: 2024-02-30\n", 1, "a", "2024-02-30"),
        ("x:\n  dates: {issued: 2025-02-30}\n", 2, "x.dates.issued", "2025-02-30"),
        ("l:\n  - 2024-01-01\n  - {d: 2023-13-01}\n", 3, "l[1].d", "2023-13-01"),
        ("k: [2024-01-01, 2024-02-30]\n", 1, "k[1]", "2024-02-30"),
        ("x: 1\ny:\n  z: 2025-04-31T10:00:00\n", 3, "y.z", "2025-04-31T10:00:00"),
    ],
)
def test_an_impossible_date_names_line_and_key(
    text: str, line: int, field: str, token: str
) -> None:
    with pytest.raises(HeguiError) as exc:
        parse_yaml(text, source="f.yaml")
    err = exc.value
    assert (err.path, err.line, err.field) == ("f.yaml", line, field)
    assert f"invalid date {token}" in str(err)


def test_a_top_level_impossible_date_has_no_key() -> None:
    with pytest.raises(HeguiError) as exc:
        parse_yaml("2024-02-30\n")
    assert exc.value.line == 1 and exc.value.field is None


def test_real_dates_and_date_like_strings_still_load(tmp_path: Path) -> None:
    # Near misses: a leap day, a quoted impossible date (a string), a non-ISO form.
    f = tmp_path / "ok.yaml"
    f.write_text('a: 2024-02-29\nb: "2024-02-30"\nc: 2024/02/30\n', encoding="utf-8")
    assert load_yaml(f) == {"a": dt.date(2024, 2, 29), "b": "2024-02-30", "c": "2024/02/30"}
