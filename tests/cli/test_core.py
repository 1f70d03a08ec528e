"""The core CLI commands, run through main() as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.cli import main

EXAMPLE = str(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")
SMALL = """\
organisation: {name: Small Co}
entities: [{id: e1, name: E1, province: zhejiang}]
transfers:
  - {id: t1, entity: e1, recipient: {name: HQ, country: SG}, notice_given: true, separate_consent: false}
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_assess_every_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["assess", EXAMPLE, "--as-of", "2026-11-30", "--format", fmt], capsys)
    assert code == 0
    assert "Acme Group" in out
    if fmt == "json":
        assert json.loads(out)["schema_version"] == "1.0"


def test_fail_on_gives_exit_1_only_at_or_above_the_level(
    small: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["assess", small, "--as-of", "2026-11-30", "--fail-on", "due"], capsys)[0] == 1
    assert run(["assess", small, "--as-of", "2026-11-30", "--fail-on", "overdue"], capsys)[0] == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["assess", "SMALL", "--as-of", "2026-13-01"], "--as-of"),
        (["assess", "SMALL", "--fail-on", "panic"], "--fail-on"),
        (["assess", "SMALL", "--format", "pdf"], "--format"),
        (["assess", "/nonexistent/profile.yaml"], "cannot read file"),
        (["rules", "no.such_rule"], "unknown rule id"),
        (["schema", "nonsense"], "choose profile or assessment"),
    ],
)
def test_usage_and_input_errors_exit_2_with_a_clear_message(
    args: list[str], fragment: str, small: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [small if a == "SMALL" else a for a in args]
    code, _, err = run(args, capsys)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_bad_profile_error_names_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("province: zhejiang", "province: zhejiang, ciio: maybe"))
    code, _, err = run(["assess", str(bad)], capsys)
    assert code == 2
    assert f"{bad}:2" in err and "entities.0.ciio" in err


def test_rules_catalogue_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "cross_border.notice_and_consent" in out and "PIPL Art. 39" in out
    code, out, _ = run(["rules", "--format", "json"], capsys)
    rules = json.loads(out)
    assert all(r["citations"] for r in rules)
    assert len({r["id"] for r in rules}) == len(rules)


def test_explain_shows_facts_reasoning_and_article_text(
    small: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        [
            "explain",
            "cross_border.notice_and_consent",
            "--profile",
            small,
            "--as-of",
            "2026-11-30",
            "--lang",
            "zh",
        ],
        capsys,
    )
    assert code == 0
    assert "separate_consent = False" in out
    assert "单独同意" in out  # the article's official text


def test_schema_profile_and_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(run(["schema"], capsys)[1])["title"] == "hegui organisation profile"
    assert "hegui assessment" in json.loads(run(["schema", "assessment"], capsys)[1])["title"]


def test_output_file_is_written(
    tmp_path: Path, small: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "report.html"
    code, _, _ = run(["assess", small, "--format", "html", "--output", str(target)], capsys)
    assert code == 0 and target.read_text().startswith("<!doctype html>")


def test_init_writes_a_starter_profile_that_assesses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["init", str(tmp_path)], capsys)
    assert code == 0 and (tmp_path / "profile.schema.json").exists()
    code, out, _ = run(["assess", str(tmp_path / "profile.yaml"), "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["organisation"] == "Your Company (China)"
    code, _, err = run(["init", str(tmp_path)], capsys)
    assert code == 2 and "already exists" in err
