"""The law loader: the bundled data loads, values are dated, and every error names file and line."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hegui.errors import LawDataError, ParameterNotFoundError, UnknownCitationError
from hegui.law.loader import Law, get_law

INSTRUMENT = """\
id: act
name: {zh: 测试法, en: Test Act}
short: {zh: 测试法, en: TA}
issuer: {zh: 测试机关, en: Test Authority}
kind: law
status: final
promulgated: 2020-01-01
effective: 2020-06-01
source: https://example.invalid/act
evidence: P
articles:
  "1": {title: {zh: 第一条, en: Article one}}
  "2": {}
"""
DRAFT = INSTRUMENT.replace("id: act", "id: draft_act").replace("status: final", "status: draft")
PARAMETER = """\
description: {zh: 阈值, en: Threshold}
unit: individuals
values:
  2020-06-01:
    value: 100
    reference: [{instrument: act, article: "1"}]
  2022-01-01:
    value: 200
    reference: [{instrument: act, article: "2"}]
    needs_review: second value not verified
  2024-01-01: null
"""


def _write_law(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for sub in ("instruments", "parameters", "mappings"):
        (root / sub).mkdir(exist_ok=True)
    return root


def _good(root: Path, **overrides: str) -> Path:
    files = {
        "instruments/act.yaml": INSTRUMENT,
        "instruments/draft_act.yaml": DRAFT,
        "parameters/topic/threshold.yaml": PARAMETER,
    }
    files.update(overrides)
    return _write_law(root, files)


def test_bundled_law_loads_and_resolves() -> None:
    law = get_law()
    assert "pipl" in law.instruments
    cit = law.cite("pipl", "39")
    assert cit.label() == "PIPL Art. 39"
    assert cit.label("zh") == "个人信息保护法 第39条"
    assert "单独同意" in (law.instrument("pipl").articles["39"].text_zh or "")


def test_parameter_values_hold_from_their_date_until_the_next(tmp_path: Path) -> None:
    law = Law.from_directory(_good(tmp_path))
    assert law.parameter_or_none("topic.threshold", dt.date(2020, 5, 31)) is None
    first = law.parameter("topic.threshold", dt.date(2020, 6, 1))
    assert (first.value, first.since, first.until) == (
        100,
        dt.date(2020, 6, 1),
        dt.date(2022, 1, 1),
    )
    assert first.citations[0].label() == "TA Art. 1"
    assert law.parameter("topic.threshold", dt.date(2021, 12, 31)).value == 100
    second = law.parameter("topic.threshold", dt.date(2022, 1, 1))
    assert second.value == 200 and second.needs_review == "second value not verified"
    # null ends the parameter
    assert law.parameter_or_none("topic.threshold", dt.date(2024, 1, 1)) is None
    with pytest.raises(ParameterNotFoundError, match="no value on 2024-01-01"):
        law.parameter("topic.threshold", dt.date(2024, 1, 1))
    with pytest.raises(ParameterNotFoundError, match="unknown parameter"):
        law.parameter("topic.nope", dt.date(2024, 1, 1))


def test_values_citing_only_drafts_are_proposed(tmp_path: Path) -> None:
    param = PARAMETER.replace("instrument: act", "instrument: draft_act")
    law = Law.from_directory(_good(tmp_path, **{"parameters/topic/threshold.yaml": param}))
    assert law.parameter("topic.threshold", dt.date(2021, 1, 1)).proposed
    assert not law.instrument("draft_act").in_force(dt.date(2030, 1, 1))
    assert law.instrument("act").in_force(dt.date(2020, 6, 1))
    assert not law.instrument("act").in_force(dt.date(2020, 5, 31))


# One bad fixture per loader error: (file, replacement text, message fragment, line).
BAD = [
    (
        "unknown_key",
        "instruments/act.yaml",
        INSTRUMENT + "colour: red\n",
        "unknown key 'colour'",
        14,
    ),
    (
        "duplicate_key",
        "instruments/act.yaml",
        INSTRUMENT + "kind: rule\n",
        "duplicate key 'kind'",
        14,
    ),
    (
        "bad_date",
        "instruments/act.yaml",
        INSTRUMENT.replace("2020-06-01", "2020-13-01"),
        "month must be in 1..12",
        8,
    ),
    (
        "impossible_date",
        "instruments/act.yaml",
        INSTRUMENT.replace("2020-06-01", "2020-02-30"),
        "out of range",
        8,
    ),
    (
        "effective_before_promulgation",
        "instruments/act.yaml",
        INSTRUMENT.replace("2020-06-01", "2019-06-01"),
        "before the promulgation",
        8,
    ),
    (
        "id_not_file_name",
        "instruments/act.yaml",
        INSTRUMENT.replace("id: act", "id: other"),
        "must be lower_snake and equal the file name",
        1,
    ),
    (
        "bad_status",
        "instruments/act.yaml",
        INSTRUMENT.replace("status: final", "status: maybe"),
        "'maybe' is not one of",
        6,
    ),
    (
        "bad_kind",
        "instruments/act.yaml",
        INSTRUMENT.replace("kind: law", "kind: poem"),
        "'poem' is not one of",
        5,
    ),
    (
        "missing_key",
        "instruments/act.yaml",
        INSTRUMENT.replace("source: https://example.invalid/act\n", ""),
        "missing required key",
        1,
    ),
    (
        "text_without_en",
        "instruments/act.yaml",
        INSTRUMENT.replace("{zh: 测试法, en: Test Act}", "{zh: 测试法}"),
        "missing required key",
        2,
    ),
    (
        "yaml_syntax",
        "instruments/act.yaml",
        INSTRUMENT + "articles: [unclosed\n",
        "invalid YAML",
        15,
    ),
    (
        "unknown_instrument",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace('instrument: act, article: "2"', "instrument: nope"),
        "unknown instrument 'nope'",
        9,
    ),
    (
        "unknown_article",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace('article: "2"', 'article: "99"'),
        "has no article '99'",
        9,
    ),
    (
        "value_without_reference",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace('    reference: [{instrument: act, article: "1"}]\n', ""),
        "missing required key",
        5,
    ),
    (
        "empty_reference",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace('[{instrument: act, article: "1"}]', "[]"),
        "non-empty list",
        6,
    ),
    (
        "dates_not_ascending",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace("2022-01-01", "2019-01-01"),
        "ascending order",
        7,
    ),
    (
        "value_key_not_date",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace("2022-01-01:", "soon:"),
        "is not an ISO date",
        7,
    ),
    (
        "value_does_not_fit_unit",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace("value: 100", "value: lots"),
        "does not fit unit",
        5,
    ),
    (
        "bad_unit",
        "parameters/topic/threshold.yaml",
        PARAMETER.replace("unit: individuals", "unit: furlongs"),
        "'furlongs' is not one of",
        2,
    ),
    (
        "first_value_null",
        "parameters/topic/threshold.yaml",
        "description: {zh: 阈值, en: T}\nunit: count\nvalues:\n  2020-01-01: null\n",
        "first value cannot be null",
        4,
    ),
    (
        "mapping_bad_reference",
        "mappings/things.yaml",
        'description: {zh: 映射, en: Map}\nentries:\n  a:\n    reference: [{instrument: act, article: "7"}]\n',
        "has no article '7'",
        4,
    ),
    (
        "mapping_unknown_key",
        "mappings/things.yaml",
        "description: {zh: 映射, en: Map}\nentries: {}\nextra: 1\n",
        "unknown key 'extra'",
        3,
    ),
    ("not_a_mapping", "instruments/act.yaml", "- just\n- a list\n", "must hold a YAML mapping", 1),
]


@pytest.mark.parametrize(("name", "rel", "text", "fragment", "line"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_fixture_names_file_and_line(
    tmp_path: Path, name: str, rel: str, text: str, fragment: str, line: int
) -> None:
    root = _good(tmp_path, **{rel: text})
    with pytest.raises(LawDataError) as info:
        Law.from_directory(root)
    err = info.value
    assert fragment in str(err)
    assert err.path is not None and err.path.endswith(rel)
    assert err.line == line, str(err)


def test_cite_unknown_article_is_a_clear_error() -> None:
    with pytest.raises(UnknownCitationError, match="has no article '999'"):
        get_law().cite("pipl", "999")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_corruption_of_a_law_file_is_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Deleting, duplicating or garbling lines never ends in anything but LawDataError."""
    root = tmp_path_factory.mktemp("law")
    target = data.draw(st.sampled_from(["instruments/act.yaml", "parameters/topic/threshold.yaml"]))
    lines = (INSTRUMENT if target.startswith("instruments") else PARAMETER).splitlines()
    op = data.draw(st.sampled_from(["delete", "duplicate", "garble", "truncate"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "truncate":
        lines[i] = lines[i][: data.draw(st.integers(0, max(0, len(lines[i]) - 1)))]
    else:
        lines[i] = data.draw(st.text(max_size=30))
    _good(root, **{target: "\n".join(lines) + "\n"})
    try:
        Law.from_directory(root)
    except LawDataError as exc:
        assert exc.path is not None
