"""Hypothesis: detectors never crash, offsets stay in range, and column paths agree with cells."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors import detect
from hegui.detectors.normalize import _TABLE, mask, normalize, normalize_many
from hegui.detectors.registry import get_detector
from hegui.detectors.synthetic import Synth

_alphabet = st.sampled_from(
    [
        *list("0123456789Xx-+ .:@，。：１２３abcdefEF张王李省市区路号()（）\n\t"),
        "\u3000",
        "\x00",
        "\ud7ff",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_alphabet, max_size=200))
def test_detect_never_crashes_and_offsets_are_valid(text: str) -> None:
    for d in detect(text):
        assert 0 <= d.start < d.end <= len(text)
        assert 0.0 <= d.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_detect_arbitrary_unicode(text: str) -> None:
    detect(text)


@given(st.text(max_size=100))
def test_normalize_preserves_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


_FOLDED_OR_NOT = st.text(
    alphabet=st.one_of(
        st.sampled_from([chr(cp) for cp in _TABLE]),
        st.characters(blacklist_categories=("Cs",)),  # anything but lone surrogates
    ),
    max_size=40,
)


@given(st.lists(_FOLDED_OR_NOT, max_size=6))
def test_vectorised_normalize_equals_the_scalar_one(texts: list[str]) -> None:
    assert normalize_many(texts) == [normalize(t) for t in texts]


def test_vectorised_normalize_rejects_lone_surrogates() -> None:
    # The engine catches this and scans such texts the slow way.
    with pytest.raises(UnicodeEncodeError):
        normalize_many(["手机\ud800"])


@given(st.text(min_size=1, max_size=60))
def test_mask_never_reveals_a_value(text: str) -> None:
    m = mask(text)
    assert len(m) == len(text)
    if len(text) >= 5:
        assert m != text and sum(c != "*" for c in m) < len(text) / 2 + 1


_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _dressed(value: str, sep: str, groups: tuple[int, ...]) -> str:
    """``value`` without its separators, regrouped with ``sep`` (the rest stays one group)."""
    digits, parts = value.replace(" ", "").replace("-", ""), []
    for n in groups:
        parts.append(digits[:n])
        digits = digits[n:]
    return sep.join([*parts, digits] if digits else parts)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_vectorised_column_paths_agree_with_cells(seed: int) -> None:
    s = Synth(seed)
    values = [
        s.resident_id(),
        s.resident_id_bad_check(),
        s.mobile(),
        s.bank_card(),
        s.order_number(),
        "",
        "x",
    ]
    for entity, header in (
        ("CN_RESIDENT_ID", "身份证"),
        ("CN_MOBILE", "手机"),
        ("CN_BANK_CARD", "卡号"),
    ):
        det = get_detector(entity)
        vec = det.match_column(values, header)
        cell = np.array(
            [
                bool(v) and (d := det.score_value(v, header)) is not None and d.score >= 0.5
                for v in values
            ]
        )
        assert list(vec) == list(cell), (entity, values)
    # The valid ones written with the separators and full-width digits that text folds (U+2010
    # hyphen, em dash, ideographic space, full-width hyphen): a column folds them the same way.
    for entity, header, value, groups in (
        ("CN_RESIDENT_ID", "身份证", values[0], (6, 8, 4)),
        ("CN_MOBILE", "手机", values[2], (3, 4, 4)),
        ("CN_BANK_CARD", "卡号", values[3], (4, 4, 4, 4)),
    ):
        det = get_detector(entity)
        dressed = [_dressed(value, sep, groups) for sep in ("\u2010", "\u2014", "\u3000", "\uff0d")]
        dressed.append(value.translate(_FULL_WIDTH))
        cell = [(d := det.score_value(v, header)) is not None and d.score >= 0.5 for v in dressed]
        assert list(det.match_column(dressed, header)) == cell == [True] * 5, (entity, dressed)


_ODD = st.sampled_from(
    [
        "",
        " ",
        "..",
        "-",
        "·",
        "＠",
        "Ｅ",
        "01.",
        "999",
        "京I",
        "E1",
        "a.",
        "@x",
        "粤B",
        "D",
        "12345",
        "@example.com",
        "挂",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.lists(_ODD, max_size=6))
def test_column_sure_paths_agree_with_cells(seed: int, odd: list[str]) -> None:
    s = Synth(seed)
    base = [
        s.email(),
        s.ipv4(),
        s.plate(),
        s.passport(),
        "E1234567",
        "1.2.3.04",
        "a..b@example.com",
        ".a@example.com",
    ]
    values = [*base, "".join(odd), *(b + "".join(odd) for b in base[:4])]
    for entity, header in (
        ("EMAIL_ADDRESS", "邮箱"),
        ("IP_ADDRESS", "ip"),
        ("CN_LICENSE_PLATE", "车牌"),
        ("CN_PASSPORT", "护照"),
    ):
        det = get_detector(entity)
        vec = det.match_column(values, header)
        cell = [
            bool(v) and (d := det.score_value(v, header)) is not None and d.score >= 0.5
            for v in values
        ]
        assert list(vec) == cell, (entity, values)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.lists(st.sampled_from(list("王欧阳公司路张三丰 a1")), max_size=5),
)
def test_name_column_sure_path_agrees_with_cells(seed: int, odd: list[str]) -> None:
    s = Synth(seed)
    values = [
        s.name(),
        s.name(),
        "王府井大街",
        "李公",
        "欧阳",
        "张",
        "".join(odd),
        s.name() + "".join(odd),
    ]
    det = get_detector("CN_PERSON_NAME")
    for header in ("姓名", "备注", ""):
        vec = det.match_column(values, header)
        cell = [
            bool(v) and (d := det.score_value(v, header)) is not None and d.score >= 0.5
            for v in values
        ]
        assert list(vec) == cell, (header, values)


@given(
    st.lists(
        st.sampled_from(["0", "00", "01", "1", "9", "10", "127", "192", "255", "256", "999"]),
        min_size=4,
        max_size=4,
    )
)
def test_ipv4_check_agrees_with_ipaddress(octets: list[str]) -> None:
    import ipaddress

    from hegui.detectors.registry import get_detector

    value = ".".join(octets)
    try:
        addr = ipaddress.ip_address(value)
    except ValueError:
        expected = None
    else:
        expected = ("private or reserved range",) if addr.is_private or addr.is_reserved else ()
    got = get_detector("IP_ADDRESS").check(value)
    assert (got.notes if got.result else None) == expected
