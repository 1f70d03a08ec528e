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
- a complaint to the regulator ("向网信部门投诉") is no channel of the app's own: the 2019
  identification method (6.5) asks the operator to publish its complaint channel;
- "您可以" / "申请" name the act, not the way: "您可以删除您的个人信息" alone is named only.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from pdf_builder import cjk_pdf, text_pdf
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
    # --- near misses -----------------------------------------------------------------------
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


def _write(tmp_path: Path, text: str, fmt: str) -> Path:
    lines = [ln for ln in text.splitlines() if ln]
    path = tmp_path / f"policy.{fmt}"
    if fmt == "txt":
        path.write_text(text, encoding="utf-8")
    elif fmt == "html":
        body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    else:
        path.write_bytes(text_pdf(lines) if text.isascii() else cjk_pdf(lines))
    return path


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
    assert _states(_write(tmp_path, _text(lang, block), fmt)) == expected


def test_pdf_heading_case_still_finds_what_the_line_says(tmp_path: Path) -> None:
    # The PDF form of a heading case: the rights heading is joined to its lines, so only a line
    # that carries both the right and the way on its own is relied on.
    block = "五、您的权利\n删除：您可以在“设置-隐私”中申请删除您的个人信息。"
    assert _states(_write(tmp_path, _text("zh", block), "pdf")) == {"deletion": "disclosed"}


def test_named_right_without_a_way_is_reported_as_such(tmp_path: Path) -> None:
    block = "您有权删除您的个人信息。\n我们会更正错误的订单记录。"
    findings = check_policy(scan_policy(_write(tmp_path, _text("zh", block), "txt")))
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


def test_general_statement_is_the_channel_excerpt(tmp_path: Path) -> None:
    block = "您有权删除您的个人信息。\n您可以通过以下方式行使上述权利：\n拨打客服热线400-000-0000。"
    e = scan_policy(_write(tmp_path, _text("zh", block), "txt")).elements["right_deletion"]
    assert e.present and e.excerpt == "您有权删除您的个人信息。"
    assert e.channel_excerpt == "您可以通过以下方式行使上述权利： 拨打客服热线400-000-0000。"
