"""Resource references (``@7F...``) resolved through resources.arsc, read bounded and parsed once."""

from __future__ import annotations

import re
from typing import Any

from hegui.errors import ScanError
from hegui.scanners.android.archive import ApkArchive
from hegui.scanners.android.limits import ApkLimits

_ARSC = "resources.arsc"
# How androguard writes a TYPE_REFERENCE attribute of the app's own package: "@7F0F0001".
_REFERENCE = re.compile(r"@([0-9A-Fa-f]{8})")
_MAX_SHOWN = 60


class ResourceTable:
    """The APK's resource table, loaded on first use; every failure is a ScanError."""

    def __init__(self, archive: ApkArchive, limits: ApkLimits) -> None:
        self._archive = archive
        self._limits = limits
        self._parser: Any = None
        self._error: ScanError | None = None

    def _load(self) -> Any:
        if self._parser is not None:
            return self._parser
        if self._error is not None:
            raise self._error
        try:
            if not self._archive.has(_ARSC):
                raise ScanError(f"the APK has no {_ARSC}", path=self._archive.path)
            raw = self._archive.read(_ARSC, self._limits.max_resources_bytes)
            from androguard.core.axml import ARSCParser
            from loguru import logger

            logger.disable("androguard")
            try:
                self._parser = ARSCParser(raw)
            except Exception as exc:  # androguard raises bare exceptions on corrupt tables
                raise ScanError(
                    f"{_ARSC} is not a valid resource table ({type(exc).__name__})",
                    path=self._archive.path,
                ) from None
        except ScanError as exc:
            self._error = exc
            raise
        return self._parser

    def strings(self, ref: str) -> list[str]:
        """The distinct string values of ``ref`` across configurations, in table order.

        A file resource (res/xml, res/layout) holds its path in the APK as a string value.
        """
        match = _REFERENCE.fullmatch(ref.strip())
        if match is None:
            raise ScanError(
                f"{ref[:_MAX_SHOWN]!r} is not a resource reference of the form @7F...",
                path=self._archive.path,
            )
        parser = self._load()
        try:
            resolved = parser.get_resolved_res_configs(int(match.group(1), 16))
        except Exception as exc:  # corrupt entries, reference cycles (RecursionError)
            raise ScanError(
                f"resource {ref} cannot be resolved in {_ARSC} ({type(exc).__name__})",
                path=self._archive.path,
            ) from None
        values: list[str] = []
        for _config, value in resolved:
            if isinstance(value, str) and value and value not in values:
                values.append(value)
        if not values:
            raise ScanError(f"resource {ref} is not in {_ARSC}", path=self._archive.path)
        return values
