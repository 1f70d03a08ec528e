"""Words that mark each required disclosure in a privacy policy (zh and en).

This is detection vocabulary, not law: which disclosures are required, and why, lives in the law
data (``app_violation_types.yaml``). Each element is present when a line matches every group of
its ``all`` list (a group matches when any of its words occurs in the line).
"""

from __future__ import annotations

ElementSpec = dict[str, list[list[str]]]

ELEMENTS: dict[str, ElementSpec] = {
    "processor_identity": {
        "all": [["有限公司", "有限责任公司", "股份公司", "co., ltd", "co.,ltd", "limited", "inc."]],
    },
    "contact": {
        "all": [
            [
                "联系方式",
                "联系我们",
                "邮箱",
                "电子邮件",
                "客服电话",
                "联系电话",
                "contact us",
                "email",
                "e-mail",
                "@",
            ]
        ],
    },
    "collection_rules": {
        "all": [["收集", "获取", "collect"], ["个人信息", "personal information", "personal data"]],
    },
    "function_listing": {
        "all": [
            [
                "业务功能",
                "功能场景",
                "基本功能",
                "扩展功能",
                "business function",
                "basic function",
                "extended function",
                "feature",
            ]
        ],
    },
    "sensitive_pi_separate_consent": {
        "all": [
            ["敏感个人信息", "sensitive personal information"],
            ["单独同意", "separate consent"],
        ],
    },
    "sensitive_pi_necessity_impact": {
        "all": [["必要性", "necessity"], ["影响", "impact"]],
    },
    "permissions_section": {
        "all": [["权限", "permission"]],
    },
    "sdk_list": {
        "all": [["sdk", "软件开发工具包"]],
    },
    "retention": {
        "all": [
            [
                "保存期限",
                "存储期限",
                "保留期限",
                "保存期",
                "保存时间",
                "存储时间",
                "retention period",
                "retain",
                "stored for",
                "keep your",
            ]
        ],
    },
    "cross_border": {
        "all": [
            [
                "境外",
                "出境",
                "跨境",
                "cross-border",
                "outside mainland china",
                "outside china",
                "transfer abroad",
                "overseas",
            ]
        ],
    },
    "right_access": {"all": [["查阅", "复制", "访问您的个人信息", "access your", "copy of your"]]},
    "right_correction": {"all": [["更正", "补充", "修改您的个人信息", "correct", "rectif"]]},
    "right_deletion": {"all": [["删除", "delete", "erasure"]]},
    "right_withdraw_consent": {
        "all": [
            [
                "撤回同意",
                "撤回授权",
                "撤回您的同意",
                "撤回您的授权",
                "withdraw your consent",
                "withdraw consent",
            ]
        ]
    },
    "right_complaint": {"all": [["投诉", "举报", "complain"]]},
    "deactivation": {
        "all": [
            [
                "注销账号",
                "注销账户",
                "注销您的账号",
                "注销您的账户",
                "账号注销",
                "账户注销",
                "delete your account",
                "account deletion",
                "deactivate",
                "deactivation",
                "close your account",
            ]
        ],
    },
    "minors": {
        "all": [
            [
                "未成年人",
                "儿童",
                "不满十四周岁",
                "不满14周岁",
                "minor",
                "children",
                "under 14",
                "under the age of 14",
            ]
        ],
    },
    "update_notice": {
        "all": [
            ["更新", "变更", "修订", "update", "change"],
            ["通知", "告知", "提示", "弹窗", "公告", "notify", "notice", "inform"],
        ],
    },
    "targeted_push_opt_out": {
        "all": [
            ["个性化", "定向推送", "personalised", "personalized", "targeted"],
            ["关闭", "退出", "拒绝", "不针对", "turn off", "opt out", "opt-out", "disable"],
        ],
    },
}

# A line states a purpose when it has one of these next to a data type or SDK name.
PURPOSE_MARKERS = [
    "用于",
    "用来",
    "以便",
    "为了",
    "目的",
    "以实现",
    "便于",
    "用以",
    "实现",
    "帮助",
    "used to",
    "used for",
    "purpose",
    "in order to",
    "so that",
    " to ",
    " for ",
]
# An SDK row names the PI it collects when it has one of these.
PI_MARKERS = [
    "收集",
    "获取",
    "个人信息",
    "设备信息",
    "设备标识",
    "collect",
    "personal information",
    "device information",
]
LINK_MARKERS = ["http://", "https://", "隐私政策", "隐私权政策", "privacy policy"]

# Frequent characters whose Simplified form differs from the Traditional one.
SIMPLIFIED_ONLY = set("们这个为说时对会过还无从发见关权设备统请删")
TRADITIONAL_ONLY = set("們這個為說時對會過還無從發見關權設備統請刪")
