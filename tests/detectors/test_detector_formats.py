"""Every detector: true positives, near misses, separators, full-width digits, explanations."""

from __future__ import annotations

import pytest
from stdnum.cn import ric

from hegui.detectors import detect
from hegui.detectors.cn.cn_mobile_detector import CnMobileDetector
from hegui.detectors.cn.cn_resident_id_detector import CnResidentIdDetector
from hegui.detectors.registry import all_detectors, entities, get_detector
from hegui.detectors.synthetic import Synth
from hegui.errors import HeguiError

S = Synth(42)


def _found(text: str) -> set[str]:
    return {d.entity for d in detect(text)}


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("身份证号：11010519491231002X", "CN_RESIDENT_ID"),
        ("身份证 110105 19491231 002X", "CN_RESIDENT_ID"),
        ("手机 +86 138-0013-8000", "CN_MOBILE"),
        ("电话：１３８００１３８０００", "CN_MOBILE"),
        ("座机 010-62345678", "CN_LANDLINE"),
        ("银行卡号 6222 0202 0000 0000 0000"[:0] + f"银行卡号 {S.bank_card()}", "CN_BANK_CARD"),
        ("统一社会信用代码 91110000600037341L", "CN_USCC"),
        ("护照号码 E12345678", "CN_PASSPORT"),
        ("护照 EF1260892", "CN_PASSPORT"),
        ("回乡证 H1234567800", "CN_HK_MACAO_PERMIT"),
        ("台胞证号码 12345678", "CN_TAIWAN_PERMIT"),
        ("香港身份证 A123456(3)", "HK_ID_CARD"),
        ("澳门身份证 1234567(8)", "MO_ID_CARD"),
        ("台湾身份证字号 A123456789", "TW_ID_CARD"),
        ("车牌 京A·12345", "CN_LICENSE_PLATE"),
        ("新能源车牌 粤BD12345", "CN_LICENSE_PLATE"),
        ("邮箱 zhang.san@example.com", "EMAIL_ADDRESS"),
        ("登录IP 203.0.113.9", "IP_ADDRESS"),
        ("ip: 2001:db8::1", "IP_ADDRESS"),
        ("MAC 00:1A:2B:3C:4D:5E", "MAC_ADDRESS"),
        ("IMEI: 490154203237518", "IMEI"),
        ("android_id=9774d56d682e549c", "ANDROID_ID"),
        ("IDFA 6D92078A-8246-4BA4-AE5B-76104861E7DC", "IDFA"),
        ("OAID: 1fa0c4b2-6bd3-4c1e-9f0a-6a2ee4cb1d77", "OAID"),
        ("定位坐标 39.908712,116.397470", "GPS_COORDINATE"),
        ("出生日期：1990年5月17日", "DATE_OF_BIRTH"),
        ("姓名：欧阳娜娜", "CN_PERSON_NAME"),
        ("客户王伟，请回电", "CN_PERSON_NAME"),
        ("客户来小明的订单", "CN_PERSON_NAME"),  # a name with the surname 来 still counts
        ("收货地址：广东省深圳市南山区科技园路1号", "CN_ADDRESS"),
        ("诊断为2型糖尿病", "HEALTH_INFO"),
        ("宗教信仰：佛教", "RELIGION"),
        ("曾因盗窃罪被判处有期徒刑", "CRIMINAL_RECORD"),
    ],
)
def test_true_positives(text: str, entity: str) -> None:
    assert entity in _found(text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("身份证号：11010519491231002Y", "CN_RESIDENT_ID"),  # bad check character
        ("身份证号：110105194912310021", "CN_RESIDENT_ID"),
        ("身份证号：11010519491331002X", "CN_RESIDENT_ID"),  # month 13
        ("订单号 202411300000001234", "CN_RESIDENT_ID"),
        ("手机 12012345678", "CN_MOBILE"),  # 120 is not a mobile prefix
        ("手机 19412345678", "CN_MOBILE"),  # 194 not allocated
        ("手机 138001380001", "CN_MOBILE"),  # 12 digits
        ("卡号 4111111111111112", "CN_BANK_CARD"),  # Luhn fails, not UnionPay
        ("订单号 20241130123456789012", "CN_BANK_CARD"),
        ("信用代码 91110000600037341M", "CN_USCC"),
        ("香港身份证 A123456(4)", "HK_ID_CARD"),
        ("A123456788", "TW_ID_CARD"),
        ("产品编号 E12345678", "CN_PASSPORT"),  # no context, no check digit
        ("12345678", "CN_TAIWAN_PERMIT"),
        ("version 1.2.3.400", "IP_ADDRESS"),
        ("IMEI: 490154203237519", "IMEI"),
        ("IDFA 00000000-0000-0000-0000-000000000000", "IDFA"),
        ("2026-11-30 发货", "DATE_OF_BIRTH"),
        ("王府井大街很热闹", "CN_PERSON_NAME"),
        ("客户来电，请回拨13800138000，说明退款事宜。", "CN_PERSON_NAME"),  # 来 is a surname
        ("客户来访，登记在册", "CN_PERSON_NAME"),
        ("会员信息，已更新", "CN_PERSON_NAME"),
        ("用户查询，无结果", "CN_PERSON_NAME"),
        ("客户满意的服务", "CN_PERSON_NAME"),
        ("坐标 95.123456,200.123456", "GPS_COORDINATE"),
    ],
)
def test_near_misses(text: str, entity: str) -> None:
    assert entity not in _found(text)


def test_offsets_point_into_the_original_text() -> None:
    text = "联系：张先生，手机１３８ ００１３ ８０００。"
    [det] = [d for d in detect(text) if d.entity == "CN_MOBILE"]
    assert text[det.start : det.end] == "１３８ ００１３ ８０００"


def test_explanation_names_pattern_validation_context_and_score() -> None:
    [det] = detect("身份证号：11010519491231002X")
    e = det.explanation
    assert (e.detector, e.pattern, e.validation) == ("CnResidentIdDetector", "id18", True)
    assert "身份证" in e.context and e.score == det.score == 1.0
    assert "11010519491231002X" not in str(e) and "11010519491231002X" not in str(e.as_dict())


def test_residence_permits_and_stdnum_gap() -> None:
    permit = S.residence_permit()
    assert not ric.is_valid(permit)  # the stdnum gap this detector wraps
    det = CnResidentIdDetector().score_value(permit, "证件号")
    assert det is not None and det.explanation.validation is True
    assert any("residence permit" in n for n in det.explanation.notes)


def test_new_county_code_is_accepted_with_a_note() -> None:
    from hegui.detectors.checksums import resident_id_check_char

    body = "33011320000101001"  # 330113 Linping district (2021): missing from stdnum's table
    number = body + resident_id_check_char(body)
    try:
        stdnum_verdict: object = ric.is_valid(number)
    except KeyError:
        stdnum_verdict = "KeyError"
    assert stdnum_verdict in (False, "KeyError")
    det = CnResidentIdDetector().score_value(number)
    assert det is not None and det.score == 1.0


def test_mobile_prefixes_beyond_phonenumbers() -> None:
    import phonenumbers

    data_card = "14912345678"  # MIIT allocated (data card); phonenumbers calls it invalid
    assert not phonenumbers.is_valid_number(phonenumbers.parse("+86" + data_card))
    det = CnMobileDetector().score_value(data_card)
    assert det is not None and det.explanation.notes


def test_legacy_15_digit_id_needs_context() -> None:
    assert "CN_RESIDENT_ID" not in _found("序列号 110105491231002")
    assert "CN_RESIDENT_ID" in _found("身份证号 110105491231002")


def test_unionpay_luhn_failure_is_suspect_not_reported() -> None:
    det = get_detector("CN_BANK_CARD")
    check = det.check("6222020200000000001")
    assert check.result is None and check.score is not None and check.score < 0.5


def test_every_detector_has_context_and_entity() -> None:
    for det in all_detectors():
        assert det.ENTITY and det.ENTITY.isupper()
        assert det.CONTEXT, det.name
    assert len(set(entities())) == len(entities())


def test_unknown_entity_and_bad_input_are_clear_errors() -> None:
    with pytest.raises(HeguiError, match="unknown entity"):
        detect("x", entities=["NOPE"])
    with pytest.raises(HeguiError):
        detect(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(HeguiError, match="max_chars"):
        detect("1" * 101, max_chars=100)


def test_overlaps_keep_the_best_detection() -> None:
    dets = detect("身份证号 11010519491231002X")
    assert [d.entity for d in dets] == ["CN_RESIDENT_ID"]


def test_public_api_reexports() -> None:
    import hegui
    import hegui.api

    assert hegui.detect is detect and hegui.api.detect is detect


def test_every_detector_is_documented() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "detectors.md").read_text(encoding="utf-8")
    missing = [
        d.ENTITY
        for d in all_detectors()
        if f"`{d.ENTITY}`" not in page or type(d).__name__ not in page
    ]
    assert not missing, f"detectors missing from docs/detectors.md: {missing}"


def test_stdnum_gap_reports_what_stdnum_gets_wrong() -> None:
    from hegui.detectors.cn.cn_resident_id_detector import stdnum_gap

    assert stdnum_gap("11010519491231002X") is None
    assert stdnum_gap(S.residence_permit()) is not None  # stdnum rejects permits
