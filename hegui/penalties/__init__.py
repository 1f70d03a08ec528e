"""Penalty exposure: statutory ranges (dated) and the CAC discretion benchmark's bands.

The law (ranges, tiers, circumstances, band percentages) lives in ``mappings/penalty_provisions``
and ``parameters/penalties``; this package only reads it.
"""

from __future__ import annotations

from hegui.penalties.calculator import known_circumstances, list_violations, penalty_exposure
from hegui.penalties.models import FineBand, PenaltyError, PenaltyExposure, ViolationInfo

__all__ = [
    "FineBand",
    "PenaltyError",
    "PenaltyExposure",
    "ViolationInfo",
    "known_circumstances",
    "list_violations",
    "penalty_exposure",
]
