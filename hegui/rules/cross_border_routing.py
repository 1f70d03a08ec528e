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

from hegui.law.loader import Value
from hegui.profile.models import Scenario
from hegui.rules.base import Context
from hegui.rules.cross_border_counts import aggregate, apply_tiers
from hegui.rules.cross_border_ftz import ftz_exempt
from hegui.rules.cross_border_model import (
    SCENARIO_ARTICLE,
    Cite,
    Decision,
    Route,
    important_data,
    sensitive_declared,
    window_years,
)

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
    counts = aggregate(ctx, out, years, exclude=False)
    options = _options(ctx)
    mid = Route.CONTRACT_OR_CERTIFICATION if options else Route.PIPL_38
    mid_basis: list[Cite] = [("scc_measures_2023", "4")] if options else [("pipl", "38")]
    for d in pending:
        d.values.append(window)
        d.options = options
        apply_tiers(
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
            if ftz_exempt(ctx, d):
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
        ftz = ftz_exempt(ctx, d)
        if ftz:
            d.excluded_from_counts = True
            continue
        pending.append((d, ftz))
    d_exclude = bool(exclude.value)
    counts = aggregate(ctx, out, years, exclude=d_exclude)
    for d, ftz in pending:
        d.values.append(window)
        if counts[d.transfer.entity].excluded:
            d.values.append(exclude)
        d.options = _options(ctx)
        apply_tiers(
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
        _undeclared_sensitive(ctx, d)
        if ftz is None and d.route.rank > Route.EXEMPT.rank:
            d.route = Route.UNDETERMINED
        elif ftz is None:  # exempt by volume anyway: the negative-list answer does not matter
            d.missing.remove(f"transfers[{d.transfer.id}].ftz_negative_list")
    return out


def _undeclared_sensitive(ctx: Context, d: Decision) -> None:
    """Datasets holding sensitive PI sent with no sensitive count: the tier is not known.

    Sensitive PI (under-14s' PI included, PIPL 28) has no floor (Art. 8) and counts towards the
    Art. 7 assessment threshold, so an exempt or contract tier computed without it is unsafe.
    """
    t = d.transfer
    if d.counts is None or d.route.rank >= Route.SECURITY_ASSESSMENT.rank:
        return
    if sensitive_declared(t, d.counts.years):  # an explicit `sensitive: 0` is an answer
        return
    by_id = {ds.id: ds for ds in ctx.profile.datasets}
    sent = set(t.data_categories)
    holders = []
    for i in t.datasets:
        ds = by_id.get(i)
        if ds is None:
            continue
        # Where the transfer names its categories, only sensitive ones among them count; any PI
        # of a child under 14 is sensitive whatever its category.
        spi_sent = bool(ds.sensitive_categories) and (
            not sent or sent & set(ds.sensitive_categories)
        )
        if spi_sent or (ds.minors_under_14 or 0) > 0:
            holders.append(i)
    named = _sensitive_named(ctx, t.data_categories)
    if named and not holders:
        # The transfer itself names sensitive categories (no dataset needed to know it).
        d.missing.append(f"transfers[{t.id}].volumes.{ctx.as_of.year}.sensitive")
        d.reasons.append(
            f"The transfer sends {', '.join(named)} (sensitive PI, PIPL 28), but records no "
            "sensitive individuals: give the sensitive count (it has no exemption floor and "
            "counts towards the assessment threshold)."
        )
        return
    if not holders:
        return
    d.missing.append(f"transfers[{t.id}].volumes.{ctx.as_of.year}.sensitive")
    d.reasons.append(
        f"Dataset(s) {', '.join(holders)} hold sensitive PI (sensitive categories or PI of "
        "children under 14, PIPL 28), but the transfer records no sensitive individuals: give the "
        "sensitive count (it has no exemption floor and counts towards the assessment threshold)."
    )


def _sensitive_named(ctx: Context, categories: list[str]) -> list[str]:
    """The categories the law data marks sensitive (without a caveat) among ``categories``."""
    mapping = ctx.law.mapping("pi_categories")
    return [
        c
        for c in categories
        if (mapping.get(c) or {}).get("sensitive")
        and not (mapping.get(c) or {}).get("needs_review")
    ]


def _scenario_exemption(d: Decision, prevail: Value) -> bool:
    t = d.transfer
    if t.scenario == Scenario.NO_PI_TRADE:
        d.reasons.append(
            "Scenario no_pi_trade, but the transfer carries PI: Art. 3 does not apply."
        )
        return False
    article = SCENARIO_ARTICLE.get(t.scenario)
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
