"""Regulatory developments as data: records, a loader, a tailored digest, a diff and feeds."""
