"""Detector data model: patterns, context words, validation and self-explaining detections.

A detector knows a *format* (how a PRC resident ID number is written and checked), never the law
(whether that ID is sensitive personal information is law data, read by the scanners from
``hegui/law/data/mappings/pi_entities.yaml``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import ClassVar, NamedTuple

import numpy as np

from hegui.detectors.normalize import normalize, strip_separators
from hegui.detectors.regex_form import fast_form

# Characters that may not touch a match on either side: an identifier inside a longer run of
# letters or digits is not that identifier. ``\b`` does not work for Chinese text, because CJK
# characters are word characters in Python's ``re``.
LEFT = r"(?<![0-9A-Za-z])"
RIGHT = r"(?![0-9A-Za-z])"

#: How far before a match (in characters) context words are looked for in free text.
CONTEXT_WINDOW = 24
# Joins pieces searched in one pass (see Detector.find_many): no pattern matches NUL.
_JOIN = "\x00"


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
    #: ``(before, after)``: every match lies within ``before`` characters before and ``after``
    #: characters after an occurrence of one of ``needs``, so only those windows are searched (a
    #: name ending in 先生 starts with one of 500 surnames: no fast scan, and 10x slower).
    window: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.window is not None:
            if not self.needs:
                raise ValueError(f"pattern {self.name}: a window needs the literals in needs")
            # A match found inside a window equals the whole-text match only if nothing past
            # the window's end can change it: no lookahead or end anchors.
            if any(x in self.regex for x in ("(?=", "(?!", "$", "\\b", "\\B", "\\Z")):
                raise ValueError(f"pattern {self.name}: a windowed pattern cannot look ahead")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches in ``text``, as ``compiled().finditer(text)`` finds them."""
        rx = self.compiled()
        if self.window is not None:
            return _windowed(rx, text, self.needs, *self.window)
        if self.needs and _needs_regex(self.needs).search(text) is None:
            return iter(())
        return rx.finditer(text)

    def compiled(self) -> re.Pattern[str]:
        # Cached on the source regex: rewriting it with fast_form on every call cost ~8% of a scan.
        key = (self.regex, self.flags)
        found = _CACHE.get(key)
        if found is None:
            found = _CACHE[key] = re.compile(fast_form(self.regex), self.flags | re.ASCII)
        return found


class _Resumable:
    """``rx.finditer(text)`` whose next search can be moved to ``pos`` (a trimmed match's end)."""

    def __init__(self, rx: re.Pattern[str], text: str) -> None:
        self.rx, self.text, self.pos = rx, text, 0

    def __iter__(self) -> _Resumable:
        return self

    def __next__(self) -> re.Match[str]:
        m = self.rx.search(self.text, self.pos) if self.pos <= len(self.text) else None
        if m is None:
            raise StopIteration
        self.pos = m.end() if m.end() > m.start() else m.end() + 1
        return m


def _windowed(
    rx: re.Pattern[str], text: str, needs: Sequence[str], before: int, after: int
) -> Iterator[re.Match[str]]:
    # Windows around every literal, merged: a match lies inside one window, and the search
    # reaching a window's start has no match left to find before it, so the matches are the
    # whole-text ones (lookbehinds still see the text before a window's start).
    spans = []
    for lit in needs:
        i = text.find(lit)
        while i >= 0:
            spans.append((max(0, i - before), i + len(lit) + after))
            i = text.find(lit, i + 1)
    spans.sort()
    start = end = -1
    for a, b in spans:
        if a > end:
            if end > start:
                yield from rx.finditer(text, start, end)
            start = a
        end = max(end, b)
    if end > start:
        yield from rx.finditer(text, start, end)


#: Compiled fast forms, keyed by the pattern's own (regex, flags).
_CACHE: dict[tuple[str, int], re.Pattern[str]] = {}
_CONTEXT_CACHE: dict[type, re.Pattern[str]] = {}
_NEEDS_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _needs_regex(needs: tuple[str, ...]) -> re.Pattern[str]:
    found = _NEEDS_CACHE.get(needs)
    if found is None:
        found = _NEEDS_CACHE[needs] = re.compile("|".join(re.escape(w) for w in needs))
    return found


def _context_regex(cls: type[Detector]) -> re.Pattern[str]:
    """Any of a detector's (lower-case) context words: one search instead of a loop per word."""
    found = _CONTEXT_CACHE.get(cls)
    if found is None:
        found = _CONTEXT_CACHE[cls] = re.compile("|".join(re.escape(w) for w in cls.CONTEXT))
    return found


class Explanation(NamedTuple):
    """Why a detection was made: never holds the matched value itself.

    A named tuple rather than a frozen dataclass: one is built per detection, and this is
    about 3x cheaper to construct.
    """

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


# Detector._detection builds a Detection the way its frozen-dataclass __init__ does, one
# object.__setattr__ per field in declaration order on an object.__new__ instance, minus the
# call overhead (~0.5 us of ~1.7 per detection): the result has the same attributes in the same
# order and the same instance layout, so equality, hashing, repr, pickling and the frozen
# __setattr__ are unchanged. That holds only while Detection keeps exactly these fields (no
# defaults to fill, no __post_init__, no custom __new__): checked here, at import.
_DETECTION_FIELDS = ("entity", "start", "end", "score", "explanation")
_EXPLANATION_FIELDS = (
    "detector", "pattern", "pattern_score", "validation", "validator", "context", "score", "notes",
)  # fmt: skip
_new = object.__new__
_set = object.__setattr__
_tuple_new = tuple.__new__


def _fast_build_is_init() -> bool:
    """True while Detection's __init__ sets exactly _DETECTION_FIELDS, in order, and nothing else."""
    return (
        tuple(f.name for f in fields(Detection) if f.init) == _DETECTION_FIELDS
        and tuple(f.name for f in fields(Detection)) == _DETECTION_FIELDS
        and not hasattr(Detection, "__post_init__")
        and Detection.__new__ is object.__new__
        and Explanation._fields == _EXPLANATION_FIELDS
    )


if not _fast_build_is_init():  # pragma: no cover - only if Detection's fields change
    raise RuntimeError("Detection/Explanation changed: update Detector._detection's fast build")

# round(x, 4) formats the float in C (~0.6 us); a detector's scores come from a few constants.
_ROUNDED: dict[float, float] = {}
_ROUNDED_MAX = 4096


def _round4(score: float) -> float:
    """``round(score, 4)``, remembered for positive floats (equal ones are bit-identical).

    Zero (0.0 == -0.0), NaN, ints and float subclasses are rounded each time, since a
    dictionary hit could hand back a value of another sign or type.
    """
    if type(score) is float and score > 0.0:
        found = _ROUNDED.get(score)
        if found is None:
            found = round(score, 4)
            if len(_ROUNDED) < _ROUNDED_MAX:
                _ROUNDED[score] = found
        return found
    return round(score, 4)


class Validation(NamedTuple):
    """A validator's verdict with optional notes (e.g. ``birth date 2012-05-01``)."""

    result: bool | None
    notes: tuple[str, ...] = ()
    #: Replaces the pattern score when set (e.g. a "suspect" value that deserves less).
    score: float | None = None


# Shared plain verdicts (immutable named tuples): returning one costs nothing, building one per
# value ~0.4 us, and validators run on every match (~10,000 per MB of detection-dense text).
VALID = Validation(True)
INVALID = Validation(False)
UNCHECKED = Validation(None)
_PLAIN = {True: VALID, False: INVALID, None: UNCHECKED}


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
    #: Labels that name a value as something else (订单号, 流水号, 身份证号 ...), lower case: in free
    #: text, a value whose nearest label before it is one of these (closer than any CONTEXT
    #: word) is not reported. A 16-digit serial passes Luhn one time in ten.
    NOT_CONTEXT: ClassVar[Sequence[str]] = ()
    VALIDATED_SCORE: ClassVar[float] = 1.0
    CONTEXT_BOOST: ClassVar[float] = 0.35
    VALIDATOR: ClassVar[str] = "format"
    #: A column whose header names this entity is a verdict even if values cannot be recognised
    #: (e.g. biometric templates stored as opaque blobs).
    HEADER_ONLY: ClassVar[bool] = False
    #: Characters of which a value needs at least one; lets the engine skip a whole text cheaply.
    REQUIRES: ClassVar[str | None] = None
    #: RE2 pattern matching (on normalised text) every chunk where a pattern could match: a superset
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
        result = self.validate(value)
        # A plain True/False/None gets its shared verdict; any other value is wrapped as before.
        if result is None or result is True or result is False:
            return _PLAIN[result]
        return Validation(result)

    def candidate(self, raw: str) -> str:
        """The canonical form handed to ``validate`` (separators stripped, upper case)."""
        return (raw if raw.isalnum() else strip_separators(raw)).upper()

    def context_hits(self, text: str) -> tuple[str, ...]:
        rx = _CONTEXT_CACHE.get(type(self))  # the helper call only on a class's first use
        if rx is None:
            rx = _context_regex(type(self))
        low = text.lower()
        # One C-level search rejects the common case (no context word) before the per-word loop.
        if not self.CONTEXT or not rx.search(low):
            return ()
        # A list comprehension is about 2x cheaper than tuple() over a generator.
        return tuple([w for w in self.CONTEXT if w in low])

    def analyze(self, text: str, *, normalized: str | None = None) -> list[Detection]:
        """Find this entity in free text. ``normalized`` = ``normalize(text)`` if the caller has it."""
        return self.find(normalize(text) if normalized is None else normalized)

    def find(
        self,
        norm: str,
        *,
        offset: int = 0,
        lo: int = 0,
        hi: int | None = None,
        threshold: float = 0.0,
    ) -> list[Detection]:
        """Detections in normalised text whose value starts in ``[lo, hi)``, scoring ``threshold`` or more.

        Offsets are shifted by ``offset`` (where ``norm`` sits in the caller's text). The engine
        calls :meth:`find_many` instead, for all of a detector's chunks at once.
        """
        if self.REQUIRES is not None and not any(c in norm for c in self.REQUIRES):
            return []
        owned = [(offset, lo, len(norm) if hi is None else hi)]
        return [d for _, d in self.find_many([norm], owned, threshold)]

    def find_many(
        self, pieces: Sequence[str], owned: Sequence[tuple[int, int, int]], threshold: float = 0.0
    ) -> Iterator[tuple[int, Detection]]:
        """:meth:`find` over many normalised pieces at once: ``(piece index, detection)`` pairs.

        ``owned[k]`` is piece ``k``'s ``(offset, lo, hi)``. The pieces are searched joined by NUL
        characters, which no pattern matches and every boundary lookaround treats like the end
        of a text, so each pattern makes one pass instead of one per piece; context windows stop
        at a piece's start. Results equal :meth:`find` on each piece (property-tested).
        """
        joined = _JOIN.join(pieces)
        bases, at = [], 0
        for piece in pieces:
            bases.append(at)
            at += len(piece) + len(_JOIN)
        # Looked up once per call rather than once per match (a detection-dense text has
        # ~10,000 matches per MB, and each lookup is a dictionary walk through the class chain).
        check_of, candidate_of, span_end = self.check, self.candidate, self.span_end
        detection, bisect_right = self._detection, bisect.bisect_right
        # Only a detector that trims needs the call; the base span_end returns end unchanged.
        trims = getattr(span_end, "__func__", None) is not Detector.span_end
        for pat in self.PATTERNS:
            if pat.cell_only:
                continue
            group = pat.group
            # A trimmed value's greedy tail may hold the next value's start (an address, an ID,
            # then another address): the search goes on from where the kept value ends.
            resumer = (
                _Resumable(pat.compiled(), joined)
                if trims and pat.window is None and not pat.needs
                else None
            )
            for m in resumer or pat.finditer(joined):
                start, end = m.span(group)
                k = bisect_right(bases, start) - 1
                base = bases[k]
                offset, lo, hi = owned[k]
                mine = lo <= start - base < hi
                if not mine and resumer is None:
                    continue
                # Validate first: context, span and objects only for values that pass.
                check = check_of(candidate_of(joined[start:end]))
                if check.result is False:
                    continue
                kept = span_end(joined, start, end) if trims else end
                if resumer is not None and start < kept < m.end():
                    # Where the search goes on depends on the values before the owned span too.
                    resumer.pos = kept
                if not mine:
                    continue
                ms = m.start() if group else start
                shift = offset - base
                det = detection(
                    check,
                    pat,
                    joined[max(base, ms - CONTEXT_WINDOW) : ms],
                    start + shift,
                    kept + shift,
                    threshold,
                )
                if det is not None:
                    yield k, det

    def span_end(self, norm: str, start: int, end: int) -> int:
        """Where a detection ends in free text (a detector may trim a greedy match)."""
        return end

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
        """Validate and score ``norm[start:end]`` as a whole value (the table scanner's path)."""
        check = self.check(self.candidate(norm[start:end]))
        if check.result is False:
            return None
        return self._detection(check, pat, context_text, start, end, 0.0)

    def _detection(
        self,
        check: Validation,
        pat: Pattern,
        context_text: str,
        start: int,
        end: int,
        threshold: float,
    ) -> Detection | None:
        """The scored, explained detection for a value that passed (or could not be) validated."""
        if check.score is not None:
            score = check.score
        elif check.result is None:
            score = pat.score
        else:
            score = max(pat.score, self.VALIDATED_SCORE)
        ctx = self.context_hits(context_text) if context_text else ()
        if self.NOT_CONTEXT and context_text and self._labelled_otherwise(context_text, ctx):
            return None
        if ctx:
            score = min(1.0, score + self.CONTEXT_BOOST)
        score = _round4(score)
        if score < threshold:
            return None
        # Explanation(...) with keywords runs NamedTuple's Python-level __new__; tuple.__new__
        # with the fields in declaration order is what its _make does: the same named tuple.
        expl = _tuple_new(
            Explanation,
            (
                self.name,
                pat.name,
                pat.score,
                check.result,
                self.VALIDATOR,
                ctx,
                score,
                check.notes,
            ),
        )
        # Detection(...) without its generated __init__ (see _fast_build_is_init): the same
        # object.__setattr__ calls in field order, without the call and global look-ups.
        det = _new(Detection)
        _set(det, "entity", self.ENTITY)
        _set(det, "start", start)
        _set(det, "end", end)
        _set(det, "score", score)
        _set(det, "explanation", expl)
        return det

    def _labelled_otherwise(self, context_text: str, ctx: tuple[str, ...]) -> bool:
        """True if a NOT_CONTEXT label is nearer the value than any context word."""
        low = context_text.lower()
        other = max(low.rfind(w) for w in self.NOT_CONTEXT)
        return other >= 0 and other > max((low.rfind(w) for w in ctx), default=-1)

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
            idx = np.flatnonzero(vz.regex_mask(vz.fold(arr), prefilter))
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
