"""Decimal digits of other scripts are read as digits, on the fast path and the reference alike.

Python's ``\\d`` and ``int()`` accept Arabic-Indic or Devanagari digits but RE2's prefilters do
not, so before the fold a value written in them was found by ``detect_slow`` and missed by
``detect()`` and the column scan: a way to slip values past the scanner.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

import hegui
from hegui.detectors.normalize import normalize, normalize_many
from hegui.detectors.registry import all_detectors, detect_slow, get_detector

_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
_ID = "110101198001011005"  # synthetic, valid check digit


@pytest.mark.parametrize("script", [_ARABIC, _PERSIAN, _DEVANAGARI])
def test_values_in_other_digits_are_found_where_ascii_ones_are(script: dict[int, int]) -> None:
    text = f"手机号：{'13800138000'.translate(script)}，身份证 {_ID.translate(script)} 已登记"
    assert normalize(text) == normalize_many([text])[0]
    assert len(normalize(text)) == len(text)  # offsets stay the caller's
    fast = [(d.entity, d.start, d.end) for d in hegui.detect(text)]
    slow = [(d.entity, d.start, d.end) for d in detect_slow(text, all_detectors())]
    assert fast == slow
    assert [e for e, _, _ in fast] == ["CN_MOBILE", "CN_RESIDENT_ID"]


def test_a_column_of_other_digit_ids_is_matched() -> None:
    cells = [_ID.translate(_ARABIC), _ID, "١٢٣"]
    mask = get_detector("CN_RESIDENT_ID").match_column(pa.array(cells), "身份证号")
    assert mask.tolist() == [True, True, False]


def test_near_miss_in_other_digits_stays_rejected() -> None:
    bad = _ID[:-1] + "6"  # wrong check digit
    text = f"身份证 {bad.translate(_ARABIC)}"
    assert not [d for d in hegui.detect(text) if d.entity == "CN_RESIDENT_ID"]


def test_astral_digits_are_left_alone_on_both_paths() -> None:
    # Mathematical bold digits lie outside the BMP: the vectorised fold works on UTF-16 units,
    # so neither path folds them (and neither finds a value in them).
    bold = "".join(chr(0x1D7CE + int(c)) for c in "13800138000")
    text = f"手机 {bold}"
    assert normalize(text) == normalize_many([text])[0] == text.replace("：", ":")
    assert hegui.detect(text) == detect_slow(text, all_detectors())
