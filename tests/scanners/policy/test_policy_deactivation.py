"""Account deactivation counts only when stated as the user's with a way to do it (like a right).

NDSMR 2024 Art. 21(4) asks for "the methods and channels" for deactivating an account, listed with
the rights. Each row puts a block of text into a policy that is otherwise complete (the synthetic
policy without its deactivation line), writes it as a real text, HTML or PDF file, and states
whether deactivation is disclosed (named + a way), only named, or absent.

Decisions the rows pin down:
- "您可以" / "申请" name the act, not the way: "您可以注销账号" alone is named only;
- a heading carrying the act names it ("八、如何注销您的账号"), and the lines it introduces may give
  the way; a general rights-exercise statement covers it like any right named;
- what happens after deactivation ("账号注销后，保存期限为6个月") does not name it, not even in the
  rights section next to a general statement; "注销后数据将被删除" names no account at all;
- the holder word must be in the act's sentence ("我们可能注销长期未登录的账号。如需帮助，请联系
  客服。" names nothing); in a rights section the next line with a holder word and a channel
  gives the way ("您有权注销您的账号。" / "您可以通过App内“我的-客服”提交申请。").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_files import write_policy
from policy_texts import EN_LINES, ZH_LINES, policy

from hegui.scanners.app_findings import check_policy
from hegui.scanners.policy import scan_policy

ALL = ("txt", "html", "pdf")
# PDF has no heading structure: its extractor re-joins a line with no sentence end to the next.
NO_PDF = ("txt", "html")

# (id, lang, text replacing the deactivation line, "disclosed" | "named" | "absent", formats)
CASES: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    # --- positives -------------------------------------------------------------------------
    (
        "zh_settings_route",
        "zh",
        "您可以通过“设置-账号与安全-注销账号”注销您的账号。",
        "disclosed",
        ALL,
    ),
    (
        "zh_zhang_variant_fullwidth_path",
        "zh",
        "如需注销帐号，请在“我的－设置－帐号与安全”页面提交申请。",
        "disclosed",
        ALL,
    ),
    ("zh_hotline", "zh", "如需注销账户，请拨打客服热线400-000-0000。", "disclosed", ALL),
    ("zh_online_form", "zh", "您可以通过在线表单申请注销您的个人账号。", "disclosed", ALL),
    ("zh_third_person", "zh", "用户可以在“设置”中注销账户。", "disclosed", ALL),
    (
        "zh_reference_to_a_way_stated_elsewhere",
        "zh",
        "您可以通过本节第（一）项所述方式申请注销账号。",
        "disclosed",
        ALL,
    ),
    (
        "zh_general_statement",
        "zh",
        "您有权注销您的账号。\n您可以通过以下方式行使上述权利：\n发送邮件至 rights@example.cn。",
        "disclosed",
        ALL,
    ),
    (
        "zh_heading_and_line",
        "zh",
        "八、如何注销您的账号\n您可以在“设置-账号与安全”中提交申请。",
        "disclosed",
        NO_PDF,
    ),
    (
        "zh_rights_section_item",
        "zh",
        "五、您的权利\n（五）注销账号\n请在“设置-账号与安全”中提交注销申请。",
        "disclosed",
        NO_PDF,
    ),
    (
        "en_settings",
        "en",
        "You can delete your account in the app under Me > Settings.",
        "disclosed",
        ALL,
    ),
    (
        "en_contact",
        "en",
        "If you wish to close your account, email us at privacy@example.com.",
        "disclosed",
        ALL,
    ),
    (
        "en_heading_and_line",
        "en",
        "Account deletion\nYou can request it on the Settings page.",
        "disclosed",
        NO_PDF,
    ),
    (
        "zh_holder_in_the_second_sentence",
        "zh",
        "我们会保留订单记录。您可以在“设置-账号与安全”中注销账号。",
        "disclosed",
        ALL,
    ),
    (
        # One sentence per <p>: the way on the next line, in the rights section.
        "zh_section_way_on_the_next_line",
        "zh",
        "五、您的权利\n您有权注销您的账号。\n您可以通过App内“我的-客服”提交申请。",
        "disclosed",
        NO_PDF,
    ),
    # --- near misses -----------------------------------------------------------------------
    ("near_no_account", "zh", "注销后数据将被删除。", "absent", ALL),
    (
        # The holder word is in another sentence than the act (our act, not the user's).
        "near_holder_in_another_sentence",
        "zh",
        "我们可能注销长期未登录的账号。如需帮助，请联系客服。",
        "absent",
        ALL,
    ),
    (
        "near_consequence_then_holder",
        "zh",
        "账号注销后，我们将删除您的个人信息。如需了解更多，请联系客服。",
        "absent",
        ALL,
    ),
    (
        "near_next_line_outside_rights_section",
        "zh",
        "您有权注销您的账号。\n您可以通过App内“我的-客服”提交申请。",
        "named",
        ALL,
    ),
    ("near_you_can_alone", "zh", "您可以注销账号。", "named", ALL),
    ("near_apply_alone", "zh", "您可以申请注销您的账号。", "named", ALL),
    (
        "near_retention_clause",
        "zh",
        "账号注销后，我们将删除您的个人信息，保存期限届满后匿名化处理。",
        "absent",
        ALL,
    ),
    (
        # In the rights section and next to a general statement, a consequence is still no act.
        "near_retention_clause_in_rights_section",
        "zh",
        "五、您的权利\n在您注销账号后，我们将删除您的个人信息。\n"
        "您可以通过“设置-隐私”页面或联系客服行使上述权利。",
        "absent",
        ALL,
    ),
    (
        "near_other_rights_channel",
        "zh",
        "您可以注销账号。\n如需投诉，请拨打客服热线400-000-0000。",
        "named",
        ALL,
    ),
    (
        "near_contact_section_only",
        "zh",
        "您可以注销您的账号。\n六、如何联系我们\n如有疑问，请发送邮件至 privacy@example.cn。",
        "named",
        ALL,
    ),
    (
        "near_heading_consequence_only",
        "zh",
        "八、账号注销\n注销后，我们将删除您的个人信息。",
        "named",
        NO_PDF,
    ),
    ("near_en_named", "en", "You may delete your account.", "named", ALL),
    (
        "near_en_retention",
        "en",
        "After account deletion we keep order records for three years.",
        "absent",
        ALL,
    ),
]


def _text(lang: str, block: str) -> str:
    return policy(ZH_LINES if lang == "zh" else EN_LINES, drop=("deactivation",), add=(block,))


def _state(path: Path) -> str:
    e = scan_policy(path).elements["deactivation"]
    if e.present:
        assert e.named and e.excerpt and e.channel_excerpt and e.note is None
        return "disclosed"
    if e.named:
        assert e.excerpt and e.channel_excerpt is None and e.note
        return "named"
    assert e.named is False and e.excerpt is None
    return "absent"


@pytest.mark.parametrize(
    ("fmt", "lang", "block", "expected"),
    [(fmt, *c[1:4]) for c in CASES for fmt in c[4]],
    ids=[f"{c[0]}-{fmt}" for c in CASES for fmt in c[4]],
)
def test_deactivation(tmp_path: Path, fmt: str, lang: str, block: str, expected: str) -> None:
    assert _state(write_policy(tmp_path, _text(lang, block), fmt)) == expected


def test_the_base_policies_disclose_deactivation(tmp_path: Path) -> None:
    for lang, lines in (("zh", ZH_LINES), ("en", EN_LINES)):
        path = write_policy(tmp_path, policy(lines), "txt")
        assert _state(path) == "disclosed", lang


def test_named_without_a_way_is_reported_as_such(tmp_path: Path) -> None:
    path = write_policy(tmp_path, _text("zh", "您可以注销账号。"), "html")
    [f] = [f for f in check_policy(scan_policy(path)) if f.rule_id.startswith("apps.deact")]
    assert f.rule_id == "apps.deactivation_channel_missing"
    assert f.facts["evidence"]["named"] is True
    assert f.facts["evidence"]["policy_excerpt"] == "您可以注销账号。"
    assert f.explanation == ["Account deactivation named but no way to do it is given."]


def test_not_stated_is_reported_as_such(tmp_path: Path) -> None:
    path = write_policy(tmp_path, _text("zh", "注销后数据将被删除。"), "txt")
    [f] = [f for f in check_policy(scan_policy(path)) if f.rule_id.startswith("apps.deact")]
    assert f.facts["evidence"]["named"] is False
    assert "policy_excerpt" not in f.facts["evidence"]
    assert "not stated" in f.explanation[0]


def test_general_statement_is_the_channel_excerpt(tmp_path: Path) -> None:
    block = "您有权注销您的账号。\n您可以通过以下方式行使上述权利：\n拨打客服热线400-000-0000。"
    e = scan_policy(write_policy(tmp_path, _text("zh", block), "txt")).elements["deactivation"]
    assert e.present and e.excerpt == "您有权注销您的账号。"
    assert e.channel_excerpt == "您可以通过以下方式行使上述权利： 拨打客服热线400-000-0000。"
