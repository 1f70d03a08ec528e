"""Smoke test of the benchmark's corpus generator and metrics (the benchmark itself is `make bench`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2]))

from benchmarks.corpus import ENTITIES, table_corpus, text_corpus
from benchmarks.metrics import cell_scores, prf, span_scores
from benchmarks.systems import Hegui


def test_corpus_is_seeded_and_labelled() -> None:
    a, b = table_corpus(1, 30), table_corpus(1, 30)
    assert [c.cells for c in a] == [c.cells for c in b]
    assert {lab for c in a for lab in c.labels} >= {None, *ENTITIES}
    docs = text_corpus(1, 5)
    for d in docs:
        for _, start, end in d.spans:
            assert 0 <= start < end <= len(d.text)


def test_metrics() -> None:
    assert prf(9, 1, 0) == {
        "precision": 0.9,
        "recall": 1.0,
        "f1": 0.9474,
        "tp": 9,
        "fp": 1,
        "fn": 0,
    }
    assert prf(0, 0, 0)["f1"] == 0.0
    cells = cell_scores(["A", None, "A"], [{"A"}, {"A"}, set()], ["A"])
    assert dict(cells["A"]) == {"tp": 1, "fp": 1, "fn": 1}
    spans = span_scores([("A", 0, 5)], [("A", 3, 8), ("A", 10, 12)], ["A"])
    assert dict(spans["A"]) == {"tp": 1, "fp": 1}


def test_hegui_beats_chance_on_a_tiny_corpus() -> None:
    col = next(c for c in table_corpus(2, 60) if c.header == "身份证号")
    pred = Hegui().label_column(col.header, col.cells)
    counts = cell_scores(col.labels, pred, ["CN_RESIDENT_ID"])["CN_RESIDENT_ID"]
    assert counts["fp"] == 0 and counts["fn"] == 0


def test_the_whole_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    from benchmarks import run

    args = ["--rows", "40", "--docs", "12", "--column-cells", "2000", "--peer-cells", "50"]
    run.main([*args, "--out", str(tmp_path)])
    md = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "ID column: 2,000 cells" in md
    assert "| hegui |" in md
    import json

    res = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    hegui = res["systems"]["hegui"]
    assert hegui["text"]["CN_RESIDENT_ID"]["recall"] == 1.0
    # The density sweep: one row per share of PI sentences, every timed system in each.
    assert list(res["density"]["shares"]) == ["0.01", "0.03", "0.1", "0.3"]
    for row in res["density"]["shares"].values():
        assert set(row["mb_per_s"]) >= set(res["systems"]) and row["text_mb"] > 0
    assert "| 30% |" in md.split("Free text by PI density")[1]
    # hegui limited to each installed peer's entities appears as its own throughput row.
    for peer in set(res["systems"]) - {"hegui"}:
        assert f"hegui ({peer}'s entities)" in res["subsets"]
        assert f"| {peer} | " in md.split("is this many times as fast")[1]


def test_stock_presidio_is_timed_beside_the_tokenizer_free_one(tmp_path: Path) -> None:
    """Stock Presidio runs spaCy before its recognizers; the benchmark times that way too."""
    pytest.importorskip("presidio_analyzer")
    from benchmarks import systems

    (stock,) = systems.variants()
    fast = systems.Presidio()
    docs = [d.text for d in text_corpus(3, 10)]
    # The same recognizers, the same spans: only the NLP engine in front of them differs.
    assert stock.spans_many(docs) == fast.spans_many(docs)
    assert any(stock.spans_many(docs))
    assert type(stock.engine.nlp_engine).__name__ == "SpacyNlpEngine"
