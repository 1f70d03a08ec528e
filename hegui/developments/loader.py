"""Load and cross-check the development records under ``hegui/developments/data/<yyyy-mm>/``.

Each record is checked on its own (:func:`hegui.developments.schema.parse_development`) and then
against the law data: its ``instrument_id``, ``parameters``, provinces and sectors must exist there
(a sector group id is replaced by its members, as in the law data), its file
name must equal its id and its month folder must match its date. Rule ids are checked against the
rule registry on request (``check_rules=True``), because rule packs land independently.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from pathlib import Path

from hegui.developments.parse import parse_development
from hegui.developments.schema import Development
from hegui.errors import LawDataError
from hegui.law.loader import Law, get_law
from hegui.law.sectors import vocabulary
from hegui.law.yamlio import load_yaml

DATA_DIR = Path(__file__).parent / "data"


def load_development_file(path: str | Path) -> Development:
    """Parse and validate one record file (without the cross-checks against the law data)."""
    p = Path(path)
    data = load_yaml(p, error=LawDataError)
    dev = parse_development(data, str(p))
    if p.stem != dev.id:
        raise LawDataError(
            f"file name {p.stem!r} must equal the id {dev.id!r}",
            path=p,
            line=dev.line_of("id"),
            field="id",
        )
    month = p.parent.name
    if len(month) == 7 and month[4] == "-" and dev.date.strftime("%Y-%m") != month:
        raise LawDataError(
            f"date {dev.date} does not fall in the folder's month {month}",
            path=p,
            line=dev.line_of("date"),
            field="date",
        )
    return dev


def load_developments(
    root: str | Path | None = None,
    *,
    law: Law | None = None,
    check_rules: bool = False,
) -> list[Development]:
    """Every record under ``root`` (a data directory, a month folder or one file), checked.

    Args:
        root: defaults to the bundled data directory.
        law: the law data to check instrument ids, parameters and provinces against.
        check_rules: also check that every listed rule id is registered.

    Returns:
        The developments ordered by date, then id.
    """
    base = Path(root) if root is not None else DATA_DIR
    if base.is_file():
        files = [base]
    elif base.is_dir():
        files = sorted(base.glob("*.yaml")) + sorted(base.glob("*/*.yaml"))
    else:
        raise LawDataError("no such file or directory", path=base)
    law = law or get_law()
    seen: dict[str, str] = {}
    out: list[Development] = []
    for path in files:
        dev = load_development_file(path)
        if dev.id in seen:
            raise LawDataError(
                f"duplicate development id {dev.id!r} (also in {seen[dev.id]})",
                path=path,
                line=dev.line_of("id"),
                field="id",
            )
        seen[dev.id] = str(path)
        check_against_law(dev, law)
        dev = _expand_sector_groups(dev, law)
        if check_rules:
            check_rule_ids(dev)
        out.append(dev)
    out.sort(key=lambda d: (d.date, d.id))
    return out


def check_against_law(dev: Development, law: Law) -> None:
    """Instrument id, parameters and provinces must exist in the law data."""
    if dev.instrument_id is not None and dev.instrument_id not in law.instruments:
        raise LawDataError(
            f"unknown instrument {dev.instrument_id!r} (no hegui/law/data/instruments/"
            f"{dev.instrument_id}.yaml)",
            path=dev.path,
            line=dev.line_of("instrument_id"),
            field="instrument_id",
        )
    for pid in dev.parameters:
        if pid not in law.parameters:
            raise LawDataError(
                f"unknown parameter {pid!r}",
                path=dev.path,
                line=dev.line_of("parameters"),
                field="parameters",
            )
    provinces = law.mapping("provinces")
    for key, values in (("regions", dev.regions), ("applies_when", dev.applies_when.provinces)):
        for value in values:
            if value not in provinces:
                raise LawDataError(
                    f"unknown province id {value!r} (see mappings/provinces.yaml)",
                    path=dev.path,
                    line=dev.line_of(key),
                    field=key if key == "regions" else "applies_when.provinces",
                )
    _check_sectors(dev, law)
    _check_region_scope(dev)


def _check_sectors(dev: Development, law: Law) -> None:
    """Sector ids must be in mappings/sectors.yaml: applicability matches them exactly."""
    vocab = vocabulary(law)
    if vocab is None:
        return
    for key, values in (("sectors", dev.sectors), ("applies_when", dev.applies_when.sectors)):
        for value in values:
            message = vocab.data_problem(value)
            if message:
                raise LawDataError(
                    message,
                    path=dev.path,
                    line=dev.line_of(key),
                    field=key if key == "sectors" else "applies_when.sectors",
                )


def _expand_sector_groups(dev: Development, law: Law) -> Development:
    """A group id (e.g. pboc_business_fields) stands for its members, as in the law data."""
    vocab = vocabulary(law)
    if vocab is None:
        return dev
    cond = replace(dev.applies_when, sectors=tuple(vocab.expand(dev.applies_when.sectors)))
    return replace(dev, sectors=tuple(vocab.expand(dev.sectors)), applies_when=cond)


def _check_region_scope(dev: Development) -> None:
    """A regional record must limit ``applies_when`` to its regions, or it applies everywhere."""
    if not dev.regions:
        return
    cond = dev.applies_when
    if not cond.provinces and not cond.ftz:
        raise LawDataError(
            f"regions names {', '.join(dev.regions)} but applies_when has no provinces or ftz: "
            "the record would apply to entities in every province",
            path=dev.path,
            line=dev.line_of("applies_when"),
            field="applies_when",
        )
    outside = [p for p in cond.provinces if p not in dev.regions]
    if outside:
        raise LawDataError(
            f"province {', '.join(outside)} is not in regions ({', '.join(dev.regions)})",
            path=dev.path,
            line=dev.line_of("applies_when"),
            field="applies_when.provinces",
        )


def check_rule_ids(dev: Development) -> None:
    """Every id in ``rules`` must be a registered rule."""
    from hegui.rules.registry import all_rules

    known = all_rules()
    for rid in dev.rules:
        if rid not in known:
            raise LawDataError(
                f"unknown rule id {rid!r} (move it to pending_rules until the rule exists)",
                path=dev.path,
                line=dev.line_of("rules"),
                field="rules",
            )


@functools.lru_cache(maxsize=1)
def bundled_developments() -> tuple[Development, ...]:
    """The bundled records, loaded once per process."""
    return tuple(load_developments())


def in_window(
    devs: list[Development] | tuple[Development, ...], start: dt.date, end: dt.date
) -> list[Development]:
    """Developments published (``date``) from ``start`` to ``end`` inclusive."""
    return [d for d in devs if start <= d.date <= end]
