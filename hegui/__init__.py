"""hegui (合规): China's cybersecurity and data-protection rules as working software."""

from __future__ import annotations

__version__ = "0.1.0"
