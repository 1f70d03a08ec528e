"""Each required disclosure is found when present and reported missing when dropped (zh, en)."""

from __future__ import annotations

import pytest
from policy_texts import EN_LINES, ZH_LINES, policy

from hegui.scanners.app_findings import check_policy
from hegui.scanners.policy import analyze_policy, policy_from_text

# Elements whose marker words occur on exactly one line of the synthetic policies.
DROPPABLE = [
    "processor_identity",
    "contact",
    "function_listing",
    "sensitive_pi_separate_consent",
    "sensitive_pi_necessity_impact",
    "retention",
    "cross_border",
    "right_access",
    "right_correction",
    "right_deletion",
    "right_withdraw_consent",
    "right_complaint",
    "deactivation",
    "minors",
    "update_notice",
    "targeted_push_opt_out",
]
# The finding each missing element produces (subject for per-right findings).
FINDING = {
    "processor_identity": ("apps.processor_identity_missing", None),
    "contact": ("apps.processor_identity_missing", None),
    "function_listing": ("apps.pi_listing_not_structured", None),
    "retention": ("apps.retention_missing", None),
    "right_access": ("apps.rights_channel_missing", "access"),
    "right_correction": ("apps.rights_channel_missing", "correction"),
    "right_deletion": ("apps.rights_channel_missing", "deletion"),
    "right_withdraw_consent": ("apps.rights_channel_missing", "withdraw_consent"),
    "right_complaint": ("apps.rights_channel_missing", "complaint"),
    "deactivation": ("apps.deactivation_channel_missing", None),
    "minors": ("apps.minors_section_missing", None),
    "update_notice": ("apps.update_notice_missing", None),
}


def facts(text: str):  # type: ignore[no-untyped-def]
    return analyze_policy(policy_from_text(text))


@pytest.mark.parametrize("lines", [ZH_LINES, EN_LINES], ids=["zh", "en"])
def test_complete_policy_has_every_element(lines: dict[str, str]) -> None:
    f = facts(policy(lines))
    missing = [k for k, e in f.elements.items() if not e.present]
    assert missing == ([] if lines is ZH_LINES else ["sdk_list"])


def test_complete_zh_policy_gives_no_policy_findings() -> None:
    assert check_policy(facts(policy(ZH_LINES))) == []


def test_en_policy_lacks_simplified_chinese_only() -> None:
    found = [(f.rule_id, f.subject) for f in check_policy(facts(policy(EN_LINES)))]
    assert found == [("apps.policy_no_simplified_chinese", None)]


@pytest.mark.parametrize("element", DROPPABLE)
@pytest.mark.parametrize("lines", [ZH_LINES, EN_LINES], ids=["zh", "en"])
def test_dropping_one_disclosure_loses_exactly_it(lines: dict[str, str], element: str) -> None:
    f = facts(policy(lines, drop=(element,)))
    missing = {k for k, e in f.elements.items() if not e.present}
    base = set() if lines is ZH_LINES else {"sdk_list"}
    assert missing == base | {element}
    if element in FINDING and lines is ZH_LINES:
        found = [(x.rule_id, x.subject) for x in check_policy(f)]
        assert found == [FINDING[element]]
        assert check_policy(f)[0].citations


def test_present_element_keeps_an_excerpt() -> None:
    f = facts(policy(ZH_LINES))
    assert f.elements["deactivation"].excerpt == ZH_LINES["deactivation"]


def test_no_collection_rules() -> None:
    f = facts("示例科技有限公司\n联系我们：privacy@example.com\n")
    assert not f.has("collection_rules")
    assert "apps.policy_no_collection_rules" in {x.rule_id for x in check_policy(f)}


def test_traditional_chinese_is_not_simplified() -> None:
    f = facts("我們會說明這個個人資訊的處理方式，並為您提供關閉選項。")
    assert not f.simplified_chinese


def test_data_type_purposes() -> None:
    f = facts(policy(ZH_LINES, add=("我们可能读取您的通讯录。",)))
    assert f.data_types["location"].purpose_stated
    assert f.data_types["camera"].purpose_stated
    contacts = f.data_types["contacts"]
    assert not contacts.purpose_stated and contacts.excerpt == "我们可能读取您的通讯录。"
    assert "sms" not in f.data_types


def test_short_ascii_keywords_need_word_boundaries() -> None:
    f = facts("We use machine learning and mobile analytics.\n")
    assert "mac" not in f.data_types
    assert "sharesdk" not in f.sdks  # 'mob' must not match 'mobile'


def test_sdk_mention_details() -> None:
    f = facts(policy(ZH_LINES, add=("极光推送 JPush",)))
    umeng = f.sdks["umeng"]
    assert (umeng.purpose, umeng.pi, umeng.policy_link) == (True, True, True)
    jpush = f.sdks["jpush"]
    assert (jpush.purpose, jpush.pi, jpush.policy_link) == (False, False, False)


@pytest.mark.parametrize(
    ("line", "value", "unit", "rule"),
    [
        ("我们将在15个工作日内答复您的请求。", 15, "working_days", None),
        (
            "我们将在20个工作日内处理您的请求。",
            20,
            "working_days",
            ("apps.response_time_exceeds_limit", "due"),
        ),
        (
            "We will respond within 30 days.",
            30,
            "days",
            ("apps.response_time_exceeds_limit", "needs_review"),
        ),
        ("我们将在10天内回复。", 10, "days", None),
    ],
)
def test_response_times(line: str, value: int, unit: str, rule: tuple[str, str] | None) -> None:
    f = facts(policy(ZH_LINES, drop=("response_time",), add=(line,)))
    assert [(r.value, r.unit) for r in f.response_times] == [(value, unit)]
    found = [(x.rule_id, x.status.value) for x in check_policy(f)]
    assert found == ([rule] if rule else [])


def test_api_scan_policy_accepts_text() -> None:
    from hegui import api

    assert api.scan_policy(policy(ZH_LINES)).findings == []
    result = api.scan_policy(policy(ZH_LINES, drop=("minors",)))
    assert [(f.rule_id, f.status.value) for f in result.findings] == [
        ("apps.minors_section_missing", "needs_review")
    ]
    assert result.policy.source == "<text>"
