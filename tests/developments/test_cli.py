"""`hegui digest | diff | feed | developments`, run through main() as a user would."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hegui.cli import main
from hegui.developments.loader import load_developments

ACME = str(Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml")
FIXTURES = Path(__file__).parent / "fixtures"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_digest_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["digest", "-p", ACME, "--from", "2025-05-01", "--to", "2025-05-31", "-f", "json"], capsys
    )
    assert code == 0
    data = json.loads(out)
    assert data["from"] == "2025-05-01" and len(data["items"]) == 22


def test_digest_bad_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["digest", "-p", ACME, "--from", "2025-13-01", "--to", "2025-05-31"], capsys)
    assert code == 2 and "--from" in err


def test_digest_bad_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        ["digest", "-p", ACME, "--from", "2025-05-01", "--to", "2025-05-31", "-f", "pdf"], capsys
    )
    assert code == 2 and "unknown format" in err


def test_diff_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "-p", ACME, "--from", "2025-05-31", "--to", "2025-06-01"], capsys)
    assert code == 0
    assert "facial_recognition.filing" in out and "cac_fr_filing_notice_2025" in out


def test_feed_needs_exactly_one_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["feed"], capsys)[0] == 2
    assert run(["feed", "--atom", "--json"], capsys)[0] == 2
    code, out, _ = run(["feed", "--atom"], capsys)
    assert code == 0 and ET.fromstring(out).tag.endswith("feed")


def test_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["developments", "list"], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 23
    code, out, _ = run(["developments", "show", "cac_fr_filing_notice_2025"], capsys)
    assert code == 0 and "facial_recognition.filing" in out and "人脸识别" in out
    code, _, err = run(["developments", "show", "nope"], capsys)
    assert code == 2 and "nope" in err


def test_validate_bundled_and_bad(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["developments", "validate"], capsys)
    assert code == 0 and "23 development record(s) valid" in out
    bad = FIXTURES / "bad" / "bad_kind.yaml"
    code, _, err = run(["developments", "validate", str(bad)], capsys)
    assert code == 2 and f"{bad}:6" in err and "kind" in err


def test_new_scaffold_then_validate_names_the_blanks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["developments", "new", "--id", "my_notice_2025", "--date", "2025-06-03", "--write",
         "--dir", str(tmp_path)],
        capsys,
    )  # fmt: skip
    path = tmp_path / "2025-06" / "my_notice_2025.yaml"
    assert code == 0 and out.strip() == str(path)
    code, _, err = run(["developments", "validate", str(path)], capsys)
    assert code == 2
    for blank in ("authority.zh", "instrument.zh", "summary.zh", "areas", "source"):
        assert f"field '{blank}'" in err, (blank, err)
    # Filling the blanks makes it valid.
    text = path.read_text(encoding="utf-8")
    text = text.replace('authority: {zh: "", en: ""}', "authority: {zh: 某部门, en: Some Ministry}")
    text = text.replace('instrument: {zh: "", en: ""}', "instrument: {zh: 某通知, en: Some Notice}")
    text = text.replace('  en: ""', "  en: A short summary.").replace(
        '  zh: ""', "  zh: 简短摘要。"
    )
    text = text.replace('source: ""', "source: https://example.org/n").replace(
        "areas: []", "areas: [data_security]"
    )
    path.write_text(text, encoding="utf-8")
    (dev,) = load_developments(path, check_rules=True)
    assert dev.id == "my_notice_2025"
    # Never overwrites.
    code, _, err = run(
        ["developments", "new", "--id", "my_notice_2025", "--date", "2025-06-03", "--write",
         "--dir", str(tmp_path)],
        capsys,
    )  # fmt: skip
    assert code == 2 and "exists" in err


def test_new_rejects_bad_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["developments", "new", "--id", "Bad-Id", "--date", "2025-06-03"], capsys)
    assert code == 2 and "lower_snake" in err
