"""A value labelled as something else (订单号, 流水号, 身份证号 ...) is not a card or a USCC.

One 16-digit serial in ten passes Luhn and one 18-digit order number in 31 passes the USCC check,
so free text like 流水号4640189308509495 was reported as a bank card. The nearest label decides:
a context word after the other label (or none of those labels) keeps the value.
"""

from __future__ import annotations

import pytest

import hegui
from hegui.detectors.checksums import luhn_ok
from hegui.detectors.registry import all_detectors, detect_slow
from hegui.detectors.synthetic import Synth

_CARD = "4640189308509495"  # synthetic: Luhn-valid, Visa prefix
_USCC = Synth(7).uscc()


def _found(text: str, entity: str) -> list[str]:
    fast = [text[d.start : d.end] for d in hegui.detect(text) if d.entity == entity]
    slow = [text[d.start : d.end] for d in detect_slow(text, all_detectors()) if d.entity == entity]
    assert fast == slow
    return fast


def test_the_synthetic_values_are_valid() -> None:
    assert luhn_ok(_CARD)
    assert _found(f"统一社会信用代码：{_USCC}", "CN_USCC") == [_USCC]


@pytest.mark.parametrize(
    "label",
    ["流水号", "订单号", "订单编号：", "交易号 ", "身份证号", "快递单号", "Order No. ", "serial: "],
)
def test_a_card_number_labelled_otherwise_is_not_a_card(label: str) -> None:
    assert _found(f"您的{label}{_CARD}请妥善保存", "CN_BANK_CARD") == []


@pytest.mark.parametrize("label", ["", "银行卡号", "卡号：", "付款账号 ", "bank card "])
def test_a_card_number_unlabelled_or_labelled_a_card_is_found(label: str) -> None:
    assert _found(f"请核对{label}{_CARD}是否正确", "CN_BANK_CARD") == [_CARD]


def test_the_nearest_label_decides() -> None:
    # A card label earlier in the window does not rescue a value labelled as a serial ...
    assert _found(f"银行卡已绑定，流水号{_CARD}", "CN_BANK_CARD") == []
    # ... and an earlier serial label does not suppress a value labelled as a card.
    assert _found(f"流水号见上，银行卡号{_CARD}", "CN_BANK_CARD") == [_CARD]


@pytest.mark.parametrize("label", ["订单号", "流水号", "身份证号", "serial "])
def test_a_uscc_labelled_otherwise_is_not_a_uscc(label: str) -> None:
    assert _found(f"{label}{_USCC}已生成", "CN_USCC") == []


def test_a_uscc_unlabelled_is_still_found() -> None:
    assert _found(f"合作方 {_USCC} 已备案", "CN_USCC") == [_USCC]
