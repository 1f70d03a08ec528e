"""Seeded, labelled synthetic corpus: tables (clean, obfuscated, near-miss cells) and free text.

No real personal data: every identifier comes from :class:`hegui.detectors.synthetic.Synth`.
Labels are per cell (tables) and per span (free text). Near misses (mistyped IDs, order numbers,
unallocated mobile prefixes, Luhn failures) are labelled as *not* PI, which is where checksum-free
peers lose precision.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from hegui.detectors.synthetic import Synth

#: Entities compared across systems.
ENTITIES = (
    "CN_RESIDENT_ID", "CN_MOBILE", "CN_LANDLINE", "CN_BANK_CARD", "EMAIL_ADDRESS", "IP_ADDRESS",
    "CN_LICENSE_PLATE", "CN_PASSPORT", "CN_USCC", "CN_PERSON_NAME", "CN_ADDRESS",
)  # fmt: skip

_FULL = {ord(c): ord(c) + 0xFEE0 for c in string.digits + string.ascii_letters}


@dataclass
class Column:
    header: str
    cells: list[str]
    labels: list[str | None]


@dataclass
class Document:
    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def _obfuscate(r: random.Random, value: str, entity: str) -> str:
    """Separators, full-width digits, +86: what real spreadsheets contain."""
    kind = r.random()
    if entity == "CN_MOBILE":
        if kind < 0.3:
            return f"+86 {value}"
        if kind < 0.6:
            return f"{value[:3]}-{value[3:7]}-{value[7:]}"
        return value.translate(_FULL)
    if entity == "CN_RESIDENT_ID":
        return f"{value[:6]} {value[6:14]} {value[14:]}" if kind < 0.5 else value.translate(_FULL)
    if entity == "CN_BANK_CARD":
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _near_miss(s: Synth, entity: str) -> str:
    r = s.r
    if entity == "CN_RESIDENT_ID":
        return s.resident_id_bad_check() if r.random() < 0.7 else s.order_number()[:18]
    if entity == "CN_MOBILE":
        return s.mobile_unallocated()
    if entity == "CN_LANDLINE":
        return (
            "010-" + "1" + "".join(r.choices(string.digits, k=7))
        )  # local numbers never start with 1
    if entity == "CN_BANK_CARD":
        card = s.bank_card()
        card = "4" + card[1:] if card.startswith("62") else card
        return card[:-1] + str((int(card[-1]) + 1) % 10)  # Luhn now fails
    if entity == "EMAIL_ADDRESS":
        return "".join(r.choices(string.ascii_lowercase, k=6)) + "@localhost"
    if entity == "IP_ADDRESS":
        return f"{r.randint(256, 999)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(0, 255)}"
    if entity == "CN_LICENSE_PLATE":
        return f"京I{r.randint(10000, 99999)}"  # I is never issued
    if entity == "CN_PASSPORT":
        return "E" + "".join(r.choices(string.digits, k=7))  # too short
    if entity == "CN_USCC":
        code = s.uscc()
        return code[:-1] + ("0" if code[-1] != "0" else "1")
    if entity == "CN_PERSON_NAME":
        return r.choice(("有限公司", "北京分行", "王府井店", "市场部", "张家港市"))
    if entity == "CN_ADDRESS":
        return r.choice(("北京", "广东省", "上海市", "浙江"))
    raise KeyError(entity)


_GEN = {
    "CN_RESIDENT_ID": ("身份证号", "resident_id"),
    "CN_MOBILE": ("手机号码", "mobile"),
    "CN_LANDLINE": ("固定电话", "landline"),
    "CN_BANK_CARD": ("银行卡号", "bank_card"),
    "EMAIL_ADDRESS": ("邮箱", "email"),
    "IP_ADDRESS": ("登录IP", "ipv4"),
    "CN_LICENSE_PLATE": ("车牌号", "plate"),
    "CN_PASSPORT": ("护照号码", "passport"),
    "CN_USCC": ("统一社会信用代码", "uscc"),
    "CN_PERSON_NAME": ("姓名", "name"),
    "CN_ADDRESS": ("地址", "address"),
}


def table_corpus(seed: int, rows: int) -> list[Column]:
    """One labelled column per entity (85% clean, 10% obfuscated, 5%+ near misses) plus decoys."""
    s = Synth(seed)
    r = s.r
    cols: list[Column] = []
    for entity in ENTITIES:
        header, maker = _GEN[entity]
        cells, labels = [], []
        for _ in range(rows):
            x = r.random()
            if x < 0.85:
                cells.append(getattr(s, maker)())
                labels.append(entity)
            elif x < 0.93:
                cells.append(_obfuscate(r, getattr(s, maker)(), entity))
                labels.append(entity)
            else:
                cells.append(_near_miss(s, entity))
                labels.append(None)
        cols.append(Column(header, cells, labels))
    cols.append(Column("订单号", [s.order_number() for _ in range(rows)], [None] * rows))
    cols.append(
        Column(
            "流水号",
            ["".join(r.choices(string.digits, k=r.randint(15, 19))) for _ in range(rows)],
            [None] * rows,
        )
    )
    cols.append(
        Column(
            "产品编码",
            ["E" + "".join(r.choices(string.digits, k=8)) for _ in range(rows)],
            [None] * rows,
        )
    )
    mixed_cells, mixed_labels = [], []
    for _ in range(rows):
        entity = r.choice(("CN_MOBILE", "EMAIL_ADDRESS", "CN_LANDLINE"))
        mixed_cells.append(getattr(s, _GEN[entity][1])())
        mixed_labels.append(entity)
    cols.append(Column("联系方式", mixed_cells, mixed_labels))
    return cols


_PROSE = (
    "本公司依据相关法律法规处理客户的个人信息，并采取必要措施保障数据安全。",
    "我们会定期开展合规审计，确保各项处理活动符合国家标准与行业规范。",
    "如对本通知有疑问，请在工作日联系客服中心，我们将在十五个工作日内答复。",
    "系统于本周末进行例行维护，期间部分功能可能暂停使用，敬请谅解。",
    "订单已按约定时间发货，物流信息将通过短信推送，请注意查收。",
)

_TEMPLATES = (
    ("客户{CN_PERSON_NAME}的手机号是{CN_MOBILE}，身份证号{CN_RESIDENT_ID}。", ()),
    ("收货地址：{CN_ADDRESS}，联系人：{CN_PERSON_NAME}，电话{CN_LANDLINE}。", ()),
    ("退款将原路退回尾号所在银行卡{CN_BANK_CARD}，如有疑问发邮件至{EMAIL_ADDRESS}。", ()),
    ("异常登录来自IP {IP_ADDRESS}，车辆{CN_LICENSE_PLATE}已登记。", ()),
    ("护照号码{CN_PASSPORT}已核验，供应商统一社会信用代码{CN_USCC}。", ()),
    ("订单号{ORDER}已生成，流水号{SERIAL}请妥善保存。", ()),
    ("身份证号{BAD_ID}校验失败，请重新输入。", ()),
)


def text_corpus(seed: int, docs: int, sentences: int = 12, pi_rate: float = 0.3) -> list[Document]:
    """Documents of prose with PI sentences (``pi_rate`` of them); gold spans for every value.

    The default is PI-dense (a worst case for speed); ``pi_rate=0.01`` with long documents is
    closer to ordinary prose, where most text holds no personal information.
    """
    s = Synth(seed + 1)
    r = s.r
    out: list[Document] = []
    for _ in range(docs):
        text = ""
        spans: list[tuple[str, int, int]] = []
        for _ in range(sentences):
            if r.random() >= pi_rate:
                text += r.choice(_PROSE)
                continue
            template = r.choice(_TEMPLATES)[0]
            pos = 0
            while True:
                i = template.find("{", pos)
                if i < 0:
                    text += template[pos:]
                    break
                j = template.index("}", i)
                text += template[pos:i]
                key = template[i + 1 : j]
                if key == "ORDER":
                    value, label = s.order_number(), None
                elif key == "SERIAL":
                    value, label = "".join(r.choices(string.digits, k=16)), None
                elif key == "BAD_ID":
                    value, label = s.resident_id_bad_check(), None
                else:
                    value, label = getattr(s, _GEN[key][1])(), key
                    if key in ("CN_MOBILE", "CN_RESIDENT_ID") and r.random() < 0.2:
                        value = _obfuscate(r, value, key)
                if label:
                    spans.append((label, len(text), len(text) + len(value)))
                text += value
                pos = j + 1
        out.append(Document(text, spans))
    return out
