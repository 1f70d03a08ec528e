"""Words that mark each required disclosure in a privacy policy (zh and en).

This is detection vocabulary, not law: which disclosures are required, and why, lives in the law
data (``app_violation_types.yaml``). An element is present when one of its ``any`` alternatives
matches; an alternative matches when every one of its groups matches (a group matches when any
of its words occurs), on one line or within a heading and the lines of its section.

Words are matched against folded text: full-width forms are folded to ASCII (``１４`` -> ``14``,
``＠`` -> ``@``), the variant 帐 to 账, and everything is lower-cased; write them folded here.
"""

from __future__ import annotations

ElementSpec = dict[str, list[list[list[str]]]]

# How a policy tells the user to act: a path, a request or a contact (NDSMR 2024 Art. 21(4)
# requires "the methods and channels" for deactivation, not just the word).
_CHANNEL = [
    "您可以",
    "您可",
    "可以通过",
    "可通过",
    "申请",
    "路径",
    "设置",
    "联系",
    "提交",
    "操作",
    "入口",
    "页面",
    "客服",
    "you can",
    "you may",
    "request",
    "settings",
    "contact",
    "through",
    "via",
]
_CONSENT_WITHDRAW = ["撤回", "收回", "撤销", "withdraw", "revoke"]
_STORE = ["保存", "保留", "存储", "储存", "留存"]

ELEMENTS: dict[str, ElementSpec] = {
    "processor_identity": {
        "any": [
            [
                [
                    "有限公司",
                    "有限责任公司",
                    "股份公司",
                    "集团",
                    "co., ltd",
                    "co.,ltd",
                    "limited",
                    "inc.",
                ]
            ]
        ],
    },
    "contact": {
        "any": [
            [
                [
                    "联系方式",
                    "联系我们",
                    "邮箱",
                    "电子邮件",
                    "客服电话",
                    "客服热线",
                    "联系电话",
                    "服务热线",
                    "热线",
                    "拨打",
                    "致电",
                    "写信",
                    "来信",
                    "邮寄",
                    "联系地址",
                    "contact us",
                    "email",
                    "e-mail",
                    "hotline",
                    "call us",
                    "@",
                ]
            ]
        ],
    },
    "collection_rules": {
        "any": [
            [["收集", "获取", "collect"], ["个人信息", "personal information", "personal data"]]
        ],
    },
    "function_listing": {
        "any": [
            [
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
            ]
        ],
    },
    "sensitive_pi_separate_consent": {
        "any": [
            [
                ["敏感个人信息", "sensitive personal information"],
                ["单独同意", "separate consent"],
            ]
        ],
    },
    "sensitive_pi_necessity_impact": {
        "any": [[["必要性", "necessity"], ["影响", "impact"]]],
    },
    "permissions_section": {
        "any": [[["权限", "permission"]]],
    },
    "sdk_list": {
        "any": [[["sdk", "软件开发工具包"]]],
    },
    "retention": {
        "any": [
            [
                [
                    "保存期限",
                    "存储期限",
                    "保留期限",
                    "保存期",
                    "保存时间",
                    "存储时间",
                    "保留时间",
                    "retention period",
                    "retain",
                    "stored for",
                    "keep your",
                ]
            ],
            # "在实现处理目的所必要的最短时间内保留", "存储期间为账户存续期间"
            [_STORE, ["期限", "期间", "最短时间", "最短期限", "存续期", "届满"]],
        ],
    },
    "cross_border": {
        "any": [
            [
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
            ]
        ],
    },
    "right_access": {
        "any": [
            [["查阅", "复制", "访问您的个人信息", "access your", "copy of your"]],
            # "您可以在“我的”页面查询您的个人信息"
            [["查询", "查看", "访问"], ["个人信息", "个人资料", "您的信息", "账号信息"]],
        ]
    },
    "right_correction": {
        "any": [
            [["更正", "补充", "修改您的个人信息", "correct", "rectif"]],
            # "您可以修改您的昵称、头像等资料" (not "本政策修改时")
            [["修改", "编辑"], ["您可以", "您可", "您有权", "you can", "you may"]],
        ]
    },
    "right_deletion": {"any": [[["删除", "delete", "erasure"]]]},
    "right_withdraw_consent": {
        "any": [
            # "撤回同意", "撤回对我们的授权", "收回授权", "withdraw your consent"
            [_CONSENT_WITHDRAW, ["同意", "授权", "consent", "authoris", "authoriz"]],
        ]
    },
    "right_complaint": {"any": [[["投诉", "举报", "complain"]]]},
    "deactivation": {
        # The account, the act and how to do it: "注销后数据将被删除" is no channel.
        "any": [
            [["注销"], ["账号", "账户", "用户账", "个人账"], _CHANNEL],
            [
                [
                    "delete your account",
                    "account deletion",
                    "deactivat",
                    "close your account",
                    "cancel your account",
                    "account cancellation",
                ],
                _CHANNEL,
            ],
        ],
    },
    "minors": {
        "any": [
            [
                [
                    "未成年",
                    "儿童",
                    "minor",
                    "children",
                    "under 14",
                    "under the age of 14",
                ]
            ],
            # "不满14周岁", "14周岁以下", "未满十四岁"
            [["14周岁", "十四周岁", "14岁", "十四岁"], ["不满", "未满", "以下", "以内"]],
        ],
    },
    "update_notice": {
        "any": [
            [
                ["更新", "变更", "修订", "update", "change"],
                ["通知", "告知", "提示", "弹窗", "公告", "notify", "notice", "inform"],
            ]
        ],
    },
    "targeted_push_opt_out": {
        "any": [
            [
                ["个性化", "定向推送", "personalised", "personalized", "targeted"],
                ["关闭", "退出", "拒绝", "不针对", "turn off", "opt out", "opt-out", "disable"],
            ]
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
