"""The per-match fast path builds exactly what the plain constructors and round() build."""

from __future__ import annotations

import dataclasses
import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegui.detectors.base import (
    CONTEXT_WINDOW,
    Detection,
    Detector,
    Explanation,
    Pattern,
    Validation,
    _round4,
)
from hegui.detectors.normalize import normalize
from hegui.detectors.registry import all_detectors, get_detector
from hegui.detectors.synthetic import Synth


def _fields(d: Detection) -> tuple:
    return (d.entity, d.start, d.end, d.score, type(d.explanation), tuple(d.explanation))


def _reference_context(det: Detector, text: str) -> tuple[str, ...]:
    low = text.lower()
    return tuple(w for w in det.CONTEXT if w in low)


def _reference_find(det: Detector, norm: str, threshold: float) -> list[Detection]:
    """Detector.find as first written: keyword constructors, round(), a plain context loop.

    The search goes on from where a trimmed value ends (an address's greedy tail may hold the
    next value).
    """
    out = []
    for pat in det.PATTERNS:
        if pat.cell_only:
            continue
        pos = 0
        while pos <= len(norm) and (m := pat.compiled().search(norm, pos)) is not None:
            pos = m.end() if m.end() > m.start() else m.end() + 1
            start, end = m.span(pat.group)
            check = det.check(det.candidate(norm[start:end]))
            if check.result is False:
                continue
            if start < det.span_end(norm, start, end) < m.end():
                pos = det.span_end(norm, start, end)
            if check.score is not None:
                score = check.score
            elif check.result is None:
                score = pat.score
            else:
                score = max(pat.score, det.VALIDATED_SCORE)
            window = norm[max(0, m.start() - CONTEXT_WINDOW) : m.start()]
            ctx = _reference_context(det, window) if window else ()
            # Labelled as something else (流水号 ...) nearer than any context word: not reported.
            low = window.lower()
            other = max((low.rfind(w) for w in det.NOT_CONTEXT), default=-1)
            if other >= 0 and other > max((low.rfind(w) for w in ctx), default=-1):
                continue
            if ctx:
                score = min(1.0, score + det.CONTEXT_BOOST)
            score = round(score, 4)
            if score < threshold:
                continue
            expl = Explanation(
                detector=det.name,
                pattern=pat.name,
                pattern_score=pat.score,
                validation=check.result,
                validator=det.VALIDATOR,
                context=ctx,
                score=score,
                notes=check.notes,
            )
            out.append(Detection(det.ENTITY, start, det.span_end(norm, start, end), score, expl))
    return out


@st.composite
def _documents(draw: st.DrawFn) -> str:
    s = Synth(draw(st.integers(0, 10_000)))
    makers = [
        s.resident_id, s.mobile, s.bank_card, s.email, s.passport, s.imei, s.address, s.plate,
        s.landline, s.hkid, s.uscc, s.ipv4, s.mac, s.resident_id_bad_check, s.name,
    ]  # fmt: skip
    words = ["手机号", "身份证", "卡号", "IP地址", "Email", "姓名：", "先生", "，", " ", "地址"]
    parts = [
        draw(st.sampled_from(words)) if draw(st.booleans()) else draw(st.sampled_from(makers))()
        for _ in range(draw(st.integers(1, 40)))
    ]
    return "".join(parts)


@settings(max_examples=80, deadline=None)
@given(_documents(), st.sampled_from([0.0, 0.5]))
def test_find_equals_the_plain_reference_field_by_field(doc: str, threshold: float) -> None:
    norm = normalize(doc)
    for det in all_detectors():
        got = det.find(norm, threshold=threshold)
        want = _reference_find(det, norm, threshold)
        assert [_fields(d) for d in got] == [_fields(d) for d in want], det.name


def test_fast_built_detection_is_the_dataclass_built_one() -> None:
    det = get_detector("CN_MOBILE")
    pat = det.PATTERNS[0]
    check = Validation(True, ("a note",))
    fast = det._detection(check, pat, "联系手机：", 3, 14, 0.0)
    assert fast is not None
    expl = Explanation(
        detector="CnMobileDetector",
        pattern=pat.name,
        pattern_score=pat.score,
        validation=True,
        validator=det.VALIDATOR,
        context=("手机",),
        score=1.0,
        notes=("a note",),
    )
    plain = Detection("CN_MOBILE", 3, 14, 1.0, expl)
    assert type(fast) is Detection and type(fast.explanation) is Explanation
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert fast.explanation == expl and fast.explanation._asdict() == expl._asdict()
    assert vars(fast) == vars(plain) and list(vars(fast)) == list(vars(plain))
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.score = 0.1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del fast.start  # type: ignore[misc]
    # Equality still ignores the explanation, as the dataclass field says.
    other = dataclasses.replace(plain, explanation=expl._replace(notes=()))
    assert fast == other and hash(fast) == hash(other)


def test_a_threshold_drops_before_anything_is_built() -> None:
    det = get_detector("CN_MOBILE")
    assert det._detection(Validation(None), Pattern("p", "x", 0.4), "", 0, 1, 0.5) is None


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([0.0, -0.0, 0.3, 0.35, 0.65, 0.85 + 0.35, 0.45 + 0.3, 1.0, 1, 0, True]),
        st.integers(-10, 10),
    )
)
def test_round4_is_round_in_value_sign_and_type(x: float) -> None:
    for _ in range(2):  # the second call may answer from the cache
        got, want = _round4(x), round(x, 4)
        assert type(got) is type(want)
        assert got == want or (math.isnan(got) and math.isnan(want))
        assert math.copysign(1, got) == math.copysign(1, want)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="手机号码电话ipIPİı地址Kk卡tel _", max_size=CONTEXT_WINDOW))
def test_context_hits_equal_the_plain_loop(text: str) -> None:
    for det in all_detectors():
        assert det.context_hits(text) == _reference_context(det, text)


def test_reference_comparison_sees_context_notes_and_every_entity() -> None:
    s = Synth(5)
    doc = "".join(
        f"姓名：{s.name()}，手机号{s.mobile()}，身份证{s.resident_id()}，卡号{s.bank_card()}，"
        f"IP地址 192.168.{i}.7，邮箱{s.email()}，信用代码{s.uscc()}，地址{s.address()}。"
        for i in range(20)
    )
    norm = normalize(doc)
    seen = []
    for det in all_detectors():
        got = det.find(norm)
        assert [_fields(d) for d in got] == [_fields(d) for d in _reference_find(det, norm, 0)]
        seen += got
    assert {"CN_MOBILE", "CN_RESIDENT_ID", "IP_ADDRESS", "CN_PERSON_NAME"} <= {
        d.entity for d in seen
    }
    assert any(d.explanation.context for d in seen) and any(d.explanation.notes for d in seen)


def test_shared_verdicts_equal_freshly_built_ones() -> None:
    from hegui.detectors.base import INVALID, UNCHECKED, VALID

    assert (Validation(True), Validation(False), Validation(None)) == (VALID, INVALID, UNCHECKED)

    class _Says(Detector):
        def validate(self, value: str) -> bool | None:
            return {"t": True, "f": False, "n": None}.get(value, value)  # type: ignore[return-value]

    det = _Says()
    assert [det.check(v) for v in "tfn"] == [VALID, INVALID, UNCHECKED]
    assert det.check("other") == Validation("other")  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "广东",
                "省",
                "深圳",
                "市",
                "南山",
                "区",
                "县",
                "自治州",
                "北京",
                "科技园",
                "路",
                "1",
                "号",
                "大厦",
                "村",
                "旗",
                "盟",
                "a",
                " ",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_address_verdicts_equal_the_plain_computation(value: str) -> None:
    from hegui.detectors.cn.cn_address_detector import parse_address

    levels = parse_address(value)
    admin = sum(levels[k] for k in ("province", "city", "district"))
    if not levels["street"] and admin < 2:
        want = Validation(False)
    else:
        parsed = ", ".join(k for k, v in levels.items() if v)
        want = Validation(admin >= 1 and levels["street"], (f"levels: {parsed}",))
    assert get_detector("CN_ADDRESS").check(value) == want
    assert list(levels) == ["province", "city", "district", "street"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="王李欧阳公司路明华区伟", max_size=6))
def test_name_verdicts_equal_the_plain_loop(value: str) -> None:
    from hegui.detectors.cn.cn_person_name_detector import _NOT_GIVEN
    from hegui.detectors.cn.surnames import COMPOUND

    if not 2 <= len(value) <= 4 or any(c in _NOT_GIVEN for c in value[1:]):
        want = Validation(False)
    else:
        want = Validation(True, ("compound surname",) if value[:2] in COMPOUND else ())
    assert get_detector("CN_PERSON_NAME").check(value) == want
