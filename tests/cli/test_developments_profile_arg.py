"""`hegui digest PROFILE` / `hegui diff PROFILE`, like `hegui assess PROFILE`; -p still works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.cli import main

ACME = str(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")
MAY = ["--from", "2025-05-01", "--to", "2025-05-31"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_digest_takes_the_profile_as_an_argument(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["digest", ACME, *MAY, "-f", "json"], capsys)
    assert code == 0
    positional = json.loads(out)
    code, out, _ = _run(["digest", "-p", ACME, *MAY, "-f", "json"], capsys)
    assert code == 0 and json.loads(out) == positional
    assert positional["organisation"] == "Acme Group (China)" and len(positional["items"]) == 22


def test_diff_takes_the_profile_as_an_argument(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["diff", ACME, "--from", "2025-05-31", "--to", "2025-06-01"], capsys)
    assert code == 0 and "cac_fr_filing_notice_2025" in out


@pytest.mark.parametrize(
    "args",
    [["digest", *MAY], ["digest", ACME, "-p", "other.yaml", *MAY], ["diff", *MAY]],
)
def test_no_profile_or_two_profiles_exit_2_naming_the_option(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(args, capsys)
    assert code == 2 and "--profile" in err and "Traceback" not in err


def test_developments_show_text_has_no_python_reprs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["developments", "show", "network_id_measures_2025"], capsys)
    assert code == 0
    assert "dates: issued 2025-05-23, effective 2025-07-15\n" in out
    assert "applies_when: activities apps, network_id\n" in out
    assert not any(c in out for c in "[]{}'")
