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

# --- Data-subject rights (PIPL Art. 17(1)(3): "the methods and procedures for individuals to
# exercise" their rights; NDSMR 2024 Art. 21(4): "the methods and channels"). A right counts as
# disclosed only when it is stated as the user's right (RIGHT_HOLDER in the act's sentence, or the
# line sits in a rights section) AND a way to exercise it is given (RIGHT_CHANNEL on the line or in the
# lines it introduces, or a general statement: RIGHTS_GENERAL). See rights.py.

# The act itself: one alternative of groups, all in one sentence of a line. ``any`` alternatives
# are specific enough alone; ``weak`` ones (a bare verb: 修改, 删除, 查看 ...) name the right in a
# rights section, elsewhere only with a PI object in the sentence (PI_OBJECT): "您可以删除您的个人
# 信息", not "您可以在设置页面修改字体大小" or "您可以通过首页页面查看商品信息".
RIGHTS: dict[str, ElementSpec] = {
    "right_access": {
        "any": [
            [
                [
                    "access your",
                    "access to your",
                    "copy of your",
                    "right of access",
                    "right to access",
                ]
            ],
        ],
        # "查阅、复制您的个人信息", "在“我的”页面查询您的个人信息" (not "随时查阅本政策")
        "weak": [[["查阅", "复制", "查询", "查看", "访问"], ["信息", "资料", "数据"]]],
    },
    "right_correction": {
        "any": [[["更正", "修改您的个人信息", "correct", "rectif"]]],
        # "您可以修改您的昵称、头像等资料" (not "如需修改本政策", "修改字体大小")
        "weak": [[["修改", "编辑", "补充"]]],
    },
    "right_deletion": {
        "any": [
            [
                [
                    "删除请求",
                    "删除申请",
                    "要求删除",
                    "请求删除",
                    "request deletion",
                    "request the deletion",
                    "right to erasure",
                    "right to deletion",
                    "right to delete",
                ]
            ]
        ],
        # "您可以删除您的个人信息" (not "您可以通过浏览器设置删除Cookie")
        "weak": [[["删除", "delete", "deletion", "erasure", "erase"]]],
    },
    "right_withdraw_consent": {
        "any": [
            # "撤回同意", "撤回对我们的授权", "收回授权", "withdraw your consent"
            [_CONSENT_WITHDRAW, ["同意", "授权", "consent", "authoris", "authoriz"]],
        ]
    },
    "right_complaint": {"any": [[["投诉", "举报", "complain"]]]},
}
# What a weak act must be about outside a rights section: the user's personal information.
PI_OBJECT = [
    "个人信息",
    "您的信息",
    "你的信息",
    "个人资料",
    "您的资料",
    "账号信息",
    "账户信息",
    "用户信息",
    "身份信息",
    "个人数据",
    "您的数据",
    "昵称",
    "头像",
    "手机号",
    "收货地址",
    "浏览记录",
    "搜索记录",
    "历史记录",
    "personal information",
    "personal data",
    "your information",
    "your data",
    "your personal",
    "your profile",
    "your account information",
]
# A clause whose act is about the policy, cookies or the browser names no right, unless the same
# clause names a PI object ("如需修改本政策", "您可以通过浏览器设置删除Cookie").
NOT_A_RIGHT_OBJECT = [
    "本政策",
    "隐私政策",
    "本指引",
    "本声明",
    "历史版本",
    "cookie",
    "浏览器",
    "this policy",
    "privacy policy",
    "this notice",
    "browser",
]
# A complaint to the regulator only ("向网信部门投诉，举报电话12377") is no channel of the
# operator's own (2019 identification method, 6.5: "未建立并公布个人信息安全投诉、举报渠道").
REGULATOR = [
    "网信",
    "监管部门",
    "主管部门",
    "有关部门",
    "相关部门",
    "政府部门",
    "公安",
    "市场监管",
    "12377",
    "regulator",
    "authorities",
    "cyberspace administration",
]
# Account deactivation (NDSMR 2024 Art. 21(4) lists "注销账号" with the rights: "the methods and
# channels"). Judged like a right in rights.py: named (holder word, rights section, or a heading
# of its own: "八、如何注销您的账号") and a way given (RIGHT_CHANNEL or a general statement).
# "注销后数据将被删除" names no account; "账号注销后，保存期限为6个月" is a consequence, not the act.
DEACTIVATION: ElementSpec = {
    "any": [
        [["注销"], ["账号", "账户", "用户账", "个人账"]],
        [
            [
                "delete your account",
                "account deletion",
                "deactivat",
                "close your account",
                "cancel your account",
                "account cancellation",
            ]
        ],
    ]
}
# The act is the user's: "您可以删除" or "如需删除", not "我们会删除过期数据" (our processing).
RIGHT_HOLDER = [
    "您可以",
    # "您可" + verb, not "您可能" ("删除后您可能无法找回" is no right)
    "您可在",
    "您可通过",
    "您可随时",
    "您可向",
    "您可自行",
    "您可直接",
    "您可申请",
    "您可联系",
    "您可注销",
    "您也可以",
    "您还可以",
    "您有权",
    "您享有",
    "用户有权",
    # third-person policies: "用户可以在“设置”中注销账号"
    "用户可以",
    "用户可在",
    "用户可通过",
    "个人有权",
    "如需",
    "如您需要",
    "如您希望",
    "如您想",
    "若您需要",
    "若您希望",
    "you can",
    "you may",
    "you have the right",
    "you are entitled",
    "your right",
    "if you wish",
    "if you want",
    "if you would like",
]
# A heading that opens the rights section ("五、您的权利", "Your rights and choices"): the act
# named on the lines under it is the user's right even without RIGHT_HOLDER words.
RIGHTS_SECTION = [
    "权利",
    "管理您的",
    "管理自己的",
    "your rights",
    "your choices",
    "manage your",
    "managing your",
]
# A concrete way to act (for the rights and for deactivation): where in the app, or whom to
# contact and how. "您可以" or "申请" alone name the act, not the way; a bare "邮箱"/"电话"/
# "email" is more often the data concerned ("更正您的邮箱") than the channel, so the address ("@")
# or the verb counts.
RIGHT_CHANNEL = [
    "设置",
    "路径",
    "入口",
    "页面",
    "资料页",
    "我的",
    "个人中心",
    "菜单",
    "点击",
    "客服",
    "联系我们",
    "与我们联系",
    "联系客服",
    "联系方式",
    "热线",
    "拨打",
    "致电",
    "发送邮件",
    "发送电子邮件",
    "邮件至",
    "写信",
    "来信",
    "邮寄",
    "意见反馈",
    "在线表单",
    "填写表单",
    "@",
    # A reference to a way stated elsewhere ("通过“（一）访问您的个人信息”中列明的方式"); not
    # followed up: the referenced passage is trusted to give one.
    "所述方式",
    "列明的方式",
    "所列方式",
    "上述方式",
    "前述方式",
    "上述途径",
    "前述途径",
    "described above",
    "set out above",
    "settings",
    "setting page",
    "contact us",
    "contacting us",
    "contact our",
    "email us",
    "e-mail us",
    "emailing",
    "send an email",
    "send us",
    "by email",
    "by e-mail",
    "hotline",
    "call us",
    "customer service",
    "help center",
    "help centre",
    "write to us",
    "page",
    "menu",
    "online form",
    "web form",
    "in the app",
]
# A general statement on exercising rights ("您可以通过以下方式行使上述权利：", "you may exercise
# these rights by contacting us"): with a channel it covers every right named in the policy, unless
# it names particular rights and no RIGHTS_ALL words ("通过客服电话行使投诉、举报的权利" covers
# complaints only).
RIGHTS_GENERAL = {
    "any": [
        [["行使", "exercise"], ["权利", "权益", "right"]],
        [["上述请求", "前述请求", "以上请求", "such requests", "these requests", "your requests"]],
    ]
}
RIGHTS_ALL = [
    "上述权利",
    "前述权利",
    "以上权利",
    "以下权利",
    "各项权利",
    "相关权利",
    "您的权利",
    "上述请求",
    "前述请求",
    "以上请求",
    "these rights",
    "those rights",
    "any of your rights",
    "your rights",
    "the rights above",
    "such requests",
    "these requests",
    "your requests",
]

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
