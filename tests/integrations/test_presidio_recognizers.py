"""hegui detectors inside presidio-analyzer, offline (no spaCy model download)."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")

from presidio_analyzer import RecognizerRegistry

from hegui.detectors.registry import get_detector
from hegui.integrations.presidio import (
    HeguiRecognizer,
    PatternOnlyNlpEngine,
    add_to_registry,
    analyzer_engine,
    hegui_recognizers,
)

TEXT = "客户手机13800138000，身份证号11010519491231002X，订单号202411300000001234。"


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    return analyzer_engine()


def test_analyzer_finds_chinese_pi_offline(engine) -> None:  # type: ignore[no-untyped-def]
    results = engine.analyze(TEXT, language="zh", return_decision_process=True)
    found = {(r.entity_type, TEXT[r.start : r.end]) for r in results}
    assert ("CN_MOBILE", "13800138000") in found
    assert ("CN_RESIDENT_ID", "11010519491231002X") in found
    assert not any(
        r.entity_type == "CN_BANK_CARD" for r in results
    )  # the order number is not a card
    expl = next(r for r in results if r.entity_type == "CN_RESIDENT_ID").analysis_explanation
    assert expl.validation_result is True and "MOD 11-2" in expl.textual_explanation


def test_entity_filter_and_english(engine) -> None:  # type: ignore[no-untyped-def]
    results = engine.analyze(
        "phone 13800138000 id 11010519491231002X", language="en", entities=["CN_MOBILE"]
    )
    assert [r.entity_type for r in results] == ["CN_MOBILE"]


def test_recognizers_cover_pattern_detectors_and_join_existing_registry() -> None:
    recs = hegui_recognizers(languages=["zh"])
    assert all(isinstance(r, HeguiRecognizer) for r in recs)
    assert "CN_RESIDENT_ID" in {e for r in recs for e in r.supported_entities}
    registry = RecognizerRegistry(supported_languages=["zh"])
    add_to_registry(registry, languages=["zh"])
    assert len(registry.recognizers) == len(recs)


def test_nlp_engine_stub_is_complete() -> None:
    nlp = PatternOnlyNlpEngine(["zh"])
    assert nlp.is_loaded() and nlp.get_supported_languages() == ["zh"]
    [(text, art)] = list(nlp.process_batch(["abc"], "zh"))
    assert text == "abc" and art.tokens == [] and not nlp.is_stopword("的", "zh")


def test_threshold_drops_context_free_weak_matches() -> None:
    rec = HeguiRecognizer(get_detector("CN_PASSPORT"), "zh")
    assert rec.analyze("编号 E12345678", ["CN_PASSPORT"]) == []
    assert rec.analyze("护照 E12345678", ["CN_PASSPORT"])
