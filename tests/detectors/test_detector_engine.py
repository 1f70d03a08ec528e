"""The chunked RE2-prefiltered engine finds exactly what the plain whole-text scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.registry import all_detectors, detect, detect_many, detect_slow
from hegui.detectors.synthetic import Synth

_FILLER = [
    "本公司依据相关法律法规处理个人信息。",
    "请核对以下资料：",
    " ",
    "，",
    "订单号",
    "身份证号",
    "手机",
    "护照",
    "IMEI:",
    "坐标",
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    s = Synth(draw(st.integers(0, 10_000)))
    makers = [
        s.resident_id,
        s.mobile,
        s.bank_card,
        s.email,
        s.order_number,
        s.passport,
        s.imei,
        s.address,
        s.plate,
        s.landline,
        s.hkid,
        s.uscc,
        s.ipv4,
        s.mac,
        s.resident_id_bad_check,
    ]
    parts = []
    for _ in range(draw(st.integers(1, 60))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(_FILLER)) * draw(st.integers(1, 4)))
        else:
            parts.append(draw(st.sampled_from(makers))())
    return "".join(parts)


def _key(dets: list) -> list[tuple[str, int, int, float]]:
    return [(d.entity, d.start, d.end, d.score) for d in dets]


@settings(max_examples=120, deadline=None)
@given(documents())
def test_engine_equals_whole_text_scan(doc: str) -> None:
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))


def test_detect_many_equals_detect() -> None:
    s = Synth(3)
    docs = [f"客户手机{s.mobile()}，身份证号{s.resident_id()}。" * k for k in range(1, 30)]
    assert [_key(d) for d in detect_many(docs)] == [_key(detect(d)) for d in docs]


def test_surrogates_fall_back_to_the_slow_path() -> None:
    text = "手机13800138000\ud800"
    assert [d.entity for d in detect(text)] == ["CN_MOBILE"]


_PATTERN_ALPHABET = st.sampled_from(
    [
        *list("0123456789XxEHMAKGPSDW12 -()（）abcdef:.·京粤张王李欧阳小明的"),
        *["身份证", "护照", "先生", "女士", "小姐", "姓名：", "客户", "司马"],
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PATTERN_ALPHABET, max_size=80).map("".join))
def test_fast_regex_form_matches_like_the_original(text: str) -> None:
    import re

    for det in all_detectors():
        for pat in det.PATTERNS:
            # The pattern as written, against how it is searched (fast form, windows).
            original = re.compile(pat.regex, pat.flags)
            spans = [m.span(pat.group) for m in original.finditer(text)]
            assert [m.span(pat.group) for m in pat.finditer(text)] == spans, pat.name


_REFERENCE = {
    # The plain forms of the rewritten patterns: the fast forms must match exactly the same.
    (
        "CN_MOBILE",
        "mobile",
    ): r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])",
    ("IP_ADDRESS", "ipv4"): r"(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9]|\.\d)",
    (
        "CN_LANDLINE",
        "landline",
    ): r"(?<![0-9A-Za-z+])(?:(?:\+86|0086)[ -]?)?\(?0\d{2,3}\)?[ -]?[2-9]\d{2,3}[ -]?\d{4}(?:-\d{1,5})?(?![0-9A-Za-z])",
    (
        "GPS_COORDINATE",
        "pair",
    ): r"(?<![0-9.])-?\d{1,3}\.\d{4,}\s*[,，;]\s*-?\d{1,3}\.\d{4,}(?![0-9])",
    (
        "IP_ADDRESS",
        "ipv6",
    ): r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,6}|[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])",
}
_NUMBERS = st.sampled_from(
    [
        *"0123456789+-. :abcdefAF(),;，",
        *["86", "0086", "138", "13800138000", "192.168.", "::", "2001:db8", "010", "(0755)"],
        *["62345678", "39.9087", "116.3975", "-33.8688"],
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NUMBERS, max_size=30).map("".join))
def test_rewritten_patterns_equal_their_plain_forms(text: str) -> None:
    import re

    from hegui.detectors.registry import get_detector

    for (entity, name), plain in _REFERENCE.items():
        [pat] = [p for p in get_detector(entity).PATTERNS if p.name == name]
        fast = [m.span() for m in pat.finditer(text)]
        assert fast == [m.span() for m in re.finditer(plain, text)], (entity, name)


def test_value_cut_by_chunk_end_is_left_to_the_next_chunk() -> None:
    # The greedy address pattern also matches the part of this address left in the first chunk
    # (ending 号22栋749室 at character 510); only the whole-text match, which overlaps the ID
    # number and so loses to it, may be reported.
    doc = "的" * 496 + "上海市浦东新区建国路808号22栋749室" + "11010519491231002X" + "订单号"
    assert _key(detect(doc)) == _key(detect_slow(doc, all_detectors()))
    assert [d.entity for d in detect(doc)] == ["CN_RESIDENT_ID"]


_NAME_TEXT = [
    "客户",
    "用户",
    "会员",
    "姓名：",
    "联系人",
    "先生",
    "女士",
    "小姐",
    "的",
    "，",
    "公司",
    " ",
]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.sampled_from(_NAME_TEXT), min_size=1, max_size=30))
def test_pattern_needs_skips_only_texts_without_a_match(seed: int, glue: list[str]) -> None:
    import dataclasses

    s = Synth(seed)
    text = "".join(g + (s.name() if i % 2 else "") for i, g in enumerate(glue))
    for det in all_detectors():
        for pat in det.PATTERNS:
            if not pat.needs:
                continue
            plain = dataclasses.replace(pat, needs=(), window=None).compiled()
            spans = [m.span() for m in plain.finditer(text)]
            if not any(w in text for w in pat.needs):
                assert spans == [], (det.name, pat.name)
            for a, b in spans:
                assert any(w in text[a:b] for w in pat.needs), (det.name, pat.name)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PATTERN_ALPHABET, max_size=60).map("".join))
def test_windowed_search_equals_the_whole_text_search(text: str) -> None:
    import re

    from hegui.detectors.base import Pattern

    # Every match of this pattern lies within 4 characters before a needs literal.
    regex = "(?:欧阳|[王李张])[\u4e00-\u9fff]{0,2}?(?:先生|女士)"
    pat = Pattern("p", regex, 0.5, needs=("先生", "女士"), window=(4, 0))
    assert [m.span() for m in pat.finditer(text)] == [m.span() for m in re.finditer(regex, text)]


def test_too_small_a_window_is_caught_by_the_property_test() -> None:
    import re

    from hegui.detectors.base import Pattern

    # The guard above is only as good as the window: one character short, a match is cut.
    regex = "(?:欧阳|[王李张])[\u4e00-\u9fff]{0,2}?(?:先生|女士)"
    short = Pattern("p", regex, 0.5, needs=("先生",), window=(3, 0))
    text = "欧阳小明先生"
    assert [m.span() for m in short.finditer(text)] != [m.span() for m in re.finditer(regex, text)]


def test_windowed_pattern_must_not_look_ahead() -> None:
    import pytest

    from hegui.detectors.base import Pattern

    with pytest.raises(ValueError, match="look ahead"):
        Pattern("p", "王(?=先生)", 0.5, needs=("先生",), window=(2, 0))
    with pytest.raises(ValueError, match="needs"):
        Pattern("p", "王先生", 0.5, window=(2, 0))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 8), st.sampled_from([0.5, 0.7, 0.9, 1.0])),
        max_size=12,
    )
)
def test_resolve_overlaps_keeps_the_best_of_each_overlap(
    spans: list[tuple[int, int, float]],
) -> None:
    from hegui.detectors.base import Detection, Explanation
    from hegui.detectors.registry import resolve_overlaps

    why = Explanation("d", "p", 0.5, True, "v")
    found = [Detection(f"E{i}", a, a + n, sc, why) for i, (a, n, sc) in enumerate(spans)]
    # Reference: best first (score, then length, then position), skip what overlaps a kept one.
    ranked = sorted(found, key=lambda d: (-d.score, -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for d in ranked:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    expected = sorted(kept, key=lambda d: d.start)
    assert [d.entity for d in resolve_overlaps(found)] == [d.entity for d in expected]


def test_many_texts_equal_the_whole_text_scan_dense_and_sparse() -> None:
    # More than the engine's 64-chunk sample: PI-dense texts skip the combined prefilter, prose
    # runs it; both must find what the plain scan finds.
    s = Synth(21)
    dense = [
        f"客户{s.name()}先生，手机{s.mobile()}，身份证{s.resident_id()}，卡号{s.bank_card()}。"
        for _ in range(90)
    ]
    prose = [
        "本公司依据相关法律法规处理个人信息。" * 40 + (s.email() if i % 9 == 0 else "")
        for i in range(90)
    ]
    for docs in (dense, prose):
        got = detect_many(docs)
        assert [_key(g) for g in got] == [_key(detect_slow(d, all_detectors())) for d in docs]
        assert any(got)


def test_regex_structure_helpers_skip_escapes_and_classes() -> None:
    from hegui.detectors.regex_form import _closing_paren, _split_alternatives, fast_form

    assert _closing_paren("(?:a|(b)|[)])c") == 12
    assert _closing_paren("(a") == -1
    assert _split_alternatives(r"a|(b|c)|[|]|\||d") == ["a", "(b|c)", "[|]", r"\|", "d"]
    assert fast_form(r"(?<![0-9])(?:PE|SE)\d{7}") == r"(?:P(?<![0-9].)E|S(?<![0-9].)E)\d{7}"
    # An optional first atom or a quantified group has nothing to anchor on: left as written.
    assert fast_form(r"(?<![0-9])\d?1") == r"(?<![0-9])\d?1"
    assert fast_form(r"(?<![0-9])(?:ab|cd)?x") == r"(?<![0-9])(?:ab|cd)?x"


def test_a_failed_set_search_falls_back_to_each_filter(monkeypatch) -> None:
    # RE2::Set reports "no match" when its DFA runs out of memory; the catch-all filter 0 makes
    # that visible, and the chunk is then checked filter by filter: same detections.
    from hegui.detectors import engine

    s = Synth(8)
    docs = [f"护照{s.passport()}，手机{s.mobile()}，地址{s.address()}。" * 30 for _ in range(3)]
    expected = [_key(d) for d in detect_many(docs)]
    filters = engine._filters(tuple(all_detectors()), 0.5)

    class OutOfMemory:
        def Match(self, text: str) -> None:
            return None

    monkeypatch.setattr(filters, "set", OutOfMemory())
    assert [_key(d) for d in detect_many(docs)] == expected
    assert any(expected)
