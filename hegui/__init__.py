"""hegui (合规): China's cybersecurity and data-protection rules as working software."""

from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # ``hegui.detect`` without importing numpy/pyarrow on a plain ``import hegui``.
    if name == "detect":
        from hegui.detectors.registry import detect

        return detect
    raise AttributeError(f"module 'hegui' has no attribute {name!r}")
