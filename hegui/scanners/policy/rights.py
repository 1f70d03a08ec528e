"""Data-subject rights in a policy: stated as the user's right, and with a way to exercise it.

PIPL Art. 17(1)(3) asks for "the methods and procedures for individuals to exercise" their rights
(NDSMR 2024 Art. 21(4): "the methods and channels"), so the verb alone ("我们会删除过期数据") is
not a disclosure. A right is *named* when its act sits on a line with a holder word ("您可以删除",
"如需删除", "you may request deletion") or on a line of the rights section ("五、您的权利" and the
lines under it). It is *disclosed* when a way to exercise it is given as well:

- on the naming line itself, or in the lines it introduces (a heading, or a line ending with a
  colon: "（三）删除您的个人信息" / "您可以在“设置-隐私”中申请删除。");
- or by a general statement anywhere ("您可以通过以下方式行使上述权利：" followed by the contact
  lines), which covers every right named in the policy; a statement naming particular rights and
  no general reference ("通过客服电话行使投诉、举报的权利") covers only those rights.

A channel on another right's line never counts ("投诉热线" is no way to request deletion).

Account deactivation (NDSMR 2024 Art. 21(4) lists "注销账号" with the rights, under the same
"methods and channels") is judged the same way, as ``deactivation``, with two differences: a
heading carrying the act names it too ("八、如何注销您的账号": policies give it a section of its
own), and a line that only states what happens after deactivation ("账号注销后，保存期限为6个月")
does not name it. A general rights-exercise statement covers it like any right named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hegui.scanners.policy.index import LineIndex
from hegui.scanners.policy.vocabulary import (
    DEACTIVATION,
    RIGHT_CHANNEL,
    RIGHT_HOLDER,
    RIGHTS,
    RIGHTS_ALL,
    RIGHTS_GENERAL,
    RIGHTS_SECTION,
)

# How far a rights section reaches when no following heading of its level ends it.
_SECTION_MAX_LINES = 40
# How many lines a heading or a line ending with a colon introduces.
_INTRO_LINES = 3
_COLONS = (":", "：")
_CN_DIGITS = frozenset("一二三四五六七八九十")
DEACTIVATION_KEY = "deactivation"
_ZHUXIAO = "注销"
# "注销后", "注销您的账号后", "注销之后": what follows deactivation, within the clause (bounded).
_AFTER_DEACTIVATION = re.compile(r"注销[^，。；,;:：!?！？\n]{0,10}?(?:之后|以后|后)")


@dataclass(frozen=True)
class RightFinding:
    """Where a right is stated (``named``) and where the way to exercise it is (``channel``)."""

    named: tuple[int, ...] | None
    channel: tuple[int, ...] | None

    @property
    def disclosed(self) -> bool:
        return self.named is not None and self.channel is not None


def find_rights(idx: LineIndex) -> dict[str, RightFinding]:
    """Each right of ``RIGHTS`` and ``deactivation``: the first line naming it and the lines
    giving its channel."""
    channel = set(idx.lines(RIGHT_CHANNEL))
    holder = set(idx.lines(RIGHT_HOLDER))
    section = _rights_sections(idx)
    acts = {name: _act_lines(idx, spec["any"]) for name, spec in RIGHTS.items()}
    acts[DEACTIVATION_KEY] = [
        i for i in _act_lines(idx, DEACTIVATION["any"]) if not _only_after(idx.folded[i])
    ]
    sets = {name: set(lines) for name, lines in acts.items()}
    general = _general_statements(idx, channel, sets)
    out = {}
    for name, lines in acts.items():
        by_heading = idx.headings if name == DEACTIVATION_KEY else frozenset()
        named = [i for i in lines if i in holder or i in section or i in by_heading]
        hit = next(((i, c) for i in named if (c := _channel_in(idx, i, channel)) is not None), None)
        if hit is not None:
            out[name] = RightFinding(named=(hit[0],), channel=hit[1])
        elif named and name in general:
            out[name] = RightFinding(named=(named[0],), channel=general[name])
        else:
            out[name] = RightFinding(named=(named[0],) if named else None, channel=None)
    return out


def _act_lines(idx: LineIndex, alternatives: list[list[list[str]]]) -> list[int]:
    """Lines where every group of one alternative occurs (the act, on one line)."""
    found: set[int] = set()
    for groups in alternatives:
        common = set(idx.lines(groups[0]))
        for g in groups[1:]:
            common &= set(idx.lines(g))
        found |= common
    return sorted(found)


def _only_after(line: str) -> bool:
    """Every "注销" on the line says what happens after deactivation ("账号注销后…")."""
    total = line.count(_ZHUXIAO)
    return total > 0 and len(_AFTER_DEACTIVATION.findall(line)) == total


def _intro(idx: LineIndex, i: int) -> list[int]:
    """Line ``i`` and, for a heading or a line ending with a colon, the lines it introduces."""
    unit = [i]
    if i in idx.headings or idx.folded[i].rstrip().endswith(_COLONS):
        for j in range(i + 1, min(i + 1 + _INTRO_LINES, len(idx.folded))):
            if j in idx.numbered:
                break
            unit.append(j)
    return unit


def _channel_in(idx: LineIndex, i: int, channel: set[int]) -> tuple[int, ...] | None:
    found = tuple(j for j in _intro(idx, i) if j in channel)
    return found[:1] if found else None


def _general_statements(
    idx: LineIndex, channel: set[int], acts: dict[str, set[int]]
) -> dict[str, tuple[int, ...]]:
    """Right -> the lines of the first general statement (with a channel) that covers it."""
    every = set(idx.lines(RIGHTS_ALL))
    out: dict[str, tuple[int, ...]] = {}
    for g in _act_lines(idx, RIGHTS_GENERAL["any"]):
        found = _channel_in(idx, g, channel)
        if found is None:
            continue
        lines = (g,) if found == (g,) else (g, *found)
        particular = [name for name, at in acts.items() if g in at]
        for name in acts if g in every or not particular else particular:
            out.setdefault(name, lines)
    return out


def _rights_sections(idx: LineIndex) -> set[int]:
    """Lines under a rights heading, up to the next heading of the same level."""
    out: set[int] = set()
    for h in idx.lines(RIGHTS_SECTION):
        if h not in idx.headings:
            continue
        level = _level(idx.folded[h]) if h in idx.numbered else None
        for j in range(h + 1, min(h + 1 + _SECTION_MAX_LINES, len(idx.folded))):
            if j in idx.headings and _ends_section(idx, j, level):
                break
            out.add(j)
    return out


def _ends_section(idx: LineIndex, j: int, level: tuple[str, int] | None) -> bool:
    if level is None:
        # An unnumbered rights heading (an HTML <h2>): the next heading ends it, unless numbered
        # (a list of rights under it: "1. 查阅您的个人信息").
        return j not in idx.numbered
    if j not in idx.numbered:
        return False
    style, depth = _level(idx.folded[j])
    return style == level[0] and depth <= level[1]


def _level(line: str) -> tuple[str, int]:
    """A numbered heading's style and depth: ("cn", 1) for "五、", ("arabic", 2) for "3.1"."""
    s = line.strip()
    if s.startswith("#"):
        return "#", len(s) - len(s.lstrip("#"))
    if s.startswith("第"):
        return "chapter", 1
    if s.startswith("("):
        return "paren", 1
    if s[:1] in _CN_DIGITS:
        return "cn", 1
    prefix = s.split(maxsplit=1)[0] if s.split() else s
    parts = [p for p in prefix.replace("、", ".").split(".") if p[:1].isdigit()]
    return "arabic", max(1, len(parts))
