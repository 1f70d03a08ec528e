"""Precision, recall and F1 per entity, for labelled cells and for labelled spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def cell_scores(
    labels: Sequence[str | None], predictions: Sequence[set[str]], entities: Iterable[str]
) -> dict[str, Counter[str]]:
    """TP/FP/FN per entity: a cell labelled E is a TP if E is predicted; any other E predicted is FP."""
    counts: dict[str, Counter[str]] = {e: Counter() for e in entities}
    for gold, pred in zip(labels, predictions, strict=True):
        for e, c in counts.items():
            if gold == e:
                c["tp" if e in pred else "fn"] += 1
            elif e in pred:
                c["fp"] += 1
    return counts


def span_scores(
    gold: Sequence[tuple[str, int, int]],
    pred: Sequence[tuple[str, int, int]],
    entities: Iterable[str],
) -> dict[str, Counter[str]]:
    """Span matching by entity and overlap: each gold span matches at most one prediction."""
    counts: dict[str, Counter[str]] = {e: Counter() for e in entities}
    used: set[int] = set()
    for e, gs, ge in gold:
        if e not in counts:
            continue
        hit = next(
            (
                i
                for i, (pe, ps, pe_) in enumerate(pred)
                if i not in used and pe == e and ps < ge and gs < pe_
            ),
            None,
        )
        if hit is None:
            counts[e]["fn"] += 1
        else:
            used.add(hit)
            counts[e]["tp"] += 1
    for i, (pe, _, _) in enumerate(pred):
        if i not in used and pe in counts:
            counts[pe]["fp"] += 1
    return counts


def merge(into: dict[str, Counter[str]], more: dict[str, Counter[str]]) -> None:
    for e, c in more.items():
        into.setdefault(e, Counter()).update(c)
