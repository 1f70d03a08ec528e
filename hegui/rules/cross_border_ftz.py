"""Pilot FTZ negative lists (2024 Provisions Art. 6): is a transfer off its zone's list?"""

from __future__ import annotations

from typing import Any

from hegui.rules.base import Context
from hegui.rules.cross_border_model import Cite, Decision, Route, carries, window_years


def ftz_exempt(ctx: Context, d: Decision) -> bool | None:
    """True if the FTZ route exempts the transfer, False if not, None if facts are missing."""
    t, e = d.transfer, d.entity
    if not e.ftz or not ctx.in_force("cb_provisions_2024"):
        return False
    zones = ctx.law.mapping("ftz_negative_lists")
    zone = zones.get(e.ftz)
    if zone is None:
        d.reasons.append(f"No negative list is recorded for zone {e.ftz!r}; Art. 6 not applied.")
        return False
    if not ctx.in_force(zone["instrument"]):
        d.reasons.append(f"The {e.ftz} negative list is not yet in force on {ctx.as_of}.")
        return False
    if e.ciio and zone.get("excludes_ciio"):
        d.reasons.append(f"The {e.ftz} negative list does not apply to CIIOs.")
        return False
    sectors = [s for s in e.sectors if s in zone["sectors"]]
    if not sectors:
        d.reasons.append(
            f"Entity sectors {e.sectors} have no published list in {e.ftz}; Art. 6 not applied."
        )
        return False
    cites: list[Cite] = [("cb_provisions_2024", "6"), (zone["instrument"], None)]
    if t.ftz_negative_list is not None:
        if t.ftz_negative_list:
            d.reasons.append("The profile says the data is on the zone's negative list.")
            return False
        d.set(Route.EXEMPT, "ftz_negative_list", cites, "Data not on the FTZ negative list.")
        return True
    scenario = _ftz_scenario(zone, sectors, t.ftz_scenario)
    carries_listed = d.important_data or carries(t, _window(ctx))[1]
    if scenario is not None and not scenario["on_negative_list"] and not carries_listed:
        cites.append((zone["guidelines"], None))
        d.set(
            Route.EXEMPT,
            "ftz_scenario",
            cites,
            f"Scenario {t.ftz_scenario} of the operational guidelines is off the negative list "
            f"(needs review: {scenario.get('needs_review') or 'confirm the data items'}).",
        )
        return True
    d.missing.append(f"transfers[{t.id}].ftz_negative_list")
    d.reasons.append(
        "Entity is in an FTZ sector with a negative list, but the profile does not say whether "
        "the data is on it (and no off-list scenario without sensitive PI or important data fits)."
    )
    return None


def _window(ctx: Context) -> tuple[int, ...]:
    return window_years(ctx, ctx.param("cross_border.counting_window"))


def _ftz_scenario(zone: Any, sectors: list[str], scenario_id: str | None) -> Any:
    if not scenario_id or "." not in scenario_id:
        return None
    sector, name = scenario_id.split(".", 1)
    if sector not in sectors:
        return None
    return zone["sectors"][sector].get("scenarios", {}).get(name)
