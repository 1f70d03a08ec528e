"""Which export route each transfer needs: exempt, standard contract or certification, or SA.

Counts are aggregated per processor (the profile entity) across its transfers in the counting
window; the window, the thresholds and whether exempt transfers are counted are parameters. The
logic itself changed on 2022-09-01 (SA Measures) and 2024-03-22 (2024 Provisions): one decision
function per period, chosen by the dated methods of ``cross_border.route`` (see
:func:`decisions`). Every decision lists the provisions it rests on and the facts it lacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hegui.law.loader import Value
from hegui.profile.models import Entity, MechanismType, Scenario, Transfer
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
_SCENARIO_ARTICLE: dict[Scenario, str] = {
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


def _volume_keys(t: Transfer, years: tuple[int, ...]) -> list[int]:
    return [y for y in years if y in t.volumes]


def _carries(t: Transfer, years: tuple[int, ...]) -> tuple[bool, bool]:
    """(carries non-sensitive PI, carries sensitive PI) in the window, from the volumes."""
    vols = [t.volume(y) for y in years]
    spi = any(v.sensitive or v.planned_sensitive for v in vols)
    only_spi = spi and not any(v.non_sensitive or v.planned_non_sensitive for v in vols)
    return (not only_spi, spi)


# --- FTZ negative lists (Provisions Art. 6) ----------------------------------------------------


def _ftz(ctx: Context, d: Decision) -> bool | None:
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
    carries_listed = d.important_data or _carries(t, window_years_2024(ctx))[1]
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


def window_years_2024(ctx: Context) -> tuple[int, ...]:
    return window_years(ctx, ctx.param("cross_border.counting_window"))


def _ftz_scenario(zone: Any, sectors: list[str], scenario_id: str | None) -> Any:
    if not scenario_id or "." not in scenario_id:
        return None
    sector, name = scenario_id.split(".", 1)
    if sector not in sectors:
        return None
    return zone["sectors"][sector].get("scenarios", {}).get(name)


# --- counting ----------------------------------------------------------------------------------


def _aggregate(
    ctx: Context, decisions: list[Decision], years: tuple[int, ...], exclude: bool
) -> dict[str, Counts]:
    counts: dict[str, Counts] = {}
    current = ctx.as_of.year
    for d in decisions:
        t = d.transfer
        c = counts.setdefault(t.entity, Counts(years))
        if not t.contains_pi:
            continue
        if exclude and d.excluded_from_counts:
            c.excluded.append(t.id)
            continue
        keys = _volume_keys(t, years)
        if not keys:
            c.missing.append(f"transfers[{t.id}].volumes.{current}")
            continue
        c.counted.append(t.id)
        for y in keys:
            v = t.volume(y)
            c.non_sensitive += v.non_sensitive
            c.sensitive += v.sensitive
            if y == current:
                c.planned_non_sensitive += v.planned_non_sensitive
                c.planned_sensitive += v.planned_sensitive
                planned = v.planned_non_sensitive or v.planned_sensitive
                if (
                    v.planned_on
                    and planned
                    and (c.planned_on is None or v.planned_on < c.planned_on)
                ):
                    c.planned_on = v.planned_on
    return counts


def _tier(
    d: Decision,
    *,
    pi_count: int,
    spi_count: int,
    sa_pi: Value,
    sa_spi: Value,
    floor: Value | None,
    mid_basis: list[Cite],
    sa_basis: list[Cite],
    floor_basis: list[Cite],
    mid_route: Route,
) -> tuple[Route, list[Cite], str]:
    """The volume tier of one transfer for given entity counts."""
    carries_pi, carries_spi = _carries(d.transfer, d.counts.years if d.counts else ())
    route, basis, why = Route.EXEMPT, floor_basis, ""
    if carries_pi:
        if pi_count >= sa_pi.value:
            return Route.SECURITY_ASSESSMENT, sa_basis, f"PI of {pi_count} >= {sa_pi.value}"
        if floor is None or pi_count >= floor.value:
            route, basis = mid_route, mid_basis
            why = f"PI of {pi_count} individuals" + (
                f" >= {floor.value}" if floor is not None else ""
            )
        else:
            why = f"PI of {pi_count} < {floor.value} individuals and no sensitive PI"
    if carries_spi:
        if spi_count >= sa_spi.value:
            return (
                Route.SECURITY_ASSESSMENT,
                sa_basis,
                f"sensitive PI of {spi_count} >= {sa_spi.value}",
            )
        return mid_route, mid_basis, f"sensitive PI of {spi_count} individuals (no lower floor)"
    return route, basis, why


def _apply_tiers(
    ctx: Context,
    d: Decision,
    counts: Counts,
    *,
    include_sensitive: bool,
    floor: Value | None,
    mid_basis: list[Cite],
    sa_basis: list[Cite],
    floor_basis: list[Cite],
    mid_route: Route,
) -> None:
    sa_pi = ctx.param("cross_border.sa_threshold_pi")
    sa_spi = ctx.param("cross_border.sa_threshold_spi")
    d.values.extend([sa_pi, sa_spi, *([floor] if floor else [])])
    d.counts = counts
    t = d.transfer
    if not _volume_keys(t, counts.years):
        d.route = Route.UNDETERMINED
        d.missing.append(f"transfers[{t.id}].volumes.{ctx.as_of.year}")
        d.reasons.append("The profile gives no volumes for the counting window.")
        return
    if counts.missing:
        d.missing.extend(counts.missing)
    kw: dict[str, Any] = {
        "sa_pi": sa_pi,
        "sa_spi": sa_spi,
        "floor": floor,
        "mid_basis": mid_basis,
        "sa_basis": sa_basis,
        "floor_basis": floor_basis,
        "mid_route": mid_route,
    }
    pi_now = counts.non_sensitive + (counts.sensitive if include_sensitive else 0)
    now, basis_now, why_now = _tier(d, pi_count=pi_now, spi_count=counts.sensitive, **kw)
    pi_all = pi_now + counts.planned_non_sensitive
    pi_all += counts.planned_sensitive if include_sensitive else 0
    spi_all = counts.sensitive + counts.planned_sensitive
    later, basis_later, why_later = _tier(d, pi_count=pi_all, spi_count=spi_all, **kw)
    years = "-".join(str(y) for y in counts.years)
    if later.rank > now.rank:
        d.set(
            later,
            "volume",
            basis_later,
            f"With planned volumes the entity reaches {why_later} "
            f"(counted {years}); now {why_now}.",
        )
        d.route_now = now
    else:
        d.set(now, "volume", basis_now, f"Entity counts ({years}): {why_now}.")
    if counts.missing and d.route.rank < Route.SECURITY_ASSESSMENT.rank:
        d.reasons.append("Other transfers of the entity lack volumes: the counts may be too low.")


# --- decisions by period -----------------------------------------------------------------------


def _new(ctx: Context) -> list[Decision]:
    return [Decision(t, ctx.profile.entity(t.entity)) for t in ctx.profile.transfers]


def _options(ctx: Context) -> list[str]:
    out = []
    if ctx.in_force("scc_measures_2023"):
        out.append("standard_contract")
    if ctx.in_force("pi_export_certification_2026"):
        out.append("certification")
    return out


def decide_2021(ctx: Context) -> list[Decision]:
    """PIPL alone (2021-11-01 to 2022-08-31): CIIO -> SA; other PI -> a PIPL 38 mechanism."""
    out = _new(ctx)
    for d in out:
        t = d.transfer
        d.important_data = bool(important_data(ctx, t, self_identified_counts=True))
        if not t.contains_pi and not d.important_data:
            d.set(Route.NOT_REQUIRED, "no_pi", [("pipl", "38")], "No PI and no important data.")
        elif d.entity.ciio:
            d.set(
                Route.SECURITY_ASSESSMENT,
                "ciio",
                [("pipl", "40"), ("csl", "37")],
                "A CIIO exporting PI or important data needs a CAC security assessment.",
            )
        else:
            d.set(
                Route.PIPL_38,
                "pipl_38",
                [("pipl", "38")],
                "PIPL 38 requires a security assessment, certification or the CAC standard "
                "contract; the CAC's thresholds (SA Measures) apply from 2022-09-01.",
            )
    return out


def decide_2022(ctx: Context) -> list[Decision]:
    """SA Measures (2022-09-01 to 2024-03-21): no exemptions; count from 1 January last year."""
    window = ctx.param("cross_border.counting_window")
    years = window_years(ctx, window)
    out = _new(ctx)
    pending = []
    for d in out:
        t = d.transfer
        d.values.append(window)
        d.designated_datasets = important_data(ctx, t, self_identified_counts=True)
        d.important_data = bool(d.designated_datasets)
        if not t.contains_pi and not d.important_data:
            d.set(
                Route.NOT_REQUIRED,
                "no_pi",
                [("sa_measures_2022", "4")],
                "No PI and no important data: no mechanism is required.",
            )
        elif d.important_data:
            d.set(
                Route.SECURITY_ASSESSMENT,
                "important_data",
                [("sa_measures_2022", "4")],
                "Exporting important data requires a security assessment (Art. 4 item 1).",
            )
        elif d.entity.ciio:
            d.set(
                Route.SECURITY_ASSESSMENT,
                "ciio",
                [("sa_measures_2022", "4")],
                "A CIIO exporting PI requires a security assessment (Art. 4 item 2).",
            )
        elif _processed_trigger(ctx, d):
            pass
        else:
            pending.append(d)
    counts = _aggregate(ctx, out, years, exclude=False)
    options = _options(ctx)
    mid = Route.CONTRACT_OR_CERTIFICATION if options else Route.PIPL_38
    mid_basis: list[Cite] = [("scc_measures_2023", "4")] if options else [("pipl", "38")]
    for d in pending:
        d.options = options
        _apply_tiers(
            ctx,
            d,
            counts[d.transfer.entity],
            include_sensitive=bool(ctx.value("cross_border.pi_count_includes_sensitive")),
            floor=None,
            mid_basis=[*mid_basis, ("pipl", "38")],
            sa_basis=[("sa_measures_2022", "4")],
            floor_basis=[],
            mid_route=mid,
        )
        d.values.append(ctx.param("cross_border.pi_count_includes_sensitive"))
    return out


def _processed_trigger(ctx: Context, d: Decision) -> bool:
    threshold = ctx.param_or_none("cross_border.sa_threshold_processed_pi")
    if threshold is None:
        return False
    processed = d.entity.individuals_processed
    if processed is None:
        d.missing.append(f"entities[{d.entity.id}].individuals_processed")
        d.reasons.append("Entity's total individuals processed not given: Art. 4 item 2 unchecked.")
        return False
    if processed >= threshold.value:
        d.values.append(threshold)
        d.set(
            Route.SECURITY_ASSESSMENT,
            "processed_volume",
            [("sa_measures_2022", "4")],
            f"The entity processes PI of {processed} >= {threshold.value} people (Art. 4 item 2).",
        )
        return True
    return False


def decide_2024(ctx: Context) -> list[Decision]:
    """2024 Provisions: exemptions first, designated important data, CIIO, then volume tiers."""
    window = ctx.param("cross_border.counting_window")
    years = window_years(ctx, window)
    exclude = ctx.param("cross_border.exempt_transfers_excluded_from_counts")
    prevail = ctx.param("cross_border.exemptions_prevail_for_ciio")
    out = _new(ctx)
    pending = []
    for d in out:
        t = d.transfer
        d.values.append(window)
        d.designated_datasets = important_data(ctx, t, self_identified_counts=False)
        d.important_data = bool(d.designated_datasets)
        if not t.contains_pi and not d.important_data:
            art3 = t.scenario == Scenario.NO_PI_TRADE
            d.set(
                Route.EXEMPT if art3 else Route.NOT_REQUIRED,
                "no_pi",
                [("cb_provisions_2024", "3")] if art3 else [("cb_provisions_2024", "2")],
                "No PI and no (designated) important data: none of the three mechanisms applies.",
            )
            d.excluded_from_counts = True
            continue
        if d.important_data:
            if _ftz(ctx, d):
                d.excluded_from_counts = True
                continue
            art = "7(1)" if d.entity.ciio else "7(2)"
            d.set(
                Route.SECURITY_ASSESSMENT,
                "important_data",
                [("cb_provisions_2024", art), ("cb_provisions_2024", "2"), ("ndsmr", "37")],
                "Data notified or published as important data requires a security assessment.",
            )
            continue
        if _scenario_exemption(d, prevail):
            d.excluded_from_counts = True
            continue
        if d.entity.ciio:
            d.set(
                Route.SECURITY_ASSESSMENT,
                "ciio",
                [("cb_provisions_2024", "7(1)")],
                "A CIIO exporting any PI requires a security assessment (no volume floor).",
            )
            continue
        ftz = _ftz(ctx, d)
        if ftz:
            d.excluded_from_counts = True
            continue
        pending.append((d, ftz))
    d_exclude = bool(exclude.value)
    counts = _aggregate(ctx, out, years, exclude=d_exclude)
    for d, ftz in pending:
        d.values.append(exclude)
        d.options = _options(ctx)
        _apply_tiers(
            ctx,
            d,
            counts[d.transfer.entity],
            include_sensitive=False,
            floor=ctx.param("cross_border.exemption_threshold_pi"),
            mid_basis=[("cb_provisions_2024", "8")],
            sa_basis=[("cb_provisions_2024", "7(2)")],
            floor_basis=[("cb_provisions_2024", "5(4)")],
            mid_route=Route.CONTRACT_OR_CERTIFICATION,
        )
        if ftz is None and d.route.rank > Route.EXEMPT.rank:
            d.route = Route.UNDETERMINED
        elif ftz is None:  # exempt by volume anyway: the negative-list answer does not matter
            d.missing.remove(f"transfers[{d.transfer.id}].ftz_negative_list")
    return out


def _scenario_exemption(d: Decision, prevail: Value) -> bool:
    t = d.transfer
    if t.scenario == Scenario.NO_PI_TRADE:
        d.reasons.append(
            "Scenario no_pi_trade, but the transfer carries PI: Art. 3 does not apply."
        )
        return False
    article = _SCENARIO_ARTICLE.get(t.scenario)
    if article is None:
        return False
    if d.entity.ciio:
        d.values.append(prevail)
        if not prevail.value:
            d.reasons.append(f"Art. {article} scenario, but the entity is a CIIO (Art. 7(1)).")
            return False
    note = (
        " (on condition that no domestic PI or important data is added)" if article == "4" else ""
    )
    d.set(
        Route.EXEMPT,
        "scenario",
        [("cb_provisions_2024", article)],
        f"Scenario {t.scenario.value}: exempt under Art. {article}{note}.",
    )
    return True


# --- mechanism in place ------------------------------------------------------------------------


def mechanism_sufficient(ctx: Context, d: Decision) -> tuple[bool, str]:
    """Whether the transfer's mechanism satisfies its route on the as-of date, and why."""
    m = d.transfer.mechanism
    sa_ok = (
        m.type == MechanismType.SECURITY_ASSESSMENT
        and m.approved_on is not None
        and m.approved_on <= ctx.as_of
        and sa_valid_until(ctx, d.transfer) >= ctx.as_of
    )
    if d.route == Route.SECURITY_ASSESSMENT:
        if sa_ok:
            return True, "A valid security assessment result is in place."
        if m.type == MechanismType.SECURITY_ASSESSMENT and m.approved_on is None:
            return False, "The security assessment has not been approved."
        return False, f"Mechanism {m.type.value} does not satisfy a security-assessment route."
    if d.route == Route.PIPL_38:
        return m.type != MechanismType.NONE, f"Mechanism in place: {m.type.value}."
    if d.route == Route.CONTRACT_OR_CERTIFICATION:
        if sa_ok:
            return True, "A valid security assessment result is in place."
        if m.type == MechanismType.STANDARD_CONTRACT and m.contract_effective is not None:
            ok = m.contract_effective <= ctx.as_of
            return ok, f"Standard contract effective {m.contract_effective.isoformat()}."
        if m.type == MechanismType.CERTIFICATION and "certification" in d.options:
            issued = m.certificate_issued
            ok = issued is not None and issued <= ctx.as_of
            return ok, "Certificate issued." if ok else "No certificate issued yet."
        return False, f"Mechanism {m.type.value} does not satisfy the route."
    return True, "No mechanism required."


def sa_valid_until(ctx: Context, t: Transfer) -> dt.date:
    """Last day of validity: the profile's date, else approval + the validity then in force."""
    m = t.mechanism
    if m.valid_until is not None:
        return m.valid_until
    assert m.approved_on is not None
    return ctx.deadline(m.approved_on, sa_validity(ctx, m.approved_on)).due


def sa_validity(ctx: Context, approved_on: dt.date) -> Value:
    """Validity in force when the result was issued (2 years before 2024-03-22, then 3)."""
    return ctx.param_on("cross_border.sa_validity", approved_on)


# --- dispatch ------------------------------------------------------------------------------------

DECIDERS: dict[str, Callable[[Context], list[Decision]]] = {
    "evaluate_2021_11_01": decide_2021,
    "evaluate_2022_09_01": decide_2022,
    "evaluate_2024_03_22": decide_2024,
}


def decisions(ctx: Context, dated: list[tuple[dt.date, str]]) -> dict[str, Decision] | None:
    """Route decisions by transfer id with the logic in force (``dated``: the route rule's)."""
    current = [name for day, name in dated if day <= ctx.as_of]
    if not current:
        return None
    return {d.transfer.id: d for d in DECIDERS[current[-1]](ctx)}


def designation_due(ctx: Context, dataset_id: str) -> tuple[dt.date | None, Value | None]:
    """Deadline to apply for an SA after ``dataset_id`` was designated (CAC Q&A, 2 months)."""
    period = ctx.param_or_none("cross_border.important_data_sa_application")
    notified = ctx.profile.dataset(dataset_id).important_data.notified_on
    if period is None or notified is None:
        return None, period
    return ctx.deadline(notified, period).due, period


def own_route(ctx: Context, d: Decision) -> Route:
    """The 2024 volume tier ``d``'s transfer would reach on its own volumes (no other transfer)."""
    assert d.counts is not None
    t, years, current = d.transfer, d.counts.years, ctx.as_of.year
    pi = sum(t.volume(y).non_sensitive for y in years) + t.volume(current).planned_non_sensitive
    spi = sum(t.volume(y).sensitive for y in years) + t.volume(current).planned_sensitive
    route, _, _ = _tier(
        d,
        pi_count=pi,
        spi_count=spi,
        sa_pi=ctx.param("cross_border.sa_threshold_pi"),
        sa_spi=ctx.param("cross_border.sa_threshold_spi"),
        floor=ctx.param("cross_border.exemption_threshold_pi"),
        mid_basis=[],
        sa_basis=[],
        floor_basis=[],
        mid_route=Route.CONTRACT_OR_CERTIFICATION,
    )
    return route
