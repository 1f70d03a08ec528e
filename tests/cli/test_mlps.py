"""``hegui mlps grade``: flags, --from YAML, interactive prompts, exit 2 on bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hegui.cli import main

WE9 = [
    "--info-object", "social_order", "--info-degree", "general",
    "--service-object", "citizens", "--service-degree", "serious",
]  # fmt: skip


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_flags_print_level_and_reasoning(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["mlps", "grade", *WE9], capsys)
    assert code == 0
    assert "Level: Level 2 (guided protection) / 第二级（指导保护）" in out
    assert "higher of the two" in out and "GB/T 22240-2020" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["mlps", "grade", *WE9, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["level"] == 2 and data["info"]["level"] == 2


def test_from_yaml_file_with_a_flag_overriding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "g.yaml"
    f.write_text(
        "grading:\n  info_object: social_order\n  info_degree: serious\n"
        "  service_object: citizens\n  service_degree: general\n",
        encoding="utf-8",
    )
    code, out, _ = run(["mlps", "grade", "--from", str(f)], capsys)
    assert code == 0 and "Level 3 (supervised protection)" in out
    code, out, _ = run(["mlps", "grade", "--from", str(f), "--info-degree", "general"], capsys)
    assert code == 0 and "Level 2 (guided protection)" in out


def test_interactive_prompts_ask_the_missing_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("3\n2\n1\n1\n"))
    code, out, _ = run(["mlps", "grade"], capsys)
    assert code == 0
    assert "object harmed" in out and "national_security" in out
    assert "Level 4 (mandatory protection)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--info-object", "aliens", *WE9[2:]], "unknown answer 'aliens'"),
        ([*WE9, "--format", "xml"], "unknown format"),
        (["--from", "/no/such/file.yaml"], "cannot read file"),
    ],
)
def test_bad_input_is_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["mlps", "grade", *args], capsys)
    assert code == 2 and message in err


def test_input_ending_before_an_answer_is_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(["mlps", "grade", *WE9[:6]], capsys)
    assert code == 2 and "service_degree" in err


def test_bad_yaml_shape_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "g.yaml"
    f.write_text("- a\n- b\n", encoding="utf-8")
    code, _, err = run(["mlps", "grade", "--from", str(f)], capsys)
    assert code == 2 and "expected a mapping" in err
