"""Data-subject rights count only when stated as the user's right with a way to exercise them.

Each row puts a block of rights text into a policy that is otherwise complete (the synthetic
policy without its rights lines), writes it as a real text, HTML or PDF file, and states for every
right whether it is disclosed (right + way to exercise it), only named (right, no way), or absent.

Decisions the rows pin down:
- our own processing ("我们会删除过期数据", "we will delete ...") is not a right, even next to a
  general rights-exercise statement;
- a general statement ("您可以通过以下方式行使上述权利：" + contact lines) covers every right named
  anywhere in the policy, but one that names particular rights and has no general reference
  ("通过客服热线行使投诉、举报的权利") covers only those; a channel on another right's line never
  counts ("如需投诉、举报，请拨打客服热线" gives no way to request deletion);
- a complaint to the regulator ("向网信部门投诉", "举报电话12377", "拨打12377热线") is no channel
  of the app's own: the 2019 identification method (6.5: "未建立并公布个人信息安全投诉、举报渠道")
  asks the operator to set up and publish its own; the note says only a regulator's is given;
- "您可以" / "申请" name the act, not the way: "您可以删除您的个人信息" alone is named only;
- the holder word must be in the act's sentence, a bare verb (修改, 删除, 查看 ...) needs a PI
  object in the sentence outside a rights section, and a clause about the policy, cookies or the
  browser names no right ("如需修改本政策", "您可以通过浏览器设置删除Cookie");
- in a rights section, the next one or two lines with a holder word and a channel give the way
  for the rights named just before (one sentence per <p>), unless they name a right themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_files import write_policy
from policy_texts import EN_LINES, ZH_LINES, policy

from hegui.scanners.app_findings import check_policy
from hegui.scanners.policy import scan_policy

RIGHTS = ("access", "correction", "deletion", "withdraw_consent", "complaint")
DROP = tuple(f"right_{r}" for r in RIGHTS)
ALL = ("txt", "html", "pdf")
# PDF has no heading structure: its extractor re-joins a line with no sentence end to the next.
NO_PDF = ("txt", "html")

# (id, lang, rights text, {right: "disclosed" | "named"} (others absent), formats)
CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # --- positives -------------------------------------------------------------------------
    (
        "zh_each_line",
        "zh",
        "您可以在“我的-设置”中查阅、复制您的个人信息。\n"
        "您可以在个人资料页更正您的信息。\n"
        "您可以通过客服申请删除您的个人信息。\n"
        "您可以在系统设置中关闭权限以撤回同意。\n"
        "您可以通过客服热线投诉、举报。",
        dict.fromkeys(RIGHTS, "disclosed"),
        ALL,
    ),
    (
        "zh_general_statement_colon",
        "zh",
        "您有权查阅、更正、删除您的个人信息，并有权撤回同意。\n"
        "您可以通过以下方式行使上述权利：\n"
        "发送邮件至 rights@example.cn。",
        {
            "access": "disclosed",
            "correction": "disclosed",
            "deletion": "disclosed",
            "withdraw_consent": "disclosed",
        },
        ALL,
    ),
    (
        "zh_general_statement_one_line",
        "zh",
        "您有权要求删除您的个人信息。\n您可以通过“设置-隐私”页面或联系客服行使上述权利。",
        {"deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_heading_and_lines",
        "zh",
        "五、您的权利\n（一）删除您的个人信息\n请在“设置-隐私”中提交申请，我们将在15个工作日内处理。",
        {"deletion": "disclosed"},
        NO_PDF,
    ),
    (
        "zh_rights_section_label_lines",
        "zh",
        "五、您的权利\n删除：在“设置-隐私”中申请删除您的个人信息。\n"
        "撤回同意：在系统设置中关闭相应权限即可撤回同意。",
        {"deletion": "disclosed", "withdraw_consent": "disclosed"},
        NO_PDF,
    ),
    (
        "zh_colon_list",
        "zh",
        "如需删除您的个人信息，您可以：\n1. 在“设置-隐私”中操作；\n2. 联系客服。",
        {"deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_zhang_variant_and_fullwidth",
        "zh",
        "您可以在“帐号与安全”页面查看您的帐号信息。\n"
        "如需删除您的个人信息，请发送邮件至ｒｉｇｈｔｓ＠ｅｘａｍｐｌｅ．ｃｎ。",
        {"access": "disclosed", "deletion": "disclosed"},
        ALL,
    ),
    ("zh_ke_zai", "zh", "您可在“设置-隐私”中删除您的个人信息。", {"deletion": "disclosed"}, ALL),
    (
        "zh_contact_section_tied_to_rights",
        "zh",
        "您有权更正您的个人信息。\n"
        "如您有任何疑问，或需要行使您的权利，请通过以下方式与我们联系：\n"
        "电子邮件：rights@example.cn。",
        {"correction": "disclosed"},
        ALL,
    ),
    (
        "zh_reference_to_a_way_stated_elsewhere",
        "zh",
        "您可以通过本节第（一）项所述方式提出更正或补充申请。",
        {"correction": "disclosed"},
        ALL,
    ),
    (
        "en_request_access_by_emailing",
        "en",
        "You can request access to your personal data by emailing our privacy team.",
        {"access": "disclosed"},
        ALL,
    ),
    (
        "en_each_line",
        "en",
        "You can access your information on the profile page.\n"
        "You can correct your information in the settings.\n"
        "You may request deletion of your data by contacting us at rights@example.com.\n"
        "You can withdraw your consent in the settings.\n"
        "You can complain to our customer service.",
        dict.fromkeys(RIGHTS, "disclosed"),
        ALL,
    ),
    (
        "en_general_statement",
        "en",
        "You have the right to access, correct and delete your personal information.\n"
        "You may exercise these rights by contacting us at rights@example.com.",
        {"access": "disclosed", "correction": "disclosed", "deletion": "disclosed"},
        ALL,
    ),
    (
        "en_heading_and_line",
        "en",
        "Your rights\nDeletion: you can delete your data under Settings > Privacy.",
        {"deletion": "disclosed"},
        NO_PDF,
    ),
    (
        "zh_nickname_and_avatar",
        "zh",
        "您可以在“我的”页面修改昵称和头像。",
        {"correction": "disclosed"},
        ALL,
    ),
    (
        # The PI object before the verbs, in another clause of the sentence.
        "zh_pi_object_before_the_verbs",
        "zh",
        "对于您的个人信息，您可以在“设置-隐私”中查看、修改或删除。",
        {"access": "disclosed", "correction": "disclosed", "deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_policy_in_another_clause",
        "zh",
        "如对本政策有疑问，或如需删除您的个人信息，请联系客服。",
        {"deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_cookie_in_another_clause",
        "zh",
        "您可以在“设置-隐私”中删除您的个人信息，也可以通过浏览器清除Cookie。",
        {"deletion": "disclosed"},
        ALL,
    ),
    ("zh_deletion_request", "zh", "您可以通过客服提出删除申请。", {"deletion": "disclosed"}, ALL),
    (
        # The holder word in the act's own sentence, after a sentence about our processing.
        "zh_holder_in_the_second_sentence",
        "zh",
        "超出保存期限后，我们会删除过期数据。如需删除您的个人信息，请联系客服。",
        {"deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_section_bare_verb",
        "zh",
        "五、您的权利\n修改：您可以在“设置-资料”中操作。",
        {"correction": "disclosed"},
        NO_PDF,
    ),
    (
        # One sentence per <p>: the way on the next line, in the rights section.
        "zh_section_way_on_the_next_line",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n"
        "您可以通过App内“我的-客服”提交申请，我们将在15个工作日内处理。",
        {"deletion": "disclosed"},
        NO_PDF,
    ),
    (
        "zh_section_way_two_lines_after",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n您有权更正您的个人信息。\n"
        "您可以通过客服提交申请。",
        {"deletion": "disclosed", "correction": "disclosed"},
        NO_PDF,
    ),
    (
        "en_delete_your_data_in_settings",
        "en",
        "You can delete your personal data in the app settings.",
        {"deletion": "disclosed"},
        ALL,
    ),
    (
        "zh_complaint_own_and_regulator",
        "zh",
        "您可以通过客服热线投诉，也可以拨打12377向网信部门举报。",
        {"complaint": "disclosed"},
        ALL,
    ),
    # --- near misses -----------------------------------------------------------------------
    # A holder word and a channel word on the line do not make a right (D4 of the review):
    ("near_browsing_goods", "zh", "您可以通过首页页面查看商品信息和优惠活动。", {}, ALL),
    ("near_font_size", "zh", "您可以在设置页面修改字体大小。", {}, ALL),
    ("near_modifying_the_policy", "zh", "如需修改本政策，我们会在页面显著位置提示。", {}, ALL),
    ("near_policy_history", "zh", "您可以在本页面查阅本政策的历史版本信息。", {}, ALL),
    ("near_browser_cookies", "zh", "您可以通过浏览器设置删除Cookie。", {}, ALL),
    ("near_en_browser_cookies", "en", "You can delete cookies in your browser settings.", {}, ALL),
    (
        "near_holder_in_another_sentence",
        "zh",
        "超出保存期限后，我们会删除您的个人信息。如需了解更多，请联系客服。",
        {},
        ALL,
    ),
    (
        "near_read_the_policy_to_learn_about_pi",
        "zh",
        "您可以在本页面查阅本政策，了解我们如何处理您的个人信息。",
        {},
        ALL,
    ),
    # The next line gives the way only inside a rights section, right after the right (D5):
    (
        "near_next_line_outside_rights_section",
        "zh",
        "您有权删除您的个人信息。\n您可以通过App内“我的-客服”提交申请。",
        {"deletion": "named"},
        ALL,
    ),
    (
        "near_next_line_too_far",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n我们会核验您的身份。\n"
        "我们将在15个工作日内处理。\n您可以通过客服提交申请。",
        {"deletion": "named"},
        ALL,
    ),
    (
        "near_next_line_names_its_own_right",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n您可以在“设置”中更正您的个人信息。",
        {"deletion": "named", "correction": "disclosed"},
        ALL,
    ),
    (
        "near_next_line_without_holder",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n我们的客服会协助处理。",
        {"deletion": "named"},
        ALL,
    ),
    (
        "near_next_line_after_a_numbered_heading",
        "zh",
        "五、您的权利\n您有权删除您的个人信息。\n（二）其他\n您可以通过客服提交申请。",
        {"deletion": "named"},
        NO_PDF,
    ),
    (
        "near_our_deletion_with_general_statement",
        "zh",
        "我们会删除过期数据。\n您可以通过“设置-隐私”页面或联系客服行使上述权利。",
        {},
        ALL,
    ),
    (
        "near_we_reserve_the_right_to_delete",
        "zh",
        "我们保留删除违规内容的权利。",
        {},
        ALL,
    ),
    ("near_policy_modification", "zh", "本政策修改时，我们会另行告知。", {}, ALL),
    ("near_read_this_policy", "zh", "您可随时查阅本政策。", {}, ALL),
    (
        "near_named_no_channel_anywhere",
        "zh",
        "您有权查阅、更正、删除您的个人信息，并有权撤回同意。",
        {
            "access": "named",
            "correction": "named",
            "deletion": "named",
            "withdraw_consent": "named",
        },
        ALL,
    ),
    (
        "near_keneng_is_no_holder",
        "zh",
        "删除后，您可能无法找回相关信息。\n您可以通过“设置-隐私”页面或联系客服行使上述权利。",
        {},
        ALL,
    ),
    (
        # A contact section not tied to requests or rights is no way to exercise them.
        "near_contact_section_only",
        "zh",
        "您有权更正您的个人信息。\n六、如何联系我们\n如有疑问，请发送邮件至 rights@example.cn。",
        {"correction": "named"},
        ALL,
    ),
    ("near_you_can_is_no_way", "zh", "您可以申请删除您的个人信息。", {"deletion": "named"}, ALL),
    (
        "near_complaint_hotline_only",
        "zh",
        "您有权删除您的个人信息。\n如需投诉、举报，请拨打客服热线400-000-0000。",
        {"deletion": "named", "complaint": "disclosed"},
        ALL,
    ),
    (
        "near_general_statement_limited_to_complaints",
        "zh",
        "您有权删除您的个人信息。\n您可以通过客服热线行使投诉、举报的权利。",
        {"deletion": "named", "complaint": "disclosed"},
        ALL,
    ),
    (
        "near_other_rights_channel",
        "zh",
        "您有权删除您的个人信息。\n您可以在“设置”中更正您的个人信息。",
        {"deletion": "named", "correction": "disclosed"},
        ALL,
    ),
    ("near_regulator_only", "zh", "您可以向网信部门投诉、举报。", {"complaint": "named"}, ALL),
    (
        "near_regulator_hotline",
        "zh",
        "您可以向网信部门投诉举报，举报电话12377。",
        {"complaint": "named"},
        ALL,
    ),
    (
        "near_regulator_hotline_word",
        "zh",
        "您可以拨打12377热线向网信部门举报。",
        {"complaint": "named"},
        ALL,
    ),
    (
        "near_section_ends_at_next_heading",
        "zh",
        "五、您的权利\n请在“设置-隐私”中管理您的授权。\n六、本政策如何更新\n我们会删除过期版本。",
        {},
        NO_PDF,
    ),
    (
        "near_en_our_deletion",
        "en",
        "We will delete your data when it is no longer needed.\n"
        "You may exercise these rights by contacting us at rights@example.com.",
        {},
        ALL,
    ),
    (
        "near_en_named_no_channel",
        "en",
        "You have the right to request deletion of your personal information.",
        {"deletion": "named"},
        ALL,
    ),
]


def _text(lang: str, block: str) -> str:
    return policy(ZH_LINES if lang == "zh" else EN_LINES, drop=DROP, add=(block,))


def _states(path: Path) -> dict[str, str]:
    facts = scan_policy(path)
    out = {}
    for r in RIGHTS:
        e = facts.elements[f"right_{r}"]
        assert e.named is not None
        if e.present:
            assert e.named and e.excerpt and e.channel_excerpt and e.note is None
            out[r] = "disclosed"
        elif e.named:
            assert e.excerpt and e.channel_excerpt is None and e.note
            out[r] = "named"
    return out


@pytest.mark.parametrize(
    ("fmt", "lang", "block", "expected"),
    [(fmt, *c[1:4]) for c in CASES for fmt in c[4]],
    ids=[f"{c[0]}-{fmt}" for c in CASES for fmt in c[4]],
)
def test_rights(tmp_path: Path, fmt: str, lang: str, block: str, expected: dict[str, str]) -> None:
    assert _states(write_policy(tmp_path, _text(lang, block), fmt)) == expected


def test_pdf_heading_case_still_finds_what_the_line_says(tmp_path: Path) -> None:
    # The PDF form of a heading case: the rights heading is joined to its lines, so only a line
    # that carries both the right and the way on its own is relied on.
    block = "五、您的权利\n删除：您可以在“设置-隐私”中申请删除您的个人信息。"
    assert _states(write_policy(tmp_path, _text("zh", block), "pdf")) == {"deletion": "disclosed"}


def test_named_right_without_a_way_is_reported_as_such(tmp_path: Path) -> None:
    block = "您有权删除您的个人信息。\n我们会更正错误的订单记录。"
    findings = check_policy(scan_policy(write_policy(tmp_path, _text("zh", block), "txt")))
    by_right = {f.subject: f for f in findings if f.rule_id == "apps.rights_channel_missing"}
    assert set(by_right) == set(RIGHTS)
    deletion, correction = by_right["deletion"], by_right["correction"]
    assert deletion.facts["evidence"]["named"] is True
    assert deletion.facts["evidence"]["policy_excerpt"] == "您有权删除您的个人信息。"
    assert deletion.explanation == ["Right named but no way to exercise it is given (deletion)."]
    assert correction.facts["evidence"]["named"] is False
    assert "policy_excerpt" not in correction.facts["evidence"]
    assert "not stated as the user's right" in correction.explanation[0]
    refs = {(c.instrument, c.article) for c in deletion.citations}
    assert {("pipl", "17"), ("ndsmr", "21"), ("pipl", "47")} <= refs


def test_regulator_only_complaint_is_reported_as_such(tmp_path: Path) -> None:
    block = "如您认为我们的处理损害了您的权益，您可以向网信部门投诉举报，举报电话12377。"
    facts = scan_policy(write_policy(tmp_path, _text("zh", block), "html"))
    e = facts.elements["right_complaint"]
    assert e.named and not e.present
    assert e.note == "named as the user's right but only a regulator's channel is given"
    [f] = [f for f in check_policy(facts) if f.subject == "complaint"]
    assert f.rule_id == "apps.rights_channel_missing"
    assert f.facts["evidence"]["policy_excerpt"] == block
    assert f.explanation == [
        "Right named but only a regulator's channel is given (complaints and reports)."
    ]
    # Other rights named without a way keep the general note.
    other = scan_policy(write_policy(tmp_path, _text("zh", "您有权删除您的个人信息。"), "txt"))
    assert other.elements["right_deletion"].note == (
        "named as the user's right but no way to exercise it is given"
    )


def test_general_statement_is_the_channel_excerpt(tmp_path: Path) -> None:
    block = "您有权删除您的个人信息。\n您可以通过以下方式行使上述权利：\n拨打客服热线400-000-0000。"
    e = scan_policy(write_policy(tmp_path, _text("zh", block), "txt")).elements["right_deletion"]
    assert e.present and e.excerpt == "您有权删除您的个人信息。"
    assert e.channel_excerpt == "您可以通过以下方式行使上述权利： 拨打客服热线400-000-0000。"
