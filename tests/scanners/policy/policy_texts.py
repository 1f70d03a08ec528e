"""Synthetic privacy policies for tests: one line per required disclosure, so any can be dropped.

The company, address and e-mail are fictitious. Each element's marker words occur only on its own
line, which lets a test remove exactly one disclosure and check that exactly it goes missing.
Each right line names the right as the user's and gives a way to exercise it on the same line.
"""

from __future__ import annotations

ZH_LINES: dict[str, str] = {
    "title": "示例购物隐私政策",
    "processor_identity": "本政策适用于示例科技有限公司运营的示例购物App。",
    "contact": "您可以通过 privacy@example.com 与我们联系。",
    "collection_rules": "我们仅收集实现产品功能所必需的个人信息。",
    "function_listing": "基本业务功能：注册登录需要您的手机号码。",
    "location": "我们会申请位置权限，用于向您推荐附近门店。",
    "camera": "我们会申请相机权限，用于扫描商品二维码。",
    "android_id": "统计分析需要读取 Android ID，用于去重统计。",
    "sensitive_pi_separate_consent": "处理敏感个人信息前，我们会征得您的单独同意。",
    "sensitive_pi_necessity_impact": "我们会告知处理敏感个人信息的必要性及对您权益的影响。",
    "sdk_list": "第三方SDK清单：",
    "sdk_umeng": "友盟+ SDK：用于统计分析，收集设备标识信息，隐私政策：https://example.com/umeng",
    "retention": "我们在实现目的所需的最短期限内保存您的信息，保存期限届满后予以匿名化处理。",
    "cross_border": "我们不会向境外提供您的个人信息。",
    "right_access": "您可以在“我的-设置”中查阅您的个人信息。",
    "right_correction": "您可以在个人资料页更正或补充您的信息。",
    "right_deletion": "您可以通过客服申请删除您的信息。",
    "right_withdraw_consent": "您可以在系统设置中关闭权限以撤回同意。",
    "right_complaint": "如对处理结果不满意，您可以通过客服投诉、举报，也可以向网信部门反映。",
    "deactivation": "您可以在“设置-账号与安全”中注销账号。",
    "response_time": "我们将在15个工作日内答复您的请求。",
    "minors": "若您是不满十四周岁的儿童，需在监护人同意后使用本App。",
    "update_notice": "本政策变更时，我们会通过弹窗方式通知您。",
    "targeted_push_opt_out": "您可以在设置中关闭个性化推荐。",
}

EN_LINES: dict[str, str] = {
    "title": "Example Shop Privacy Policy",
    "processor_identity": "This policy is issued by Example Technology Co., Ltd., which operates the Example Shop app.",
    "contact": "You can reach our privacy team by email at privacy@example.com.",
    "collection_rules": "We collect only the personal information needed to provide the app.",
    "function_listing": "Basic function: to register an account we need your mobile number.",
    "location": "We request the location permission so that we can show shops near you.",
    "sensitive_pi_separate_consent": "Before processing sensitive personal information we ask for your separate consent.",
    "sensitive_pi_necessity_impact": "We explain the necessity of that processing and its impact on your rights.",
    "retention": "We keep your information for the shortest time needed; the retention period is one year.",
    "cross_border": "We do not transfer your information outside mainland China.",
    "right_access": "You can access your information in the settings page.",
    "right_correction": "You can correct your information on the profile page.",
    "right_deletion": "You can ask us to delete your information through customer service.",
    "right_withdraw_consent": "You can withdraw your consent at any time in the settings.",
    "right_complaint": "If you are not satisfied you can complain to our customer service or to the regulator.",
    "deactivation": "You can close your account in the settings at any time.",
    "minors": "Children under 14 may use the app only with a guardian's consent.",
    "update_notice": "When this policy changes we will notify you with a pop-up.",
    "targeted_push_opt_out": "You can turn off personalized recommendations in the settings.",
}


def policy(lines: dict[str, str], *, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> str:
    """Join the lines, without the keys in ``drop`` and with extra lines ``add``."""
    return "\n".join([v for k, v in lines.items() if k not in drop] + list(add)) + "\n"
