"""Profiles: the example loads, errors name file, line and field, includes merge, fuzzing is safe."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hegui.errors import ProfileError
from hegui.profile import load_profile, parse_profile
from hegui.profile.loader import profile_json_schema

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
MINIMAL = """\
organisation: {name: Test Co}
entities:
  - id: e1
    name: Entity One
    province: shanghai
"""


def test_example_profile_loads() -> None:
    profile = load_profile(EXAMPLE)
    assert {e.id for e in profile.entities} >= {"acme-sh", "acme-lingang", "acme-pay"}
    assert profile.transfers, "transfers come from an included file"


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        (MINIMAL + "    colour: blue\n", 6, "entities.0.colour", "Extra inputs are not permitted"),
        (
            MINIMAL.replace("    province: shanghai\n", ""),
            3,
            "entities.0.province",
            "Field required",
        ),
        (
            MINIMAL + "datasets:\n  - {id: d1, individuals: -5}\n",
            7,
            "datasets.0.individuals",
            "greater than or equal",
        ),
        (
            MINIMAL + "datasets:\n  - {id: d1, entity: nowhere}\n",
            7,
            "datasets.0.entity",
            "unknown entity 'nowhere'",
        ),
        (MINIMAL + "entities2: []\n", 6, "entities2", "Extra inputs"),
        (
            MINIMAL
            + "transfers:\n  - id: t1\n    entity: e1\n    recipient: {name: R, country: DE}\n    volumes: {soon: {}}\n",
            10,
            "transfers.0.volumes",
            "calendar year",
        ),
        ("organisation: {name: X}\nentities: []\n", 2, "entities", "at least 1 item"),
        (MINIMAL + "entities: []\n", 6, None, "duplicate key 'entities'"),
        ("- a\n- b\n", 1, None, "must be a YAML mapping"),
        (
            MINIMAL
            + "transfers: [{id: t1, entity: e1, recipient: {name: R, country: DE}, start_date: 2024-02-30}]\n",
            6,
            None,
            "out of range",
        ),
    ],
)
def test_errors_name_line_and_field(text: str, line: int, field: str | None, fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, source="p.yaml")
    err = info.value
    assert fragment in str(err)
    assert err.path == "p.yaml"
    assert err.line == line, str(err)
    if field:
        assert err.field == field


def test_includes_add_lists_and_sections_and_errors_point_into_the_included_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "scan.yaml").write_text(
        "datasets:\n  - {id: d1, individuals: 10}\n  - {id: d2, bogus: 1}\n"
    )
    (tmp_path / "p.yaml").write_text(MINIMAL + "include: [scan.yaml]\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "p.yaml")
    assert info.value.path is not None and info.value.path.endswith("scan.yaml")
    assert info.value.line == 3
    (tmp_path / "scan.yaml").write_text("datasets:\n  - {id: d1, individuals: 10}\n")
    assert load_profile(tmp_path / "p.yaml").datasets[0].individuals == 10


def test_errors_inside_an_included_section_name_the_included_file(tmp_path: Path) -> None:
    (tmp_path / "inc_neg.yaml").write_text(
        "# rights\nrights:\n  committed_response_working_days: -3\n"
    )
    (tmp_path / "p.yaml").write_text(MINIMAL + "include: [inc_neg.yaml]\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "p.yaml")
    assert info.value.path is not None and info.value.path.endswith("inc_neg.yaml")
    assert info.value.line == 3
    assert info.value.field == "rights.committed_response_working_days"


def test_errors_deep_in_an_included_section_of_the_example_point_into_that_file(
    tmp_path: Path,
) -> None:
    import shutil

    shutil.copytree(EXAMPLE.parent, tmp_path / "acme")
    mlps = tmp_path / "acme" / "profile.d" / "mlps.yaml"
    lines = mlps.read_text().splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines) if "expert_review_on:" in x)
    key, _, _ = lines[number].partition(":")
    lines[number] = f'{key}: "2022-06-20x"\n'
    mlps.write_text("".join(lines))
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "acme" / "profile.yaml")
    assert info.value.path == str(mlps.resolve())
    assert info.value.line == number + 1


@pytest.mark.parametrize("version", ["99", "0", "true", "'1'"])
def test_only_supported_schema_versions_are_accepted(version: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(f"schema_version: {version}\n" + MINIMAL, source="p.yaml")
    assert info.value.field == "schema_version" and info.value.line == 1
    assert "not supported" in str(info.value) and "supported: 1" in str(info.value)
    assert parse_profile("schema_version: 1\n" + MINIMAL).schema_version == 1


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read file"):
        load_profile(tmp_path / "nope.yaml")


def test_json_schema_is_valid_json_and_forbids_unknown_keys() -> None:
    schema = json.loads(profile_json_schema())
    assert schema["additionalProperties"] is False
    assert "entities" in schema["properties"]


def _as_json(value: object) -> object:
    """YAML-loaded data as it would be in JSON (dates as ISO strings, keys as strings)."""
    return json.loads(json.dumps(value, default=str))


def test_json_schema_accepts_the_example_profile_and_matches_the_models() -> None:
    import jsonschema

    from hegui.law.yamlio import load_yaml
    from hegui.profile.models import Profile

    schema = json.loads(profile_json_schema())
    assert set(schema["properties"]) == set(Profile.model_fields) | {"include"}
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_as_json(load_yaml(EXAMPLE)), schema)
    jsonschema.validate(_as_json(yaml.safe_load(MINIMAL + "include: one.yaml\n")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_as_json(yaml.safe_load(MINIMAL + "include: [1]\n")), schema)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**9), st.text(max_size=8), st.dates()
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutation=st.dictionaries(
        st.sampled_from(
            ["organisation", "entities", "datasets", "transfers", "systems", "schema_version", "x"]
        ),
        _values,
        max_size=3,
    )
)
def test_malformed_profiles_always_end_in_a_clear_error(mutation: dict[str, object]) -> None:
    base = yaml.safe_load(MINIMAL)
    base.update(mutation)
    text = yaml.safe_dump(base, allow_unicode=True)
    try:
        parse_profile(text, source="fuzz.yaml")
    except ProfileError as exc:
        assert exc.path == "fuzz.yaml"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_never_raises_anything_but_profile_error(text: str) -> None:
    with contextlib.suppress(ProfileError):
        parse_profile(text, source="fuzz.yaml")
