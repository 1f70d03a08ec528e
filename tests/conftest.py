"""Test-wide settings."""

from __future__ import annotations

import os

import pytest

# A bug in a rule must fail the tests, not turn into a needs_review finding.
os.environ["HEGUI_STRICT"] = "1"


def in_ci() -> bool:
    """True when running under CI (``.ci/run`` sets ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(condition: object, reason: str) -> None:
    """Skip the calling test (or module) when ``condition`` is false; under CI, fail instead.

    Slow suites (browser, PostgreSQL, Spark) run in CI, so a missing dependency there is a broken
    CI set-up, not a reason to pass silently.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI is set: every suite must run there)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
