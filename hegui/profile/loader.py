"""Load an organisation profile from YAML, with errors that name file, line and field.

A profile may ``include:`` other YAML files (paths relative to it), e.g. the dataset facts that
``hegui scan --profile-out`` writes; their lists are appended to the profile's lists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hegui.errors import ProfileError
from hegui.law.loader import get_law
from hegui.law.sectors import vocabulary
from hegui.law.yamlio import LineDict, LineList, load_yaml, parse_yaml, plain
from hegui.profile.checks import check_profile
from hegui.profile.models import Profile

_MAX_INCLUDES = 32
# Index used in ``origins`` for a whole section (not a list item) brought in by an include.
_SECTION = -1
_CROSS_REF = re.compile(r"(?P<group>[a-z_]+)\[(?P<index>\d+)\]\.(?P<field>[a-z_]+)")


def load_profile(path: str | Path) -> Profile:
    """Load and validate the profile at ``path`` (and the files it includes)."""
    p = Path(path)
    data = load_yaml(p, error=ProfileError)
    return _validate(data, str(p), base=p.parent)


def parse_profile(text: str, *, source: str = "<profile>") -> Profile:
    """Validate a profile given as YAML text (includes are not allowed here)."""
    data = parse_yaml(text, source=source, error=ProfileError)
    return _validate(data, source, base=None)


def _validate(data: Any, source: str, base: Path | None) -> Profile:
    if not isinstance(data, LineDict):
        raise ProfileError("a profile must be a YAML mapping", path=source, line=1)
    origins: dict[tuple[str, int], tuple[str, Any]] = {}
    data = _apply_includes(data, source, base, origins)
    try:
        profile = Profile.model_validate(plain(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        # pydantic prefixes our own validators' messages with "Value error, ": noise to a user.
        message = str(err["msg"]).removeprefix("Value error, ")
        loc_tuple: tuple[Any, ...] = tuple(err["loc"])
        m = _CROSS_REF.search(message)
        if not loc_tuple and m:
            # Cross-reference checks run on the whole profile; their message names the field.
            loc_tuple = (m["group"], int(m["index"]), m["field"])
            message = message[m.end() :].lstrip(": ") or message
        loc = [str(x) for x in loc_tuple]
        if len(exc.errors()) > 1:
            message += f" (and {len(exc.errors()) - 1} more error(s))"
        path, line = _locate(data, loc_tuple, source, origins)
        raise ProfileError(message, path=path, line=line, field=".".join(loc) or None) from None
    problems = check_profile(profile, get_law())
    if problems:
        first = problems[0]
        message = first.message
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more error(s))"
        path, line = _locate(data, first.loc, source, origins)
        field = ".".join(str(x) for x in first.loc)
        raise ProfileError(message, path=path, line=line, field=field)
    _canonical_sectors(profile)
    return profile


def _canonical_sectors(profile: Profile) -> None:
    """Read ``Telecom`` or an alias (``telecommunications``) as its id: rules match ids exactly."""
    vocab = vocabulary(get_law())
    if vocab is not None:
        for e in profile.entities:
            e.sectors = vocab.canonical(e.sectors)


def _apply_includes(
    data: LineDict, source: str, base: Path | None, origins: dict[tuple[str, int], tuple[str, Any]]
) -> LineDict:
    includes = data.pop("include", None)
    if includes is None:
        return data
    if base is None:
        raise ProfileError("include is only allowed in profile files", path=source, line=data.line)
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or len(includes) > _MAX_INCLUDES:
        raise ProfileError("include must be a list of file paths", path=source, field="include")
    for rel in includes:
        inc_path = (base / str(rel)).resolve()
        inc = load_yaml(inc_path, error=ProfileError)
        if not isinstance(inc, LineDict):
            raise ProfileError("an included file must be a YAML mapping", path=inc_path, line=1)
        for key, value in inc.items():
            if isinstance(value, LineDict) and not isinstance(data.get(key), LineList):
                if key in data:
                    raise ProfileError(
                        f"section {key!r} is defined both here and in {source}",
                        path=inc_path,
                        line=inc.line_of(key),
                        field=str(key),
                    )
                data[key] = value
                data.key_lines[key] = inc.line_of(key)
                # The whole section comes from the included file: errors inside it point there.
                origins[(str(key), _SECTION)] = (str(inc_path), inc.line_of(key))
                continue
            if not isinstance(value, LineList):
                raise ProfileError(
                    "included files may only add lists (datasets, ...) or new sections",
                    path=inc_path,
                    line=inc.line_of(key),
                    field=str(key),
                )
            target = data.setdefault(key, LineList())
            if not isinstance(target, LineList):
                raise ProfileError("cannot merge a list into this key", path=source, field=str(key))
            if not hasattr(target, "item_lines"):
                target.item_lines = []
            for i, item in enumerate(value):
                origins[(str(key), len(target))] = (str(inc_path), value.line_of(i))
                target.append(item)
                target.item_lines.append(value.line_of(i))
    return data


def _locate(
    data: Any, loc: tuple[Any, ...], source: str, origins: dict[tuple[str, int], tuple[str, Any]]
) -> tuple[str, int | None]:
    """Find the file and line of a pydantic error location in the line-tracked data."""
    path = source
    node = data
    line: int | None = getattr(data, "line", None)
    for depth, key in enumerate(loc):
        if depth == 0 and (str(key), _SECTION) in origins:
            path = origins[(str(key), _SECTION)][0]
        if isinstance(node, LineDict) and key in node:
            line = node.line_of(key)
            node = node[key]
        elif isinstance(node, LineDict) and str(key).isdigit() and int(key) in node:
            line = node.line_of(int(key))
            node = node[int(key)]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            if depth == 1 and (str(loc[0]), key) in origins:
                path, line = origins[(str(loc[0]), key)]
            else:
                line = node.line_of(key)
            node = node[key]
        else:
            break
    return path, line


def profile_json_schema() -> str:
    """The JSON Schema of profiles, for editors (``hegui schema``)."""
    schema = Profile.model_json_schema()
    # ``include`` is read by the loader before the model sees the data, so pydantic cannot know it.
    schema["properties"]["include"] = {
        "title": "Include",
        "description": "Other YAML files (paths relative to this one) whose lists are appended "
        "and whose sections are added",
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}, "maxItems": _MAX_INCLUDES},
        ],
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hegui organisation profile"
    return json.dumps(schema, ensure_ascii=False, indent=2)
