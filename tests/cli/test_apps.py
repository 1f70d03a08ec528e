"""`hegui scan-app` and `hegui app-types`, run through main() as a user would."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from hegui.cli import main

_TESTS = Path(__file__).parents[1]
sys.path[:0] = [str(_TESTS / "scanners" / "android"), str(_TESTS / "scanners" / "policy")]

from apk_builder import PlantedClass, dex, manifest, write_apk  # noqa: E402
from policy_texts import ZH_LINES, policy  # noqa: E402

# The real APKs live beside the checkout (not committed), as in tests/scanners/android.
FIXTURES = Path(
    os.environ.get(
        "HEGUI_APK_FIXTURES", _TESTS.resolve().parents[1] / "shared" / "fixtures" / "apks"
    )
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.fixture
def app(tmp_path: Path) -> tuple[str, str]:
    classes = [
        PlantedClass(
            "com.example.cli.Main", invokes=[("android.telephony.TelephonyManager", "getDeviceId")]
        ),
        PlantedClass("com.igexin.sdk.PushManager"),
    ]
    apk = write_apk(
        tmp_path / "cli.apk",
        # usesCleartextTraffic="false": the builder's minSdkVersion 21 / target 33 would otherwise
        # permit cleartext on API 23-27, a finding this fixture does not plant.
        manifest("com.example.cli", ["android.permission.CAMERA"], cleartext=False),
        [dex(classes)],
    )
    pol = tmp_path / "privacy.html"
    body = "".join(f"<p>{v}</p>" for v in policy(ZH_LINES).splitlines())
    pol.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return str(apk), str(pol)


@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif"])
def test_every_format(app: tuple[str, str], fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    apk, pol = app
    code, out, _ = run(["scan-app", apk, "--policy", pol, "--format", fmt], capsys)
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["apk"]["manifest"]["package"] == "com.example.cli"
        assert {f["rule_id"] for f in data["findings"]} == {
            "apps.immutable_identifier_read",
            "apps.pi_read_not_disclosed",
            "apps.sdk_not_disclosed",
        }
    elif fmt == "sarif":
        assert json.loads(out)["version"] == "2.1.0"
    elif fmt == "html":
        assert "<html" in out.lower() and "apps.sdk_not_disclosed" in out
    else:
        assert "apps.sdk_not_disclosed" in out and "getui" in out


def test_fail_on_and_profile_out(
    app: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apk, pol = app
    prof = tmp_path / "facts.yaml"
    code, _, err = run(
        ["scan-app", apk, "--policy", pol, "--profile-out", str(prof), "--fail-on", "high"], capsys
    )
    assert code == 1  # SDK not disclosed is high severity
    assert f"wrote {prof}" in err
    facts = yaml.safe_load(prof.read_text(encoding="utf-8"))
    assert facts["apps"][0]["sdks"][0]["id"] == "getui"
    assert facts["apps"][0]["reads_immutable_identifiers"] == ["imei"]
    code, _, _ = run(["scan-app", apk, "--policy", pol, "--fail-on", "needs_review"], capsys)
    assert code == 1
    code, _, _ = run(
        ["scan-app", str(FIXTURES / "TestActivity.apk"), "--policy", pol, "--fail-on", "low"],
        capsys,
    )
    assert code == 1  # TestActivity is debuggable
    code, _, _ = run(
        ["scan-app", str(FIXTURES / "com.politedroid_4.apk"), "--policy", pol, "--fail-on", "due"],
        capsys,
    )
    assert code == 1  # the boot and calendar permissions have no stated purpose


def test_clean_app_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apk = write_apk(
        tmp_path / "ok.apk",
        # Clean includes opting out of cleartext: minSdkVersion 21 supports API 23-27 devices,
        # which permit it by default whatever the target.
        manifest("com.example.ok", [], cleartext=False),
        [dex([PlantedClass("com.example.ok.Main")])],
    )
    pol = tmp_path / "p.txt"
    pol.write_text(policy(ZH_LINES), encoding="utf-8")
    code, out, _ = run(
        ["scan-app", str(apk), "--policy", str(pol), "--fail-on", "needs_review"], capsys
    )
    assert code == 0 and "com.example.ok" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan-app", str(FIXTURES / "multidex.apk")], "no AndroidManifest.xml"),
        (["scan-app", "/nonexistent/x.apk"], "cannot read file"),
        (
            ["scan-app", str(FIXTURES / "TestActivity.apk"), "--app-type", "spaceship"],
            "unknown app type",
        ),
        (["scan-app", str(FIXTURES / "TestActivity.apk"), "--format", "pdf"], "--format"),
        (["scan-app", str(FIXTURES / "TestActivity.apk"), "--fail-on", "critical"], "--fail-on"),
    ],
)
def test_bad_input_exits_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(args, capsys)
    assert code == 2 and message in err


def test_app_types(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["app-types"], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 39 and "地图导航" in out
    code, out, _ = run(["app-types", "--format", "json"], capsys)
    assert [t["number"] for t in json.loads(out)] == list(range(1, 40))


@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif"])
def test_scan_policy(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pol = tmp_path / "privacy.txt"
    pol.write_text(policy(ZH_LINES, drop=("retention",)), encoding="utf-8")
    code, out, _ = run(["scan-policy", str(pol), "--format", fmt, "--fail-on", "medium"], capsys)
    assert code == 1  # the missing retention period is a medium-severity finding
    assert "apps.retention_missing" in out
    if fmt == "json":
        data = json.loads(out)
        assert [f["rule_id"] for f in data["findings"]] == ["apps.retention_missing"]
        assert data["policy"]["elements"]["retention"]["present"] is False
    complete = tmp_path / "ok.txt"
    complete.write_text(policy(ZH_LINES), encoding="utf-8")
    code, _, _ = run(["scan-policy", str(complete), "--format", fmt, "--fail-on", "low"], capsys)
    assert code == 0


def test_scan_policy_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(["scan-policy", str(empty)], capsys)
    assert code == 2 and "no readable text" in err


def test_text_report_lists_evidence(
    app: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    apk, pol = app
    _, out, _ = run(["scan-app", apk, "--policy", pol], capsys)
    evidence = out.split("Evidence:", 1)[1]
    assert (
        "- apps.sdk_not_disclosed [getui] (cli.apk): sdk=getui; class=com.igexin.sdk.PushManager"
        in evidence
    )
    assert "apps.immutable_identifier_read [imei] (cli.apk): class=com.example.cli.Main" in evidence
