"""Rewriting a regex so Python's ``re`` can use its fast first-character scan (same matches).

Used by :meth:`hegui.detectors.base.Pattern.compiled`; tests/detectors/test_detector_engine.py
checks every rewritten built-in pattern against its plain form.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

_FIRST_ATOM = re.compile(r"^(\\d|\[[^\]]+\]|[A-Za-z0-9])(?:\{(\d+)(?:,(\d+))?\})?(?![?*+{])")
_LEADING_LOOKBEHIND = re.compile(r"^\(\?<!(\[[^\]]+\])\)")


def fast_form(regex: str) -> str:
    """Move a leading one-character lookbehind after the first character (same matches, faster).

    Python's ``re`` only uses its fast first-character scan when a pattern does not start with an
    assertion; ``(?<![0-9A-Za-z])\\d{6}`` becomes ``\\d(?<![0-9A-Za-z].)\\d{5}``, which checks
    the same character (the one before the match) once the first digit is found: about 2x faster.
    A leading group of alternatives (``(?:PE|SE|DE)``) gets the move in each alternative.
    Anything else is returned unchanged.
    """
    m = _LEADING_LOOKBEHIND.match(regex)
    if m is None:
        return regex
    after = f"(?<!{m.group(1)}.)"
    rest = regex[m.end() :]
    moved = _after_first_atom(rest, after)
    if moved is not None:
        return moved
    if rest.startswith("(?:"):
        close = _closing_paren(rest)
        tail = rest[close + 1 :]
        if close > 0 and tail[:1] not in ("?", "*", "+", "{"):
            alternatives = _split_alternatives(rest[3:close])
            moved_all = [_after_first_atom(alt, after) for alt in alternatives]
            if all(x is not None for x in moved_all):
                return "(?:" + "|".join(x for x in moved_all if x is not None) + ")" + tail
    return regex


def _after_first_atom(regex: str, after: str) -> str | None:
    m = _FIRST_ATOM.match(regex)
    if m is None:
        return None
    atom, lo, hi = m.group(1), m.group(2), m.group(3)
    tail = regex[m.end() :]
    if lo is None:
        return atom + after + tail
    if int(lo) == 0:  # the first atom is optional: nothing to anchor on
        return None
    lo_n = int(lo) - 1
    if hi is not None:
        return atom + after + atom + f"{{{lo_n},{int(hi) - 1}}}" + tail
    if lo_n == 0:  # {1}: the atom was the whole repetition
        return atom + after + tail
    return atom + after + atom + (f"{{{lo_n}}}" if lo_n > 1 else "") + tail


def _structure(regex: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, depth)`` for each ``(``, ``)`` and ``|`` outside escapes and classes.

    ``depth`` is the nesting before a ``(``/``|`` and after a ``)``.
    """
    depth, i, in_class = 0, 0, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "(|)":
            depth -= c == ")"
            yield i, c, depth
            depth += c == "("
        i += 1


def _closing_paren(regex: str) -> int:
    """Index of the parenthesis closing the group that opens ``regex`` (-1 if unbalanced)."""
    return next((i for i, c, depth in _structure(regex) if c == ")" and depth == 0), -1)


def _split_alternatives(body: str) -> list[str]:
    """Split a group body on its top-level ``|``."""
    cuts = [i for i, c, depth in _structure(body) if c == "|" and depth == 0]
    return [body[a + 1 : b] for a, b in itertools.pairwise([-1, *cuts, len(body)])]
