"""Types shared by the cross-border rules: routes, per-entity counts, route decisions, facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hegui.law.loader import Value
from hegui.profile.models import Entity, Scenario, Transfer
from hegui.rules.base import Context


class Route(StrEnum):
    """What a transfer needs before it may leave China."""

    NOT_REQUIRED = "not_required"  # neither PI nor important data
    EXEMPT = "exempt"
    PIPL_38 = "pipl_38_mechanism"  # a PIPL 38 mechanism, no CAC thresholds yet
    CONTRACT_OR_CERTIFICATION = "standard_contract_or_certification"
    SECURITY_ASSESSMENT = "security_assessment"
    UNDETERMINED = "undetermined"  # facts missing

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Route.NOT_REQUIRED: 0,
    Route.EXEMPT: 0,
    Route.UNDETERMINED: 0,
    Route.PIPL_38: 1,
    Route.CONTRACT_OR_CERTIFICATION: 1,
    Route.SECURITY_ASSESSMENT: 2,
}

Cite = tuple[str, str | None]

# Scenario exemptions of the 2024 Provisions (Art. 3 needs no PI; see _scenario_exemption).
SCENARIO_ARTICLE: dict[Scenario, str] = {
    Scenario.FOREIGN_COLLECTED: "4",
    Scenario.CONTRACT: "5(1)",
    Scenario.HR: "5(2)",
    Scenario.EMERGENCY: "5(3)",
}


@dataclass
class Counts:
    """Individuals an entity exported in the counting window (counted transfers only)."""

    years: tuple[int, ...]
    non_sensitive: int = 0
    sensitive: int = 0
    planned_non_sensitive: int = 0
    planned_sensitive: int = 0
    planned_on: dt.date | None = None
    counted: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def as_facts(self) -> dict[str, Any]:
        return {
            "window_years": list(self.years),
            "entity_non_sensitive": self.non_sensitive,
            "entity_sensitive": self.sensitive,
            "entity_planned_non_sensitive": self.planned_non_sensitive,
            "entity_planned_sensitive": self.planned_sensitive,
            "counted_transfers": list(self.counted),
            "excluded_transfers": list(self.excluded),
        }


@dataclass
class Decision:
    """The route one transfer needs on the as-of date, with its reasons."""

    transfer: Transfer
    entity: Entity
    route: Route = Route.UNDETERMINED
    route_now: Route | None = None  # without planned volumes, where they change the route
    trigger: str = ""
    basis: list[Cite] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    counts: Counts | None = None
    important_data: bool = False
    designated_datasets: list[str] = field(default_factory=list)
    excluded_from_counts: bool = False

    def set(self, route: Route, trigger: str, basis: list[Cite], reason: str) -> None:
        self.route, self.trigger = route, trigger
        self.basis.extend(basis)
        self.reasons.append(reason)

    @property
    def planned_only(self) -> bool:
        """True if only the planned volumes raise the route (mechanism due before them)."""
        return self.route_now is not None and self.route_now.rank < self.route.rank


# --- facts helpers -----------------------------------------------------------------------------


def window_years(ctx: Context, window: Value) -> tuple[int, ...]:
    """Calendar years counted: the current one, or the previous and the current one."""
    year = ctx.as_of.year
    return (year - 1, year) if window.value == "previous_year" else (year,)


def important_data(ctx: Context, t: Transfer, *, self_identified_counts: bool) -> list[str]:
    """Datasets of ``t`` that are important data on the as-of date ("!explicit" if declared)."""
    if t.important_data is not None:
        return ["!explicit"] if t.important_data else []
    found = []
    for ds_id in t.datasets:
        idata = ctx.profile.dataset(ds_id).important_data
        notified = idata.designated and (
            idata.notified_on is None or idata.notified_on <= ctx.as_of
        )
        if notified or (self_identified_counts and idata.self_identified):
            found.append(ds_id)
    return found


def volume_keys(t: Transfer, years: tuple[int, ...]) -> list[int]:
    return [y for y in years if y in t.volumes]


def carries(t: Transfer, years: tuple[int, ...]) -> tuple[bool, bool]:
    """(carries non-sensitive PI, carries sensitive PI) in the window, from the volumes."""
    vols = [t.volume(y) for y in years]
    spi = any((v.sensitive or 0) > 0 or v.planned_sensitive > 0 for v in vols)
    only_spi = spi and not any(v.non_sensitive or v.planned_non_sensitive for v in vols)
    return (not only_spi, spi)


def sensitive_declared(t: Transfer, years: tuple[int, ...]) -> bool:
    """True if the volumes in the window give a sensitive count (an explicit 0 included)."""
    return any(
        t.volume(y).sensitive is not None or t.volume(y).planned_sensitive > 0 for y in years
    )


def ended(ctx: Context, t: Transfer) -> bool:
    """True if the transfer stopped before the as-of date."""
    return t.end_date is not None and t.end_date < ctx.as_of
