"""Checks on uploaded files: evidence (size, type sniffed from the bytes, SHA-256) and scans.

Scan results are stored as counts, verdicts and masked samples only: the known fields of hegui's
scan JSON are kept (strings only where no PI detector fires, samples only where really masked),
everything else is dropped before the JSON reaches the database.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from hegui.errors import InputTooLargeError, ScanError
from hegui.web.register.inputs import InputError, parse_json, personal_info_in

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
# Types browsers send that say nothing (octet-stream, none) or name a type by another name
# (Windows: CSV as Excel, ZIP as x-zip-compressed). For these the file name's extension chooses
# one of the types above, and the bytes are then checked against it as for any upload.
_VAGUE_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "application/x-zip-compressed",
        "application/x-zip",
        "application/vnd.ms-excel",
        "application/csv",
        "text/x-csv",
    }
)
_BY_EXTENSION = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".json": "application/json",
}


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
        raise InputTooLargeError(
            _("file is %(size)s bytes; the limit is %(limit)s")
            % {"size": len(content), "limit": limit},
            path=name,
        )
    if not content:
        raise EvidenceError(_("file is empty"), path=name)
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in _VAGUE_TYPES:
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        ctype = _BY_EXTENSION.get(suffix, ctype)
    if ctype not in _SIGNATURES:
        raise EvidenceError(
            _("content type %(type)s is not accepted (allowed: %(allowed)s)")
            % {"type": repr(ctype), "allowed": ", ".join(ALLOWED_TYPES)},
            path=name,
        )
    magic = _SIGNATURES[ctype]
    if magic is None:
        if b"\x00" in content:
            raise EvidenceError(
                _("declared %(type)s but the file is binary") % {"type": ctype}, path=name
            )
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EvidenceError(
                _("declared %(type)s but the file is not UTF-8") % {"type": ctype}, path=name
            ) from exc
    elif not content.startswith(magic):
        raise EvidenceError(
            _("declared %(type)s but the file content is not %(type)s") % {"type": ctype},
            path=name,
        )
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(name[:200], ctype, content, len(content), digest)


# The scan sanitiser is an allowlist of the keys of hegui's own scan JSON (``hegui scan``:
# hegui.scanners.tabular.models.SourceReport; ``hegui scan-app``: AppScanResult), each with the
# kinds of value it may hold. Any other key, and any value of another kind, is dropped: an
# unknown key may hold raw cells, and a string where a count belongs may be a raw value.
_COUNT = frozenset(
    [
        "rows",
        "rows_examined",
        "rows_scanned",
        "count",
        "sample",
        "full",
        "minors_present",
        "score",
        "cells_examined",
        "non_empty",
        "share",
        "matches",
        "sensitive",
        "value",
        "relative_error",
        "under_14",
        "under_18",
        "valid_ids",
        "sublevel",
        "class_count",
        "characters",
        "simplified_chinese",
        "english",
        "has_table",
        "present",
        "purpose_stated",
        "purpose",
        "pi",
        "policy_link",
        "min_sdk",
        "target_sdk",
        "exported",
        "exported_explicit",
        "uses_cleartext_traffic",
        "network_security_config",
        "allow_backup",
        "debuggable",
        "cross_border",
        "pi_permission",
        "due_approximate",
        "proposed",
        "open",
        "overdue",
        "approximate_deadlines",
        "individuals",
    ]
)
_LABEL = frozenset(
    [
        "name",
        "name_zh",
        "entity",
        "strategy",
        "method",
        "column",
        "source",
        "kind",
        "format",
        "as_of",
        "generated_at",
        "schema_version",
        "tool_version",
        "app_type",
        "rule_id",
        "regime",
        "status",
        "subject",
        "due",
        "due_at",
        "category",
        "categories",
        "pi_categories",
        "sensitive_categories",
        "header_context",
        "notes",
        "reasoning",
        "needs_review",
        "skipped",
        "zh",
        "en",
        "instrument",
        "article",
        "effective",
        "url",
        "package",
        "version_code",
        "version_name",
        "label",
        "permissions",
        "data_type",
        "data_types",
        "protection",
        "group",
        "id",
        "provider",
        "collects",
        "api",
        "origin",
        "sdk",
        "dex_files",
        "explanation",
        "missing",
        "unit",
        "actions",
        "title",
    ]
)
_RECORD = frozenset(
    [
        "tables",
        "columns",
        "entities",
        "individuals",
        "minors",
        "grade",
        "level",
        "title",
        "findings",
        "apk",
        "manifest",
        "permissions",
        "sdks",
        "packers",
        "api_calls",
        "components",
        "policy",
        "citations",
        "name",
        "short",
        "authority",
        "actions",
        "response_times",
        "summary",
    ]
)
# Objects keyed by ids (category, status, element, data type, SDK): keys must look like ids.
_MAP = frozenset(
    ["category_names", "elements", "data_types", "sdks", "by_status", "by_regime", "facts"]
)
_SAMPLE = frozenset(["masked_examples", "masked_samples", "samples", "examples"])
_ID_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,79}$")
_MASK_CHARS = "*•×"
_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")
_MAX_LIST = 1000


def _finite_number(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, bool | int)


def _label(value: str) -> str | None:
    """A short verdict or name, kept only if no PI detector fires on it."""
    text = _CREDENTIALS.sub("", value[:300])
    return None if personal_info_in(text, names=False) else text


def _masked(value: str) -> str | None:
    """A masked sample: at least a third of it masked, and nothing a detector still finds."""
    masked = sum(value.count(ch) for ch in _MASK_CHARS)
    if not value or masked * 3 < len(value) or len(value) > 300:
        return None
    return None if personal_info_in(value) else value


def _clean_value(key: str, value: Any, depth: int, *, item: bool = False) -> Any:
    """``value`` under ``key`` reduced to what the allowlist keeps (None: drop it).

    ``item`` marks an element of a list: a list of objects is a list of records even under a
    key (``sdks``) that names an id-keyed map when it holds an object.
    """
    if depth > 20:
        raise ScanError(_("scan JSON is nested too deeply"))
    if isinstance(value, list):
        cleaned = [_clean_value(key, v, depth + 1, item=True) for v in value[:_MAX_LIST]]
        kept = [v for v in cleaned if v is not None]
        return kept if kept or not value else None
    if isinstance(value, dict):
        if key in _MAP and not (item and key in _RECORD):
            return {
                str(k): c
                for k, v in value.items()
                if _ID_KEY.match(str(k)) and (c := _clean_map_value(v, depth + 1)) is not None
            }
        return _clean_record(value, depth + 1) if key in _RECORD else None
    if isinstance(value, str):
        if key in _SAMPLE:
            return _masked(value)
        return _label(value) if key in _LABEL else None
    if key in _COUNT and _finite_number(value):
        return value
    return None


def _clean_map_value(value: Any, depth: int) -> Any:
    if isinstance(value, dict):
        return _clean_record(value, depth)
    if isinstance(value, list):
        kept = [v for v in (_clean_map_value(x, depth + 1) for x in value[:_MAX_LIST]) if v]
        return kept or None
    if isinstance(value, str):
        return _label(value)
    return value if _finite_number(value) and value is not None else None


def _clean_record(record: dict[str, Any], depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in record.items():
        key = str(k)
        if key not in _COUNT | _LABEL | _RECORD | _MAP | _SAMPLE:
            continue  # not a field of hegui's scan JSON
        cleaned = _clean_value(key, v, depth)
        if cleaned is not None:
            out[key] = cleaned
    return out


def sanitise_scan(content: bytes, *, name: str) -> dict[str, Any]:
    """Parse scan-result JSON and keep only counts, verdicts and masked samples."""
    limit = settings.SCAN_MAX_BYTES
    if len(content) > limit:
        raise InputTooLargeError(
            _("scan file is %(size)s bytes; the limit is %(limit)s")
            % {"size": len(content), "limit": limit},
            path=name,
        )
    try:
        data = parse_json(content, source=name)
    except InputError as exc:
        raise ScanError(
            _("not a JSON scan result: %(e)s") % {"e": exc.message}, path=name
        ) from None
    return sanitise_scan_data(data, name=name)


def sanitise_scan_data(data: Any, *, name: str) -> dict[str, Any]:
    """Keep only the allowlisted counts, verdicts and masked samples of a parsed scan result."""
    if not isinstance(data, dict):
        raise ScanError(_("a scan result must be a JSON object"), path=name)
    return _clean_record(data, 0)


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
