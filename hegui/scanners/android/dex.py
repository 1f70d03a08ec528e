"""Dalvik bytecode scan: defined classes and calls to sensitive APIs, with their callers.

androguard parses the dex structure; to stay fast on large apps, only methods whose raw code
contains the 16-bit index of a target method or field are decoded instruction by instruction.
Nothing is executed.
"""

from __future__ import annotations

import struct
import time
from dataclasses import dataclass, field

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.android.signatures import ApiSignature

_INVOKE_OPS = frozenset([*range(0x6E, 0x73), *range(0x74, 0x79)])
_SGET_OPS = frozenset(range(0x60, 0x67))
_CONST_STRING_OPS = frozenset((0x1A, 0x1B))


@dataclass(frozen=True)
class RawCall:
    """One call site of a sensitive API."""

    api: str
    data_type: str
    caller_class: str  # dotted Java name
    caller_method: str
    dex: str


@dataclass
class DexScan:
    """What one dex file holds that the scanner cares about."""

    classes: list[str] = field(default_factory=list)
    calls: list[RawCall] = field(default_factory=list)


def _dotted(descriptor: str) -> str:
    if descriptor.startswith("L") and descriptor.endswith(";"):
        descriptor = descriptor[1:-1]
    return descriptor.replace("/", ".")


def scan_dex(
    raw: bytes, *, name: str, source: str, apis: tuple[ApiSignature, ...], deadline: float
) -> DexScan:
    """Scan one dex file. Raises ScanError on malformed dex, InputTooLargeError past the deadline."""
    from androguard.core.dex import DEX
    from loguru import logger

    logger.disable("androguard")

    if not raw.startswith(b"dex\n"):
        raise ScanError(f"{name} is not a dex file (bad magic)", path=source)
    try:
        dex = DEX(raw)
    except Exception as exc:  # androguard raises assorted errors on corrupt input
        raise ScanError(
            f"{name} is not a valid dex file ({type(exc).__name__})", path=source
        ) from None
    _check_time(deadline, source)
    try:
        return _scan(dex, name, source, apis, deadline)
    except (ScanError, InputTooLargeError):
        raise
    except Exception as exc:
        raise ScanError(f"{name}: malformed code ({type(exc).__name__})", path=source) from None


def _check_time(deadline: float, source: str) -> None:
    if time.monotonic() > deadline:
        raise InputTooLargeError("APK analysis exceeded its time budget", path=source)


def _targets(
    dex: object, apis: tuple[ApiSignature, ...]
) -> tuple[dict[int, list[ApiSignature]], dict[int, list[ApiSignature]]]:
    by_member: dict[tuple[str, str], list[ApiSignature]] = {}
    for a in apis:
        by_member.setdefault((a.cls, a.member), []).append(a)
    methods: dict[int, list[ApiSignature]] = {}
    fields: dict[int, list[ApiSignature]] = {}
    # A dex without methods or fields has no such section (androguard leaves it None).
    method_items = dex.methods.method_id_items if dex.methods else []  # type: ignore[attr-defined]
    field_items = dex.fields.field_id_items if dex.fields else []  # type: ignore[attr-defined]
    for idx, m in enumerate(method_items):
        hits = by_member.get((m.get_class_name(), m.get_name()))
        if hits:
            methods[idx] = [a for a in hits if a.kind != "field"]
    for idx, f in enumerate(field_items):
        hits = by_member.get((f.get_class_name(), f.get_name()))
        if hits:
            fields[idx] = [a for a in hits if a.kind == "field"]
    return methods, fields


def _scan(
    dex: object, name: str, source: str, apis: tuple[ApiSignature, ...], deadline: float
) -> DexScan:
    out = DexScan()
    methods, fields = _targets(dex, apis)
    needles = [(struct.pack("<H", i & 0xFFFF), _INVOKE_OPS) for i in methods]
    needles += [(struct.pack("<H", i & 0xFFFF), _SGET_OPS) for i in fields]
    for n, cls in enumerate(dex.get_classes()):  # type: ignore[attr-defined]
        if n % 256 == 0:
            _check_time(deadline, source)
        cname = _dotted(cls.get_name())
        out.classes.append(cname)
        if not needles:
            continue
        for m in cls.get_methods():
            code = m.get_code()
            if code is None:
                continue
            insns = code.get_bc().get_insn()
            if not _may_reference(insns, needles):
                continue
            out.calls.extend(_calls_in(m, cname, name, methods, fields))
    return out


def _may_reference(insns: bytes, needles: list[tuple[bytes, frozenset[int]]]) -> bool:
    """Cheap pre-filter: an index right after an invoke/sget opcode byte, at an even offset."""
    for needle, ops in needles:
        i = insns.find(needle, 2)
        while i != -1:
            if i % 2 == 0 and insns[i - 2] in ops:
                return True
            i = insns.find(needle, i + 1)
    return False


def _calls_in(
    method: object,
    cname: str,
    dex_name: str,
    methods: dict[int, list[ApiSignature]],
    fields: dict[int, list[ApiSignature]],
) -> list[RawCall]:
    hits: list[ApiSignature] = []
    strings: set[str] = set()
    for ins in method.get_instructions():  # type: ignore[attr-defined]
        op = ins.get_op_value()
        if op in _INVOKE_OPS:
            hits.extend(methods.get(getattr(ins, "BBBB", -1), ()))
        elif op in _SGET_OPS:
            hits.extend(fields.get(getattr(ins, "BBBB", -1), ()))
        elif op in _CONST_STRING_OPS:
            idx = getattr(ins, "BBBB", None)
            if idx is None:
                idx = getattr(ins, "BBBBBBBB", None)
            if idx is not None:
                strings.add(str(ins.cm.get_string(idx)))
    mname = str(method.get_name())  # type: ignore[attr-defined]
    calls: list[RawCall] = []
    seen: set[str] = set()
    for a in hits:
        if a.kind == "invoke_with_string" and a.string not in strings:
            continue
        if a.id in seen:
            continue
        seen.add(a.id)
        calls.append(RawCall(a.id, a.data_type, cname, mname, dex_name))
    return calls
