"""SDK disclosures: the best mention of each SDK counts, not the first."""

from __future__ import annotations

from pathlib import Path

from hegui.scanners.app_findings import check_app
from hegui.scanners.policy import analyze_policy, policy_from_text

OVERVIEW = "概述：我们的产品接入了友盟、穿山甲和Firebase等第三方SDK。"
ROWS = {  # sdk id -> its row in the SDK table
    "umeng": "SDK名称：友盟+ SDK；使用目的：统计分析；收集个人信息：设备信息、IMEI；隐私政策：https://www.umeng.com/policy",
    "pangle": "SDK名称：穿山甲 SDK；使用目的：广告投放；收集个人信息：设备信息；隐私政策：https://www.csjplatform.com/privacy",
    "firebase_analytics": "SDK名称：Firebase；使用目的：统计；收集个人信息：设备信息；隐私政策：https://firebase.google.com/support/privacy",
}
POLICY = "\n".join(
    [
        "某某科技有限公司隐私政策",
        "联系我们：privacy@example.cn",
        OVERVIEW,
        "一、我们如何收集和使用您的个人信息",
        "业务功能一：注册登录，为了帮助您注册，我们会收集您的手机号码。",
        "为了推荐附近门店，我们会申请位置权限，获取您的位置信息。",
        "为了扫码，我们会申请相机权限。",
        "二、第三方SDK列表",
        *ROWS.values(),
    ]
)


def test_table_row_beats_the_overview_line() -> None:
    facts = analyze_policy(policy_from_text(POLICY))
    for name, row in ROWS.items():
        m = facts.sdks[name]
        assert (m.purpose, m.pi, m.policy_link) == (True, True, True), name
        assert m.excerpt == row


def test_first_of_equally_good_mentions_is_kept() -> None:
    facts = analyze_policy(policy_from_text("我们使用友盟统计。\n\n\n\n\n\n再次提到友盟统计。"))
    assert facts.sdks["umeng"].excerpt == "我们使用友盟统计。"


def test_overview_only_still_lacks_details() -> None:
    facts = analyze_policy(policy_from_text("\n".join([OVERVIEW, "a", "b", "c", "d"])))
    m = facts.sdks["umeng"]
    assert m.excerpt == OVERVIEW and not m.policy_link


def test_no_sdk_list_incomplete_finding_for_a_planted_apk(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "android"))
    from apk_builder import PlantedClass, dex, manifest, write_apk

    from hegui.scanners.android import scan_apk

    classes = [
        PlantedClass("com.umeng.analytics.Agent"),
        PlantedClass("com.google.firebase.analytics.FirebaseAnalytics"),
        PlantedClass("com.bytedance.sdk.openadsdk.TTAd"),
    ]
    apk = write_apk(tmp_path / "a.apk", manifest("com.example.shop", []), [dex(classes)])
    apk_facts = scan_apk(apk)
    assert len(apk_facts.sdks) == 3
    findings = check_app(apk_facts, analyze_policy(policy_from_text(POLICY)))
    rule_ids = {f.rule_id for f in findings}
    assert "apps.sdk_list_incomplete" not in rule_ids
    assert "apps.sdk_not_disclosed" not in rule_ids
