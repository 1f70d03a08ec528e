"""Checks on uploaded files: evidence (size, type sniffed from the bytes, SHA-256) and scans.

Scan results are stored as counts, verdicts and masked samples only: anything that could carry a
raw value is dropped before the JSON reaches the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from hegui.errors import InputTooLargeError, ScanError

# Declared content type -> magic bytes the file must start with (None: text, checked separately).
_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
    "application/zip": (b"PK\x03\x04",),
    "text/plain": None,
    "text/csv": None,
    "application/json": None,
}
ALLOWED_TYPES = tuple(_SIGNATURES)


class EvidenceError(ScanError):
    """An evidence upload was refused (type, content or size)."""


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload: its bytes, declared type, size and SHA-256."""

    name: str
    content_type: str
    content: bytes
    size: int
    sha256: str


def check_evidence(name: str, content_type: str, content: bytes) -> CheckedFile:
    """Accept the upload only if its size is within the limit and its bytes match its type."""
    limit = settings.EVIDENCE_MAX_BYTES
    if len(content) > limit:
        raise InputTooLargeError(f"file is {len(content)} bytes; the limit is {limit}", path=name)
    if not content:
        raise EvidenceError("file is empty", path=name)
    ctype = content_type.split(";")[0].strip().lower()
    if ctype not in _SIGNATURES:
        raise EvidenceError(
            f"content type {ctype!r} is not accepted (allowed: {', '.join(ALLOWED_TYPES)})",
            path=name,
        )
    magic = _SIGNATURES[ctype]
    if magic is None:
        if b"\x00" in content:
            raise EvidenceError(f"declared {ctype} but the file is binary", path=name)
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EvidenceError(f"declared {ctype} but the file is not UTF-8", path=name) from exc
    elif not content.startswith(magic):
        raise EvidenceError(f"declared {ctype} but the file content is not {ctype}", path=name)
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(name[:200], ctype, content, len(content), digest)


# Keys whose values may hold raw cells or full records: never stored.
_DROP_KEYS = {"raw", "value", "values", "cells", "rows", "records", "data", "text", "content"}
_SAMPLE_KEYS = {"sample", "samples", "masked_samples", "examples", "masked_examples"}
_MASK_CHARS = ("*", "•", "×", "x" * 3)


def _is_number(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float)


def _is_masked(text: str) -> bool:
    return any(ch in text for ch in _MASK_CHARS)


def _clean(value: Any, *, in_samples: bool, depth: int) -> Any:
    if depth > 20:
        raise ScanError("scan JSON is nested too deeply")
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = str(k)[:100]
            if key.lower() in _DROP_KEYS and not _is_number(v):
                continue  # a count under such a key (rows: 1200) is kept; text is not
            out[key] = _clean(
                v, in_samples=in_samples or key.lower() in _SAMPLE_KEYS, depth=depth + 1
            )
        return out
    if isinstance(value, list):
        cleaned = [_clean(v, in_samples=in_samples, depth=depth + 1) for v in value[:1000]]
        return [v for v in cleaned if v is not None]
    if isinstance(value, str):
        if in_samples and not _is_masked(value):
            return None  # an unmasked "sample" would be raw PI
        return value[:300]
    return value


def sanitise_scan(content: bytes, *, name: str) -> dict[str, Any]:
    """Parse scan-result JSON and keep only counts, verdicts and masked samples."""
    limit = settings.SCAN_MAX_BYTES
    if len(content) > limit:
        raise InputTooLargeError(f"scan file is {len(content)} bytes; limit {limit}", path=name)
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScanError(f"not a JSON scan result: {exc}", path=name) from exc
    if not isinstance(data, dict):
        raise ScanError("a scan result must be a JSON object", path=name)
    cleaned = _clean(data, in_samples=False, depth=0)
    assert isinstance(cleaned, dict)
    return cleaned


def scan_rule_ids(summary: Any) -> set[str]:
    """Every ``rule_id`` mentioned anywhere in a scan summary (to link findings to obligations)."""
    found: set[str] = set()
    stack = [summary]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("rule_id"), str):
                found.add(item["rule_id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
