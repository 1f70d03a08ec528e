"""Per-column verdicts: which entity a column holds, how sure, and why.

Strategies, in order:
* ``cell``: each cell is tested as a whole value with the header as context (vectorised for
  checksum-bearing identifiers); a verdict needs ``MIN_SHARE`` of non-empty cells, or
  ``MIN_SHARE_WITH_HEADER`` when the header names the entity.
* ``consistency``: without header context, weak formats (passport-like, name-like) count when
  nearly every cell has that shape.
* ``free_text``: long cells are searched with :func:`hegui.detectors.detect`; every entity found
  in enough cells is reported.
* ``header``: vocabulary categories (biometrics, health ...) whose header alone is evidence.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hegui.detectors.base import Detector
from hegui.detectors.normalize import mask
from hegui.detectors.registry import all_detectors, detect_many, get_detector
from hegui.scanners.tabular.models import ColumnVerdict, EntityShare
from hegui.scanners.tabular.pimap import PiMap

MIN_SHARE = 0.6
MIN_SHARE_WITH_HEADER = 0.3
MIN_SHARE_STRONG = 0.15
STRONG_SCORE = 0.85
CONSISTENCY_SHARE = 0.9
#: A column of a handful of repeated values (会员等级: 金卡/银卡) is a code list, not identifiers.
CONSISTENCY_MIN_DISTINCT = 0.5
FREE_TEXT_FALLBACK_CHARS = 12
#: Cells shorter than this hold no identifier in text (filler such as 无, 已处理, N/A): the
#: fallback looks at the mean length of the longer cells only.
FREE_TEXT_MIN_CELL_CHARS = 6
FREE_TEXT_MIN_SHARE = 0.05
FREE_TEXT_MEAN_CHARS = 40
FREE_TEXT_MAX_CELLS = 500
MAX_EXAMPLES = 3
#: Entities whose whole-cell matches are so specific that a cell they explain is not counted for
#: any entity after them (an 18-digit resident ID passes Luhn with a card prefix 1 time in ~40:
#: it must not make a pure ID column a bank-card column). Best explained first.
PRECEDENCE = (
    "CN_RESIDENT_ID",
    "HK_ID_CARD",
    "TW_ID_CARD",
    "CN_USCC",
    "CN_MOBILE",
    "EMAIL_ADDRESS",
    "CN_BANK_CARD",
)
#: Detectors whose pattern alone is too weak even for a fully consistent column.
_NO_CONSISTENCY = {
    "CN_TAIWAN_PERMIT",
    "MO_ID_CARD",
    "ANDROID_ID",
    "IDFA",
    "OAID",
    "MEID",
    "IMEI",
    "DATE_OF_BIRTH",
}


def min_share(det: Detector, header: str) -> float:
    """Share of cells an entity needs to hold a column.

    A strongly validated format (checksum, allocated prefix, e-mail shape) holds a column from
    ``MIN_SHARE_STRONG`` (mixed 联系方式 columns); weaker ones need ``MIN_SHARE``, or
    ``MIN_SHARE_WITH_HEADER`` when the header names the entity.
    """
    if det.VALIDATED_SCORE >= STRONG_SCORE and not det.needs_context():
        return MIN_SHARE_STRONG
    return MIN_SHARE_WITH_HEADER if header_hits(det, header) else MIN_SHARE


def header_hits(det: Detector, header: str) -> list[str]:
    """Context words of ``det`` found in a column header (``id_card`` and ``id card`` alike)."""
    low = header.lower()
    return sorted(set(det.context_hits(low)) | set(det.context_hits(low.replace("_", " "))))


def classify_column(name: str, values: pa.Array, pimap: PiMap) -> ColumnVerdict:
    """Classify one column from its header and (sampled) values."""
    non_null = values.filter(pc.is_valid(values)) if values.null_count else values
    n = len(non_null)
    verdict = ColumnVerdict(name=name, strategy="none", cells_examined=len(values), non_empty=n)
    if n == 0:
        return verdict
    lengths = pc.utf8_length(non_null)
    mean_len = pc.mean(lengths).as_py() or 0.0
    shares: list[tuple[str, float, np.ndarray, str]] = []
    if mean_len > FREE_TEXT_MEAN_CHARS:
        return _free_text(name, non_null, verdict, pimap)
    dets = [d for d in all_detectors() if d.PATTERNS]
    dets.sort(key=_precedence)
    explained = np.zeros(n, dtype=bool)
    for det in dets:
        hits = header_hits(det, name)
        mask_ = det.match_column(non_null, name if hits else "") & ~explained
        if det.ENTITY in PRECEDENCE:
            explained |= mask_
        share = float(mask_.mean())
        strategy = "cell"
        threshold = min_share(det, name)
        if share < threshold and not hits and det.ENTITY not in _NO_CONSISTENCY:
            weak = _weak_mask(det, non_null)
            if (
                weak.mean() >= CONSISTENCY_SHARE
                and _distinct_ratio(non_null) >= CONSISTENCY_MIN_DISTINCT
            ):
                mask_, share, strategy = weak, float(weak.mean()), "consistency"
        if share >= threshold:
            shares.append((det.ENTITY, share, mask_, strategy))
    shares.sort(key=lambda s: -s[1])
    if shares:
        entity, share, mask_, strategy = shares[0]
        det = get_detector(entity)
        hits = header_hits(det, name)
        verdict.entity = entity
        verdict.strategy = strategy
        verdict.header_context = hits
        verdict.score = round(min(1.0, share + (0.2 if hits else 0.0)), 3)
        verdict.entities = [_share(e, s, int(m.sum()), pimap) for e, s, m, _ in shares]
        idx = np.flatnonzero(mask_)[:MAX_EXAMPLES]
        verdict.masked_examples = [mask(str(non_null[int(i)].as_py())) for i in idx]
        if strategy == "consistency":
            verdict.notes.append(f"every value has the {entity} shape; no header context")
    else:
        _header_only(name, non_null, verdict, pimap)
        if verdict.entity is None and _has_notes(lengths):
            # Short notes ("请回拨13800138000") hold identifiers inside text, not as whole cells.
            return _free_text(name, non_null, verdict, pimap)
    _fill_categories(verdict, pimap)
    return verdict


def _has_notes(lengths: pa.Array) -> bool:
    """True if enough cells are long enough to hold a value inside text.

    Filler cells (无) do not dilute the notes: the mean is taken over cells of at least
    ``FREE_TEXT_MIN_CELL_CHARS``, which must be at least ``FREE_TEXT_MIN_SHARE`` of the cells
    (fewer could not reach the reporting share).
    """
    long = np.asarray(lengths.to_numpy(zero_copy_only=False)) >= FREE_TEXT_MIN_CELL_CHARS
    if not long.any() or long.mean() < FREE_TEXT_MIN_SHARE:
        return False
    mean_long = float(np.asarray(lengths.to_numpy(zero_copy_only=False))[long].mean())
    return mean_long >= FREE_TEXT_FALLBACK_CHARS


def _precedence(det: Detector) -> int:
    return PRECEDENCE.index(det.ENTITY) if det.ENTITY in PRECEDENCE else len(PRECEDENCE)


def _distinct_ratio(values: pa.Array) -> float:
    if len(values) < 20:
        return 1.0
    return len(pc.unique(values)) / len(values)


def _weak_mask(det: Detector, values: pa.Array) -> np.ndarray:
    out = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values.to_pylist()):
        d = det.score_value(v) if v else None
        out[i] = d is not None and d.score >= 0.3
    return out


def _share(entity: str, share: float, matches: int, pimap: PiMap) -> EntityShare:
    cat = pimap.category_of(entity)
    return EntityShare(
        entity=entity,
        share=round(share, 4),
        matches=matches,
        category=cat,
        sensitive=bool(cat and pimap.is_sensitive(cat)),
    )


def _header_only(name: str, values: pa.Array, verdict: ColumnVerdict, pimap: PiMap) -> None:
    for det in all_detectors():
        hits = header_hits(det, name)
        if not hits:
            continue
        if det.HEADER_ONLY:
            matched = (
                det.match_column(values, name)
                if det.PATTERNS
                else np.zeros(len(values), dtype=bool)
            )
            share = float(matched.mean())
            verdict.entity = det.ENTITY
            verdict.strategy = "header"
            verdict.header_context = hits
            verdict.score = round(0.6 + 0.4 * share, 3)
            verdict.entities = [_share(det.ENTITY, share, int(matched.sum()), pimap)]
            return
        verdict.notes.append(
            f"header suggests {det.ENTITY} but values do not match (masked or other data?)"
        )


def _free_text(name: str, values: pa.Array, verdict: ColumnVerdict, pimap: PiMap) -> ColumnVerdict:
    cells = values.slice(0, FREE_TEXT_MAX_CELLS).to_pylist()
    per_entity: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for cell, dets in zip(cells, detect_many(cells), strict=True):
        seen = set()
        for d in dets:
            seen.add(d.entity)
            ex = examples.setdefault(d.entity, [])
            if len(ex) < MAX_EXAMPLES:
                ex.append(mask(cell[d.start : d.end]))
        per_entity.update(seen)
    verdict.strategy = "free_text"
    verdict.cells_examined = len(cells)
    found = [
        (e, c / len(cells))
        for e, c in per_entity.most_common()
        if c / len(cells) >= FREE_TEXT_MIN_SHARE
    ]
    if found:
        verdict.entity = found[0][0]
        verdict.score = round(min(1.0, found[0][1] + 0.5), 3)
        verdict.entities = [_share(e, s, per_entity[e], pimap) for e, s in found]
        verdict.masked_examples = [x for e, _ in found for x in examples[e]][: MAX_EXAMPLES * 2]
    _fill_categories(verdict, pimap)
    return verdict


def _fill_categories(verdict: ColumnVerdict, pimap: PiMap) -> None:
    for es in verdict.entities:
        if es.category and pimap.is_personal(es.category) and es.category not in verdict.categories:
            verdict.categories.append(es.category)
            if pimap.is_sensitive(es.category):
                verdict.sensitive_categories.append(es.category)
