"""Response-time commitments: only periods tied to a response, Chinese numerals, months."""

from __future__ import annotations

import pytest
from test_policy_wording import BASE

from hegui.scanners.app_findings import check_policy
from hegui.scanners.policy import analyze_policy, policy_from_text
from hegui.scanners.policy.response_time import _number

LINE = "我们将在15个工作日内答复您的请求。"

# (id, replacement of LINE, response times found, findings as (rule_id, status))
CASES: list[tuple[str, str, list[tuple[int, str]], list[tuple[str, str]]]] = [
    ("base", LINE, [(15, "working_days")], []),
    ("zh_30_wd", "我们将在三十个工作日内答复。", [(30, "working_days")], [("due",)]),
    ("zh_15_wd", "我们将在十五个工作日内予以回复。", [(15, "working_days")], []),
    ("zh_21_wd", "我们将在二十一个工作日内处理。", [(21, "working_days")], [("due",)]),
    ("fullwidth_30", "我们将在３０个工作日内答复。", [(30, "working_days")], [("due",)]),
    ("one_month", "我们将在一个月内答复您的请求。", [(1, "months")], [("needs_review",)]),
    ("digit_month", "我们将在1个月内处理您的请求。", [(1, "months")], [("needs_review",)]),
    ("days_ok", "我们将在10天内回复。", [(10, "days")], []),
    ("days_over", "我们将在30日内答复。", [(30, "days")], [("needs_review",)]),
    (
        "zh_days_over",
        "收到请求后，我们将在三十天以内给予答复。",
        [(30, "days")],
        [("needs_review",)],
    ),
    ("at_most", "我们处理您请求的时间不超过20个工作日。", [(20, "working_days")], [("due",)]),
    ("en_days", "We will respond within 30 days.", [(30, "days")], [("needs_review",)]),
    (
        "en_working",
        "We will reply within 20 business days.",
        [(20, "working_days")],
        [("due",)],
    ),
    (
        # A retention period on the same line is not a response time.
        "retention_same_line",
        "我们将在15个工作日内处理您的请求，日志保存180天。",
        [(15, "working_days")],
        [],
    ),
    # Not commitments: no response time found, and so no finding.
    (
        "date",
        LINE + "\n本政策于2024年5月20日更新，我们将依本政策处理您的个人信息。",
        [(15, "working_days")],
        [],
    ),
    ("date_only", "本政策于2024年5月20日更新，我们将依本政策处理您的个人信息。", [], []),
    ("retention_only", "日志保存180天，届满后我们将删除处理。", [], []),
    ("no_verb", "我们会在30日内完成系统升级。", [], []),
    (
        "verb_far_away",
        "您可在30日内提交材料，材料齐全后我们会在合理时间内通知您并进行处理。",
        [],
        [],
    ),
]


@pytest.mark.parametrize(
    ("new", "times", "findings"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_response_time(new: str, times: list[tuple[int, str]], findings: list[tuple[str]]) -> None:
    facts = analyze_policy(policy_from_text(BASE.replace(LINE, new)))
    assert [(r.value, r.unit) for r in facts.response_times] == times
    found = [(f.status.value,) for f in check_policy(facts)]
    assert all(f.rule_id == "apps.response_time_exceeds_limit" for f in check_policy(facts))
    assert found == findings


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15", 15),
        ("十", 10),
        ("十五", 15),
        ("三十", 30),
        ("二十一", 21),
        ("一百八十", 180),
        ("两", 2),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert _number(text) == value
