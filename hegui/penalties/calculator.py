"""Penalty exposure: the statutory range of a violation and the CAC discretion band within it.

Order of reasoning: (1) the version of the provision in force on ``as_of``; (2) the statutory tier,
chosen by statutory circumstances (refused to correct, serious, ...); (3) the discretion tier
(no penalty / mitigated / lenient / standard / aggravated), chosen by the CAC benchmark's
circumstances in force (or proposed) on ``as_of``; (4) the band: lenient ``[min, min + a*span]``,
standard ``[min + a*span, min + b*span]``, aggravated ``[min + b*span, max]`` with a, b from
``parameters/penalties``; mitigated is below the statutory minimum. Before the benchmark existed the
band is the whole statutory range.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hegui.law.deadlines import SHANGHAI
from hegui.law.loader import Law, Value, get_law
from hegui.models import Text
from hegui.penalties.models import (
    TIER_LABELS,
    FineBand,
    PenaltyError,
    PenaltyExposure,
    ViolationInfo,
)
from hegui.profile.models import Profile

MAPPING = "penalty_provisions"
_CAP_NOTE = (
    "The text sets a cap with no minimum: hegui reads the range as 0 to the cap (worked example 12); "
    "the CAC benchmark's treatment of caps was not found (legal-facts.md 6e)"
)
_TURNOVER_NOTE = (
    "The text sets two alternative caps (a fixed amount or a share of the prior year's turnover) "
    "with no minimum; the regulator chooses. hegui shows both bands and does not compute max(...) "
    "as settled law (legal-facts.md 6a/6e)"
)


def list_violations(as_of: dt.date | None = None, *, law: Law | None = None) -> list[ViolationInfo]:
    """The violation catalogue; with ``as_of``, only violations with a version on that date."""
    law = law or get_law()
    entries = law.mapping(MAPPING)
    out = []
    for vid, v in entries["violations"].items():
        if as_of is not None and _version(v, as_of) is None:
            continue
        provisions = [
            f"{ver['since']}..{ver.get('until') or ''}: {ver['provision']['en']}"
            for ver in v["versions"]
        ]
        triggers = sorted(
            {t for ver in v["versions"] for tier in ver.get("tiers", []) for t in tier["triggers"]}
        )
        out.append(
            ViolationInfo(
                id=vid,
                title=Text(**v["title"]),
                provisions=provisions,
                statutory_circumstances=triggers,
            )
        )
    return out


def known_circumstances(law: Law | None = None) -> dict[str, Text]:
    """Every circumstance id hegui understands (statutory and discretion), with its label."""
    law = law or get_law()
    out = {k: Text(**t) for k, t in law.mapping(MAPPING)["statutory_circumstances"].items()}
    param = law.parameters["penalties.discretion_circumstances"]
    for value in param.values:
        if value is not None:
            for k, c in value.value.items():
                out.setdefault(k, Text(zh=c["zh"], en=c["en"]))
    return out


def penalty_exposure(
    violation_id: str,
    circumstances: list[str] | tuple[str, ...] = (),
    profile: Profile | None = None,
    entity: str | None = None,
    as_of: dt.date | None = None,
    *,
    illegal_gains_cny: int | None = None,
    law: Law | None = None,
) -> PenaltyExposure:
    """Tier, bands (organisation and responsible persons), other sanctions and reasoning."""
    law = law or get_law()
    if as_of is None:
        as_of = dt.datetime.now(SHANGHAI).date()
    entries = law.mapping(MAPPING)
    violations = entries["violations"]
    if violation_id not in violations:
        raise PenaltyError(
            f"unknown violation {violation_id!r} (known: {', '.join(sorted(violations))})",
            field="--violation",
        )
    known = known_circumstances(law)
    circs = list(dict.fromkeys(circumstances))
    for c in circs:
        if c not in known:
            raise PenaltyError(
                f"unknown circumstance {c!r} (known: {', '.join(sorted(known))})",
                field="--circumstance",
            )
    if illegal_gains_cny is not None and illegal_gains_cny < 0:
        raise PenaltyError("illegal gains must not be negative", field="illegal_gains_cny")
    v = violations[violation_id]
    version = _version(v, as_of)
    if version is None:
        dates = ", ".join(f"{x['since']}" for x in v["versions"])
        raise PenaltyError(
            f"{violation_id} has no provision in force on {as_of} (versions from {dates})",
            field="--as-of",
        )
    citations = [law.cite(r["instrument"], r.get("article")) for r in version["reference"]]
    result = PenaltyExposure(
        violation_id=violation_id,
        title=Text(**v["title"]),
        as_of=as_of,
        provision=Text(**version["provision"]),
        statutory_tier="unknown",
        statutory_tier_label=Text(zh="未知", en="unknown"),
        circumstances=circs,
        citations=citations,
    )
    result.reasoning.append(f"On {as_of} the provision in force is {version['provision']['en']}.")
    if version.get("needs_review"):
        result.needs_review.append(version["needs_review"])
    if "unknown" in version:
        result.needs_review.append(version["unknown"])
        result.reasoning.append("hegui cannot compute a band: the provision's amounts are unknown.")
        return result
    tier = _statutory_tier(version["tiers"], circs)
    result.statutory_tier = tier["id"]
    result.statutory_tier_label = Text(**tier["label"])
    result.reasoning.append(_tier_reason(tier, circs))
    _ignored_statutory(entries, version, result, circs)
    _discretion(law, result, circs, as_of)
    ratios = _ratios(law, as_of)
    org = tier.get("organisation") or {"none": True}
    turnover = _turnover(result, profile, entity, needed="turnover_pct" in org)
    requires = tier.get("fine_requires")
    if requires and not set(requires) & set(circs):
        # e.g. PIPL 66(1): both fines follow "拒不改正的" in the same sentence.
        result.reasoning.append(
            f"No fine in this tier (organisation or persons) unless {' or '.join(requires)}; "
            "only the other sanctions apply."
        )
        fines_apply = False
    else:
        fines_apply = True
    if fines_apply and org.get("none"):
        result.reasoning.append("This tier carries no fine on the organisation.")
    elif fines_apply:
        result.organisation = _fines(org, result, ratios, turnover, illegal_gains_cny)
    if illegal_gains_cny is not None and "gains_multiple" not in org:
        result.reasoning.append(
            f"Illegal gains (CNY {illegal_gains_cny:,}) ignored: this tier sets no fine in "
            "multiples of gains (confiscation, if listed, still applies)."
        )
    if fines_apply and tier.get("persons"):
        result.persons = _fines(tier["persons"], result, ratios, None, None)
        if result.discretion_tier != "no_penalty":
            result.reasoning.append(
                "Directly responsible persons are fined separately within their own range."
            )
    sanctions = entries["sanctions"]
    for sid in [*version.get("base_sanctions", []), *tier.get("sanctions", [])]:
        text = Text(**sanctions[sid])
        if text not in result.other_sanctions:
            result.other_sanctions.append(text)
    return result


def _version(v: dict[str, Any], as_of: dt.date) -> dict[str, Any] | None:
    for ver in v["versions"]:
        if ver["since"] <= as_of and (ver.get("until") is None or as_of < ver["until"]):
            return ver
    return None


def _statutory_tier(tiers: list[dict[str, Any]], circs: list[str]) -> dict[str, Any]:
    chosen = tiers[0]
    for tier in tiers[1:]:
        if set(tier["triggers"]) & set(circs):
            chosen = tier
    return chosen


def _ignored_statutory(
    entries: dict[str, Any], version: dict[str, Any], result: PenaltyExposure, circs: list[str]
) -> None:
    """Say so when a statutory circumstance given is not one this provision's tiers turn on."""
    used = sorted({t for tier in version["tiers"] for t in tier["triggers"]})
    foreign = [c for c in circs if c in entries["statutory_circumstances"] and c not in used]
    if foreign:
        names = ", ".join(f"'{c}'" for c in foreign)
        turns_on = ", ".join(used) or "no circumstance (one tier)"
        result.reasoning.append(
            f"Circumstance {names} ignored: {version['provision']['en']} turns on {turns_on}."
        )


def _tier_reason(tier: dict[str, Any], circs: list[str]) -> str:
    hit = sorted(set(tier["triggers"]) & set(circs))
    if hit:
        return f"Statutory tier '{tier['id']}' because of: {', '.join(hit)}."
    return f"Statutory tier '{tier['id']}': no circumstance triggers a higher statutory tier."


def _discretion(law: Law, result: PenaltyExposure, circs: list[str], as_of: dt.date) -> None:
    pid = "penalties.discretion_circumstances"
    mapping = law.parameter_or_none(pid, as_of)
    statutory = law.mapping(MAPPING)["statutory_circumstances"]
    discretionary = [c for c in circs if c not in statutory]
    if mapping is None:
        first = law.parameters[pid].dates[0]
        result.reasoning.append(
            f"No CAC discretion benchmark on {as_of} (the draft dates from {first}): "
            "the band is the whole statutory range."
        )
        if discretionary:
            names = ", ".join(f"'{c}'" for c in discretionary)
            result.reasoning.append(f"Circumstance {names} ignored: no benchmark on {as_of}.")
        return
    unknown = [c for c in discretionary if c not in mapping.value]
    if unknown:
        names = ", ".join(f"'{c}'" for c in unknown)
        state = "as proposed" if mapping.proposed else "in force"
        result.reasoning.append(
            f"Circumstance {names} ignored: not in the CAC discretion benchmark {state} on {as_of}."
        )
    result.benchmark = mapping.citations[0]
    result.proposed = mapping.proposed
    if mapping.needs_review:
        result.needs_review.append(f"{mapping.parameter}: {mapping.needs_review}")
    effects: dict[str, list[str]] = {}
    for c in circs:
        entry = mapping.value.get(c)
        if entry is not None:
            effects.setdefault(entry["effect"], []).append(c)
    lighter = [e for e in ("no_penalty", "mitigated", "lenient") if e in effects]
    if "aggravated" in effects and lighter:
        tier = "standard"
        result.needs_review.append(
            "Both aggravating and lighter circumstances apply: the authority weighs them; "
            "hegui shows the standard band"
        )
    elif "aggravated" in effects:
        tier = "aggravated"
    elif lighter:
        tier = lighter[0]
    else:
        tier = "standard"
    result.discretion_tier = tier
    result.discretion_tier_label = TIER_LABELS[tier]
    status = "proposed (draft)" if mapping.proposed else "in force"
    why = ", ".join(c for e in effects.values() for c in e) or "no lighter or heavier circumstance"
    result.reasoning.append(f"CAC discretion benchmark {status} on {as_of}: tier '{tier}' ({why}).")
    if tier == "no_penalty":
        result.reasoning.append("No administrative penalty; an order to correct may still issue.")


def _ratios(law: Law, as_of: dt.date) -> tuple[Value, Value] | None:
    lo = law.parameter_or_none("penalties.band_lenient_upper", as_of)
    hi = law.parameter_or_none("penalties.band_aggravated_lower", as_of)
    return None if lo is None or hi is None else (lo, hi)


def _turnover(
    result: PenaltyExposure, profile: Profile | None, entity: str | None, *, needed: bool
) -> int | None:
    if profile is None:
        return None
    if entity is None:
        if len(profile.entities) != 1 and not needed:
            # No turnover-based fine in this tier: which entity does not matter.
            return None
        if len(profile.entities) != 1:
            raise PenaltyError(
                "the profile has several entities: name one with --entity", field="--entity"
            )
        entity = profile.entities[0].id
    ids = [e.id for e in profile.entities]
    if entity not in ids:
        raise PenaltyError(f"unknown entity {entity!r} (known: {', '.join(ids)})", field="--entity")
    return profile.entity(entity).turnover_prior_year_cny


def _fines(
    spec: dict[str, Any],
    result: PenaltyExposure,
    ratios: tuple[Value, Value] | None,
    turnover: int | None,
    gains: int | None,
) -> list[FineBand]:
    optional = bool(spec.get("optional"))
    if "gains_multiple" in spec:
        floor = spec.get("gains_floor")
        if gains is not None and gains > 0 and (floor is None or gains >= floor):
            m = spec["gains_multiple"]
            lo, hi = _band(Decimal(str(m["min"])), Decimal(str(m["max"])), result, ratios)
            return [
                FineBand(
                    label=Text(zh="违法所得的倍数", en="Multiple of illegal gains"),
                    basis="gains_multiple",
                    statutory_min=_cny(Decimal(m["min"]) * gains),
                    statutory_max=_cny(Decimal(m["max"]) * gains),
                    multiple_min=float(lo),
                    multiple_max=float(hi),
                    band_min=_cny(lo * gains),
                    band_max=_cny(hi * gains),
                    optional=optional,
                )
            ]
        if gains is None:
            result.missing.append("illegal_gains_cny")
            result.reasoning.append(
                "Illegal gains unknown: showing the amount that applies without (or with small) gains."
            )
        other = dict(spec["otherwise"])
        other.setdefault("optional", optional)
        return _fines(other, result, ratios, turnover, None)
    if "turnover_pct" in spec:
        bands = [_range_band(Decimal(0), Decimal(spec["cap"]), "cap", optional, result, ratios)]
        result.needs_review.append(_TURNOVER_NOTE)
        if turnover is None:
            result.missing.append("entities[].turnover_prior_year_cny")
        else:
            cap = Decimal(spec["turnover_pct"]) * turnover / 100
            band = _range_band(Decimal(0), cap, "turnover", optional, result, ratios)
            band.label = Text(
                zh=f"上一年度营业额的{spec['turnover_pct']}%",
                en=f"{spec['turnover_pct']}% of prior-year turnover (CNY {turnover:,})",
            )
            bands.append(band)
        return bands
    if "cap" in spec:
        result.needs_review.append(_CAP_NOTE)
        return [_range_band(Decimal(0), Decimal(spec["cap"]), "cap", optional, result, ratios)]
    return [
        _range_band(Decimal(spec["min"]), Decimal(spec["max"]), "range", optional, result, ratios)
    ]


def _range_band(
    lo: Decimal,
    hi: Decimal,
    basis: str,
    optional: bool,
    result: PenaltyExposure,
    ratios: tuple[Value, Value] | None,
) -> FineBand:
    band_lo, band_hi = _band(lo, hi, result, ratios)
    notes = []
    if optional:
        notes.append("The law says 'may fine': a warning without a fine is also lawful.")
    if result.discretion_tier == "mitigated" and lo == 0:
        notes.append("No statutory minimum: a mitigated fine cannot go lower; shown as 0.")
    label = (
        Text(zh="法定幅度", en="Statutory range")
        if basis == "range"
        else Text(zh="最高额（无最低额）", en="Cap (no minimum)")
    )
    return FineBand(
        label=label,
        basis=basis,
        statutory_min=_cny(lo),
        statutory_max=_cny(hi),
        band_min=_cny(band_lo),
        band_max=_cny(band_hi),
        optional=optional,
        notes=notes,
    )


def _band(
    lo: Decimal, hi: Decimal, result: PenaltyExposure, ratios: tuple[Value, Value] | None
) -> tuple[Decimal, Decimal]:
    tier = result.discretion_tier
    if tier is None or ratios is None:
        return lo, hi
    a, b = (Decimal(str(r.value)) for r in ratios)
    for r in ratios:
        note = f"{r.parameter}: {r.needs_review}" if r.needs_review else None
        if note and note not in result.needs_review:
            result.needs_review.append(note)
    span = hi - lo
    if tier == "no_penalty":
        return Decimal(0), Decimal(0)
    if tier == "mitigated":
        return Decimal(0), lo
    if tier == "lenient":
        return lo, lo + a * span
    if tier == "aggravated":
        return lo + b * span, hi
    return lo + a * span, lo + b * span


def _cny(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
