"""Read and write incident records (YAML), with errors that name the file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hegui.incidents.models import Incident, IncidentError
from hegui.law.loader import get_law
from hegui.law.sectors import vocabulary
from hegui.law.yamlio import line_at, load_yaml, parse_yaml, plain

# An incident record is a few kilobytes; anything far larger is not one.
MAX_INCIDENT_BYTES = 1024 * 1024


def load_incident(path: str | Path) -> Incident:
    """Load and validate the incident record at ``path``."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise IncidentError(f"cannot read file: {exc.strerror}", path=p) from None
    if size > MAX_INCIDENT_BYTES:
        raise IncidentError(f"file is larger than {MAX_INCIDENT_BYTES} bytes", path=p)
    return _validate(load_yaml(p, error=IncidentError), str(p))


def parse_incident(text: str, *, source: str = "<incident>") -> Incident:
    """Validate an incident record given as YAML text."""
    if len(text.encode("utf-8", errors="replace")) > MAX_INCIDENT_BYTES:
        raise IncidentError(f"text is larger than {MAX_INCIDENT_BYTES} bytes", path=source)
    return _validate(parse_yaml(text, source=source, error=IncidentError), source)


def incident_from_data(data: Any, source: str = "<incident>") -> Incident:
    """Validate an incident given as a mapping (e.g. from the web register)."""
    return _validate(data, source)


def dump_incident(incident: Incident) -> str:
    """The record as YAML text (times in Asia/Shanghai with their offset)."""
    data = incident.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["detected_at"] = incident.detected_at.isoformat()
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _validate(data: Any, source: str) -> Incident:
    if not isinstance(data, dict):
        raise IncidentError("an incident record must be a YAML mapping", path=source, line=1)
    try:
        incident = Incident.model_validate(plain(data, str_keys=True))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err["loc"]]
        message = err["msg"]
        if len(exc.errors()) > 1:
            message += f" (and {len(exc.errors()) - 1} more error(s))"
        raise IncidentError(
            message, path=source, line=line_at(data, err["loc"]), field=".".join(loc) or None
        ) from None
    _check_sectors(incident, data, source)
    return incident


def _check_sectors(incident: Incident, data: Any, source: str) -> None:
    """A misspelt sector would silently drop a sector regime (PBOC, Zhejiang telecom).

    ``Telecom`` or an alias (``telecommunications``) is read as its id.
    """
    op = incident.operator
    vocab = vocabulary(get_law())
    if op is None or vocab is None:
        return
    for i, sector in enumerate(op.sectors):
        message = vocab.problem(sector)
        if message:
            loc = ("operator", "sectors", i)
            raise IncidentError(
                message, path=source, line=line_at(data, loc), field=f"operator.sectors.{i}"
            )
    op.sectors = vocab.canonical(op.sectors)
