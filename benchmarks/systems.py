"""The three systems under test, behind one interface: label cells of a column, find spans in text.

* hegui: column path = each detector's vectorised ``match_column`` with the header as context;
  text path = :func:`hegui.detectors.registry.detect_many`.
* Presidio (presidio-analyzer, offline): its built-in email, IP and credit-card recognizers plus
  PatternRecognizers configured with the usual public regexes for the Chinese formats, run two ways:
  with hegui's tokenizer-free NLP engine (the fastest way to run them, not stock Presidio), and,
  throughput only, with stock Presidio's spaCy engine on spaCy's blank Chinese pipeline (the
  cheapest pipeline it accepts; PERSON/LOCATION NER would need a model download). The blank
  pipeline cuts Chinese into single characters without lemmas, so Presidio's context words never
  fire here either way, and both give the same spans.
* JioNLP: its rule-based extractors (ID card, phone, email, IP, licence plate).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.corpus import ENTITIES


class System:
    name = "base"
    #: Entities the system can detect at all (others are reported as n/a).
    supports: tuple[str, ...] = ()
    #: For another way to run a peer: that peer's name (its accuracy rows stand for both).
    variant_of: str | None = None

    def label_column(self, header: str, cells: Sequence[str]) -> list[set[str]]:
        return [self.find(c) for c in cells]

    def find(self, text: str) -> set[str]:
        return {e for e, _, _ in self.spans(text)}

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        raise NotImplementedError

    def spans_many(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        return [self.spans(t) for t in texts]


class Hegui(System):
    name = "hegui"
    supports = ENTITIES

    def __init__(self, entities: Sequence[str] = ENTITIES, label: str = "hegui") -> None:
        from hegui.detectors.registry import detect_many, get_detector

        self.name = label
        self.supports = tuple(entities)
        self._detect_many = detect_many
        self._dets = [get_detector(e) for e in self.supports]

    def label_column(self, header: str, cells: Sequence[str]) -> list[set[str]]:
        import pyarrow as pa

        from hegui.scanners.tabular.classify import min_share

        arr = pa.array(list(cells), type=pa.string())
        out: list[set[str]] = [set() for _ in cells]
        for det in self._dets:
            mask = det.match_column(arr, header)
            # As the scanner does: an entity holds a column only above a share of its cells, so
            # the odd Luhn-valid serial number in a 流水号 column is not called a bank card.
            if mask.mean() < min_share(det, header):
                continue
            for i in mask.nonzero()[0]:
                out[int(i)].add(det.ENTITY)
        return out

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        return self.spans_many([text])[0]

    def spans_many(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        found = self._detect_many(list(texts), entities=self.supports)
        return [[(d.entity, d.start, d.end) for d in dets] for dets in found]


class Presidio(System):
    name = "presidio"
    supports = (
        "CN_RESIDENT_ID", "CN_MOBILE", "CN_LANDLINE", "CN_BANK_CARD", "EMAIL_ADDRESS", "IP_ADDRESS",
        "CN_LICENSE_PLATE", "CN_PASSPORT", "CN_USCC",
    )  # fmt: skip

    def __init__(self) -> None:
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            IpRecognizer,
        )

        def rec(entity: str, regex: str, context: list[str]) -> PatternRecognizer:
            return PatternRecognizer(
                supported_entity=entity,
                patterns=[Pattern(entity.lower(), regex, 0.5)],
                context=context,
                supported_language="zh",
            )

        recognizers = [
            rec("CN_RESIDENT_ID", r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])", ["身份证"]),
            rec("CN_MOBILE", r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)", ["手机"]),
            rec("CN_LANDLINE", r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)", ["电话"]),
            rec(
                "CN_LICENSE_PLATE",
                r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]·?[A-Z0-9]{5,6}",
                ["车牌"],
            ),
            rec("CN_PASSPORT", r"(?<![A-Za-z0-9])[EeGg][A-Za-z0-9]\d{7}(?!\d)", ["护照"]),
            rec(
                "CN_USCC",
                r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])",
                ["信用代码"],
            ),
            CreditCardRecognizer(supported_entity="CN_BANK_CARD", supported_language="zh"),
            EmailRecognizer(supported_entity="EMAIL_ADDRESS", supported_language="zh"),
            IpRecognizer(supported_entity="IP_ADDRESS", supported_language="zh"),
        ]
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["zh"])
        self.engine = AnalyzerEngine(
            registry=registry, nlp_engine=self._nlp_engine(), supported_languages=["zh"]
        )

    def _nlp_engine(self) -> Any:
        from hegui.integrations.presidio import PatternOnlyNlpEngine

        return PatternOnlyNlpEngine(["zh"])

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        return [(r.entity_type, r.start, r.end) for r in self.engine.analyze(text, language="zh")]


class PresidioSpacy(Presidio):
    """The same recognizers behind stock Presidio's spaCy engine (blank Chinese pipeline)."""

    name = "presidio (spaCy engine)"
    variant_of = Presidio.name

    def _nlp_engine(self) -> Any:
        import spacy
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        # Stock Presidio loads a spaCy pipeline by name or path; a blank one is built here, so
        # nothing is downloaded. spaCy reads it whole at load, so the folder can go at once.
        with tempfile.TemporaryDirectory() as folder:
            spacy.blank("zh").to_disk(folder)
            engine = SpacyNlpEngine(models=[{"lang_code": "zh", "model_name": folder}])
            engine.load()
        return engine


class JioNLP(System):
    name = "jionlp"
    supports = (
        "CN_RESIDENT_ID",
        "CN_MOBILE",
        "CN_LANDLINE",
        "EMAIL_ADDRESS",
        "IP_ADDRESS",
        "CN_LICENSE_PLATE",
    )

    def __init__(self) -> None:
        import jionlp as jio

        self._calls: list[tuple[Callable[..., list[dict]], Callable[[dict], str | None]]] = [
            (jio.extract_id_card, lambda d: "CN_RESIDENT_ID"),
            (
                jio.extract_phone_number,
                lambda d: {"cell_phone": "CN_MOBILE", "landline_phone": "CN_LANDLINE"}.get(
                    d.get("type", "")
                ),
            ),
            (jio.extract_email, lambda d: "EMAIL_ADDRESS"),
            (jio.extract_ip_address, lambda d: "IP_ADDRESS"),
            (jio.extract_motor_vehicle_licence_plate, lambda d: "CN_LICENSE_PLATE"),
        ]

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        out = []
        for fn, entity_of in self._calls:
            for d in fn(text, detail=True):
                entity = entity_of(d)
                if entity:
                    out.append((entity, d["offset"][0], d["offset"][1]))
        return out


def variants() -> list[System]:
    """Other ways to run a peer, timed beside it (throughput only: they find the same spans)."""
    out: list[System] = []
    with contextlib.suppress(ImportError):
        out.append(PresidioSpacy())
    return out


def available() -> list[System]:
    """Every system whose package is installed (hegui always is)."""
    systems: list[System] = [Hegui()]
    for cls in (Presidio, JioNLP):
        with contextlib.suppress(ImportError):
            systems.append(cls())
    return systems
