"""The base class of every profile model: unknown keys are errors, strings are stripped."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FactModel(BaseModel):
    """Base of profile models. Regime sections (``hegui/profile/<regime>.py``) derive from it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
