"""Privacy-policy analysis: which required disclosures are present, with short excerpts."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hegui.scanners.android.signatures import data_types, sdk_signatures
from hegui.scanners.policy.extract import PolicyDocument, PolicyLimits, load_policy
from hegui.scanners.policy.vocabulary import (
    ELEMENTS,
    LINK_MARKERS,
    PI_MARKERS,
    PURPOSE_MARKERS,
    SIMPLIFIED_ONLY,
    TRADITIONAL_ONLY,
)

_EXCERPT = 160
_SDK_CONTEXT_LINES = 3
_RESPONSE_RE = re.compile(
    r"(\d{1,3})\s*个?\s*(工作日|天|日|(?:working|business)\s+days?|days?)", re.IGNORECASE
)
_RESPONSE_CONTEXT = (
    "回复",
    "答复",
    "处理",
    "响应",
    "反馈",
    "respond",
    "reply",
    "process",
    "handle",
)


class PolicyElement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    present: bool
    excerpt: str | None = None


class DataTypeMention(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_type: str
    purpose_stated: bool
    excerpt: str


class SdkMention(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sdk: str
    excerpt: str
    purpose: bool
    pi: bool
    policy_link: bool


class ResponseTime(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: int
    unit: str  # working_days | days
    excerpt: str


class PolicyFacts(BaseModel):
    """What a privacy policy discloses. Excerpts are policy text, not personal information."""

    model_config = ConfigDict(extra="forbid")

    source: str
    format: str
    characters: int
    simplified_chinese: bool
    english: bool
    has_table: bool
    elements: dict[str, PolicyElement]
    data_types: dict[str, DataTypeMention] = Field(default_factory=dict)
    sdks: dict[str, SdkMention] = Field(default_factory=dict)
    response_times: list[ResponseTime] = Field(default_factory=list)

    def has(self, element: str) -> bool:
        e = self.elements.get(element)
        return bool(e and e.present)


def scan_policy(path: str | Path, *, limits: PolicyLimits | None = None) -> PolicyFacts:
    """Load and analyse a policy file (text, HTML, PDF or DOCX)."""
    return analyze_policy(load_policy(path, limits=limits))


def _excerpt(line: str) -> str:
    return line if len(line) <= _EXCERPT else line[: _EXCERPT - 1] + "…"


@functools.lru_cache(maxsize=4096)
def _matcher(word: str) -> re.Pattern[str]:
    w = word.lower()
    if w.isascii() and w.strip().isalnum():
        # ASCII words start at a word boundary; short ones must also end at one ("mac" but not
        # "machine", "mob" but not "mobile"), longer ones may inflect ("change" in "changes").
        word = w.strip()
        tail = r"(?![a-z0-9])" if len(word) <= 4 else ""
        return re.compile(r"(?<![a-z0-9])" + re.escape(word) + tail)
    return re.compile(re.escape(w))


def _any(line: str, words: list[str]) -> bool:
    return any(_matcher(w).search(line) for w in words)


def analyze_policy(doc: PolicyDocument) -> PolicyFacts:
    """Analyse an already loaded policy document."""
    low = [ln.lower() for ln in doc.lines]
    text = doc.text
    elements = {}
    for name, spec in ELEMENTS.items():
        hit = next((i for i, ln in enumerate(low) if all(_any(ln, g) for g in spec["all"])), None)
        elements[name] = PolicyElement(
            present=hit is not None, excerpt=_excerpt(doc.lines[hit]) if hit is not None else None
        )
    simp = sum(1 for ch in text if ch in SIMPLIFIED_ONLY)
    trad = sum(1 for ch in text if ch in TRADITIONAL_ONLY)
    return PolicyFacts(
        source=Path(doc.source).name if doc.source != "<text>" else doc.source,
        format=doc.format,
        characters=len(text),
        simplified_chinese=simp > 0 and simp >= trad,
        english=bool(re.search(r"[A-Za-z]{3,}(\s+[A-Za-z]{3,}){5,}", text)),
        has_table=doc.has_table,
        elements=elements,
        data_types=_data_types(doc.lines, low),
        sdks=_sdks(doc.lines, low),
        response_times=_response_times(doc.lines, low),
    )


def _data_types(lines: tuple[str, ...], low: list[str]) -> dict[str, DataTypeMention]:
    out: dict[str, DataTypeMention] = {}
    for dt_id, spec in data_types().items():
        words = [str(k).lower() for k in spec.get("keywords", [])]
        first: int | None = None
        for i, ln in enumerate(low):
            if not _any(ln, words):
                continue
            if first is None:
                first = i
            if _any(ln, PURPOSE_MARKERS):
                out[dt_id] = DataTypeMention(
                    data_type=dt_id, purpose_stated=True, excerpt=_excerpt(lines[i])
                )
                break
        if dt_id not in out and first is not None:
            out[dt_id] = DataTypeMention(
                data_type=dt_id, purpose_stated=False, excerpt=_excerpt(lines[first])
            )
    return out


def _sdks(lines: tuple[str, ...], low: list[str]) -> dict[str, SdkMention]:
    out: dict[str, SdkMention] = {}
    for sig in sdk_signatures():
        for i, ln in enumerate(low):
            if _any(ln, list(sig.policy_names)):
                ctx = " ".join(low[i : i + 1 + _SDK_CONTEXT_LINES])
                out[sig.id] = SdkMention(
                    sdk=sig.id,
                    excerpt=_excerpt(lines[i]),
                    purpose=_any(ctx, PURPOSE_MARKERS),
                    pi=_any(ctx, PI_MARKERS),
                    policy_link=_any(ctx, LINK_MARKERS),
                )
                break
    return out


def _response_times(lines: tuple[str, ...], low: list[str]) -> list[ResponseTime]:
    out = []
    for i, ln in enumerate(low):
        if not _any(ln, list(_RESPONSE_CONTEXT)):
            continue
        for m in _RESPONSE_RE.finditer(ln):
            unit = m.group(2).lower()
            working = "工作日" in unit or "working" in unit or "business" in unit
            out.append(
                ResponseTime(
                    value=int(m.group(1)),
                    unit="working_days" if working else "days",
                    excerpt=_excerpt(lines[i]),
                )
            )
    return out
