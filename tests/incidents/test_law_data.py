"""The incident and penalty law data hold well-formed bilingual labels (flow-style YAML pitfalls)."""

from __future__ import annotations

from typing import Any

from hegui.law.loader import get_law

_TEXT_NEIGHBOURS = {"zh", "en", "field", "when", "effect"}


def _walk(node: Any, path: str, bad: list[str]) -> None:
    if isinstance(node, dict):
        if "zh" in node and "en" in node:
            extra = set(node) - _TEXT_NEIGHBOURS
            if extra:
                bad.append(f"{path}: {sorted(map(str, extra))}")
        for k, v in node.items():
            _walk(v, f"{path}.{k}", bad)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _walk(v, f"{path}[{i}]", bad)


def test_no_label_was_split_by_an_unquoted_comma() -> None:
    law = get_law()
    bad: list[str] = []
    for mid in law.mappings:
        if mid.startswith("incident_grading_") or mid == "penalty_provisions":
            _walk(law.mapping(mid), mid, bad)
    for value in law.parameters["penalties.discretion_circumstances"].values:
        assert value is not None
        _walk(value.value, "discretion_circumstances", bad)
    assert not bad


def test_every_report_names_recipient_channel_deadline_and_content() -> None:
    law = get_law()
    for mid in (m for m in law.mappings if m.startswith("incident_grading_")):
        entries = law.mapping(mid)
        ids = {r["id"] for r in entries["reports"]}
        for rep in entries["reports"]:
            assert rep["kind"] in {"initial", "follow_up", "summary"}, rep["id"]
            assert rep["content"], rep["id"]
            assert {"zh", "en"} <= set(rep["channel"]), rep["id"]
            same = rep["recipients"].get("same_as")
            assert same is None or same in ids, rep["id"]
            dl = rep["deadline"]
            if "parameter" in dl:
                assert dl["parameter"] in law.parameters, rep["id"]


def test_penalty_violations_named_by_regimes_exist() -> None:
    from hegui.penalties import list_violations

    known = {v.id for v in list_violations()}
    law = get_law()
    for mid in (m for m in law.mappings if m.startswith("incident_grading_")):
        for vid in law.mapping(mid).get("penalty_violations", []):
            assert vid in known, (mid, vid)
