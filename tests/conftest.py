"""Test-wide settings."""

from __future__ import annotations

import os

# A bug in a rule must fail the tests, not turn into a needs_review finding.
os.environ["HEGUI_STRICT"] = "1"
