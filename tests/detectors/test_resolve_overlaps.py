"""Overlap resolution in linear time, with the result of the plain best-first rule.

``resolve_overlaps`` compared each detection with every one kept: quadratic once anything
overlapped. PI-dense text makes many detections (a megabyte of ``1.1234,`` makes 70,000 GPS
pairs, some overlapping), and ``detect()`` took 500 s on it: a hang on hostile input.
"""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.base import Detection, Explanation
from hegui.detectors.registry import detect, resolve_overlaps

_WHY = Explanation("d", "p", 0.5, True, "v")


def _plain(found: list[Detection]) -> list[Detection]:
    ranked = sorted(found, key=lambda d: (-d.score, -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for d in ranked:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from([0.3, 0.5, 0.9, 1.0])),
        max_size=40,
    ),
    st.integers(0, 10_000),
)
def test_equals_the_plain_rule(spans: list[tuple[int, int, float]], offset: int) -> None:
    found = [
        Detection(f"E{i}", offset + a, offset + a + n, sc, _WHY)
        for i, (a, n, sc) in enumerate(spans)
    ]
    assert [d.entity for d in resolve_overlaps(found)] == [d.entity for d in _plain(found)]


def test_many_overlapping_detections_resolve_fast() -> None:
    chain = [Detection("E", i, i + 10, 0.5 + (i % 3) / 10, _WHY) for i in range(0, 200_000, 3)]
    started = time.perf_counter()
    kept = resolve_overlaps(chain)
    assert time.perf_counter() - started < 5  # quadratic: minutes
    assert all(a.end <= b.start for a, b in itertools.pairwise(kept))


def test_pi_dense_hostile_text_is_scanned_in_bounded_time() -> None:
    text = "1.1234," * 60_000  # 420,000 characters; the quadratic path took about 90 s
    started = time.perf_counter()
    found = detect(text)
    assert time.perf_counter() - started < 20
    assert len(found) > 25_000 and {d.entity for d in found} == {"GPS_COORDINATE"}
