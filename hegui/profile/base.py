"""The base class of every profile model: unknown keys are errors, strings are stripped."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator


class FactModel(BaseModel):
    """Base of profile models. Regime sections (``hegui/profile/<regime>.py``) derive from it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        # YAML reads yes/no/true/false as booleans and pydantic's lax mode turns them into 1/0:
        # "individuals: yes" would silently count one person.
        if isinstance(value, bool) and info.field_name is not None:
            field = cls.model_fields.get(info.field_name)
            kind = _numeric(field.annotation) if field is not None else None
            if kind is not None:
                raise ValueError(f"expected {kind}, got {str(value).lower()}")
        return value


def _numeric(annotation: Any) -> str | None:
    """What a numeric field (``int``, ``float``, optional or not) expects; None for others."""
    args = [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if args and all(a is int for a in args):
        return "a whole number"
    if args and all(a in (int, float) for a in args):
        return "a number"
    return None
