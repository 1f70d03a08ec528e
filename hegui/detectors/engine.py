"""Fast free-text engine: RE2 prefilters over overlapping chunks, Python patterns only where needed.

Python's ``re`` scans Chinese text at a few MB/s per pattern, and there are dozens of patterns.
Texts are first folded to half-width in one vectorised pass (:func:`normalize_many`), so the
prefilters and the patterns see the same characters. They are then cut into overlapping chunks
(``CHUNK`` characters every ``STEP``), each detector's ``PREFILTER`` (an RE2 superset of its
patterns) runs over all chunks at once in Arrow's C++ RE2, and a detector's Python patterns run
only on the chunks its prefilter flags, one pass per pattern (:meth:`Detector.find_many`). Each start position
belongs to exactly one chunk, the one where the value's context window lies inside and at least
``CHUNK - STEP - CONTEXT_WINDOW - 2`` characters follow it, so results equal those of running every
detector over the whole text for values shorter than that (every format here). Keeping any match
that merely ends inside a chunk was wrong for greedy patterns: an address cut by the chunk end
still matched, shorter. Detections are built once, with their final offsets, and only for
matches that pass validation and the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hegui.detectors.base import CONTEXT_WINDOW, Detection, Detector
from hegui.detectors.normalize import normalize_many

CHUNK = 512
STEP = 384
_MARGIN = CONTEXT_WINDOW + 2
#: Chunks sampled to decide whether the combined prefilter is worth running, and the share of
#: flagged chunks above which it is not.
_SAMPLE = 64
_DENSE = 0.9
#: Below this many characters in all, texts are scanned without prefilters (see detect_batch).
_SMALL = 8_000


def _chunks(texts: Sequence[str]) -> tuple[list[str], list[tuple[int, int, int, int]]]:
    pieces: list[str] = []
    # text index, offset, and the span of start positions (relative to the chunk) it owns
    owners: list[tuple[int, int, int, int]] = []
    for ti, text in enumerate(texts):
        n = len(text)
        if n <= CHUNK:
            pieces.append(text)
            owners.append((ti, 0, 0, n))
            continue
        starts = list(range(0, n - CHUNK + STEP, STEP))
        if starts[-1] + CHUNK < n:
            starts.append(n - CHUNK)
        for k, off in enumerate(starts):
            pieces.append(text[off : off + CHUNK])
            lo = 0 if k == 0 else _MARGIN
            hi = starts[k + 1] - off + _MARGIN if k + 1 < len(starts) else n - off
            owners.append((ti, off, lo, hi))
    return pieces, owners


def _needs_context(det: Detector, threshold: float) -> bool:
    """True if no free-text match of ``det`` can reach ``threshold`` without a context word."""
    best = max((p.score for p in det.PATTERNS if not p.cell_only), default=0.0)
    return bool(det.CONTEXT) and max(best, det.VALIDATED_SCORE) < threshold


def _context_filter(det: Detector) -> str:
    return "(?i:" + "|".join(re.escape(w) for w in det.CONTEXT) + ")"


def _context_union(detectors: Sequence[Detector]) -> str:
    words = sorted({w for d in detectors for w in d.CONTEXT})
    return "(?i:" + "|".join(re.escape(w) for w in words) + ")"


def _combined(detectors: Sequence[Detector]) -> str | None:
    parts = [d.PREFILTER for d in detectors if d.PATTERNS and d.PREFILTER]
    if any(d.PATTERNS and not d.PREFILTER for d in detectors):
        return None  # a detector without a prefilter needs every chunk
    return "|".join(f"(?:{p})" for p in parts) if parts else None


def detect_batch(
    texts: Sequence[str], detectors: Sequence[Detector], threshold: float
) -> list[list[Detection]]:
    """Detections per text (unsorted, possibly overlapping across entities; deduplicated)."""
    # Fold once, vectorised; chunks, prefilters and patterns all see the same normalised text.
    folded = normalize_many(texts)
    if sum(map(len, folded)) < _SMALL:
        # Arrow compiles each RE2 prefilter on every call (~4 ms for all of them): more than
        # scanning a short text with the patterns directly.
        return [
            [d for det in detectors if det.PATTERNS for d in det.find(t, threshold=threshold)]
            for t in folded
        ]
    pieces, owners = _chunks(folded)
    results: list[dict[tuple[str, int, int], Detection]] = [{} for _ in texts]
    if not pieces:
        return [[] for _ in texts]
    arr = pa.array(pieces, type=pa.large_string())
    combined = _combined(detectors)
    flagged = np.arange(len(pieces))
    if combined is not None:
        # The combined pass pays off when most chunks hold no PI. Where a sample shows nearly
        # all do (PI-dense records), it would flag everything anyway: skip it.
        sample = _mask(arr.slice(0, _SAMPLE), combined)
        if len(pieces) <= _SAMPLE:
            flagged = np.flatnonzero(sample)
        elif sample.mean() < _DENSE:
            flagged = np.flatnonzero(np.concatenate([sample, _mask(arr.slice(_SAMPLE), combined)]))
    if not len(flagged):
        return [[] for _ in texts]
    sub = arr.take(pa.array(flagged))
    weak = [d for d in detectors if d.PATTERNS and _needs_context(d, threshold)]
    # One pass for every weak detector's context words: in most chunks there are none, and then
    # none of those detectors needs its own two RE2 passes (each costs a full scan of the text).
    ctx_idx = np.flatnonzero(_mask(sub, _context_union(weak))) if weak else flagged[:0]
    ctx_sub = sub.take(pa.array(ctx_idx)) if len(ctx_idx) else None
    for det in detectors:
        if not det.PATTERNS:
            continue
        if _needs_context(det, threshold):
            # Weak formats (8 bare digits, a UUID) only count next to a context word: require one.
            if ctx_sub is None:
                continue
            idx = ctx_idx[_mask(ctx_sub, _context_filter(det))]
            if det.PREFILTER and len(idx):
                idx = idx[_mask(sub.take(pa.array(idx)), det.PREFILTER)]
            hits = flagged[idx]
        else:
            hits = flagged[_mask(sub, det.PREFILTER)] if det.PREFILTER else flagged
        chunk_ids = hits.tolist()
        owned = [owners[ci][1:] for ci in chunk_ids]
        # Only detections starting in the span a chunk owns (see module doc), built once.
        for k, d in det.find_many([pieces[ci] for ci in chunk_ids], owned, threshold):
            found = results[owners[chunk_ids[k]][0]]
            key = (d.entity, d.start, d.end)
            if key not in found:
                found[key] = d
    return [list(r.values()) for r in results]


def _mask(arr: pa.Array, regex: str) -> np.ndarray:
    return np.asarray(
        pc.fill_null(pc.match_substring_regex(arr, regex), False).to_numpy(zero_copy_only=False),
        dtype=bool,
    )
