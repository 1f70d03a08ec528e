"""YAML reading that remembers line numbers and rejects duplicate keys.

Every mapping loaded through :func:`load_yaml` is a :class:`LineDict` and every sequence a
:class:`LineList`; both know the 1-based line of each key or item so that validation errors can
name the exact line of a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from hegui.errors import HeguiError

# Untrusted YAML (profiles) is bounded: big enough for any real profile, small enough to be safe.
MAX_YAML_BYTES = 20 * 1024 * 1024


class LineDict(dict[Any, Any]):
    """A dict that knows the line of each of its keys and its own start line."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list that knows the line of each item and its own start line."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def plain(value: Any, *, str_keys: bool = False) -> Any:
    """Strip line-tracking containers so values are ordinary dicts and lists (keys as ``str``
    with ``str_keys``: YAML reads ``1:`` or ``2025-01-01:`` as an int or a date)."""
    if isinstance(value, dict):
        return {(str(k) if str_keys else k): plain(v, str_keys=str_keys) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, str_keys=str_keys) for v in value]
    return value


def line_at(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest key or item of ``loc`` (a pydantic error location) in ``data``."""
    node = data
    line: int | None = getattr(data, "line", None)
    for key in loc:
        in_dict = isinstance(node, LineDict) and key in node
        in_list = isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node)
        if not (in_dict or in_list):
            break
        line = node.line_of(key)
        node = node[key]
    return line


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _BadDate(yaml.MarkedYAMLError):
    """An ISO-looking scalar that is no real date (2024-02-30); ``where`` is its key path."""

    def __init__(self, token: str, reason: str, mark: Any) -> None:
        super().__init__(None, None, reason, mark)
        self.token = token
        self.where: list[str] = []

    def inside(self, key: Any) -> _BadDate:
        self.where.insert(0, str(key))
        return self


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList and refuses duplicate keys."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        # Keys written in this mapping; keys brought in by a merge (``<<: *base``) may be overridden.
        explicit = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        self.flatten_mapping(node)
        result = LineDict()
        from_merge: set[Any] = set()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            if isinstance(key, list):
                key = tuple(key)
            if key in result and key not in from_merge:
                raise _DuplicateKey(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                    key_node.start_mark,
                )
            try:
                result[key] = self.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
            except _BadDate as exc:
                raise exc.inside(key) from None
            result.key_lines[key] = key_node.start_mark.line + 1
            if id(key_node) in explicit:
                from_merge.discard(key)
            else:
                from_merge.add(key)
        return result

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
        result = LineList()
        for i, child in enumerate(node.value):
            try:
                result.append(self.construct_object(child, deep=True))  # type: ignore[no-untyped-call]
            except _BadDate as exc:
                raise exc.inside(f"[{i}]") from None
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,  # type: ignore[arg-type]
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    _LineLoader.construct_sequence,  # type: ignore[arg-type]
)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[no-untyped-call]
    except (ValueError, OverflowError) as exc:
        raise _BadDate(str(node.value), str(exc), node.start_mark) from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_yaml(text: str, *, source: str = "<string>", error: type[HeguiError] = HeguiError) -> Any:
    """Parse YAML text; syntax errors and duplicate keys raise ``error`` naming source and line."""
    if len(text.encode("utf-8", errors="replace")) > MAX_YAML_BYTES:
        raise error(f"file is larger than {MAX_YAML_BYTES} bytes", path=source)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except _BadDate as exc:
        key = ".".join(exc.where).replace(".[", "[")
        raise error(
            f"invalid date {exc.token}: {exc.problem}",
            path=source,
            line=exc.problem_mark.line + 1 if exc.problem_mark else None,
            field=key or None,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        raise error(f"invalid YAML: {problem}", path=source, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path=source) from None
    except RecursionError:
        raise error("invalid YAML: nesting too deep", path=source) from None
    except (ValueError, OverflowError) as exc:  # dates are caught above; anything else
        raise error(f"invalid YAML value: {exc}", path=source) from None


def load_yaml(path: str | Path, *, error: type[HeguiError] = HeguiError) -> Any:
    """Read and parse a YAML file (UTF-8) with line tracking."""
    p = Path(path)
    try:
        # Read one byte past the limit, never the whole file: a device such as /dev/zero (or a
        # huge file) is refused instead of filling memory.
        with p.open("rb") as fh:
            raw = fh.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", path=p) from None
    if len(raw) > MAX_YAML_BYTES:
        raise error(f"file is larger than {MAX_YAML_BYTES} bytes", path=p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"file is not UTF-8 (byte {exc.start})", path=p) from None
    return parse_yaml(text, source=str(p), error=error)
