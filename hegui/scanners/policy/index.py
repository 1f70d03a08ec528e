"""Where marker words occur in a policy: folded text, one linear search per word, sections.

The text is folded before any search (full-width forms to ASCII, the variant 帐 to 账, lower
case), so ``注销帐号`` and ``不满１４周岁`` match the words ``注销账号`` and ``14周岁``. A disclosure
may be split across a heading and its first lines ("七、本政策如何更新" / "我们会通过弹窗告知您"):
a heading and the few lines after it are matched as one unit when the heading itself carries
one of the marker groups.
"""

from __future__ import annotations

import bisect
import functools
import re

from hegui.detectors.normalize import normalize

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# A heading: a short line that does not end a sentence ("七、本政策如何更新", "Contact us:").
_HEADING_MAX_CHARS = 40
_SENTENCE_END = tuple("。；;！!？?.，,")
# How many lines after a heading belong to its unit; a numbered heading ends it earlier.
_SECTION_LINES = 3
_NUMBERED = re.compile(
    r"[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十百0-9]+[章条节部分]"
    r"|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}[.、\s]|#"
)


def fold(text: str) -> str:
    """The form every search runs on: full-width to ASCII, 帐 to 账, lower case."""
    return normalize(text).replace("帐", "账").lower()


@functools.cache
def _needle(word: str) -> tuple[str, bool, bool]:
    """(text to find, must start at a word boundary, must also end at one)."""
    w = fold(word)
    if w.isascii() and w.strip().isalnum():
        # ASCII words start at a word boundary; short ones must also end at one ("mac" but not
        # "machine", "mob" but not "mobile"), longer ones may inflect ("change" in "changes").
        n = w.strip()
        return n, True, len(n) <= 4
    return w, False, False


def contains(text: str, words: list[str] | tuple[str, ...]) -> bool:
    """Whether folded ``text`` holds one of ``words``, with the word-boundary rules of the index."""
    for w in words:
        needle, start_boundary, end_boundary = _needle(w)
        pos = 0
        while (i := text.find(needle, pos)) != -1:
            end = i + len(needle)
            if not (
                (start_boundary and i > 0 and text[i - 1] in _ALNUM)
                or (end_boundary and end < len(text) and text[end] in _ALNUM)
            ):
                return True
            pos = i + 1
    return False


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= _HEADING_MAX_CHARS and not s.endswith(_SENTENCE_END)


class LineIndex:
    """Which lines match a word list, each word found with ``str.find`` over the whole text.

    One hit per line at most, which keeps the analysis linear in the text size; per-line regex
    alternations were far slower.
    """

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.folded = [fold(ln) for ln in lines]
        self.text = "\n".join(self.folded)
        self.starts: list[int] = []
        pos = 0
        for ln in self.folded:
            self.starts.append(pos)
            pos += len(ln) + 1
        self.headings = frozenset(i for i, ln in enumerate(lines) if _is_heading(ln))
        self.numbered = frozenset(i for i in self.headings if _NUMBERED.match(lines[i].strip()))
        self._cache: dict[tuple[str, ...], list[int]] = {}

    def lines(self, words: list[str] | tuple[str, ...]) -> list[int]:
        """Sorted indexes of the lines holding any of ``words``."""
        key = tuple(words)
        if key not in self._cache:
            found: set[int] = set()
            for w in key:
                found |= self._find(*_needle(w))
            self._cache[key] = sorted(found)
        return self._cache[key]

    def _find(self, needle: str, start_boundary: bool, end_boundary: bool) -> set[int]:
        text, out, pos = self.text, set(), 0
        while (i := text.find(needle, pos)) != -1:
            end = i + len(needle)
            if (start_boundary and i > 0 and text[i - 1] in _ALNUM) or (
                end_boundary and end < len(text) and text[end] in _ALNUM
            ):
                pos = i + 1
                continue
            out.add(bisect.bisect_right(self.starts, i) - 1)
            # One hit per line is enough: skip to the next line.
            nl = text.find("\n", end)
            if nl == -1:
                break
            pos = nl + 1
        return out

    def find(self, alternatives: list[list[list[str]]]) -> tuple[int, ...] | None:
        """Lines where one alternative (every group of it) matches, or None.

        The first single line matching wins; failing that, the first heading whose unit (the
        heading and the lines after it) matches.
        """
        same = [self._same_line(groups) for groups in alternatives]
        hits = [h for h in same if h is not None]
        if hits:
            return (min(hits),)
        units = [u for u in (self._in_unit(g) for g in alternatives) if u is not None]
        return min(units) if units else None

    def _same_line(self, groups: list[list[str]]) -> int | None:
        common = set(self.lines(groups[0]))
        for g in groups[1:]:
            common &= set(self.lines(g))
        return min(common) if common else None

    def _in_unit(self, groups: list[list[str]]) -> tuple[int, ...] | None:
        if len(groups) < 2:
            return None  # one group: a single line would have matched already
        sets = [set(self.lines(g)) for g in groups]
        for h in sorted(self.headings & set().union(*sets)):
            unit = [h]
            for j in range(h + 1, min(h + 1 + _SECTION_LINES, len(self.folded))):
                if j in self.numbered:
                    break
                unit.append(j)
            used: set[int] = set()
            for s in sets:
                first = next((j for j in unit if j in s), None)
                if first is None:
                    break
                used.add(first)
            else:
                return tuple(sorted(used))
        return None
