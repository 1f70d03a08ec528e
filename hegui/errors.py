"""The hegui exception tree.

Every error a user can cause (a bad profile, a bad law file, a bad input to a scanner) is a
``HeguiError`` whose message names the file, line and field at fault. Nothing here ever carries a
raw personal-information value.
"""

from __future__ import annotations

from pathlib import Path


class HeguiError(Exception):
    """Base class for every error hegui raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path if self.line is None else f"{self.path}:{self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class LawDataError(HeguiError):
    """A law data file (instrument, parameter, mapping, calendar) is invalid."""


class UnknownCitationError(LawDataError):
    """A citation names an instrument or article that the law data does not hold."""


class ParameterNotFoundError(HeguiError):
    """A parameter id is unknown, or has no value on the requested date."""


class ProfileError(HeguiError):
    """An organisation profile is invalid."""


class CalendarError(HeguiError):
    """A working-day calendar file is invalid or a deadline cannot be computed."""


class RuleError(HeguiError):
    """A rule is mis-declared (unknown id, duplicate id, missing citation)."""


class ScanError(HeguiError):
    """A scanner could not read or bound its input."""


class InputTooLargeError(ScanError):
    """An input exceeded a configured size, count or time limit."""
