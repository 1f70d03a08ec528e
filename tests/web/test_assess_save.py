"""``hegui assess PROFILE --save ORG_SLUG``: the report, then the same store as `register assess`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hegui.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.fixture
def profile(world: Any, tmp_path: Path) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(world.profile_yaml, encoding="utf-8")
    return path


def test_save_stores_a_profile_version_and_the_assessment(
    world: Any, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hegui.web.register.models import AuditEntry

    argv = ["assess", str(profile), "--as-of", "2026-11-30", "-f", "json", "--save", "acme"]
    code, out, err = _run(argv, capsys)
    assert code == 0, err
    report = json.loads(out)  # stdout stays the report; the register line goes to stderr
    [stored] = world.org.assessments.all()
    assert f"assessment #{stored.pk} of acme as of 2026-11-30" in err
    assert str(stored.as_of) == report["as_of"] == "2026-11-30"
    assert sorted(f["rule_id"] for f in stored.findings) == sorted(
        f["rule_id"] for f in report["findings"]
    )
    [version] = world.org.profiles.all()
    assert stored.profile_version_id == version.pk and version.note == f"from {profile}"
    assert AuditEntry.objects.filter(actor="cli:assess").exists()
    # Saving again adds a version and an assessment, as `register assess --profile` does.
    assert _run(argv, capsys)[0] == 0
    assert world.org.profiles.count() == 2 and world.org.assessments.count() == 2


def test_save_happens_before_fail_on_exits_1(
    world: Any, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["assess", str(profile), "--as-of", "2026-11-30", "--fail-on", "applies"]
    code, _, err = _run([*argv, "--save", "acme"], capsys)
    assert code == 1, err
    assert world.org.assessments.count() == 1


def test_save_to_an_unknown_organisation_is_exit_2(
    world: Any, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["assess", str(profile), "--save", "no_such_org"], capsys)
    assert code == 2 and "no_such_org" in err and "no organisation" in err
    assert world.org.profiles.count() == 0


def test_assess_without_save_does_not_load_django(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).parents[2]
    code = (
        "import sys\nfrom hegui.cli import main\n"
        "try:\n    main(['assess', sys.argv[1], '--as-of', '2026-11-30', '-o', sys.argv[2]])\n"
        "except SystemExit:\n    pass\n"
        "print('django' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root / "examples/acme/profile.yaml"), str(tmp_path / "r")],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert done.stdout.strip().endswith("False"), done.stderr
    assert (tmp_path / "r").stat().st_size > 0
