"""The sector vocabulary (``mappings/sectors.yaml``) and its checks.

Regimes apply by sector (PBOC incident clocks, the Zhejiang telecom plan, important-data
catalogues, FTZ negative lists, the digest), and they match sector ids exactly: a misspelt id
(``telecoms``, ``bank``) would silently drop a regime. So every sector id is checked against one
vocabulary:

- profiles and incident records (what users type): an id, an alias (``telecommunications``) or
  either in another case (``Telecom``) is accepted and read as the id; anything else is an error
  with a "did you mean";
- law data and development records: the id itself, or a group id (``pboc_business_fields``) that
  the loader replaces by the group's members, so that regimes sharing a scope cannot drift apart.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hegui.errors import LawDataError
from hegui.law.yamlio import LineDict, LineList

if TYPE_CHECKING:
    from hegui.law.loader import Law

MAPPING = "sectors"
# Keys of law-data mappings whose value is a list of sector ids (or a mapping keyed by them).
_LIST_KEYS = frozenset({"sectors", "applies_to_sectors"})
# Parameters whose id ends so hold a list of sector ids (e.g. governance.pujiang_sectors).
_PARAMETER_SUFFIX = "_sectors"
_SUGGEST_CUTOFF = 0.6


@dataclass(frozen=True)
class Sectors:
    """Sector ids with their names, the aliases users may type, and named groups."""

    names: dict[str, dict[str, str]]
    aliases: dict[str, str]
    groups: dict[str, tuple[str, ...]]

    def resolve(self, value: str) -> str | None:
        """The id ``value`` stands for (an id or alias, in any case), or None."""
        key = value.strip().casefold()
        if key in self.names:
            return key
        return self.aliases.get(key)

    def problem(self, value: object) -> str | None:
        """Why a user-entered ``value`` is not a sector id, or None when it is one."""
        if not isinstance(value, str) or not value.strip():
            return "a sector id must not be empty (see mappings/sectors.yaml)"
        if self.resolve(value) is not None:
            return None
        if value.strip().casefold() in self.groups:
            members = ", ".join(self.groups[value.strip().casefold()])
            return (
                f"{value!r} is a group of sectors, not a sector: name the entity's own sectors "
                f"(one or more of {members})"
            )
        return self._unknown(value)

    def data_problem(self, value: object, *, groups: bool = True) -> str | None:
        """Why ``value`` in law data or a development record is not a sector (or group) id."""
        if isinstance(value, str) and (value in self.names or (groups and value in self.groups)):
            return None
        if isinstance(value, str) and value in self.aliases:
            return f"{value!r} is an alias: write the sector id {self.aliases[value]!r}"
        return self._unknown(value)

    def canonical(self, values: Iterable[str]) -> list[str]:
        """User-entered ``values`` as ids, in order and without repeats (unknown ones dropped)."""
        out = [r for r in (self.resolve(v) for v in values) if r is not None]
        return list(dict.fromkeys(out))

    def expand(self, values: Iterable[str]) -> list[str]:
        """Data ``values`` with every group replaced by its members, without repeats."""
        out: list[str] = []
        for v in values:
            out.extend(self.groups.get(v, (v,)))
        return list(dict.fromkeys(out))

    def _unknown(self, value: object) -> str:
        known = sorted(self.names)
        best = difflib.get_close_matches(
            str(value).casefold(), [*known, *self.aliases], n=1, cutoff=_SUGGEST_CUTOFF
        )
        hint = ""
        if best:
            hint = f"did you mean {self.aliases.get(best[0], best[0])!r}?; "
        return f"unknown sector id {value!r} ({hint}known: {', '.join(known)})"


def vocabulary(law: Law) -> Sectors | None:
    """The law data's sector vocabulary, or None for a law directory without one."""
    if MAPPING not in law.mappings:
        return None
    entries = law.mappings[MAPPING].entries
    names = {k: {"zh": v["zh"], "en": v["en"]} for k, v in entries["sectors"].items()}
    aliases = {a: k for k, v in entries["sectors"].items() for a in v.get("aliases", [])}
    groups = {k: tuple(v["sectors"]) for k, v in entries.get("groups", {}).items()}
    return Sectors(names=names, aliases=aliases, groups=groups)


def sector_vocabulary(law: Law) -> Sectors:
    """Like :func:`vocabulary`, but the law data must have one."""
    vocab = vocabulary(law)
    if vocab is None:
        raise LawDataError(f"the law data has no mappings/{MAPPING}.yaml")
    return vocab


def check_law_sectors(law: Law) -> None:
    """Check every sector id in the law data and replace group ids by their members.

    Raises:
        LawDataError: naming the file, line and field of the first unknown id.
    """
    if MAPPING not in law.mappings:
        return
    _check_vocabulary(law)
    vocab = sector_vocabulary(law)
    for mapping in law.mappings.values():
        if mapping.id == MAPPING:
            continue
        for where, node, key in _sector_nodes(mapping.entries, ""):
            _check_node(vocab, node, key, mapping.path, where)
    for param in law.parameters.values():
        if not param.id.endswith(_PARAMETER_SUFFIX):
            continue
        for value in param.values:
            if value is None:
                continue
            field = f"values.{value.since.isoformat()}.value"
            if not isinstance(value.value, list):
                raise LawDataError(
                    "expected a list of sector ids", path=param.path, line=value.line, field=field
                )
            for item in value.value:
                message = vocab.data_problem(item)
                if message:
                    raise LawDataError(message, path=param.path, line=value.line, field=field)
            value.value[:] = vocab.expand(value.value)


def _check_vocabulary(law: Law) -> None:
    """The vocabulary itself: names in both languages, aliases and groups that do not clash."""
    mapping = law.mappings[MAPPING]
    path, entries = mapping.path, mapping.entries
    if not isinstance(entries, LineDict) or not isinstance(entries.get("sectors"), LineDict):
        raise LawDataError("entries must hold a 'sectors' mapping", path=path, field="entries")
    extra = set(entries) - {"sectors", "groups"}
    if extra:
        raise LawDataError(
            f"unknown key(s) {', '.join(sorted(map(str, extra)))} (expected sectors, groups)",
            path=path,
            line=entries.line_of(sorted(extra, key=str)[0]),
            field="entries",
        )
    sectors: LineDict = entries["sectors"]
    seen: dict[str, str] = {}
    for sid, spec in sectors.items():
        where = f"entries.sectors.{sid}"
        line = sectors.line_of(sid)
        if not isinstance(sid, str) or sid != sid.casefold():
            raise LawDataError("a sector id must be lower case", path=path, line=line, field=where)
        _expect_keys(spec, {"zh", "en"}, {"aliases"}, path, line, where)
        for alias in spec.get("aliases", []):
            if not isinstance(alias, str) or alias != alias.casefold() or alias in sectors:
                raise LawDataError(
                    f"alias {alias!r} must be lower case and not a sector id",
                    path=path,
                    line=line,
                    field=f"{where}.aliases",
                )
            if alias in seen:
                raise LawDataError(
                    f"alias {alias!r} is also an alias of {seen[alias]!r}",
                    path=path,
                    line=line,
                    field=f"{where}.aliases",
                )
            seen[alias] = sid
    groups = entries.get("groups", LineDict())
    for gid, spec in groups.items():
        where = f"entries.groups.{gid}"
        line = groups.line_of(gid)
        if gid in sectors or gid in seen:
            raise LawDataError(
                "a group id must not be a sector id or alias", path=path, line=line, field=where
            )
        _expect_keys(
            spec, {"zh", "en", "sectors"}, {"reference", "needs_review"}, path, line, where
        )
        for member in spec["sectors"]:
            if member not in sectors:
                raise LawDataError(
                    f"unknown sector id {member!r}", path=path, line=line, field=f"{where}.sectors"
                )


def _expect_keys(
    spec: Any, required: set[str], optional: set[str], path: str, line: int, where: str
) -> None:
    if not isinstance(spec, dict):
        raise LawDataError("expected a mapping", path=path, line=line, field=where)
    missing, extra = required - set(spec), set(spec) - required - optional
    if missing or extra:
        problem = f"missing {', '.join(sorted(missing))}" if missing else ""
        problem += ("; " if problem and extra else "") + (
            f"unknown {', '.join(sorted(map(str, extra)))}" if extra else ""
        )
        raise LawDataError(problem, path=path, line=line, field=where)


def _sector_nodes(node: Any, where: str) -> Iterator[tuple[str, Any, Any]]:
    """Every (field, container, key) whose value is a sector list, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{where}.{key}" if where else str(key)
            if key in _LIST_KEYS and isinstance(value, list | dict):
                yield sub, node, key
                if isinstance(value, dict):  # keyed by sector id; the values may hold more lists
                    for k, v in value.items():
                        yield from _sector_nodes(v, f"{sub}.{k}")
            else:
                yield from _sector_nodes(value, sub)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _sector_nodes(value, f"{where}.{i}")


def _check_node(vocab: Sectors, parent: Any, key: Any, path: str, where: str) -> None:
    value = parent[key]
    if isinstance(value, dict):
        # Keyed by sector (e.g. an FTZ's negative lists): each key must be a sector, not a group.
        for sid in value:
            message = vocab.data_problem(sid, groups=False)
            if message:
                line = value.line_of(sid) if isinstance(value, LineDict) else None
                raise LawDataError(message, path=path, line=line, field=f"{where}.{sid}")
        return
    for i, item in enumerate(value):
        message = vocab.data_problem(item)
        if message:
            line = value.line_of(i) if isinstance(value, LineList) else None
            raise LawDataError(message, path=path, line=line, field=f"{where}.{i}")
    value[:] = vocab.expand(value)
