"""Response times a policy commits to ("我们将在15个工作日内答复您的请求").

Only a number tied to a commitment counts: a period followed by "内/以内/之内" and a response
verb shortly after it, a period after "不超过" on a line with a response verb, or "within N days"
on such a line. Dates ("2024年5月20日") and retention periods ("日志保存180天") are not
commitments. Chinese numerals (十五, 三十, 一个月) are read; months are kept as months, because
how many working days a month holds depends on the holiday calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_NUM = "零〇一二两三四五六七八九十百"
_NUM = rf"([0-9]{{1,3}}|[{_ZH_NUM}]{{1,6}})"
_UNIT = r"(工作日|自然日|天|日|月)"
# "15个工作日内", "三十日以内", "一个月内" (one optional whitespace run on each side of 个).
_ZH_WITHIN = re.compile(_NUM + r"(?:\s*个)?\s*" + _UNIT + r"\s?(?:之内|以内|内)")
_ZH_AT_MOST = re.compile(r"(?:不超过|不超出|不得超过|最长)\s?" + _NUM + r"(?:\s*个)?\s*" + _UNIT)
_EN_WITHIN = re.compile(
    r"within\s([0-9]{1,3}|one|a)\s(?:(working|business|calendar)\s)?(days?|months?)\b"
)
# A response verb must follow "N日内" within this many characters ("内予以答复").
_VERB_WINDOW = 20
VERBS = (
    "回复",
    "答复",
    "处理",
    "响应",
    "反馈",
    "受理",
    "办理",
    "核查",
    "respond",
    "reply",
    "process",
    "handle",
)
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Commitment:
    """One committed period: value and unit (working_days | days | months)."""

    value: int
    unit: str


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in ("one", "a"):
        return 1
    total = cur = 0
    for ch in s:
        if ch in _DIGITS:
            cur = _DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur or None


def _unit(word: str, qualifier: str | None = None) -> str:
    if word == "工作日" or qualifier in ("working", "business"):
        return "working_days"
    return "months" if word.startswith(("月", "month")) else "days"


def commitments(line: str) -> list[Commitment]:
    """The response periods committed to in one folded (lower-case, half-width) line."""
    out: list[Commitment] = []
    has_verb = any(v in line for v in VERBS)
    for m in _ZH_WITHIN.finditer(line):
        after = line[m.end() : m.end() + _VERB_WINDOW]
        if any(v in after for v in VERBS):
            _add(out, m.group(1), _unit(m.group(2)))
    if has_verb:
        for m in _ZH_AT_MOST.finditer(line):
            _add(out, m.group(1), _unit(m.group(2)))
        for m in _EN_WITHIN.finditer(line):
            _add(out, m.group(1), _unit(m.group(3), m.group(2)))
    return out


def _add(out: list[Commitment], number: str, unit: str) -> None:
    value = _number(number)
    if value is not None:
        out.append(Commitment(value, unit))
