"""Hostile and malformed APKs fail fast with a clear error naming the file; nothing runs."""

from __future__ import annotations

import contextlib
import random
import time
import zipfile
from pathlib import Path

import pytest
from apk_builder import PlantedClass, XmlElement, axml, dex, manifest

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.android import ApkLimits, scan_apk

GOOD_DEX = dex([PlantedClass("com.example.h.Main")])
GOOD_MANIFEST = manifest("com.example.h", [])


def test_zip_bomb_entry_is_refused_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.apk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("AndroidManifest.xml", GOOD_MANIFEST)
        z.writestr("classes.dex", GOOD_DEX)
        z.writestr("assets/zeros.bin", bytes(64 * 1024 * 1024))  # inflates ~1000x
    start = time.monotonic()
    with pytest.raises(InputTooLargeError, match="zip bomb") as info:
        scan_apk(path)
    assert time.monotonic() - start < 5
    assert str(path) in str(info.value) and "assets/zeros.bin" in str(info.value)


def test_total_uncompressed_limit(build) -> None:  # type: ignore[no-untyped-def]
    apk = build(GOOD_MANIFEST, [GOOD_DEX], {"assets/a.bin": b"x" * 5000})
    with pytest.raises(InputTooLargeError, match="would inflate"):
        scan_apk(apk, limits=ApkLimits(max_total_uncompressed_bytes=4000))


def test_entry_count_limit(build) -> None:  # type: ignore[no-untyped-def]
    extra = {f"res/f{i}.xml": b"<a/>" for i in range(20)}
    with pytest.raises(InputTooLargeError, match="entries"):
        scan_apk(build(GOOD_MANIFEST, [GOOD_DEX], extra), limits=ApkLimits(max_entries=10))


def test_file_size_limit(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputTooLargeError, match="above the limit"):
        scan_apk(build(GOOD_MANIFEST, [GOOD_DEX]), limits=ApkLimits(max_file_bytes=100))


def test_huge_dex_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputTooLargeError, match=r"classes\.dex"):
        scan_apk(build(GOOD_MANIFEST, [GOOD_DEX]), limits=ApkLimits(max_dex_bytes=64))


def test_too_many_dex_files(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputTooLargeError, match="dex files"):
        scan_apk(build(GOOD_MANIFEST, [GOOD_DEX] * 3), limits=ApkLimits(max_dex_files=2))


def test_time_budget(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputTooLargeError, match="time budget"):
        scan_apk(build(GOOD_MANIFEST, [GOOD_DEX]), limits=ApkLimits(time_budget_seconds=-1))


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.apk"
    path.write_bytes(b"MZ this is not an apk" * 10)
    with pytest.raises(ScanError, match="not a readable APK"):
        scan_apk(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="cannot read file"):
        scan_apk(tmp_path / "absent.apk")


@pytest.mark.parametrize(
    ("manifest_bytes", "message"),
    [
        (b"\x00" * 64, "not valid binary XML"),
        (b"<manifest package='x'/>", "not valid binary XML"),  # text XML is not what Android ships
        (GOOD_MANIFEST[: len(GOOD_MANIFEST) // 2], "not valid binary XML"),
        (axml(XmlElement("resources", [(False, "package", "x")])), "not <manifest>"),
        (axml(XmlElement("manifest", [(True, "versionCode", 1)])), "no package name"),
    ],
    ids=["zeros", "text-xml", "truncated", "wrong-root", "no-package"],
)
def test_malformed_manifest(build, manifest_bytes: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScanError, match=message) as info:
        scan_apk(build(manifest_bytes, [GOOD_DEX]))
    assert ".apk" in str(info.value)


@pytest.mark.parametrize(
    ("dex_bytes", "message"),
    [
        (b"not a dex at all", "bad magic"),
        (GOOD_DEX[:0x70], "not a valid dex|malformed"),
        (GOOD_DEX[:40] + b"\xff" * (len(GOOD_DEX) - 40), "not a valid dex|malformed"),
    ],
    ids=["magic", "header-only", "garbage-body"],
)
def test_malformed_dex(build, dex_bytes: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScanError, match=message):
        scan_apk(build(GOOD_MANIFEST, [dex_bytes]))


def _patch_declared_size(path: Path, member: bytes, size: int) -> None:
    """Rewrite the central-directory uncompressed size of one member (a lying header)."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if bytes(data[pos + 46 : pos + 46 + name_len]) == member:
            data[pos + 24 : pos + 28] = size.to_bytes(4, "little")
            path.write_bytes(bytes(data))
            return
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError("member not found")


def test_header_claiming_less_than_the_data_stops_at_the_claim(build) -> None:  # type: ignore[no-untyped-def]
    apk = build(GOOD_MANIFEST, [GOOD_DEX])
    _patch_declared_size(apk, b"AndroidManifest.xml", 16)
    with pytest.raises(ScanError, match="AndroidManifest"):
        scan_apk(apk)


def test_header_claiming_a_huge_member_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    apk = build(GOOD_MANIFEST, [GOOD_DEX])
    _patch_declared_size(apk, b"classes.dex", 0xFFFFFFF0)
    with pytest.raises(InputTooLargeError):
        scan_apk(apk)


@pytest.mark.parametrize("part", ["manifest", "dex"])
def test_mutated_inputs_only_ever_give_hegui_errors(build, part: str) -> None:  # type: ignore[no-untyped-def]
    from hegui.errors import HeguiError

    rng = random.Random(7)
    rich_dex = dex(
        [
            PlantedClass(
                "com.example.h.Main",
                invokes=[("android.telephony.TelephonyManager", "getDeviceId")],
                strings=["s"],
            ),
            PlantedClass("com.umeng.analytics.A", fields=[("android.os.Build", "SERIAL")]),
        ]
    )
    rich_manifest = manifest("com.example.h", ["android.permission.CAMERA"], debuggable=True)
    for _ in range(40):
        m, d = bytearray(rich_manifest), bytearray(rich_dex)
        target = m if part == "manifest" else d
        for _ in range(rng.randint(1, 8)):
            target[rng.randrange(len(target))] = rng.randrange(256)
        start = time.monotonic()
        with contextlib.suppress(HeguiError):  # anything else fails the test
            scan_apk(build(bytes(m), [bytes(d)]))
        assert time.monotonic() - start < 10
