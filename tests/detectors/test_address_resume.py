"""An address trimmed back to its street marker does not hide the value after it.

The address pattern is greedy (up to 40 characters) and trimmed back to the last 号/室/栋...;
the search went on after the untrimmed match, so an address starting inside that greedy tail
(an address, an ID, then another address, with no space between) was missed by the whole-text
scan, and found or not by the chunked engine depending on where the chunks fell (a failure the
engine property test hit now and then). Glued addresses were one value up to the last marker of
the greedy span, so a chain of them was cut differently by a search starting inside it (the
engine's chunks): an address now ends at the first marker where another address starts.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.registry import all_detectors, detect, detect_slow
from hegui.detectors.synthetic import Synth

_FIRST = "上海市浦东新区人民路34号20栋1166室"
_ID = "110108199210010913"  # synthetic
_SECOND = "湖北省武汉市洪山区人民路898号5栋259室"


def _key(dets: list) -> list[tuple[str, int, int, float]]:
    return [(d.entity, d.start, d.end, d.score) for d in dets]


def test_the_address_after_a_trimmed_one_is_found() -> None:
    text = _FIRST + _ID + _SECOND
    found = [(d.entity, text[d.start : d.end]) for d in detect_slow(text, all_detectors())]
    assert found == [("CN_ADDRESS", _FIRST), ("CN_RESIDENT_ID", _ID), ("CN_ADDRESS", _SECOND)]
    assert _key(detect(text)) == _key(detect_slow(text, all_detectors()))


def test_engine_equals_whole_text_scan_where_a_chunk_starts_inside_an_address() -> None:
    # The case the engine property test found: the second chunk (from character 384) starts
    # one character into the first address.
    head = "本公司依据相关法律法规处理个人信息。" * 4 + "1" * (383 - 72)
    doc = head + _FIRST + _ID + _SECOND + "420111195703146993" * 5
    assert doc.index(_FIRST) == 383
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))
    assert [d.entity for d in detect(doc)].count("CN_ADDRESS") == 2


_CHAIN = ["北京市朝阳区长江路628号4栋2093室", "四川省成都市武侯区长江路866号7栋1096室"]
_CHAIN.append("北京市朝阳区科技园路120号23栋1004室")


def test_glued_addresses_are_separate_values_wherever_the_search_starts() -> None:
    text = "".join(_CHAIN)
    found = [text[d.start : d.end] for d in detect_slow(text, all_detectors())]
    assert found == _CHAIN
    # The engine's second chunk (from character 384) starts one character into the chain.
    doc = "1" * 383 + text + _ID * 4
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))
    assert [doc[d.start : d.end] for d in detect(doc) if d.entity == "CN_ADDRESS"] == _CHAIN


@st.composite
def _address_heavy(draw: st.DrawFn) -> str:
    s = Synth(draw(st.integers(0, 10_000)))
    parts = []
    for _ in range(draw(st.integers(10, 60))):
        pick = draw(st.integers(0, 9))
        parts.append(
            s.address() if pick < 5 else s.resident_id() if pick < 8 else "请核对以下资料："
        )
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(_address_heavy())
def test_engine_equals_whole_text_scan_on_address_chains(doc: str) -> None:
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))
