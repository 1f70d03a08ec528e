"""Privacy-policy analysis: which required disclosures are present, with short excerpts."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hegui.scanners.android.signatures import data_types, sdk_signatures
from hegui.scanners.policy.extract import PolicyDocument, PolicyLimits, load_policy
from hegui.scanners.policy.index import LineIndex
from hegui.scanners.policy.response_time import VERBS, commitments
from hegui.scanners.policy.rights import RightFinding, find_rights
from hegui.scanners.policy.vocabulary import (
    ELEMENTS,
    LINK_MARKERS,
    PI_MARKERS,
    PURPOSE_MARKERS,
    SIMPLIFIED_ONLY,
    TRADITIONAL_ONLY,
)

_EXCERPT = 160
NO_CHANNEL_NOTE = "named as the user's right but no way to exercise it is given"
REGULATOR_ONLY_NOTE = "named as the user's right but only a regulator's channel is given"
_SDK_CONTEXT_LINES = 3
_TOKEN_RE = re.compile(r"\S+")
_ENGLISH_RUN = 6  # consecutive Latin words that make a passage English prose
_WORD_EDGES = "\"'()[]{},.;:!?<>«»“”‘’"


class PolicyElement(BaseModel):
    """One disclosure. For a right and for ``deactivation``, ``present`` means stated as the
    user's right with a way to exercise it; ``named`` says whether the right itself was found
    (with ``excerpt``), and ``channel_excerpt`` where the way to exercise it is (its line or a
    general statement)."""

    model_config = ConfigDict(extra="forbid")

    present: bool
    excerpt: str | None = None
    named: bool | None = None
    channel_excerpt: str | None = None
    note: str | None = None


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
    unit: str  # working_days | days | months
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


def analyze_policy(doc: PolicyDocument) -> PolicyFacts:
    """Analyse an already loaded policy document."""
    idx = LineIndex(doc.lines)
    text = doc.text
    elements = {}
    for name, spec in ELEMENTS.items():
        hit = idx.find(spec["any"])
        elements[name] = PolicyElement(
            present=hit is not None,
            excerpt=_excerpt(" ".join(doc.lines[i] for i in hit)) if hit is not None else None,
        )
    elements.update(_rights(doc.lines, idx))
    simp = sum(1 for ch in text if ch in SIMPLIFIED_ONLY)
    trad = sum(1 for ch in text if ch in TRADITIONAL_ONLY)
    return PolicyFacts(
        source=Path(doc.source).name if doc.source != "<text>" else doc.source,
        format=doc.format,
        characters=len(text),
        simplified_chinese=simp > 0 and simp >= trad,
        english=_has_english_prose(text),
        has_table=doc.has_table,
        elements=elements,
        data_types=_data_types(doc.lines, idx),
        sdks=_sdks(doc.lines, idx),
        response_times=_response_times(doc.lines, idx),
    )


def _rights(lines: tuple[str, ...], idx: LineIndex) -> dict[str, PolicyElement]:
    def join(at: tuple[int, ...] | None) -> str | None:
        return _excerpt(" ".join(lines[i] for i in at)) if at is not None else None

    out = {}
    for name, r in find_rights(idx).items():
        out[name] = PolicyElement(
            present=r.disclosed,
            excerpt=join(r.named),
            named=r.named is not None,
            channel_excerpt=join(r.channel),
            note=_note(r),
        )
    return out


def _note(r: RightFinding) -> str | None:
    if r.named is None or r.channel is not None:
        return None
    return REGULATOR_ONLY_NOTE if r.regulator_only else NO_CHANNEL_NOTE


def _has_english_prose(text: str) -> bool:
    """Whether ``_ENGLISH_RUN`` Latin words of 3+ letters follow each other (one linear pass).

    A tokeniser rather than a regex: ``[A-Za-z]{3,}(\\s+[A-Za-z]{3,}){5,}`` backtracks
    quadratically on a long run of letters.
    """
    run = 0
    for m in _TOKEN_RE.finditer(text):
        word = m.group().strip(_WORD_EDGES)
        if len(word) >= 3 and word.isascii() and word.isalpha():
            run += 1
            if run >= _ENGLISH_RUN:
                return True
        else:
            run = 0
    return False


def _data_types(lines: tuple[str, ...], idx: LineIndex) -> dict[str, DataTypeMention]:
    out: dict[str, DataTypeMention] = {}
    purpose = set(idx.lines(PURPOSE_MARKERS))
    for dt_id, spec in data_types().items():
        hits = idx.lines([str(k).lower() for k in spec.get("keywords", [])])
        if not hits:
            continue
        with_purpose = next((i for i in hits if i in purpose), None)
        i = with_purpose if with_purpose is not None else hits[0]
        out[dt_id] = DataTypeMention(
            data_type=dt_id, purpose_stated=with_purpose is not None, excerpt=_excerpt(lines[i])
        )
    return out


def _sdks(lines: tuple[str, ...], idx: LineIndex) -> dict[str, SdkMention]:
    out: dict[str, SdkMention] = {}
    purpose, pi, link = (set(idx.lines(w)) for w in (PURPOSE_MARKERS, PI_MARKERS, LINK_MARKERS))
    for sig in sdk_signatures():
        hits = idx.lines(sig.policy_names)
        if not hits:
            continue
        # The best mention, not the first: an overview line ("we use Umeng, Pangle ...") often
        # precedes the SDK table whose row gives the purpose, the PI and the link.
        mentions = []
        for i in hits:
            ctx = set(range(i, i + 1 + _SDK_CONTEXT_LINES))
            mentions.append(
                SdkMention(
                    sdk=sig.id,
                    excerpt=_excerpt(lines[i]),
                    purpose=bool(ctx & purpose),
                    pi=bool(ctx & pi),
                    policy_link=bool(ctx & link),
                )
            )
        out[sig.id] = max(mentions, key=_score)  # the first of the best
    return out


def _score(m: SdkMention) -> int:
    return int(m.purpose) + int(m.pi) + int(m.policy_link)


def _response_times(lines: tuple[str, ...], idx: LineIndex) -> list[ResponseTime]:
    out = []
    for i in idx.lines(VERBS):
        for c in commitments(idx.folded[i]):
            out.append(ResponseTime(value=c.value, unit=c.unit, excerpt=_excerpt(lines[i])))
    return out
