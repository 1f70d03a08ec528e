"""Fast free-text engine: one RE2 pass per chunk picks the detectors, Python patterns run only there.

Python's ``re`` scans Chinese text at a few MB/s per pattern, and there are dozens of patterns.
Texts are first folded to half-width in one vectorised pass (:func:`normalize_many`), so the
filters and the patterns see the same characters. They are then cut into overlapping chunks
(``CHUNK`` characters every ``STEP``). One ``RE2::Set`` holding every detector's ``PREFILTER`` (an
RE2 superset of its patterns) and, for weak formats, its context words, reports in one C++ pass
per chunk which filters match; a detector's Python patterns then run only on the chunks where its
filters all match, in one pass per pattern (:meth:`Detector.find_many`). Each start position
belongs to exactly one chunk, the one where the value's context window lies inside and at least
``CHUNK - STEP - CONTEXT_WINDOW - 2`` characters follow it, so results equal those of running every
detector over the whole text for values shorter than that (every format here). Keeping any match
that merely ends inside a chunk was wrong for greedy patterns: an address cut by the chunk end
still matched, shorter. Detections are built once, with their final offsets, and only for
matches that pass validation and the threshold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import re2

from hegui.detectors.base import CONTEXT_WINDOW, Detection, Detector
from hegui.detectors.normalize import normalize_many

CHUNK = 512
STEP = 384
_MARGIN = CONTEXT_WINDOW + 2


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


class _Filters:
    """The RE2 set for a tuple of detectors, and which of its filters each detector needs."""

    def __init__(self, detectors: Sequence[Detector], threshold: float) -> None:
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        self.set = re2.Set.SearchSet(options)
        # Filter 0 matches every text: a set search that reports nothing ran out of DFA memory
        # (RE2::Set says "no match" then), and that chunk is checked filter by filter instead.
        self.regexes: list[str] = [""]
        self.needs: list[tuple[Detector, tuple[int, ...]]] = []
        for det in detectors:
            if not det.PATTERNS:
                continue
            wanted = [det.PREFILTER] if det.PREFILTER else []
            if _needs_context(det, threshold):
                # Weak formats (8 bare digits, a UUID) only count next to a context word.
                wanted.append(_context_filter(det))
            self.needs.append((det, tuple(self._add(r) for r in wanted)))
        for regex in self.regexes:
            self.set.Add(regex)
        self.set.Compile()

    def _add(self, regex: str) -> int:
        if regex not in self.regexes:
            self.regexes.append(regex)
        return self.regexes.index(regex)

    def matching(self, piece: str) -> list[int]:
        """Indices of the filters that match ``piece`` (each once)."""
        found = self.set.Match(piece)
        if found:
            return found
        return [i for i, r in enumerate(self.regexes) if _compiled(r).search(piece)]


# A handful of detector selections per process; each set may hold up to max_mem of DFA states.
@functools.lru_cache(maxsize=16)
def _filters(detectors: tuple[Detector, ...], threshold: float) -> _Filters:
    return _Filters(detectors, threshold)


@functools.lru_cache(maxsize=256)
def _compiled(regex: str) -> re2._Regexp:
    return re2.compile(regex)


def detect_batch(
    texts: Sequence[str], detectors: Sequence[Detector], threshold: float
) -> list[list[Detection]]:
    """Detections per text (unsorted, possibly overlapping across entities; deduplicated)."""
    # Fold once, vectorised; chunks, filters and patterns all see the same normalised text.
    pieces, owners = _chunks(normalize_many(texts))
    filters = _filters(tuple(detectors), threshold)
    # Chunks per filter: most chunks match few filters (often only the catch-all one).
    by_filter: list[list[int]] = [[] for _ in filters.regexes]
    for ci, piece in enumerate(pieces):
        for i in filters.matching(piece):
            by_filter[i].append(ci)
    results: list[dict[tuple[str, int, int], Detection]] = [{} for _ in texts]
    for det, needs in filters.needs:
        if not needs:
            chunk_ids = list(range(len(pieces)))
        elif len(needs) == 1:
            chunk_ids = by_filter[needs[0]]
        else:
            chunk_ids = sorted(set.intersection(*(set(by_filter[i]) for i in needs)))
        if not chunk_ids:
            continue
        owned = [owners[ci][1:] for ci in chunk_ids]
        # Only detections starting in the span a chunk owns (see module doc), built once.
        for k, d in det.find_many([pieces[ci] for ci in chunk_ids], owned, threshold):
            found = results[owners[chunk_ids[k]][0]]
            key = (d.entity, d.start, d.end)
            if key not in found:
                found[key] = d
    return [list(r.values()) for r in results]
