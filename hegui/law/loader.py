"""Load and check the law data: instruments, dated parameters and mappings.

``get_law()`` returns the bundled law, loaded once and checked as a whole: every citation must name
an instrument and article that exist. ``Law.parameter(id, as_of)`` reads a dated value.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hegui.errors import LawDataError, ParameterNotFoundError, UnknownCitationError
from hegui.law import schema as s
from hegui.law.sectors import check_law_sectors
from hegui.law.yamlio import LineDict, LineList, load_yaml, plain
from hegui.models import Citation, Text

DATA_DIR = Path(__file__).parent / "data"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Value:
    """A parameter's value on a date, with the citations and caveats it carries."""

    parameter: str
    value: Any
    since: dt.date
    until: dt.date | None
    citations: tuple[Citation, ...]
    needs_review: str | None
    proposed: bool
    unit: str


class Law:
    """The checked body of law data."""

    def __init__(
        self,
        instruments: dict[str, s.Instrument],
        parameters: dict[str, s.Parameter],
        mappings: dict[str, s.Mapping],
    ) -> None:
        self.instruments = instruments
        self.parameters = parameters
        self.mappings = mappings
        self._check_citations()
        # Sector ids in mappings and parameters must be known; group ids become their members.
        check_law_sectors(self)

    # --- loading -------------------------------------------------------------------------------

    @classmethod
    def from_directory(cls, root: str | Path) -> Law:
        """Load every law file under ``root`` (instruments/, parameters/, mappings/)."""
        root = Path(root)
        instruments: dict[str, s.Instrument] = {}
        for path in sorted((root / "instruments").glob("*.yaml")):
            inst = _load_instrument(path)
            instruments[inst.id] = inst
        parameters: dict[str, s.Parameter] = {}
        for path in sorted((root / "parameters").glob("*/*.yaml")):
            param = _load_parameter(path, f"{path.parent.name}.{path.stem}")
            parameters[param.id] = param
        mappings: dict[str, s.Mapping] = {}
        for path in sorted((root / "mappings").glob("*.yaml")):
            mapping = _load_mapping(path)
            mappings[mapping.id] = mapping
        return cls(instruments, parameters, mappings)

    def _check_citations(self) -> None:
        for param in self.parameters.values():
            for value in param.values:
                if value is not None:
                    for raw in value.reference:
                        self._resolve(raw)
        for mapping in self.mappings.values():
            for raw in mapping.citations:
                self._resolve(raw)

    def _resolve(self, raw: s.RawCitation) -> Citation:
        try:
            return self.cite(raw.instrument, raw.article)
        except UnknownCitationError as exc:
            raise UnknownCitationError(
                exc.message, path=raw.path, line=raw.line, field="reference"
            ) from None

    # --- queries -------------------------------------------------------------------------------

    def instrument(self, instrument_id: str) -> s.Instrument:
        try:
            return self.instruments[instrument_id]
        except KeyError:
            raise UnknownCitationError(f"unknown instrument {instrument_id!r}") from None

    def cite(self, instrument_id: str, article: str | int | None = None) -> Citation:
        """Resolve a citation; raises UnknownCitationError for an unknown instrument or article."""
        inst = self.instrument(instrument_id)
        art = None if article is None else str(article)
        if art is not None and art not in inst.articles:
            raise UnknownCitationError(
                f"instrument {instrument_id!r} has no article {art!r} in the law data "
                f"(known: {', '.join(sorted(inst.articles)) or 'none'})"
            )
        return Citation(
            instrument=inst.id,
            article=art,
            name=inst.name,
            short=inst.short,
            effective=inst.effective,
            status=inst.status,
            url=inst.source,
            kind=inst.kind,
        )

    def parameter(self, parameter_id: str, as_of: dt.date) -> Value:
        """The value of a parameter on ``as_of``; ParameterNotFoundError if none holds then."""
        value = self.parameter_or_none(parameter_id, as_of)
        if value is None:
            param = self.parameters[parameter_id]
            raise ParameterNotFoundError(
                f"parameter {parameter_id!r} has no value on {as_of.isoformat()}", path=param.path
            )
        return value

    def parameter_or_none(self, parameter_id: str, as_of: dt.date) -> Value | None:
        """Like :meth:`parameter` but returns None where no value holds (before start, after end)."""
        try:
            param = self.parameters[parameter_id]
        except KeyError:
            raise ParameterNotFoundError(f"unknown parameter {parameter_id!r}") from None
        chosen: s.ParameterValue | None = None
        until: dt.date | None = None
        found = False
        for date, value in zip(param.dates, param.values, strict=True):
            if date <= as_of:
                chosen = value
                found = True
            elif found:
                until = date
                break
        if not found or chosen is None:
            return None
        citations = tuple(self._resolve(r) for r in chosen.reference)
        proposed = all(c.status == "draft" for c in citations)
        return Value(
            parameter=param.id,
            value=chosen.value,
            since=chosen.since,
            until=until,
            citations=citations,
            needs_review=chosen.needs_review,
            proposed=proposed,
            unit=param.unit,
        )

    def parameter_dates(self, parameter_id: str) -> tuple[dt.date, ...]:
        """The dates on which a parameter's value changes (for scenario tests and diffs)."""
        return self.parameters[parameter_id].dates

    def mapping(self, mapping_id: str) -> Any:
        """The ``entries`` of a mapping file."""
        try:
            return self.mappings[mapping_id].entries
        except KeyError:
            raise LawDataError(f"unknown mapping {mapping_id!r}") from None

    def text(self, parameter_id: str) -> Text:
        return self.parameters[parameter_id].description


# --- file loaders -------------------------------------------------------------------------------


def _root(path: Path) -> LineDict:
    data = load_yaml(path, error=LawDataError)
    if not isinstance(data, LineDict):
        raise LawDataError("the file must hold a YAML mapping", path=path, line=1)
    return data


def _load_instrument(path: Path) -> s.Instrument:
    p = str(path)
    d = _root(path)
    s.check_keys(
        d,
        p,
        "",
        {
            "id",
            "name",
            "short",
            "issuer",
            "kind",
            "status",
            "effective",
            "source",
            "evidence",
            "articles",
        },
        {"number", "promulgated", "repealed", "notes", "versions"},
    )
    if d["id"] != path.stem or not isinstance(d["id"], str) or not _ID_RE.match(d["id"]):
        raise LawDataError(
            f"id {d['id']!r} must be lower_snake and equal the file name {path.stem!r}",
            path=p,
            line=d.line_of("id"),
            field="id",
        )
    status = s.as_choice(d, "status", p, "", s.STATUSES)
    effective = s.as_date(d, "effective", p, "", nullable=status == "draft")
    promulgated = s.as_date(d, "promulgated", p, "")
    repealed = s.as_date(d, "repealed", p, "")
    if promulgated and effective and effective < promulgated:
        raise LawDataError(
            "effective date is before the promulgation date",
            path=p,
            line=d.line_of("effective"),
            field="effective",
        )
    if repealed and effective and repealed <= effective:
        raise LawDataError(
            "repealed date must be after the effective date",
            path=p,
            line=d.line_of("repealed"),
            field="repealed",
        )
    versions = []
    raw_versions = d.get("versions") or LineList()
    if not isinstance(raw_versions, LineList):
        raise LawDataError(
            "versions must be a list", path=p, line=d.line_of("versions"), field="versions"
        )
    for i, v in enumerate(raw_versions):
        where = f"versions[{i}]"
        vm = s.expect_mapping(v, p, raw_versions.line_of(i), where)
        s.check_keys(vm, p, where, {"effective", "label"}, set())
        eff = s.as_date(vm, "effective", p, where, nullable=False)
        assert eff is not None
        versions.append(s.Version(eff, s.as_text(vm, "label", p, where)))
    articles: dict[str, s.Article] = {}
    raw_articles = d["articles"]
    if raw_articles is None:
        raw_articles = LineDict()
    arts = s.expect_mapping(raw_articles, p, d.line_of("articles"), "articles")
    for key, value in arts.items():
        where = f"articles.{key}"
        am = s.expect_mapping(value, p, arts.line_of(key), where)
        s.check_keys(am, p, where, set(), {"title", "text_zh", "summary_en", "needs_review"})
        articles[str(key)] = s.Article(
            key=str(key),
            title=s.as_text(am, "title", p, where) if "title" in am else None,
            text_zh=s.as_opt_str(am, "text_zh", p, where),
            summary_en=s.as_opt_str(am, "summary_en", p, where),
            needs_review=s.as_opt_str(am, "needs_review", p, where),
        )
    return s.Instrument(
        id=d["id"],
        name=s.as_text(d, "name", p, ""),
        short=s.as_text(d, "short", p, ""),
        issuer=s.as_text(d, "issuer", p, ""),
        kind=s.as_choice(d, "kind", p, "", s.INSTRUMENT_KINDS),
        status=status,
        promulgated=promulgated,
        effective=effective,
        repealed=repealed,
        source=s.as_opt_str(d, "source", p, ""),
        evidence=s.as_choice(d, "evidence", p, "", s.EVIDENCE),
        number=s.as_opt_str(d, "number", p, ""),
        notes=s.as_opt_str(d, "notes", p, ""),
        versions=tuple(sorted(versions, key=lambda v: v.effective)),
        articles=articles,
        path=p,
    )


def _load_parameter(path: Path, parameter_id: str) -> s.Parameter:
    p = str(path)
    d = _root(path)
    s.check_keys(d, p, "", {"description", "unit", "values"}, set())
    if not _ID_RE.match(path.stem) or not _ID_RE.match(path.parent.name):
        raise LawDataError("parameter topic and file name must be lower_snake", path=p, line=1)
    unit = s.as_choice(d, "unit", p, "", s.UNITS)
    values_map = s.expect_mapping(d["values"], p, d.line_of("values"), "values")
    if not values_map:
        raise LawDataError(
            "values must hold at least one dated value",
            path=p,
            line=d.line_of("values"),
            field="values",
        )
    dates: list[dt.date] = []
    values: list[s.ParameterValue | None] = []
    for key, raw in values_map.items():
        where = f"values.{key}"
        line = values_map.line_of(key)
        if isinstance(key, dt.datetime) or not isinstance(key, dt.date):
            raise LawDataError(
                f"value key {key!r} is not an ISO date YYYY-MM-DD", path=p, line=line, field=where
            )
        if dates and key <= dates[-1]:
            raise LawDataError(
                "value dates must be in ascending order", path=p, line=line, field=where
            )
        dates.append(key)
        if raw is None:
            values.append(None)
            continue
        vm = s.expect_mapping(raw, p, line, where)
        s.check_keys(vm, p, where, {"value", "reference"}, {"needs_review"})
        _check_unit(vm["value"], unit, p, vm.line_of("value"), f"{where}.value")
        values.append(
            s.ParameterValue(
                since=key,
                value=plain(vm["value"]),
                reference=s.parse_reference(
                    vm["reference"], p, vm.line_of("reference"), f"{where}.reference"
                ),
                needs_review=s.as_opt_str(vm, "needs_review", p, where),
                line=line,
            )
        )
    if values[0] is None:
        raise LawDataError(
            "the first value cannot be null", path=p, line=values_map.line, field="values"
        )
    return s.Parameter(
        id=parameter_id,
        description=s.as_text(d, "description", p, ""),
        unit=unit,
        values=tuple(values),
        dates=tuple(dates),
        path=p,
    )


_NUMERIC_UNITS = {
    "individuals",
    "working_days",
    "days",
    "months",
    "years",
    "hours",
    "minutes",
    "cny",
    "count",
}


def _check_unit(value: Any, unit: str, path: str, line: int, where: str) -> None:
    ok = True
    if unit in _NUMERIC_UNITS:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif unit in {"ratio", "percent"}:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    elif unit == "bool":
        ok = isinstance(value, bool)
    elif unit == "date":
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    elif unit == "text":
        ok = isinstance(value, str)
    elif unit == "list":
        ok = isinstance(value, list)
    elif unit == "mapping":
        ok = isinstance(value, dict)
    if not ok:
        raise LawDataError(
            f"value {value!r} does not fit unit {unit!r}", path=path, line=line, field=where
        )


def _load_mapping(path: Path) -> s.Mapping:
    p = str(path)
    d = _root(path)
    s.check_keys(d, p, "", {"description", "entries"}, set())
    if not _ID_RE.match(path.stem):
        raise LawDataError("mapping file name must be lower_snake", path=p, line=1)
    return s.Mapping(
        id=path.stem,
        description=s.as_text(d, "description", p, ""),
        entries=d["entries"],
        citations=tuple(s.collect_references(d["entries"], p)),
        path=p,
    )


@functools.cache
def get_law() -> Law:
    """The bundled law data (plus ``HEGUI_LAW_DIR`` overlays are not supported: law ships with code)."""
    return Law.from_directory(os.environ.get("HEGUI_LAW_DATA", DATA_DIR))
