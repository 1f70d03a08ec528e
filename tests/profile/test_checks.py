"""Load-time checks: vocabulary from the law data and facts that contradict each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main
from hegui.errors import ProfileError
from hegui.profile import load_profile, parse_profile

BASE = """\
organisation: {name: Test Co}
entities:
  - {id: e1, name: Entity One, province: shanghai}
  - {id: e2, name: Entity Two, province: beijing}
datasets:
  - id: d1
    entity: e1
    pi_categories: [basic_profile, contact]
    sensitive_categories: [health]
    individuals: 5000
transfers:
  - id: t1
    entity: e1
    recipient: {name: R, country: US}
    datasets: [d1]
    data_categories: [basic_profile, health]
    volumes: {2026: {non_sensitive: 5000}}
"""


def _error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, source="p.yaml")
    assert info.value.path == "p.yaml"
    return info.value


def test_the_base_profile_loads_with_custom_labels_and_known_categories() -> None:
    profile = parse_profile(BASE, source="p.yaml")
    assert profile.transfers[0].data_categories == ["basic_profile", "health"]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "fragments"),
    [
        # A typo in a transfer's category must not hide sensitive PI (it matched nothing before).
        (
            "data_categories: [basic_profile, health]",
            "data_categories: [basic_profile, helth]",
            16,
            "transfers.0.data_categories.1",
            ["unknown data category 'helth'", "did you mean 'health'?"],
        ),
        (
            "sensitive_categories: [health]",
            "sensitive_categories: [helth]",
            9,
            "datasets.0.sensitive_categories.0",
            ["unknown sensitive PI category 'helth'", "did you mean 'health'?", "known: "],
        ),
        (
            "pi_categories: [basic_profile, contact]",
            "pi_categories: [basic_profile, financial_acount]",
            8,
            "datasets.0.pi_categories.1",
            ["close to 'financial_account'"],
        ),
        (
            "province: beijing}",
            "province: atlantis}",
            4,
            "entities.1.province",
            ["unknown province 'atlantis'", "known: anhui"],
        ),
        (
            "province: beijing}",
            "province: shangai}",
            4,
            "entities.1.province",
            ["did you mean 'shanghai'?"],
        ),
        (
            "    individuals: 5000\n",
            "    individuals: 5000\n    minors_under_14: 9000\n    minors_under_18: 10\n",
            11,
            "datasets.0.minors_under_14",
            ["minors_under_14 (9000) is more than minors_under_18 (10)"],
        ),
        (
            "    individuals: 5000\n",
            "    individuals: 5000\n    minors_under_18: 5001\n",
            11,
            "datasets.0.minors_under_18",
            ["minors_under_18 (5001) is more than individuals (5000)"],
        ),
        (
            "    individuals: 5000\n",
            "    individuals: 5000\n    minors_under_14: 5001\n",
            11,
            "datasets.0.minors_under_14",
            ["minors_under_14 (5001) is more than individuals (5000)"],
        ),
        (
            "    volumes:",
            "    start_date: 2026-03-01\n    end_date: 2026-02-28\n    volumes:",
            18,
            "transfers.0.end_date",
            ["end_date 2026-02-28 is before start_date 2026-03-01"],
        ),
        (
            "    volumes:",
            "    ftz_scenario: reinsurance.reinsurance_cesion\n    volumes:",
            17,
            "transfers.0.ftz_scenario",
            ["unknown FTZ scenario", "did you mean 'reinsurance.reinsurance_cession'?"],
        ),
    ],
)
def test_unknown_values_and_contradictions_name_line_and_field(
    old: str, new: str, line: int, field: str, fragments: list[str]
) -> None:
    assert old in BASE
    err = _error(BASE.replace(old, new))
    for fragment in fragments:
        assert fragment in err.message, err.message
    assert (err.line, err.field) == (line, field), str(err)


def test_equal_minor_counts_and_same_day_end_are_fine() -> None:
    text = BASE.replace(
        "    individuals: 5000\n",
        "    individuals: 5000\n    minors_under_14: 5000\n    minors_under_18: 5000\n",
    ).replace("    volumes:", "    start_date: 2026-03-01\n    end_date: 2026-03-01\n    volumes:")
    assert parse_profile(text).datasets[0].minors_under_14 == 5000


def test_references_in_regime_sections_must_name_known_ids() -> None:
    rights = (
        "rights:\n  requests:\n    - {id: r1, type: copy, received: 2026-05-06, entity: ghost}\n"
    )
    err = _error(BASE + rights)
    assert (err.line, err.field) == (20, "rights.requests.0.entity")
    assert "unknown entity 'ghost'" in err.message
    good = parse_profile(BASE + rights.replace("ghost", "e2"))
    assert good.rights is not None and good.rights.requests[0].entity == "e2"
    systems = "systems:\n  - {id: s1, name: S, datasets: [d1, d9]}\n"
    err = _error(BASE + systems)
    assert (err.line, err.field) == (19, "systems.0.datasets.1")


def test_a_data_category_of_a_listed_dataset_is_allowed_but_not_of_another(
    tmp_path: Path,
) -> None:
    text = BASE.replace("[basic_profile, health]", "[contact]")
    assert parse_profile(text).transfers[0].data_categories == ["contact"]
    # The transfer lists d1 only: d2's label is no category of the data it sends.
    text = BASE.replace("[basic_profile, health]", "[payroll]") + (
        "  - {id: t2, entity: e2, recipient: {name: R, country: US}}\n"
    )
    other = "  - {id: d2, entity: e2, pi_categories: [payroll]}\n"
    text = text.replace("transfers:\n", other + "transfers:\n")
    err = _error(text)
    assert err.field == "transfers.0.data_categories.0"
    assert "category of its datasets" in err.message


def test_app_data_types_must_be_known_and_sdk_labels_not_near_misses() -> None:
    app = (
        "apps:\n  - id: com.example.shop\n    entity: e1\n"
        "    permissions: [{name: android.permission.CAMERA, data_type: camera}]\n"
        "    reads_data_types: [location, contacts]\n"
        "    sdks: [{name: Push, collects: [oaid, android_id]}]\n"
    )
    assert parse_profile(BASE + app).apps[0].reads_data_types == ["location", "contacts"]
    err = _error(BASE + app.replace("[location, contacts]", "[location, contcts]"))
    assert (err.line, err.field) == (22, "apps.0.reads_data_types.1")
    assert "unknown app data type 'contcts' (did you mean 'contacts'?" in err.message
    err = _error(BASE + app.replace("data_type: camera", "data_type: camra"))
    assert err.field == "apps.0.permissions.0.data_type"
    err = _error(BASE + app.replace("oaid, android_id", "oaid, androd_id"))
    assert (err.field, err.line) == ("apps.0.sdks.0.collects.1", 23)
    assert "close to 'android_id'" in err.message


def test_errors_in_included_files_are_located_there(tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_text(
        "transfers:\n  - id: t2\n    entity: e2\n    recipient: {name: R, country: US}\n"
        "    data_categories: [biometrik]\n"
    )
    (tmp_path / "p.yaml").write_text(BASE + "include: [flows.yaml]\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "p.yaml")
    assert info.value.path is not None and info.value.path.endswith("flows.yaml")
    assert (info.value.line, info.value.field) == (5, "transfers.1.data_categories.0")
    assert "did you mean 'biometric'?" in info.value.message


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "{p}", "--regime", "mlps"],
        ["assess", "{p}", "--regime", "cross_border"],
        ["grading", "{p}"],
        ["dsr", "{p}"],
    ],
)
def test_every_command_refuses_an_unknown_province(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE.replace("province: beijing", "province: atlantis"))
    with pytest.raises(SystemExit) as info:
        main([a.format(p=path) for a in args] + ["--as-of", "2026-11-30"])
    _, err = capsys.readouterr()
    assert info.value.code == 2
    assert f"{path}:4, field 'entities.1.province': unknown province 'atlantis'" in err


def test_the_example_profile_passes_every_check() -> None:
    example = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
    assert load_profile(example).datasets
