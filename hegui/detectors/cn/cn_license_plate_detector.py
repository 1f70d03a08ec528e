"""Motor-vehicle plates (GA 36-2018): ordinary (5-character serial) and new-energy (6)."""

from __future__ import annotations

from hegui.detectors.base import RIGHT, Detector, Pattern, Validation

PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "[A-HJ-NP-Z]"
_LD = "[A-HJ-NP-Z0-9]"


class CnLicensePlateDetector(Detector):
    """机动车号牌, e.g. ``京A·12345`` or new-energy ``粤B·D12345``."""

    ENTITY = "CN_LICENSE_PLATE"
    VALIDATOR = "GA 36 structure"
    PREFILTER = f"[{PROVINCE_ABBR}][A-Z]"
    COLUMN_SURE = (
        f"^[{PROVINCE_ABBR}]{_L}[ ·]?(?:[DF]{_LD}\\d{{4}}|\\d{{5}}[DF]|{_LD}{{5}}[挂学警港澳]?)$"
    )
    PATTERNS = (
        Pattern(
            "new_energy",
            f"[{PROVINCE_ABBR}]{_L}[ ·]?(?:[DF]{_LD}\\d{{4}}|\\d{{5}}[DF])" + RIGHT,
            0.75,
        ),
        Pattern("ordinary", f"[{PROVINCE_ABBR}]{_L}[ ·]?{_LD}{{5}}[挂学警港澳]?" + RIGHT, 0.6),
    )
    CONTEXT = ("车牌", "号牌", "plate", "车辆", "vehicle", "牌照")
    VALIDATED_SCORE = 0.8

    def candidate(self, raw: str) -> str:
        return raw.replace("·", "").replace(" ", "").upper()

    def check(self, value: str) -> Validation:
        serial = value[2:].rstrip("挂学警港澳")
        if len(serial) == 6:
            return Validation(True, ("new-energy plate",))
        # Ordinary serials have no check; the letter limits have changed over time, so no verdict.
        return Validation(None)
