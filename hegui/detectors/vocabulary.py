"""Detectors for categories that show as words, not formats (health, religion, biometrics ...).

The values are dictionary terms (诊断: 高血压) or opaque blobs (a fingerprint template), so the
column header carries most of the evidence: these detectors are ``HEADER_ONLY`` capable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from hegui.detectors.base import Detector, Pattern, Validation


class VocabularyDetector(Detector):
    """Matches any of ``TERMS`` in text; header words in ``CONTEXT`` can decide a column alone."""

    TERMS: ClassVar[Sequence[str]] = ()
    VALIDATOR = "dictionary"
    HEADER_ONLY = True
    CONTEXT_BOOST = 0.4
    TERM_SCORE: ClassVar[float] = 0.3

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.TERMS:
            terms = sorted(cls.TERMS, key=len, reverse=True)
            alternation = "|".join(re.escape(t) for t in terms)
            cls.PATTERNS = (Pattern("term", f"(?:{alternation})", cls.TERM_SCORE, flags=re.I),)
            cls.PREFILTER = f"(?i:{alternation})"

    def candidate(self, raw: str) -> str:
        return raw

    def check(self, value: str) -> Validation:
        return Validation(None)

    def score_value(self, value, header=""):  # type: ignore[no-untyped-def]
        # A cell counts if it *contains* a term (诊断: "2型糖尿病，伴高血压"), not only equals one.
        dets = self.analyze(value)
        if not dets:
            return None
        best = max(dets, key=lambda d: d.score)
        if header and self.context_hits(header):
            return type(best)(
                best.entity,
                0,
                len(value),
                min(1.0, best.score + self.CONTEXT_BOOST),
                best.explanation,
            )
        return type(best)(best.entity, 0, len(value), best.score, best.explanation)
