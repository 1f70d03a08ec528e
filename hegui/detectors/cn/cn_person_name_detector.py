"""Chinese personal names: surname dictionary (compound surnames first) plus context.

A two-to-four character string starting with a surname is, on its own, weak evidence (``王府井``
starts with 王), so free text needs an anchor (``姓名：``, ``联系人``, ``先生/女士``) and a column
needs a name-like header or a column made almost entirely of such values.
"""

from __future__ import annotations

from hegui.detectors.base import INVALID, VALID, Detector, Pattern, Validation
from hegui.detectors.cn.surnames import COMPOUND, SINGLE

_SURNAME = "(?:" + "|".join(COMPOUND) + "|[" + SINGLE + "])"
_GIVEN = r"[\u4e00-\u9fff]"
_ANCHORS = "姓名|名字|联系人|收件人|收货人|患者|客户姓名|申请人|持卡人|户主|监护人|家长|学生|员工|法定代表人"
# Words that follow 客户/用户/会员 in service notes and start with a surname character
# (客户来电，… 会员信息，…): after those anchors they are the verb or noun, not a name.
_NOT_NAMES_AFTER_CUSTOMER = (
    "来电", "来访", "来信", "来函", "来店", "来源", "来人", "来单", "信息", "满意", "查询",
    "申请", "申诉", "关系", "管理", "权益", "付款", "支付", "信用", "余额", "单位", "方便",
    "安全", "安装", "全部", "金额", "马上", "房屋", "车辆", "费用", "居住", "曾经", "常常",
    "应该", "明确", "时间", "常用", "强烈", "乐意", "路过", "原因", "包裹", "包括", "储蓄",
    "储值", "那边", "那里", "平时", "平台", "商品", "司机", "管家", "顾问", "成功", "成为",
    "成交", "满分", "钱款",
)  # fmt: skip
# Characters that make a "name" more likely a company, place or phrase than a person.
_NOT_GIVEN = set("公司厂店局院部处所省市区县镇村路街号楼室有限集团银行大学中心科技")


# Shared verdicts (immutable), as base.VALID: not one built per name.
_COMPOUND = Validation(True, ("compound surname",))


class CnPersonNameDetector(Detector):
    """中文姓名."""

    ENTITY = "CN_PERSON_NAME"
    VALIDATOR = "surname dictionary"
    # Anchor then a surname, or a surname then an honorific: far rarer than the anchors alone.
    PREFILTER = (
        f"(?:{_ANCHORS}|客户|用户|会员)\\s*[:：]?\\s*(?:是|为)?\\s*{_SURNAME}"
        f"|{_SURNAME}\\p{{Han}}{{0,2}}(?:先生|女士|小姐)"
    )
    CELL_PREFILTER = r"^\s*\p{Han}{2,4}\s*$"
    # Under a name header, surname + 1-2 Han characters is a name unless a "not a given name"
    # character follows the first one (公司, 路, 省 ...): the same rule as check().
    COLUMN_SURE_WITH_HEADER = f"^{_SURNAME}\\p{{Han}}{{1,2}}$"
    COLUMN_SURE_EXCEPT = "^.+?[" + "".join(sorted(_NOT_GIVEN)) + "]"
    PATTERNS = (
        Pattern(
            "anchored",
            f"(?:{_ANCHORS})\\s*[:：]?\\s*(?:是|为)?\\s*({_SURNAME}{_GIVEN}{{1,2}})",
            0.75,
            group=1,
            needs=tuple(_ANCHORS.split("|")),
        ),
        Pattern(
            "customer",
            f"(?:客户|用户|会员)(?!{'|'.join(_NOT_NAMES_AFTER_CUSTOMER)})"
            f"({_SURNAME}{_GIVEN}{{1,2}}?)(?=的|，|,|。|、|\\s|先生|女士)",
            0.6,
            group=1,
            needs=("客户", "用户", "会员"),
        ),
        Pattern(
            "honorific",
            f"({_SURNAME}{_GIVEN}{{0,2}}?)(?:先生|女士|小姐)",
            0.6,
            group=1,
            needs=("先生", "女士", "小姐"),
            window=(4, 0),  # at most a 2-character surname and 2 given characters before it
        ),
        # A bare name-shaped word is evidence only as a whole cell, never inside free text.
        Pattern("cell", f"{_SURNAME}{_GIVEN}{{1,2}}", 0.3, cell_only=True),
    )
    CONTEXT = (
        "姓名", "名字", "联系人", "收件人", "收货人", "患者", "name", "持卡人", "户主",
        "监护人", "申请人", "法定代表人", "真实姓名", "real_name", "realname", "fullname",
    )  # fmt: skip
    CONTEXT_BOOST = 0.45
    VALIDATED_SCORE = 0.4

    def candidate(self, raw: str) -> str:
        return raw.strip()

    def check(self, value: str) -> Validation:
        # isdisjoint is the any(c in _NOT_GIVEN ...) loop done in C.
        if not 2 <= len(value) <= 4 or not _NOT_GIVEN.isdisjoint(value[1:]):
            return INVALID
        return _COMPOUND if value[:2] in COMPOUND else VALID
