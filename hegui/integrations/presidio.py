"""hegui's detectors as Presidio recognizers, so Presidio users get Chinese PI support.

Works offline: Presidio's default NLP engine downloads a spaCy model, so
:func:`analyzer_engine` wires a tokenizer-free :class:`PatternOnlyNlpEngine` instead (hegui's
detectors do their own context scoring and need no NLP artefacts).

    >>> from hegui.integrations.presidio import analyzer_engine
    >>> engine = analyzer_engine()
    >>> [r.entity_type for r in engine.analyze("手机13800138000", language="zh")]
    ['CN_MOBILE']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from hegui.detectors.base import Detector
from hegui.detectors.normalize import normalize
from hegui.detectors.registry import all_detectors, get_detector
from hegui.errors import HeguiError

try:
    from presidio_analyzer import (
        AnalysisExplanation,
        AnalyzerEngine,
        EntityRecognizer,
        RecognizerRegistry,
        RecognizerResult,
    )
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise HeguiError("Presidio integration needs `pip install hegui[presidio]`") from exc

DEFAULT_LANGUAGES = ("zh", "en")


class HeguiRecognizer(EntityRecognizer):
    """One hegui detector as a Presidio recognizer (one entity, one language)."""

    def __init__(self, detector: Detector, language: str = "zh", threshold: float = 0.5) -> None:
        self.detector = detector
        self.threshold = threshold
        self.recognizer_name: str = f"hegui.{detector.name}"
        super().__init__(
            supported_entities=[detector.ENTITY],
            name=self.recognizer_name,
            supported_language=language,
            context=list(detector.CONTEXT),
        )

    def load(self) -> None:
        """Nothing to load: patterns compile lazily."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and self.detector.ENTITY not in entities:
            return []
        out = []
        for det in self.detector.analyze(text, normalized=normalize(text)):
            if det.score < self.threshold:
                continue
            e = det.explanation
            expl = AnalysisExplanation(
                recognizer=self.recognizer_name,
                original_score=e.pattern_score,
                pattern_name=e.pattern,
                validation_result=e.validation,  # type: ignore[arg-type]  # None = not checkable
                textual_explanation=str(e),
            )
            out.append(
                RecognizerResult(
                    entity_type=det.entity,
                    start=det.start,
                    end=det.end,
                    score=det.score,
                    analysis_explanation=expl,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.recognizer_name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        # hegui already scored context; stop Presidio adding its own boost.
                        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                    },
                )
            )
        return out


class PatternOnlyNlpEngine(NlpEngine):
    """An NLP engine that does nothing: no model download, no tokens, no NER."""

    def __init__(self, languages: Sequence[str] = DEFAULT_LANGUAGES) -> None:
        self.languages = list(languages)

    def load(self) -> None:
        return None

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        no_tokens: Any = []  # Presidio types this as a spaCy Doc; an empty list is all we have
        return NlpArtifacts(
            entities=[],
            tokens=no_tokens,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
        )

    def process_batch(
        self,
        texts: Iterable[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        **kwargs: Any,
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return self.languages


def hegui_recognizers(
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    entities: Iterable[str] | None = None,
    threshold: float = 0.5,
) -> list[HeguiRecognizer]:
    """Recognizers for every hegui detector (or ``entities``) in each language."""
    dets = [get_detector(e) for e in entities] if entities is not None else all_detectors()
    return [HeguiRecognizer(d, lang, threshold) for lang in languages for d in dets if d.PATTERNS]


def add_to_registry(
    registry: RecognizerRegistry, languages: Sequence[str] = DEFAULT_LANGUAGES
) -> RecognizerRegistry:
    """Add hegui's recognizers to an existing Presidio registry."""
    for rec in hegui_recognizers(languages):
        registry.add_recognizer(rec)
    return registry


def analyzer_engine(
    languages: Sequence[str] = DEFAULT_LANGUAGES, threshold: float = 0.5
) -> AnalyzerEngine:
    """A Presidio ``AnalyzerEngine`` with hegui's recognizers only, runnable offline."""
    registry = RecognizerRegistry(
        recognizers=hegui_recognizers(languages, threshold=threshold),
        supported_languages=list(languages),
    )
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=PatternOnlyNlpEngine(languages),
        supported_languages=list(languages),
    )
