"""Per-entity cumulative counts and the volume tiers (thresholds read from the law data)."""

from __future__ import annotations

from typing import Any

from hegui.law.loader import Value
from hegui.rules.base import Context
from hegui.rules.cross_border_model import (
    Cite,
    Counts,
    Decision,
    Route,
    carries,
    ended,
    volume_keys,
)


def aggregate(
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
        keys = volume_keys(t, years)
        if not keys:
            if not ended(ctx, t):  # an ended flow with no volumes in the window adds nothing
                c.missing.append(f"transfers[{t.id}].volumes.{current}")
            continue
        c.counted.append(t.id)
        for y in keys:
            v = t.volume(y)
            c.non_sensitive += v.non_sensitive
            c.sensitive += v.sensitive or 0  # not given: counted as none
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


def tier(
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
    carries_pi, carries_spi = carries(d.transfer, d.counts.years if d.counts else ())
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


def apply_tiers(
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
    if not volume_keys(t, counts.years) and ended(ctx, t):
        d.set(Route.NOT_REQUIRED, "ended", [], f"The transfer ended on {t.end_date}.")
        return
    if not volume_keys(t, counts.years):
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
    now, basis_now, why_now = tier(d, pi_count=pi_now, spi_count=counts.sensitive, **kw)
    pi_all = pi_now + counts.planned_non_sensitive
    pi_all += counts.planned_sensitive if include_sensitive else 0
    spi_all = counts.sensitive + counts.planned_sensitive
    later, basis_later, why_later = tier(d, pi_count=pi_all, spi_count=spi_all, **kw)
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


def own_route(ctx: Context, d: Decision) -> Route:
    """The 2024 volume tier ``d``'s transfer would reach on its own volumes (no other transfer)."""
    assert d.counts is not None
    t, years, current = d.transfer, d.counts.years, ctx.as_of.year
    pi = sum(t.volume(y).non_sensitive for y in years) + t.volume(current).planned_non_sensitive
    spi = sum(t.volume(y).sensitive or 0 for y in years) + t.volume(current).planned_sensitive
    route, _, _ = tier(
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
