"""Paths and builders shared by the Android scanner tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent
# The builders live next to the tests; the policy texts next to the policy tests.
for _p in (_HERE, _HERE.parent / "policy"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


@pytest.fixture
def build(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write an APK from a manifest and dex list into tmp_path and return its path."""
    from apk_builder import write_apk

    counter = iter(range(1000))

    def _build(
        manifest: bytes | None, dexes: list[bytes], extra: dict[str, bytes] | None = None
    ) -> Path:
        return write_apk(tmp_path / f"app{next(counter)}.apk", manifest, dexes, extra)

    return _build
