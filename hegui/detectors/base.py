"""Detector data model: patterns, context words, validation and self-explaining detections.

A detector knows a *format* (how a PRC resident ID number is written and checked), never the law
(whether that ID is sensitive personal information is law data, read by the scanners from
``hegui/law/data/mappings/pi_entities.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from hegui.detectors.normalize import normalize, strip_separators

# Characters that may not touch a match on either side: an identifier inside a longer run of
# letters or digits is not that identifier. ``\b`` does not work for Chinese text, because CJK
# characters are word characters in Python's ``re``.
LEFT = r"(?<![0-9A-Za-z])"
RIGHT = r"(?![0-9A-Za-z])"

#: How far before a match (in characters) context words are looked for in free text.
CONTEXT_WINDOW = 24


@dataclass(frozen=True)
class Pattern:
    """A named regular expression with the score a bare match earns.

    ``group`` selects the capture group that holds the value (0 = the whole match), so a pattern
    may require surrounding text (``姓名：``) without counting it as part of the value.
    """

    name: str
    regex: str
    score: float
    group: int = 0
    flags: int = 0
    #: Only for whole cells (a bare ``39.9087`` in a 纬度 column), never searched in free text.
    cell_only: bool = False
    #: Literals of which every match contains one: a text holding none is not scanned at all
    #: (a pattern that starts with a long alternation gets no fast first-character scan in ``re``).
    needs: tuple[str, ...] = ()

    def compiled(self) -> re.Pattern[str]:
        # Cached on the source regex: rewriting it with fast_form on every call cost ~8% of a scan.
        key = (self.regex, self.flags)
        found = _CACHE.get(key)
        if found is None:
            found = _CACHE[key] = re.compile(fast_form(self.regex), self.flags)
        return found


#: Compiled fast forms, keyed by the pattern's own (regex, flags).
_CACHE: dict[tuple[str, int], re.Pattern[str]] = {}
_FIRST_ATOM = re.compile(r"^(\\d|\[[^\]]+\]|[A-Za-z0-9])(?:\{(\d+)(?:,(\d+))?\})?")
_LEFT_AFTER_ONE = "(?<![0-9A-Za-z].)"


def fast_form(regex: str) -> str:
    """Move a leading ``LEFT`` lookbehind after the first character (same matches, faster).

    Python's ``re`` only uses its fast first-character scan when a pattern does not start with an
    assertion; ``(?<![0-9A-Za-z])\\d{6}`` becomes ``\\d(?<![0-9A-Za-z].)\\d{5}``, which checks
    the same character (the one before the match) once the first digit is found: about 2x faster.
    """
    if not regex.startswith(LEFT):
        return regex
    rest = regex[len(LEFT) :]
    m = _FIRST_ATOM.match(rest)
    if m is None:
        return regex
    atom, lo, hi = m.group(1), m.group(2), m.group(3)
    tail = rest[m.end() :]
    if lo is None:
        return atom + _LEFT_AFTER_ONE + tail
    lo_n = int(lo) - 1
    if hi is not None:
        return atom + _LEFT_AFTER_ONE + atom + f"{{{lo_n},{int(hi) - 1}}}" + tail
    if lo_n == 0:  # {1}: the atom was the whole repetition
        return atom + _LEFT_AFTER_ONE + tail
    return atom + _LEFT_AFTER_ONE + atom + (f"{{{lo_n}}}" if lo_n > 1 else "") + tail


@dataclass(frozen=True)
class Explanation:
    """Why a detection was made: never holds the matched value itself."""

    detector: str
    pattern: str
    pattern_score: float
    validation: bool | None
    validator: str
    context: tuple[str, ...] = ()
    score: float = 0.0
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "detector": self.detector,
            "pattern": self.pattern,
            "pattern_score": self.pattern_score,
            "validation": self.validation,
            "validator": self.validator,
            "context": list(self.context),
            "score": self.score,
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        valid = {True: "valid", False: "invalid", None: "not checkable"}[self.validation]
        ctx = f", context {', '.join(self.context)}" if self.context else ""
        return (
            f"{self.detector}: pattern {self.pattern} ({self.pattern_score:.2f}), "
            f"{self.validator} {valid}{ctx} -> score {self.score:.2f}"
        )


@dataclass(frozen=True)
class Detection:
    """One entity found in a text: offsets into the caller's original string, never the value."""

    entity: str
    start: int
    end: int
    score: float
    explanation: Explanation = field(compare=False)


@dataclass(frozen=True)
class Validation:
    """A validator's verdict with optional notes (e.g. ``birth date 2012-05-01``)."""

    result: bool | None
    notes: tuple[str, ...] = ()
    #: Replaces the pattern score when set (e.g. a "suspect" value that deserves less).
    score: float | None = None


class Detector:
    """Base class: subclasses set ``ENTITY``, ``PATTERNS``, ``CONTEXT`` and override ``validate``.

    Scoring: a pattern match earns the pattern's score; a value that passes ``validate`` earns at
    least ``VALIDATED_SCORE``; one that fails is dropped; ``None`` (no check possible) keeps the
    pattern score. Context words near the value (or in a column header) add ``CONTEXT_BOOST``.
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[Sequence[Pattern]] = ()
    #: Header / nearby words in Chinese and English, lower case.
    CONTEXT: ClassVar[Sequence[str]] = ()
    VALIDATED_SCORE: ClassVar[float] = 1.0
    CONTEXT_BOOST: ClassVar[float] = 0.35
    VALIDATOR: ClassVar[str] = "format"
    #: A column whose header names this entity is a verdict even if values cannot be recognised
    #: (e.g. biometric templates stored as opaque blobs).
    HEADER_ONLY: ClassVar[bool] = False
    #: Characters of which a value needs at least one; lets the engine skip a whole text cheaply.
    REQUIRES: ClassVar[str | None] = None
    #: RE2 pattern matching (on NFKC text) every chunk where a pattern could match: a superset
    #: filter run in C++ by the free-text engine (:mod:`hegui.detectors.engine`). None = no filter.
    PREFILTER: ClassVar[str | None] = None
    #: RE2 full-cell pattern *sufficient* for a valid detection (raw value, no normalisation):
    #: cells it matches skip the per-cell Python path in :meth:`match_column`.
    COLUMN_SURE: ClassVar[str | None] = None
    #: Like ``COLUMN_SURE``, but sufficient only when the column header has a context word; cells
    #: matching ``COLUMN_SURE_EXCEPT`` are left to the per-cell path.
    COLUMN_SURE_WITH_HEADER: ClassVar[str | None] = None
    COLUMN_SURE_EXCEPT: ClassVar[str | None] = None
    #: Like ``PREFILTER`` but for whole cells (a bare name has no ``姓名：`` anchor). None = PREFILTER.
    CELL_PREFILTER: ClassVar[str | None] = None

    @property
    def name(self) -> str:
        return type(self).__name__

    def validate(self, value: str) -> bool | None:
        """Check a candidate (separators removed, half-width). True / False / None."""
        return None

    def check(self, value: str) -> Validation:
        """Like :meth:`validate` but may add explanatory notes; override for richer output."""
        return Validation(self.validate(value))

    def candidate(self, raw: str) -> str:
        """The canonical form handed to ``validate`` (separators stripped, upper case)."""
        return strip_separators(raw).upper()

    def context_hits(self, text: str) -> tuple[str, ...]:
        low = text.lower()
        return tuple(w for w in self.CONTEXT if w in low)

    def analyze(self, text: str, *, normalized: str | None = None) -> list[Detection]:
        """Find this entity in free text. ``normalized`` = ``normalize(text)`` if the caller has it."""
        norm = normalize(text) if normalized is None else normalized
        if self.REQUIRES is not None and not any(c in norm for c in self.REQUIRES):
            return []
        out: list[Detection] = []
        for pat in self.PATTERNS:
            if pat.cell_only or (pat.needs and not any(w in norm for w in pat.needs)):
                continue
            for m in pat.compiled().finditer(norm):
                start, end = m.span(pat.group)
                out_det = self._score(
                    norm, start, end, pat, norm[max(0, m.start() - CONTEXT_WINDOW) : m.start()]
                )
                if out_det is not None:
                    out.append(out_det)
        return out

    def score_value(self, value: str, header: str = "") -> Detection | None:
        """Score a whole cell as one value of this entity (used by the table scanner)."""
        norm = normalize(value).strip()
        best: Detection | None = None
        for pat in self.PATTERNS:
            m = pat.compiled().fullmatch(norm) if pat.group == 0 else None
            if m is None:
                continue
            det = self._score(norm, 0, len(norm), pat, header)
            if det is not None and (best is None or det.score > best.score):
                best = det
        return best

    def _score(
        self, norm: str, start: int, end: int, pat: Pattern, context_text: str
    ) -> Detection | None:
        value = self.candidate(norm[start:end])
        check = self.check(value)
        if check.result is False:
            return None
        if check.score is not None:
            score = check.score
        elif check.result is None:
            score = pat.score
        else:
            score = max(pat.score, self.VALIDATED_SCORE)
        ctx = self.context_hits(context_text) if context_text else ()
        if ctx:
            score = min(1.0, score + self.CONTEXT_BOOST)
        expl = Explanation(
            detector=self.name,
            pattern=pat.name,
            pattern_score=pat.score,
            validation=check.result,
            validator=self.VALIDATOR,
            context=ctx,
            score=round(score, 4),
            notes=check.notes,
        )
        return Detection(self.ENTITY, start, end, round(score, 4), expl)

    def needs_context(self, threshold: float = 0.5) -> bool:
        """True if no match can reach ``threshold`` without a context word (weak formats)."""
        best = max((p.score for p in self.PATTERNS), default=0.0)
        return bool(self.CONTEXT) and max(best, self.VALIDATED_SCORE) < threshold

    def match_column(self, values: Sequence[str], header: str = "") -> np.ndarray:
        """Boolean mask: which cells are, as a whole, a valid value of this entity.

        The default runs :meth:`score_value` per cell; detectors with checksums override it with a
        vectorised path (see :mod:`hegui.detectors.vectorized`).
        """
        from hegui.detectors import vectorized as vz

        if self.needs_context() and not self.context_hits(header.lower()):
            return np.zeros(len(values), dtype=bool)
        arr = vz.to_arrow(values)
        out = (
            vz.regex_mask(arr, self.COLUMN_SURE)
            if self.COLUMN_SURE
            else np.zeros(len(arr), dtype=bool)
        )
        if self.COLUMN_SURE_WITH_HEADER and self.context_hits(header.lower()):
            out |= vz.regex_mask(arr, self.COLUMN_SURE_WITH_HEADER)
        if self.COLUMN_SURE_EXCEPT and out.any():
            out &= ~vz.regex_mask(arr, self.COLUMN_SURE_EXCEPT)
        prefilter = self.CELL_PREFILTER or self.PREFILTER
        if prefilter:
            # Only cells the RE2 prefilter admits reach the per-cell Python patterns.
            idx = np.flatnonzero(vz.regex_mask(vz.pc.utf8_normalize(arr, "NFKC"), prefilter))
        else:
            idx = np.flatnonzero(
                np.asarray(vz.pc.is_valid(arr).to_numpy(zero_copy_only=False), dtype=bool)
            )
        idx = idx[~out[idx]]  # already decided by COLUMN_SURE
        cells = arr.take(idx).to_pylist() if len(idx) else []
        for i, v in zip(idx, cells, strict=True):
            if v:
                det = self.score_value(v, header)
                out[i] = det is not None and det.score >= 0.5
        return out
