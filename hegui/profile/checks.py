"""Checks of a validated profile against hegui's vocabulary and between its own facts.

Pydantic checks each value's type and range; the checks here need the law data (known PI
categories, provinces, FTZ scenarios) or compare facts with each other (dates, counts,
references). A typo must not silently drop a fact, so an unknown id is an error that suggests the
closest known one. Each problem carries a pydantic-style location so that the loader can name the
file, line and field.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from hegui.law.loader import Law
from hegui.law.sectors import vocabulary
from hegui.profile.models import Dataset, Mechanism, Profile, Transfer

# Reference fields of profile sections (at any depth) and the id list each must name.
_REFERENCES = {"entity": "entity", "system": "system", "dataset": "dataset"}
# A custom PI category label this close to a known id is taken to be a typo of it.
_TYPO_CUTOFF = 0.85
# How close a known value must be to be offered as "did you mean".
_SUGGEST_CUTOFF = 0.6


@dataclass(frozen=True)
class Problem:
    """One fact that cannot be right: where it is (pydantic-style) and why."""

    loc: tuple[str | int, ...]
    message: str


def check_profile(profile: Profile, law: Law) -> list[Problem]:
    """Every problem of ``profile`` that its model alone cannot see, grouped by check."""
    problems: list[Problem] = []
    problems += _provinces(profile, law)
    problems += _sectors(profile, law)
    problems += _categories(profile, law)
    problems += _ftz_scenarios(profile, law)
    problems += _app_data_types(profile, law)
    problems += _counts_and_dates(profile)
    problems += _references(profile)
    return problems


def unknown(kind: str, value: object, known: Iterable[str], *, list_known: bool = True) -> str:
    """``unknown <kind> 'x' (did you mean 'y'?; known: ...)``."""
    choices = sorted(set(known))
    message = f"unknown {kind} {value!r}"
    hints = []
    best = difflib.get_close_matches(str(value), choices, n=1, cutoff=_SUGGEST_CUTOFF)
    if best:
        hints.append(f"did you mean {best[0]!r}?")
    if list_known:
        hints.append(f"known: {', '.join(choices) or 'none'}")
    return message + (f" ({'; '.join(hints)})" if hints else "")


def _provinces(profile: Profile, law: Law) -> Iterator[Problem]:
    provinces = law.mapping("provinces")
    for i, e in enumerate(profile.entities):
        if e.province not in provinces:
            yield Problem(("entities", i, "province"), unknown("province", e.province, provinces))


def _sectors(profile: Profile, law: Law) -> Iterator[Problem]:
    """Sector ids (any case, or an alias) must be known: regimes match them exactly."""
    vocab = vocabulary(law)
    if vocab is None:
        return
    for i, e in enumerate(profile.entities):
        for j, sector in enumerate(e.sectors):
            message = vocab.problem(sector)
            if message:
                yield Problem(("entities", i, "sectors", j), message)


def _categories(profile: Profile, law: Law) -> Iterator[Problem]:
    """PI categories: sensitive ones must be known; custom labels elsewhere must not be typos."""
    mapping = law.mapping("pi_categories")
    known = set(mapping)
    # Sensitive by the law data without a caveat (identity_document's sensitivity is a choice
    # between two standards, marked needs_review there, so it may stay ordinary).
    sensitive = {k for k, v in mapping.items() if v.get("sensitive") and not v.get("needs_review")}
    for i, ds in enumerate(profile.datasets):
        for j, cat in enumerate(ds.pi_categories):
            # Rules read sensitivity from sensitive_categories only: listed here alone, health data
            # would be counted as ordinary PI (e.g. an export "exempt" below 100,000 people).
            if cat in sensitive and cat not in ds.sensitive_categories:
                yield Problem(
                    ("datasets", i, "pi_categories", j),
                    f"{cat!r} is sensitive PI ({mapping[cat]['name']['en']}; PIPL 28): list it "
                    "under sensitive_categories too",
                )
        # Whether PI is sensitive is the law's question: only its categories carry that meaning.
        for j, cat in enumerate(ds.sensitive_categories):
            if cat not in known:
                loc = ("datasets", i, "sensitive_categories", j)
                yield Problem(loc, unknown("sensitive PI category", cat, known))
        # Descriptive labels (basic_profile, contact ...) are allowed, near-misses of ids are not.
        for j, cat in enumerate(ds.pi_categories):
            typo = _typo(cat, known)
            if typo is not None:
                loc = ("datasets", i, "pi_categories", j)
                yield Problem(
                    loc,
                    f"PI category {cat!r} is not known but close to {typo!r}: use {typo!r}, or a "
                    "label that is not a near-miss of a known category",
                )
    by_id = {ds.id: ds for ds in profile.datasets}
    for i, t in enumerate(profile.transfers):
        sources = [by_id[d] for d in t.datasets if d in by_id] or profile.datasets
        labels = {c for ds in sources for c in (*ds.pi_categories, *ds.sensitive_categories)}
        for j, cat in enumerate(t.data_categories):
            if cat in known or cat in labels:
                continue
            where = "its datasets" if t.datasets else "any dataset"
            yield Problem(
                ("transfers", i, "data_categories", j),
                unknown("data category", cat, known | labels, list_known=False)
                + f": name a known PI category or a category of {where}",
            )


def _typo(value: str, known: set[str]) -> str | None:
    if value in known:
        return None
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=_TYPO_CUTOFF)
    return close[0] if close else None


def _ftz_scenarios(profile: Profile, law: Law) -> Iterator[Problem]:
    known = {
        f"{sector_id}.{scenario_id}"
        for zone in law.mapping("ftz_negative_lists").values()
        for sector_id, sector in zone.get("sectors", {}).items()
        for scenario_id in sector.get("scenarios", {})
    }
    for i, t in enumerate(profile.transfers):
        if t.ftz_scenario is not None and t.ftz_scenario not in known:
            loc = ("transfers", i, "ftz_scenario")
            yield Problem(loc, unknown("FTZ scenario", t.ftz_scenario, known))


def _app_data_types(profile: Profile, law: Law) -> Iterator[Problem]:
    """App data types decide which duties (sensitive-PI consent, identifiers) apply: ids only.

    SDKs' ``collects`` may also name things the vocabulary lacks (``oaid``), but not near-misses.
    """
    known = set(law.mapping("android_permissions")["data_types"])
    for i, app in enumerate(profile.apps):
        for j, perm in enumerate(app.permissions):
            if perm.data_type is not None and perm.data_type not in known:
                loc = ("apps", i, "permissions", j, "data_type")
                yield Problem(loc, unknown("app data type", perm.data_type, known))
        for name in ("reads_data_types", "reads_immutable_identifiers"):
            for j, value in enumerate(getattr(app, name)):
                if value not in known:
                    yield Problem(("apps", i, name, j), unknown("app data type", value, known))
        for j, sdk in enumerate(app.sdks):
            for k, value in enumerate(sdk.collects):
                typo = _typo(value, known)
                if typo is not None:
                    yield Problem(
                        ("apps", i, "sdks", j, "collects", k),
                        f"data type {value!r} is not known but close to {typo!r}: use {typo!r}",
                    )


def _counts_and_dates(profile: Profile) -> Iterator[Problem]:
    """Facts that contradict each other: the profile cannot be right as it stands."""
    processed = {e.id: e.individuals_processed for e in profile.entities}
    for i, ds in enumerate(profile.datasets):
        u14, u18, total = ds.minors_under_14, ds.minors_under_18, ds.individuals
        limit = processed.get(ds.entity) if ds.entity else None
        if total is not None and limit is not None and total > limit:
            # The entity's count decides volume duties (PI officer, NDSMR Art. 28 ...).
            yield Problem(
                ("datasets", i, "individuals"),
                f"individuals ({total}) is more than entity {ds.entity}'s individuals_processed "
                f"({limit}): the entity processes at least every dataset's individuals",
            )
        if u14 is not None and u18 is not None and u14 > u18:
            yield Problem(
                ("datasets", i, "minors_under_14"),
                f"minors_under_14 ({u14}) is more than minors_under_18 ({u18}): children under 14 "
                "are also under 18",
            )
        for name, count in (("minors_under_18", u18), ("minors_under_14", u14)):
            if count is not None and total is not None and count > total:
                yield Problem(
                    ("datasets", i, name),
                    f"{name} ({count}) is more than individuals ({total})",
                )
                break
        yield from _no_pi_dataset(i, ds)
        yield from _designation(i, ds)
    for i, t in enumerate(profile.transfers):
        if t.start_date is not None and t.end_date is not None and t.end_date < t.start_date:
            yield Problem(
                ("transfers", i, "end_date"),
                f"end_date {t.end_date.isoformat()} is before start_date "
                f"{t.start_date.isoformat()}",
            )
        yield from _transfer_volumes(i, t)
        yield from _mechanism_dates(i, t.mechanism)


def _no_pi_dataset(i: int, ds: Dataset) -> Iterator[Problem]:
    """``contains_pi: false`` beside sensitive categories or minors' counts cannot both be true
    (rules would trust the flag and drop the sensitive and minors' duties)."""
    if ds.contains_pi is not False:
        return
    said = [f"sensitive_categories {ds.sensitive_categories}"] if ds.sensitive_categories else []
    said += [
        f"{name} ({count})"
        for name, count in (
            ("minors_under_14", ds.minors_under_14),
            ("minors_under_18", ds.minors_under_18),
        )
        if count
    ]
    if said:
        yield Problem(
            ("datasets", i, "contains_pi"),
            f"contains_pi is false, but the dataset lists {' and '.join(said)}: remove one",
        )


def _designation(i: int, ds: Dataset) -> Iterator[Problem]:
    """A notification date or core status means designated (``designated`` defaults to false,
    so without this the data would silently count as ordinary data)."""
    imp = ds.important_data
    if imp.designated:
        return
    said = f"notified_on {imp.notified_on.isoformat()} is given" if imp.notified_on else None
    if said is None and imp.core:
        said = "core is true"
    if said is not None:
        yield Problem(
            ("datasets", i, "important_data", "designated"),
            f"{said}, but designated is false (the default): set designated: true if the data "
            "was notified or published as important (or core) data, or use self_identified",
        )


def _transfer_volumes(i: int, t: Transfer) -> Iterator[Problem]:
    """Volumes must fit the transfer: no individuals in a no-PI flow, planned dates in their year."""
    for year, v in sorted(t.volumes.items()):
        counts = {
            "non_sensitive": v.non_sensitive,
            "sensitive": v.sensitive or 0,
            "planned_non_sensitive": v.planned_non_sensitive,
            "planned_sensitive": v.planned_sensitive,
        }
        sent = {k: n for k, n in counts.items() if n}
        if not t.contains_pi and sent:
            # The route rule trusts contains_pi and would call the flow "no mechanism needed".
            listed = ", ".join(f"{k}: {n}" for k, n in sent.items())
            yield Problem(
                ("transfers", i, "contains_pi"),
                f"contains_pi is false, but volumes.{year} counts individuals ({listed}): a flow "
                "that sends individuals' data carries PI",
            )
            return
        outside = _outside_run(t, year)
        if sent and outside:
            yield Problem(
                ("transfers", i, "volumes", year),
                f"volumes.{year} counts individuals, but the transfer {outside}: fix the year "
                "or the dates (the counts decide the route for their year)",
            )
        if v.planned_on is not None and v.planned_on.year != year:
            yield Problem(
                ("transfers", i, "volumes", year, "planned_on"),
                f"planned_on {v.planned_on.isoformat()} is not in {year}: list the planned "
                f"volume under {v.planned_on.year} (counts run per calendar year)",
            )


def _outside_run(t: Transfer, year: int) -> str | None:
    """Why ``year`` lies outside the transfer's start and end dates, or None."""
    if t.start_date is not None and year < t.start_date.year:
        return f"starts later (start_date {t.start_date.isoformat()})"
    if t.end_date is not None and year > t.end_date.year:
        return f"had ended (end_date {t.end_date.isoformat()})"
    return None


# Which mechanism types each dated field belongs to (the rules read a field only for its types).
_MECHANISM_FIELDS = {
    "contract_effective": ("standard_contract",),
    "filed_on": ("standard_contract",),
    "applied_on": ("security_assessment",),
    "approved_on": ("security_assessment",),
    "certificate_issued": ("certification",),
    "valid_until": ("security_assessment", "certification"),
    "renewal_applied_on": ("security_assessment", "certification"),
}


def _mechanism_dates(i: int, m: Mechanism) -> Iterator[Problem]:
    """Dates belong to the mechanism's type; an assessment result is applied for, then issued,
    then valid until a later day."""
    given = [name for name in _MECHANISM_FIELDS if getattr(m, name) is not None]
    kind = m.type.value
    if given and kind == "none":
        yield Problem(
            ("transfers", i, "mechanism", given[0]),
            f"mechanism type is 'none' (the default), but it gives {', '.join(given)}: set "
            "mechanism.type (standard_contract, security_assessment or certification)",
        )
        return
    alien = [name for name in given if kind not in _MECHANISM_FIELDS[name]]
    if alien:
        owners = sorted({t for name in alien for t in _MECHANISM_FIELDS[name]})
        yield Problem(
            ("transfers", i, "mechanism", alien[0]),
            f"{', '.join(alien)} {'is a date' if len(alien) == 1 else 'are dates'} of a "
            f"{' or '.join(owners)}, not of a {kind}: fix "
            "mechanism.type or remove them (a transfer records the mechanism in place now)",
        )
        return
    order = [("applied_on", m.applied_on), ("approved_on", m.approved_on)]
    order.append(("valid_until", m.valid_until))
    known = [(name, day) for name, day in order if day is not None]
    for (before, early), (after, late) in itertools.pairwise(known):
        if late < early:
            yield Problem(
                ("transfers", i, "mechanism", after),
                f"{after} {late.isoformat()} is before {before} {early.isoformat()}",
            )


def _references(profile: Profile) -> Iterator[Problem]:
    """Every ``entity``, ``system`` and ``dataset`` field names an id the profile defines."""
    ids = {
        "entity": [e.id for e in profile.entities],
        "system": [s.id for s in profile.systems],
        "dataset": [d.id for d in profile.datasets],
    }
    for i, s in enumerate(profile.systems):
        for j, ds in enumerate(s.datasets):
            if ds not in ids["dataset"]:
                yield Problem(("systems", i, "datasets", j), unknown("dataset", ds, ids["dataset"]))
    yield from _walk(profile, (), ids)


def _walk(
    model: BaseModel, loc: tuple[str | int, ...], ids: dict[str, list[str]]
) -> Iterator[Problem]:
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        kind = _REFERENCES.get(name)
        if kind is not None and isinstance(value, str) and value not in ids[kind]:
            yield Problem((*loc, name), unknown(kind, value, ids[kind]))
        elif isinstance(value, BaseModel):
            yield from _walk(value, (*loc, name), ids)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*loc, name, i), ids)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*loc, name, key), ids)
