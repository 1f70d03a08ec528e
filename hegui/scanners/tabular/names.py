"""Names that come from the data: column names, keys, sheet, table and file names.

A CSV without a header row makes its first data row the column names; JSON keys and Excel header
cells can hold values too. Such a name must not reach a report: a column whose name looks like a
value, or like a person's name (:mod:`hegui.scanners.tabular.header_names`), is shown as ``col_N``
(with a note saying why), values inside a name are masked, and a header
row that looks like data is read as the first data row (it is one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from hegui.detectors.base import Detection
from hegui.detectors.normalize import mask
from hegui.detectors.registry import all_detectors, detect_many, get_detector
from hegui.scanners.tabular.header_names import mask_person_names, name_headers
from hegui.scanners.tabular.models import ColumnVerdict
from hegui.scanners.tabular.tables import ArrowTable, Table

#: Files whose first row is a header row that a writer may have left out (it is then data).
HEADER_ROW_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm")
#: A name that a detector scores this high as a whole value, without any context, is a value.
STRONG_SCORE = 0.5
#: A name with the shape of its own column's entity (a name-like header over a names column).
WEAK_SCORE = 0.3


@dataclass
class RenamedTable:
    """Another table under a display name and display column names (queries use the real ones)."""

    inner: Table
    name: str
    names: dict[str, str]  # display name -> the inner table's column name
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return list(self.names)

    @property
    def rows(self) -> int:
        return self.inner.rows

    def sample(self, n: int | None, seed: int = 0) -> dict[str, pa.Array]:
        got = self.inner.sample(n, seed)
        return {shown: got[real] for shown, real in self.names.items()}

    def column_chunks(
        self, columns: list[str], chunk_rows: int = 200_000
    ) -> Iterator[dict[str, pa.Array]]:
        real = [self.names[c] for c in columns]
        for chunk in self.inner.column_chunks(real, chunk_rows):
            yield {shown: chunk[r] for shown, r in zip(columns, real, strict=True)}


def labelled(table: Table, name: str) -> RenamedTable:
    """``table`` shown as ``name`` (``acme.sqlite:customers``); notes are shared with it."""
    return RenamedTable(table, name, {c: c for c in table.columns}, table.notes)


#: A run of 11 or more digits (single spaces, dashes or dots between them allowed), as long as
#: the shortest identifiers (mobile numbers) and longer. Free-text detection needs a boundary
#: (``user13812345678`` or ``id110101...`` is no detection), but a name holds no such run that
#: is not a value or a code a name need not show.
_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[ .-]?\d){10,}(?:[ .-]?[Xx])?(?!\d)")


def mask_values(text: str) -> str:
    """``text`` with every detected value, every long digit run and every person's name masked.

    For names (a file named after a resident ID, ``user13812345678.csv``, a sheet named after an
    employee) and messages that quote them.
    """
    return mask_person_names(_masked(text, detect_many([text])[0])) if text else text


def value_entity(name: str, entity: str | None) -> tuple[str, bool] | None:
    """The entity a column name is a value of, and whether the evidence is strong.

    Strong: a detector accepts the whole name without context (a resident ID, a mobile number).
    Weak: the name has the shape of its column's own entity (``王小明`` over a names column)
    and no header word of any detector (``姓名`` is a header, not a name).
    """
    text = name.strip()
    if not text:
        return None
    for det in all_detectors():
        # A dictionary word (高血压, 佛教) as a header names a topic; only formats are values.
        if det.PATTERNS and det.VALIDATOR != "dictionary":
            found = det.score_value(text)
            if found is not None and found.score >= STRONG_SCORE:
                return det.ENTITY, True
    if entity is None or any(det.context_hits(text.lower()) for det in all_detectors()):
        return None
    found = get_detector(entity).score_value(text)
    return (entity, False) if found is not None and found.score >= WEAK_SCORE else None


@dataclass
class DisplayNames:
    """How a table's columns are shown: ``shown`` maps display name -> real column name."""

    shown: dict[str, str]
    notes: list[str]
    #: The names hold a value (or only name-shaped values): a header row is data.
    row_is_data: bool
    entities: str

    @property
    def changed(self) -> bool:
        return list(self.shown) != list(self.shown.values())

    def of(self, real: str) -> str:
        return next(d for d, r in self.shown.items() if r == real)


def display_names(columns: list[str], verdicts: list[ColumnVerdict]) -> DisplayNames:
    """Safe display names for ``columns``: ``col_N`` for a value, values inside names masked."""
    entity_of = {v.name: v.entity for v in verdicts}
    flagged = {c: value_entity(c, entity_of.get(c)) for c in columns}
    hits = {c: f for c, f in flagged.items() if f}
    named = [c for c in columns if not _generated(c, columns)]
    row_is_data = bool(hits) and (
        any(strong for _, strong in hits.values()) or len(hits) == len(named)
    )
    entities = ", ".join(sorted({e for e, _ in hits.values()}))
    # Headers that are people's names (a column per employee) are shown as col_N too; they say
    # nothing about the header row being data (an attendance sheet's header row is a header).
    people = [c for c in name_headers(columns) if c not in hits]
    texts = [c for c in columns if c not in hits and c not in people]
    found = detect_many(texts) if texts else []
    masked = {c: _masked(c, d) for c, d in zip(texts, found, strict=True)}
    shown: dict[str, str] = {}
    for i, c in enumerate(columns):
        new = f"col_{i + 1}" if c in hits or c in people else masked[c]
        base, k = new, 2
        while new in shown:
            new, k = f"{base}_{k}", k + 1
        shown[new] = c
    notes = []
    if hits:
        where = ", ".join(str(columns.index(c) + 1) for c in hits)
        notes.append(
            f"column names that look like data ({entities}) shown as col_N (columns {where})"
        )
    if people:
        where = ", ".join(str(columns.index(c) + 1) for c in people)
        notes.append(
            f"{len(people)} of {len(columns)} column names look like people's names (a surname "
            f"and given-name characters, no column word): shown as col_N (columns {where})"
        )
    if any(masked[c] != c for c in texts):
        notes.append("values inside column names masked")
    return DisplayNames(shown, notes, row_is_data, entities)


def safe_table(table: Table, verdicts: list[ColumnVerdict]) -> Table | None:
    """``table`` with names that are values replaced, or None when every name is safe."""
    names = display_names(table.columns, verdicts)
    if names.row_is_data and isinstance(table, ArrowTable) and _has_header_row(table.name):
        return _first_row_as_data(table, names.entities)
    if not names.changed:
        return None
    table.notes.extend(names.notes)  # shared: a database table adds notes when it is sampled
    return RenamedTable(table, table.name, names.shown, table.notes)


def _masked(text: str, found: list[Detection]) -> str:
    out = text
    for d in sorted(found, key=lambda d: -d.start):
        out = out[: d.start] + mask(text[d.start : d.end]) + out[d.end :]
    # Masks keep at most 4 digits at each end, so they hold no run left to find.
    return _DIGIT_RUN.sub(lambda m: mask(m.group()), out)


def _generated(name: str, columns: list[str]) -> bool:
    # A blank header cell became col_N: there is no name to judge.
    return re.fullmatch(rf"col_{columns.index(name) + 1}", name) is not None


def _has_header_row(name: str) -> bool:
    return name.split(":", 1)[0].lower().endswith(HEADER_ROW_SUFFIXES)


def _first_row_as_data(table: ArrowTable, entities: str) -> ArrowTable:
    columns = table.columns
    arrays = {}
    for i, c in enumerate(columns):
        value = None if _generated(c, columns) else _unrepeated(c, columns[:i])
        head = pa.array([value.strip() or None if value else None], pa.string())
        arrays[f"col_{i + 1}"] = pa.concat_arrays([head, table.data.column(i).combine_chunks()])
    note = (
        f"header row looks like data ({entities}): read as the first data row; "
        f"columns named col_1..col_{len(columns)}"
    )
    return ArrowTable(table.name, pa.table(arrays), [*table.notes, note])


def _unrepeated(name: str, before: list[str]) -> str:
    # unique_names() made a repeated header cell x_2: the cell itself was x.
    m = re.fullmatch(r"(.*)_\d+", name, flags=re.DOTALL)
    return m.group(1) if m and m.group(1) in before else name
