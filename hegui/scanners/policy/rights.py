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

from hegui.scanners.policy.index import LineIndex, contains
from hegui.scanners.policy.vocabulary import (
    DEACTIVATION,
    NOT_A_RIGHT_OBJECT,
    PI_OBJECT,
    REGULATOR,
    RIGHT_CHANNEL,
    RIGHT_HOLDER,
    RIGHTS,
    RIGHTS_ALL,
    RIGHTS_GENERAL,
    RIGHTS_SECTION,
    ElementSpec,
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
# Sentence ends (the holder word must be in the act's sentence) and clause commas (the act's
# object is judged in its clause). A "." ends a sentence only before a blank or the line end.
_SENTENCE = re.compile(r"[。；;！？!?]|\.(?=\s|$)")
_CLAUSE = re.compile(r"[，,]")
# Alternatives of a complaint line ("通过客服投诉，也可以向网信部门反映", "to our customer
# service or to the regulator"): a channel counts when one alternative names no regulator.
_ALTERNATIVE = re.compile(r"[，,]|或|也可| or | also ")
# In a rights section, how many lines after a right may give its way (one sentence per <p>).
_FOLLOW_LINES = 2
_COMPLAINT = "right_complaint"


@dataclass(frozen=True)
class RightFinding:
    """Where a right is stated (``named``) and where the way to exercise it is (``channel``);
    ``regulator_only``: named with no way but a regulator's (complaints)."""

    named: tuple[int, ...] | None
    channel: tuple[int, ...] | None
    regulator_only: bool = False

    @property
    def disclosed(self) -> bool:
        return self.named is not None and self.channel is not None


def find_rights(idx: LineIndex) -> dict[str, RightFinding]:
    """Each right of ``RIGHTS`` and ``deactivation``: the first line naming it and the lines
    giving its channel."""
    channel = set(idx.lines(RIGHT_CHANNEL))
    holder = set(idx.lines(RIGHT_HOLDER))
    regulator = set(idx.lines(REGULATOR))
    section = _rights_sections(idx)
    specs = {**RIGHTS, DEACTIVATION_KEY: DEACTIVATION}
    # Lines holding every group of an alternative: the cheap filter before the sentence check.
    acts = {n: _act_lines(idx, sp["any"] + sp.get("weak", [])) for n, sp in specs.items()}
    named: dict[str, list[int]] = {}
    for name, lines in acts.items():
        heads = idx.headings if name == DEACTIVATION_KEY else frozenset()
        named[name] = [
            i
            for i in lines
            if (i in holder or i in section or i in heads)
            and _names(idx.folded[i], specs[name], section=i in section, heading=i in heads)
        ]
    naming = set().union(*map(set, named.values()))
    general = _general_statements(idx, channel, {n: set(at) for n, at in acts.items()})
    out = {}
    for name, lines in named.items():
        # A complaint channel given only for the regulator ("拨打12377热线向网信部门举报") is
        # no channel of the operator's own.
        own = _own_channels(idx, channel & regulator, channel) if name == _COMPLAINT else channel
        ctx = _Ctx(idx, own, holder, section, naming)
        hit = next(((i, c) for i in lines if (c := _channel_for(ctx, i)) is not None), None)
        if hit is not None:
            out[name] = RightFinding(named=(hit[0],), channel=hit[1])
        elif lines and name in general:
            out[name] = RightFinding(named=(lines[0],), channel=general[name])
        elif name == _COMPLAINT and (reg := [i for i in lines if i in regulator]):
            out[name] = RightFinding(named=(reg[0],), channel=None, regulator_only=True)
        else:
            out[name] = RightFinding(named=(lines[0],) if lines else None, channel=None)
    return out


def _names(line: str, spec: ElementSpec, *, section: bool, heading: bool) -> bool:
    """Whether one sentence of ``line`` states the act as the user's.

    The holder word must sit in the act's sentence ("超出保存期限后，我们会删除您的个人信息。如需
    了解更多，请联系客服。" names nothing); a weak act (a bare verb) needs the rights section or a
    PI object in the sentence; the clause of the act must not be about the policy, cookies or the
    browser; for deactivation, not only what follows it ("账号注销后").
    """
    for sentence in _SENTENCE.split(line):
        if not (section or heading or contains(sentence, RIGHT_HOLDER)):
            continue
        if _ZHUXIAO in sentence and _only_after(sentence):
            continue
        alts = [a for a in spec["any"] if _all_in(sentence, a)]
        if not alts and (section or contains(sentence, PI_OBJECT)):
            alts = [a for a in spec.get("weak", []) if _all_in(sentence, a)]
        verbs = [w for a in alts for w in a[0]]
        if verbs and any(
            not contains(c, NOT_A_RIGHT_OBJECT) or contains(c, PI_OBJECT)
            for c in _CLAUSE.split(sentence)
            if contains(c, verbs)
        ):
            return True
    return False


def _all_in(text: str, groups: list[list[str]]) -> bool:
    return all(contains(text, g) for g in groups)


def _own_channels(idx: LineIndex, mixed: set[int], channel: set[int]) -> set[int]:
    """``channel`` without the lines where every alternative with a channel names a regulator."""
    drop = {
        i
        for i in mixed
        if not any(
            contains(c, RIGHT_CHANNEL) and not contains(c, REGULATOR)
            for c in _ALTERNATIVE.split(idx.folded[i])
        )
    }
    return channel - drop


@dataclass(frozen=True)
class _Ctx:
    idx: LineIndex
    channel: set[int]
    holder: set[int]
    section: set[int]
    naming: set[int]


def _channel_for(ctx: _Ctx, i: int) -> tuple[int, ...] | None:
    """The way for the act named on line ``i``: on it or the lines it introduces; in a rights
    section also the next unnumbered lines (up to ``_FOLLOW_LINES``) that give a way for what
    was named just before ("您有权删除您的个人信息。" / "您可以通过App内“我的-客服”提交申请").
    A line naming a right of its own never gives the way for another."""
    found = _channel_in(ctx.idx, i, ctx.channel)
    if found is not None or i not in ctx.section:
        return found
    for j in range(i + 1, min(i + 1 + _FOLLOW_LINES, len(ctx.idx.folded))):
        if j in ctx.idx.numbered or j not in ctx.section:
            break
        if j not in ctx.naming and j in ctx.holder and j in ctx.channel:
            return (j,)
    return None


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
