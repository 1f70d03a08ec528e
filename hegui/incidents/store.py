"""A local store of incident records: one YAML file per incident under ``.hegui/incidents/``."""

from __future__ import annotations

import re
from pathlib import Path

from hegui.incidents.loader import dump_incident, load_incident
from hegui.incidents.models import Incident, IncidentError

DEFAULT_STORE = Path(".hegui") / "incidents"
_ID_RE = re.compile(r"^inc-\d{8}-\d{3,}$")
_MAX_PER_DAY = 9999


class IncidentStore:
    """Incident records in a directory; ids are ``inc-<detection date>-<sequence>``."""

    def __init__(self, root: str | Path = DEFAULT_STORE) -> None:
        self.root = Path(root)

    def path(self, incident_id: str) -> Path:
        if not _ID_RE.match(incident_id):
            raise IncidentError(
                f"invalid incident id {incident_id!r}: expected inc-YYYYMMDD-NNN", field="ID"
            )
        return self.root / f"{incident_id}.yaml"

    def add(self, incident: Incident) -> Incident:
        """Give the incident an id and write it; never overwrites an existing record."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IncidentError(f"cannot create store: {exc.strerror}", path=self.root) from None
        day = incident.detected_at.strftime("%Y%m%d")
        for seq in range(1, _MAX_PER_DAY + 1):
            incident_id = f"inc-{day}-{seq:03d}"
            stored = incident.model_copy(update={"id": incident_id})
            try:
                # 'x' mode: two people recording at once never get the same id.
                with self.path(incident_id).open("x", encoding="utf-8") as fh:
                    fh.write(dump_incident(stored))
            except FileExistsError:
                continue
            except OSError as exc:
                raise IncidentError(
                    f"cannot write record: {exc.strerror}", path=self.root
                ) from None
            return stored
        raise IncidentError(f"more than {_MAX_PER_DAY} incidents on {day}", path=self.root)

    def get(self, incident_id: str) -> Incident:
        path = self.path(incident_id)
        if not path.exists():
            raise IncidentError(f"no incident {incident_id!r} in the store", path=self.root)
        return load_incident(path)

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("inc-*.yaml") if _ID_RE.match(p.stem))
