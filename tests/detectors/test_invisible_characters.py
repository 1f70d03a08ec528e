"""Invisible format characters inside or around values do not hide them.

Numbers copied from phone contacts come wrapped in bidirectional marks (U+202D ... U+202C), web
pages leave zero-width spaces and soft hyphens, exports start cells with U+FEFF: none of them is
visible, and none stopped a value being read before, so a whole column of such mobile numbers
was "no PI". Normalisation now folds them to a space (length kept, so offsets still map back),
which separators-tolerant matching then drops.
"""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.normalize import normalize, normalize_many
from hegui.detectors.registry import all_detectors, detect, detect_slow, get_detector
from hegui.detectors.synthetic import Synth
from hegui.scanners.tabular.classify import classify_column
from hegui.scanners.tabular.pimap import pi_map

_S = Synth(8)
MOB, RID = _S.mobile(), _S.resident_id()
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f"]
_INVISIBLE += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]


def _spliced(value: str, at: list[int], mark: str) -> str:
    out = value
    for i in sorted(at, reverse=True):
        out = out[:i] + mark + out[i:]
    return out


@pytest.mark.parametrize("mark", _INVISIBLE)
def test_normalisation_folds_invisible_marks_keeping_the_length(mark: str) -> None:
    text = f"手机{mark}{MOB}{mark}"
    assert normalize(text) == f"手机 {MOB} " and normalize_many([text]) == [normalize(text)]


def test_a_column_of_numbers_copied_from_phone_contacts_is_found() -> None:
    cells = [f"\u202d{_S.mobile()}\u202c" for _ in range(30)]
    verdict = classify_column("联系方式", pa.array(cells), pi_map())
    assert verdict.entity == "CN_MOBILE" and verdict.entities[0].share == 1.0


@pytest.mark.parametrize("mark", ["\u200b", "\u00ad", "\ufeff", "\u2060"])
def test_marks_inside_identifiers_do_not_hide_a_column(mark: str) -> None:
    ids = [_spliced(_S.resident_id(), [6, 14], mark) for _ in range(20)]
    assert get_detector("CN_RESIDENT_ID").match_column(pa.array(ids), "身份证号").all()
    mobiles = [_spliced(_S.mobile(), [3, 7], mark) for _ in range(20)]
    assert get_detector("CN_MOBILE").match_column(pa.array(mobiles), "手机").all()


@pytest.mark.parametrize("mark", ["\u200b", "\u202d", "\ufeff"])
def test_free_text_finds_marked_values(mark: str) -> None:
    text = f"客户手机{mark}{MOB}{mark}，身份证{_spliced(RID, [6, 14], mark)}。"
    found = {d.entity: text[d.start : d.end] for d in detect(text)}
    assert MOB in found.get("CN_MOBILE", "")
    assert found.get("CN_RESIDENT_ID", "").replace(mark, "") == RID


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([MOB, RID, "手机", "身份证", "，", " ", *_INVISIBLE]), max_size=20))
def test_engine_equals_whole_text_scan_with_invisible_marks(parts: list[str]) -> None:
    doc = "".join(parts)
    key = [(d.entity, d.start, d.end, d.score) for d in detect(doc)]
    assert key == [(d.entity, d.start, d.end, d.score) for d in detect_slow(doc, all_detectors())]
