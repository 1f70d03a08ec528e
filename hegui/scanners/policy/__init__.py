"""Privacy-policy analysis (zh and en; text, HTML, PDF, DOCX)."""

from __future__ import annotations

from hegui.scanners.policy.analyze import PolicyFacts, analyze_policy, scan_policy
from hegui.scanners.policy.extract import (
    PolicyDocument,
    PolicyLimits,
    load_policy,
    policy_from_text,
)

__all__ = [
    "PolicyDocument",
    "PolicyFacts",
    "PolicyLimits",
    "analyze_policy",
    "load_policy",
    "policy_from_text",
    "scan_policy",
]
