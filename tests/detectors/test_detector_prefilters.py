"""Every RE2 prefilter admits every text its detector's patterns can match.

The engine (``detect``) runs a detector's Python patterns only on chunks its ``PREFILTER``
admits; a prefilter narrower than the patterns silently drops values that ``detect_slow`` finds.
test_detector_engine.py compares the two on documents of plain values; these tests add the
forms its generator does not write: country codes glued to the number (``+8613800138000``,
``008613800138000``), and unified social credit codes whose only letters are in the first two
characters.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.checksums import uscc_check_char
from hegui.detectors.registry import all_detectors, detect, detect_slow
from hegui.detectors.synthetic import Synth


def _key(dets: list) -> list[tuple[str, int, int, float]]:
    return [(d.entity, d.start, d.end, d.score) for d in dets]


def _uscc(first_two: str, county: str = "110105", tail: str = "123456789") -> str:
    body = first_two + county + tail
    check = uscc_check_char(body)
    assert check is not None
    return body + check


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("+8613812345678", "CN_MOBILE", "+8613812345678"),
        ("电话+8613812345678，", "CN_MOBILE", "+8613812345678"),
        ("手机 008613812345678", "CN_MOBILE", "008613812345678"),
        ("联系人 8613812345678", "CN_MOBILE", "8613812345678"),
        ("+86010-62345678", "CN_LANDLINE", "+86010-62345678"),
        ("座机 0086075588881234", "CN_LANDLINE", "0086075588881234"),
        (f"代码{_uscc('Y1')}", "CN_USCC", _uscc("Y1")),
        (f"代码 {_uscc('9A')} 。", "CN_USCC", _uscc("9A")),
    ],
)
def test_glued_country_codes_and_leading_letters_are_found(
    text: str, entity: str, value: str
) -> None:
    found = [(d.entity, text[d.start : d.end]) for d in detect(text)]
    assert (entity, value) in found
    assert _key(detect(text)) == _key(detect_slow(text, all_detectors()))


@pytest.mark.parametrize(
    "text",
    [
        "订单8613812345678901",  # a longer digit run: no mobile inside it
        "+861381234567",  # ten digits after 86
        "x8613812345678",  # a letter before the 86: not a boundary
    ],
)
def test_near_misses_stay_out(text: str) -> None:
    assert "CN_MOBILE" not in {d.entity for d in detect(text)}
    assert _key(detect(text)) == _key(detect_slow(text, all_detectors()))


_BITS = ["+", "86", "0086", "+86", "+86 ", "00", " ", "-", "(", ")", "：", "电话", "手机", "x"]


@st.composite
def _glued(draw: st.DrawFn) -> str:
    s = Synth(draw(st.integers(0, 10_000)))
    makers = [
        s.mobile,
        s.landline,
        s.uscc,
        s.resident_id,
        s.bank_card,
        lambda: _uscc(
            draw(st.sampled_from(["Y1", "91", "9A", "A1", "N2"])),
            tail="".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))),
        ),
    ]
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(_BITS)))
        else:
            parts.append(draw(st.sampled_from(makers))())
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_glued())
def test_engine_equals_whole_text_scan_with_glued_prefixes(doc: str) -> None:
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))
