"""Resource references resolved through resources.arsc: chains, cycles and budgets stay bounded."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from apk_builder import (
    TYPE_REFERENCE,
    TYPE_STRING,
    Ref,
    XmlElement,
    axml,
    dex,
    manifest,
    resource_id,
    resource_table,
)

from hegui.errors import InputTooLargeError
from hegui.scanners.android import ApkLimits, scan_apk
from hegui.scanners.android.archive import ApkArchive
from hegui.scanners.android.resources import (
    CHAIN_REASON,
    ReferenceChainError,
    ResourceTable,
    TimeBudgetError,
    resolve_strings,
)
from hegui.scanners.app_findings import check_app

FILE = "res/xml/nsc.xml"
SDKS = (0, 21)  # two configurations per entry: the default and -v21


def chain(n: int, *, last: int | None = None, sdks: tuple[int, ...] = SDKS) -> bytes:
    """Entries 0..n-1 where entry i refers to i+1 in every configuration.

    The last entry holds the string FILE, or refers to entry ``last`` (a cycle).
    """
    values = [(TYPE_REFERENCE, resource_id(i + 1)) for i in range(n - 1)]
    values.append((TYPE_STRING, 0) if last is None else (TYPE_REFERENCE, resource_id(last)))
    return resource_table("com.example.chain", "xml", [FILE], {sdk: values for sdk in sdks})


def parser(table: bytes) -> Any:
    from androguard.core.axml import ARSCParser

    return ARSCParser(table)


def test_a_chain_resolves_to_its_string_visiting_each_resource_once() -> None:
    # androguard's own resolver re-expands every configuration of every target: 2^40 steps here.
    out = resolve_strings(parser(chain(40)), resource_id(0), max_hops=64, max_entries=10_000)
    assert out.values == [FILE]
    assert (out.resources, out.entries) == (40, 80)  # linear: one expansion per resource


def test_a_chain_of_64_hops_resolves_and_65_does_not() -> None:
    out = resolve_strings(parser(chain(65)), resource_id(0), max_hops=64, max_entries=10_000)
    assert out.values == [FILE]
    with pytest.raises(ReferenceChainError, match=f"{CHAIN_REASON} \\(more than 64 hops\\)"):
        resolve_strings(parser(chain(66)), resource_id(0), max_hops=64, max_entries=10_000)


@pytest.mark.parametrize(("n", "back_to"), [(1, 0), (2, 0), (3, 0), (3, 1)])
def test_cycles_are_reported_not_followed(n: int, back_to: int) -> None:
    """A self-reference, cycles of 2 and 3, and a cycle entered after one hop."""
    table = chain(n, last=back_to)
    with pytest.raises(
        ReferenceChainError,
        match=f"{CHAIN_REASON} \\(a cycle back to @{resource_id(back_to):08X}\\)",
    ):
        resolve_strings(parser(table), resource_id(0), max_hops=64, max_entries=10_000)


def test_the_entry_budget_bounds_a_wide_table() -> None:
    table = chain(10, sdks=(0, 21, 22, 23))
    out = resolve_strings(parser(table), resource_id(0), max_hops=64, max_entries=40)
    assert (out.values, out.entries) == ([FILE], 40)
    with pytest.raises(ReferenceChainError, match="more than 39 entries"):
        resolve_strings(parser(table), resource_id(0), max_hops=64, max_entries=39)


def test_shared_targets_and_null_or_missing_references_add_nothing() -> None:
    # Entry 0 refers to 1 (default) and 2 (-v21), both of which refer to 3; -v21 of 1 is @null;
    # 2's -v21 points outside the table.
    ref = TYPE_REFERENCE
    configs = {
        0: [(ref, resource_id(1)), (ref, resource_id(3)), (ref, resource_id(3)), (TYPE_STRING, 0)],
        21: [(ref, resource_id(2)), (ref, 0), (ref, resource_id(9)), (TYPE_STRING, 1)],
    }
    table = resource_table("com.example.d", "string", ["Shop", "Shop v21"], configs)
    out = resolve_strings(parser(table), resource_id(0), max_hops=64, max_entries=100)
    assert out.values == ["Shop", "Shop v21"]
    assert (out.resources, out.entries) == (5, 8)  # entry 3 expanded once; @7F010009 looked up


def _apk(build, table: bytes, *, label: str | None = None, min_sdk: int = 24) -> Path:  # type: ignore[no-untyped-def]
    content = XmlElement(
        "network-security-config",
        [],
        [XmlElement("base-config", [(False, "cleartextTrafficPermitted", False)], [])],
    )
    man = manifest(
        "com.example.chain",
        [],
        label=label or f"@{resource_id(0):08X}",
        min_sdk=min_sdk,
        network_security_config=Ref(resource_id(0)),
    )
    return Path(build(man, [dex([])], {"resources.arsc": table, FILE: axml(content)}))


def test_an_exponential_chain_in_an_apk_is_read_normally(build) -> None:  # type: ignore[no-untyped-def]
    facts = scan_apk(_apk(build, chain(40)))
    assert facts.manifest.label == FILE
    assert facts.manifest.cleartext_permitted is False
    assert facts.manifest.network_security_config_files == [FILE]


@pytest.mark.parametrize(
    ("table", "detail"),
    [
        (chain(1, last=0), f"(a cycle back to @{resource_id(0):08X})"),
        (chain(2, last=0), f"(a cycle back to @{resource_id(0):08X})"),
        (chain(3, last=0), f"(a cycle back to @{resource_id(0):08X})"),
        (chain(3, last=1), f"(a cycle back to @{resource_id(1):08X})"),
        (chain(80), "(more than 64 hops)"),
    ],
    ids=["self", "cycle-2", "cycle-3", "cycle-after-a-hop", "too-long"],
)
def test_a_looping_or_overlong_chain_leaves_the_verdict_for_review(  # type: ignore[no-untyped-def]
    build, table: bytes, detail: str
) -> None:
    facts = scan_apk(_apk(build, table))
    m = facts.manifest
    ref = f"@{resource_id(0):08X}"
    assert m.label == ref  # kept raw
    assert m.cleartext_permitted is None
    assert m.cleartext_basis == (
        f"android:networkSecurityConfig={ref} not evaluated: resource {ref}: {CHAIN_REASON} {detail}"
    )
    (found,) = [f for f in check_app(facts, None) if f.rule_id == "apps.cleartext_traffic"]
    assert found.status.value == "needs_review"


def test_a_spent_time_budget_stops_the_scan_at_the_table(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _apk(build, chain(2))
    limits = ApkLimits()
    archive = ApkArchive(path, limits)
    try:
        table = ResourceTable(archive, limits, deadline=time.monotonic() - 1)
        with pytest.raises(TimeBudgetError, match="time budget"):
            table.strings(f"@{resource_id(0):08X}")
        assert table.last is None  # nothing was parsed
    finally:
        archive.close()
    # The label and the config do not swallow it: the scan fails as a dex past the deadline does.
    with pytest.raises(InputTooLargeError, match="exceeded its time budget"):
        scan_apk(path, limits=ApkLimits(time_budget_seconds=0))
