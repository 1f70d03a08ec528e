"""Bounded reading of an APK's ZIP container (zip-bomb and size checks before any inflation)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.android.limits import ApkLimits


class ApkArchive:
    """An APK opened for bounded reading. Every member is checked against the limits up front."""

    def __init__(self, path: str | Path, limits: ApkLimits) -> None:
        self.path = Path(path)
        self.limits = limits
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise ScanError(f"cannot read file: {exc.strerror}", path=self.path) from None
        if size > limits.max_file_bytes:
            raise InputTooLargeError(
                f"file is {size} bytes, above the limit of {limits.max_file_bytes}", path=self.path
            )
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ScanError(f"not a readable APK (ZIP) archive: {exc}", path=self.path) from None
        self._infos = {i.filename: i for i in self._zip.infolist()}
        self._check_bomb()

    def _check_bomb(self) -> None:
        lim = self.limits
        infos = list(self._infos.values())
        if len(infos) > lim.max_entries:
            raise InputTooLargeError(
                f"archive has {len(infos)} entries, above the limit of {lim.max_entries}",
                path=self.path,
            )
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > lim.ratio_floor_bytes:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > lim.max_ratio:
                    raise InputTooLargeError(
                        f"entry inflates {ratio:.0f}x (limit {lim.max_ratio:.0f}x): likely a zip bomb",
                        path=self.path,
                        field=info.filename[:200],
                    )
        if total > lim.max_total_uncompressed_bytes:
            raise InputTooLargeError(
                f"archive would inflate to {total} bytes, above the limit of "
                f"{lim.max_total_uncompressed_bytes}",
                path=self.path,
            )

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str, max_bytes: int) -> bytes:
        """Read one member, refusing more than ``max_bytes`` whatever its header claims."""
        info = self._infos.get(name)
        if info is None:
            raise ScanError(f"archive has no {name}", path=self.path)
        if info.file_size > max_bytes:
            raise InputTooLargeError(
                f"{name} is {info.file_size} bytes, above the limit of {max_bytes}", path=self.path
            )
        try:
            with self._zip.open(info) as fh:
                # zipfile stops at the declared size; the +1 catches a lying header anyway.
                data = fh.read(max_bytes + 1)
        # zipfile raises NotImplementedError for an unsupported compression method (a hostile or
        # exotic APK): that is bad input, reported like any other unreadable entry.
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            raise ScanError(f"cannot inflate {name}: {exc}", path=self.path) from None
        except Exception as exc:  # zlib.error and friends from corrupt streams
            raise ScanError(
                f"cannot inflate {name}: {type(exc).__name__}", path=self.path
            ) from None
        if len(data) > max_bytes:
            raise InputTooLargeError(f"{name} inflates beyond {max_bytes} bytes", path=self.path)
        return data

    def dex_names(self) -> list[str]:
        """classes.dex, classes2.dex, ... in load order."""
        names = [n for n in self._infos if n.startswith("classes") and n.endswith(".dex")]
        names = [n for n in names if "/" not in n]
        return sorted(names, key=lambda n: (len(n), n))

    def close(self) -> None:
        self._zip.close()
