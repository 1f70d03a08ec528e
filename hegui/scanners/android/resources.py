"""Resource references (``@7F...``) resolved through resources.arsc, read bounded and parsed once.

androguard's ``get_resolved_res_configs`` is not used: its resolver follows every reference with
no configuration and expands all configurations of the target again, so a chain of N references
with two configurations each costs 2^N steps and a cycle of two never ends (only a resource
pointing at itself is caught). :func:`resolve_strings` walks ``get_res_configs`` itself, expanding
each resource once, with a hop and an entry budget.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.android.archive import ApkArchive
from hegui.scanners.android.limits import ApkLimits

_ARSC = "resources.arsc"
# How androguard writes a TYPE_REFERENCE attribute of the app's own package: "@7F0F0001".
_REFERENCE = re.compile(r"@([0-9A-Fa-f]{8})")
_MAX_SHOWN = 60
# Res_value data types (ResourceTypes.h).
_TYPE_REFERENCE = 0x01
_TYPE_STRING = 0x03
CHAIN_REASON = "resource reference chain too long or cyclic"


class ReferenceChainError(ScanError):
    """A reference chain that loops or exceeds the hop or entry budget."""


class TimeBudgetError(InputTooLargeError):
    """The scan's time budget ran out: unlike a bad table, this stops the whole scan."""


@dataclass
class Resolution:
    """The distinct string values a resource reaches, and how much of the table was visited."""

    values: list[str] = field(default_factory=list)
    entries: int = 0  # configuration entries read, references included
    resources: int = 0  # distinct resources expanded


def _entry_value(entry: Any) -> tuple[int | None, str | None]:
    """(referenced id, None) for a reference, (None, text) for a string, (None, None) otherwise."""
    if entry.is_complex():  # a bag (style, plural, array): never a label or a file path
        return None, None
    if entry.is_compact():  # compact entries hold their data inline (androguard: compact_)
        if entry.datatype == _TYPE_REFERENCE:
            return int(entry.data), None
        if entry.datatype == _TYPE_STRING:
            return None, str(entry.parent.stringpool_main.getString(entry.data))
        return None, None
    value = entry.key
    if value.get_data_type() == _TYPE_REFERENCE:
        return int(value.get_data()), None
    if value.get_data_type() == _TYPE_STRING:
        return None, str(value.format_value())
    return None, None


def resolve_strings(parser: Any, rid: int, *, max_hops: int, max_entries: int) -> Resolution:
    """The string values ``rid`` resolves to in any configuration, following references.

    A reference is resolved on the device for its configuration; statically every configuration
    of the target counts (the union androguard also returns). Each resource is expanded once,
    so the cost is linear in the entries visited. A reference back to a resource still being
    expanded (a cycle), a chain longer than ``max_hops`` or more than ``max_entries`` entries
    raise :class:`ReferenceChainError`. A null reference (0) and an id not in the table add
    nothing. androguard's exceptions pass through.
    """
    out = Resolution()
    done: set[int] = set()
    on_path: list[int] = [rid]
    # Depth-first, iterative: one frame per resource on the current path.
    stack = [iter(parser.get_res_configs(rid))]
    out.resources = 1
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            done.add(on_path.pop())
            continue
        out.entries += 1
        if out.entries > max_entries:
            raise ReferenceChainError(f"{CHAIN_REASON} (more than {max_entries} entries)")
        target, text = _entry_value(item[1])
        if text:
            if text not in out.values:
                out.values.append(text)
            continue
        if not target or target in done:
            continue
        if target in on_path:
            raise ReferenceChainError(f"{CHAIN_REASON} (a cycle back to @{target:08X})")
        if len(on_path) > max_hops:
            raise ReferenceChainError(f"{CHAIN_REASON} (more than {max_hops} hops)")
        on_path.append(target)
        stack.append(iter(parser.get_res_configs(target)))
        out.resources += 1
    return out


class ResourceTable:
    """The APK's resource table, loaded on first use; every failure is a ScanError.

    Parsing costs about 0.75 s per MiB of resources.arsc, so it happens only when a reference
    must be resolved, and the scan's deadline is checked before and after it.
    """

    def __init__(
        self, archive: ApkArchive, limits: ApkLimits, deadline: float | None = None
    ) -> None:
        self._archive = archive
        self._limits = limits
        self._deadline = deadline
        self._parser: Any = None
        self._error: ScanError | None = None
        self.last: Resolution | None = None  # the latest resolution, for its visit counts

    def _check_time(self) -> None:
        if self._deadline is not None and time.monotonic() > self._deadline:
            # Not cached: the whole scan is over its budget, not just the table.
            raise TimeBudgetError("APK analysis exceeded its time budget", path=self._archive.path)

    def _load(self) -> Any:
        if self._parser is not None:
            return self._parser
        if self._error is not None:
            raise self._error
        self._check_time()
        try:
            if not self._archive.has(_ARSC):
                raise ScanError(f"the APK has no {_ARSC}", path=self._archive.path)
            raw = self._archive.read(_ARSC, self._limits.max_resources_bytes)
            from androguard.core.axml import ARSCParser
            from loguru import logger

            logger.disable("androguard")
            try:
                parser = ARSCParser(raw)
            except Exception as exc:  # androguard raises bare exceptions on corrupt tables
                raise ScanError(
                    f"{_ARSC} is not a valid resource table ({type(exc).__name__})",
                    path=self._archive.path,
                ) from None
        except ScanError as exc:
            self._error = exc
            raise
        self._check_time()
        self._parser = parser
        return parser

    def strings(self, ref: str) -> list[str]:
        """The distinct string values of ``ref`` across configurations, in table order.

        A file resource (res/xml, res/layout) holds its path in the APK as a string value.
        Raises ScanError (:class:`ReferenceChainError` for a looping or overlong chain), or
        :class:`TimeBudgetError` when the scan's time budget is spent.
        """
        match = _REFERENCE.fullmatch(ref.strip())
        if match is None:
            raise ScanError(
                f"{ref[:_MAX_SHOWN]!r} is not a resource reference of the form @7F...",
                path=self._archive.path,
            )
        parser = self._load()
        try:
            self.last = resolve_strings(
                parser,
                int(match.group(1), 16),
                max_hops=self._limits.max_reference_hops,
                max_entries=self._limits.max_reference_entries,
            )
        except ReferenceChainError as exc:
            raise ReferenceChainError(
                f"resource {ref}: {exc.message}", path=self._archive.path
            ) from None
        except Exception as exc:  # corrupt entries
            raise ScanError(
                f"resource {ref} cannot be resolved in {_ARSC} ({type(exc).__name__})",
                path=self._archive.path,
            ) from None
        # androguard indexes the entries on the first lookup (about half the parse time).
        self._check_time()
        if not self.last.values:
            raise ScanError(f"resource {ref} is not in {_ARSC}", path=self._archive.path)
        return self.last.values
