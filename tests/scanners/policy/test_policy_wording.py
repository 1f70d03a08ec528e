"""Common wordings of each disclosure are recognised; near misses are still flagged.

Each row changes one sentence of a complete synthetic policy (no findings) and states which
findings must follow: none for a variant wording, the element's finding for a near miss.
"""

from __future__ import annotations

import pytest

from hegui.scanners.app_findings import check_policy
from hegui.scanners.policy import analyze_policy, policy_from_text

BASE = """某某科技有限公司隐私政策
联系我们：您可以通过邮箱 privacy@example.cn 与我们联系。
我们会收集您的个人信息，具体如下：
业务功能一：注册登录。为了帮助您注册，我们会收集您的手机号码。
为了向您推荐附近门店，我们会申请位置权限，获取您的位置信息。
我们仅在实现目的所必需的期限内保存您的个人信息，保存期限为账户存续期间。
您可以查阅、复制您的个人信息。
您可以更正、补充您的个人信息。
您可以删除您的个人信息。
您可以撤回同意。
您可以通过客服投诉、举报。
您可以通过“设置-隐私”页面或联系客服行使上述权利。
您可以在“设置-账号与安全”中注销账号。
我们将在15个工作日内答复您的请求。
我们非常重视未成年人的个人信息保护。
本政策更新时，我们会通过弹窗通知您。
"""

DEACT = "您可以在“设置-账号与安全”中注销账号。"
WITHDRAW = "您可以撤回同意。"
RETENTION = "我们仅在实现目的所必需的期限内保存您的个人信息，保存期限为账户存续期间。"
MINORS = "我们非常重视未成年人的个人信息保护。"
CONTACT = "联系我们：您可以通过邮箱 privacy@example.cn 与我们联系。"
UPDATE = "本政策更新时，我们会通过弹窗通知您。"
CORRECTION = "您可以更正、补充您的个人信息。"
ACCESS = "您可以查阅、复制您的个人信息。"

# (id, sentence replaced, replacement, findings expected as "rule_id[:subject]")
CASES: list[tuple[str, str, str, list[str]]] = [
    ("deact_zhang_hao", DEACT, "您可以在“设置-账号与安全”中注销帐号。", []),
    ("deact_zhang_hu", DEACT, "您可以在“设置-账号与安全”中注销帐户。", []),
    ("deact_apply", DEACT, "您可以在“设置-账号与安全”中申请注销您的个人账号。", []),
    ("deact_fullwidth", DEACT, "您可以通过客服申请注销账户（路径：我的－设置）。", []),
    (
        "deact_heading",
        DEACT,
        "八、如何注销您的账号\n您可以在“设置-账号与安全”中提交申请。",
        [],
    ),
    ("withdraw_shouhui", WITHDRAW, "您可以通过关闭设备权限的方式改变授权范围或收回授权。", []),
    ("withdraw_dui_women", WITHDRAW, "您可以撤回对我们的授权。", []),
    ("withdraw_chexiao", WITHDRAW, "您可以在设置中撤销您的授权。", []),
    ("correction_xiugai", CORRECTION, "您可以修改您的昵称、头像等资料。", []),
    ("access_chaxun", ACCESS, "您可以在“我的”页面查询您的个人信息。", []),
    (
        "retention_zuiduan",
        RETENTION,
        "我们仅在实现处理目的所必要的最短时间内保留您的个人信息。",
        [],
    ),
    ("retention_cunchu_qijian", RETENTION, "存储期间为账户存续期间。", []),
    ("minors_14_yixia", MINORS, "若您是14周岁以下的用户，请在监护人陪同下阅读本政策。", []),
    ("minors_fullwidth", MINORS, "若您是不满１４周岁的用户，请在监护人陪同下阅读本政策。", []),
    ("minors_weiman", MINORS, "未满十四周岁的用户应取得监护人同意。", []),
    ("contact_hotline", CONTACT, "如有问题，请拨打客服热线400-123-4567。", []),
    ("contact_fullwidth_at", CONTACT, "请写信至：privacy＠example.cn", []),
    ("update_heading", UPDATE, "七、本政策如何更新\n我们会通过弹窗的形式告知您。", []),
    ("processor_gufen", "某某科技有限公司隐私政策", "北京某某科技股份有限公司隐私政策", []),
    ("processor_jituan", "某某科技有限公司隐私政策", "某某集团（以下简称“我们”）隐私政策", []),
    # Near misses: the topic is named but the disclosure is not made.
    (
        "near_deact_no_channel",
        DEACT,
        "注销后数据将被删除。",
        ["apps.deactivation_channel_missing"],
    ),
    (
        "near_deact_account_no_channel",
        DEACT,
        "账号注销后，我们将删除或匿名化处理您的个人信息。",
        ["apps.deactivation_channel_missing"],
    ),
    (
        "near_withdraw_consent_only",
        WITHDRAW,
        "我们会在收集前征得您的同意。",
        ["apps.rights_channel_missing:withdraw_consent"],
    ),
    (
        "near_correction_policy_change",
        CORRECTION,
        "本政策修改后将重新征求同意。",
        ["apps.rights_channel_missing:correction"],
    ),
    (
        "near_access_device_info",
        ACCESS,
        "我们会查看设备信息以保障安全。",
        ["apps.rights_channel_missing:access"],
    ),
    (
        "near_retention_no_period",
        RETENTION,
        "我们会安全存储您的个人信息。",
        ["apps.retention_missing"],
    ),
    (
        "near_minors_adults",
        MINORS,
        "本产品面向18周岁以上的成年用户。",
        ["apps.minors_section_missing"],
    ),
    ("near_update_heading_only", UPDATE, "七、本政策如何更新", ["apps.update_notice_missing"]),
    (
        # A heading that does not carry the topic does not pull in unrelated lines.
        "near_update_unrelated_heading",
        UPDATE,
        "七、其他\n本政策可能会更新。",
        ["apps.update_notice_missing"],
    ),
]


def _findings(text: str) -> list[str]:
    facts = analyze_policy(policy_from_text(text))
    return [f.rule_id + (f":{f.subject}" if f.subject else "") for f in check_policy(facts)]


def test_base_policy_is_complete() -> None:
    assert _findings(BASE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_wording(old: str, new: str, expected: list[str]) -> None:
    assert old in BASE
    assert _findings(BASE.replace(old, new)) == expected


def test_heading_unit_excerpt_joins_heading_and_line() -> None:
    text = BASE.replace(UPDATE, "七、本政策如何更新\n我们会通过弹窗的形式告知您。")
    excerpt = analyze_policy(policy_from_text(text)).elements["update_notice"].excerpt
    assert excerpt == "七、本政策如何更新 我们会通过弹窗的形式告知您。"


def test_html_heading_and_paragraph(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from hegui.scanners.policy import scan_policy

    body = "".join(f"<p>{ln}</p>" for ln in BASE.replace(UPDATE, "").splitlines() if ln)
    path = tmp_path / "p.html"
    path.write_text(
        f"<html><body>{body}<h2>本政策如何更新</h2><p>我们会通过弹窗的形式告知您。</p></body></html>",
        encoding="utf-8",
    )
    assert scan_policy(path).has("update_notice")
