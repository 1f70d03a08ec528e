"""``hegui law``: browse instruments, articles and parameters; check a law directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_show_article_prints_the_official_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["law", "show", "pipl", "39"], capsys)
    assert code == 0 and "PIPL Art. 39" in out and "单独同意" in out


def test_show_instrument_lists_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["law", "show", "dsl"], capsys)
    assert code == 0 and "数据安全法" in out and "articles encoded: 1, 2, 3" in out


def test_unknown_article_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["law", "show", "pipl", "999"], capsys)
    assert code == 2 and "has no article '999'" in err


def test_instruments_mark_drafts_and_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["law", "instruments", "--as-of", "2021-10-31"], capsys)
    assert code == 0
    pipl = next(line for line in out.splitlines() if line.startswith("pipl "))
    assert "not in force" in pipl


def test_check_bundled_and_broken_directories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["law", "check"], capsys)
    assert code == 0 and out.startswith("ok:")
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "x.yaml").write_text("id: y\n")
    code, _, err = run(["law", "check", str(tmp_path)], capsys)
    assert code == 2 and "x.yaml" in err


def test_param_history(capsys: pytest.CaptureFixture[str]) -> None:
    from hegui.api import get_law

    pid = sorted(get_law().parameters)[0]
    code, out, _ = run(["law", "param", pid], capsys)
    assert code == 0 and out.startswith(pid)
    code, _, err = run(["law", "param", "no.such"], capsys)
    assert code == 2 and "unknown parameter" in err


def test_instruments_json_marks_what_is_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(["law", "instruments", "--as-of", "2021-10-31", "-f", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    states = {i["id"]: i["state"] for i in data["instruments"]}
    assert data["as_of"] == "2021-10-31"
    assert states["pipl"] == "not in force"  # effective 2021-11-01
    code, out, _ = run(["law", "instruments", "--as-of", "2021-11-01", "-f", "json"], capsys)
    assert {i["id"]: i["state"] for i in json.loads(out)["instruments"]}["pipl"] == "in force"
