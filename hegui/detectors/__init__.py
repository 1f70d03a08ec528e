"""Format detectors for Chinese personal information (no law here: see ``hegui.law``)."""

from __future__ import annotations

from hegui.detectors.base import Detection, Detector, Explanation, Pattern
from hegui.detectors.registry import all_detectors, detect, entities, get_detector

__all__ = [
    "Detection",
    "Detector",
    "Explanation",
    "Pattern",
    "all_detectors",
    "detect",
    "entities",
    "get_detector",
]
