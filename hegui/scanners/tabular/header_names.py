"""Column headers that are people's names: a sheet with a column per person.

An attendance, roster or payroll sheet often has one column per employee (``日期, 王小明, 李四光,
张伟``). Such headers are personal information and must not reach a report. A header reads as a
name when it is a surname (compound surnames first) followed by one or two common given-name
characters, or Han parts joined by a middle dot (``阿依古丽·买买提``), and it is no column word:
not one of :data:`ORDINARY_HEADERS`, and holding no detector's header word and no word of the
PI map's vocabulary.

Two characters are weak evidence (``华东``, ``周一`` and ``马力`` have the shape too): such a header
is masked only when the table has several name-like headers (:data:`SEVERAL`, or most of its
headers). Rarer given-name characters are left out on purpose: a name missed is a false negative,
an ordinary header masked would hide what a column holds.
"""

from __future__ import annotations

import functools
import re

from hegui.detectors.cn.given_names import GIVEN_CHARS, TRANSLITERATION_CHARS
from hegui.detectors.cn.surnames import COMPOUND, SINGLE_SET
from hegui.detectors.registry import all_detectors, get_detector

#: Name-like headers that make a table "a sheet of people": two-character ones count from here.
SEVERAL = 3
_NAME_DETECTOR = "CN_PERSON_NAME"
#: Middle dots used between the parts of transliterated names (U+00B7, U+2022, U+30FB, U+2027,
#: U+FF65).
_DOTS = "·•・‧･"
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_DOTTED = re.compile(rf"[\u4e00-\u9fff]{{1,8}}(?:[{_DOTS}][\u4e00-\u9fff]{{1,8}}){{1,3}}")
#: A Han word inside a longer text, middle dots included (阿依古丽·买买提).
_HAN_WORD = re.compile(rf"[\u4e00-\u9fff](?:[{_DOTS}]?[\u4e00-\u9fff])*")
_SPACE = re.compile(r"[\s\u3000]+")

#: Ordinary headers with a name's shape (a surname character, then given-name characters):
#: regions, weekdays, currencies and units, finance and measure words. Kept unmasked.
_ORDINARY = """
    第五天 周一 周二 周三 周四 周五 周六 周日 周天 周末 周中 周期 周年 周岁 周刊 周报 周边 周转
    华东 华南 华北 华中 华西 华侨 华人 华为 东北 西北 西南 东南 江南 江北 南方 北方 海外
    武汉 南京 宁波 温州 常州 常德 荆州 包头 吉林 和田 安康 安庆 安阳 延安 金华 昆明 成都
    欧元 万元 千元 美元 马力 马达 雷达 黎明 白天 黄昏 平安 安全 安康 安宁 安心 来源
    来宾 利润 利息 毛利 毛坯 时长 时辰 时光 时尚 时新 时令 万一 万千 沙子 车子 包子 房子
    牛奶 石子 金子 银子 叶子 柴油 成年 成人 成品 成立 成长 成功 成才 成华 明天 明星 明文
    文明 文学 文艺 文化 文件 国家 国民 国内 国外 国庆 国标 国际 高中 高一 高二 高三 高新
    初一 初二 初三 初中 大一 大二 大三 大四 高级 中级 初级 双休 单双 全天 全年 全勤 全部
    程序 信用 信誉 信心 信达 诸如 和平 和谐 和美 和顺 和约 易用 易燃 易碎 易损 乐观 乐园
    江山 海洋 海岸 海滨 海峡 海鲜 林业 林场 林区 花卉 花园 梅花 兰花 桂花 荷花 菊花 莲花
    龙头 龙虾 凤凰 孔雀 伍佰 黄金 白金 冶金 公平 公正 公开 公司
    公民 公益 公共 公积 齐全 齐心 计划 计生 计件 计时 党员 党建 邮政 卫生 卫星 余数 余量
"""
ORDINARY_HEADERS = frozenset(_ORDINARY.split())


def name_headers(columns: list[str]) -> list[str]:
    """The columns whose header reads as a person's name (see the module docstring)."""
    kind = {c: _name_kind(c) for c in columns}
    likely = sum(1 for k in kind.values() if k)
    several = likely >= SEVERAL or (likely >= 2 and 2 * likely > len(columns))
    return [c for c in columns if kind[c] == "strong" or (kind[c] == "weak" and several)]


def mask_person_names(text: str) -> str:
    """``text`` with every Han word that alone reads as a person's name masked.

    For table, sheet, file and folder names (a payroll workbook with a sheet per employee,
    ``工资.xlsx:王小明``): there is no table of headers to weigh, so only three- and
    four-character names (and transliterated ones) count.
    """
    return _HAN_WORD.sub(
        lambda m: "*" * len(m.group()) if _name_kind(m.group()) == "strong" else m.group(), text
    )


def _name_kind(header: str) -> str | None:
    """``strong``, ``weak`` (two characters) or None when ``header`` is no name-like word."""
    text = header.strip()
    if len(text) > 12:
        return None
    text = _SPACE.sub("", text)  # 张　伟: two-character names padded to align with longer ones
    if _DOTTED.fullmatch(text):
        parts = re.split(f"[{_DOTS}]", text)
        chars = set("".join(parts))
        if not (GIVEN_CHARS | TRANSLITERATION_CHARS).issuperset(chars):
            return None  # 收入·支出, 省·市: words, not a transliterated name
        return None if any(_is_column_word(p) for p in parts) else "strong"
    if not 2 <= len(text) <= 4 or not _HAN.fullmatch(text):
        return None
    surname = 2 if text[:2] in COMPOUND else 1 if text[0] in SINGLE_SET else 0
    given = text[surname:]
    if not surname or not 1 <= len(given) <= 2 or not GIVEN_CHARS.issuperset(given):
        return None
    if not get_detector(_NAME_DETECTOR).check(text).result or _is_column_word(text):
        return None
    return "weak" if len(text) == 2 else "strong"


def _is_column_word(text: str) -> bool:
    """``text`` is, or holds, a header word: a detector's, the PI map's or an ordinary one."""
    low = text.lower()
    # Ordinary headers count as whole words only: 和平 is a header, 李和平 a name.
    if text in ORDINARY_HEADERS or any(w in low for w in _vocabulary()):
        return True
    for det in all_detectors():
        if det.context_hits(low):
            return True
        if det.ENTITY != _NAME_DETECTOR and det.PATTERNS and det.score_value(text) is not None:
            return True  # a word another detector knows (高血压, 佛教): a topic, not a person
    return False


@functools.cache
def _vocabulary() -> frozenset[str]:
    """The PI map's vocabulary (category names, examples), as Han words."""
    from hegui.scanners.tabular.pimap import pi_map

    pim = pi_map()
    texts = [str(e.get("example", {}).get("zh", "")) for e in pim.entities.values()]
    texts += [str(e.get("group", {}).get("zh", "")) for e in pim.entities.values()]
    texts += [str(c.get("name", {}).get("zh", "")) for c in pim.categories.values()]
    words = {w for t in texts for w in _HAN.findall(t) if len(w) >= 2}
    return frozenset(words)
