"""Headers that say a table is about children or minors (未成年人, 儿童, 学生家长 ...).

Ages themselves come from resident-ID birth dates, computed by the scanner against ``as_of``.
"""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class MinorDetector(VocabularyDetector):
    """未成年人 / 儿童信息."""

    ENTITY = "MINOR_INFO"
    TERMS = ()
    CONTEXT = (
        "未成年",
        "儿童",
        "幼儿",
        "婴儿",
        "监护人",
        "家长",
        "minor",
        "child",
        "kid",
        "guardian",
        "小学生",
    )
