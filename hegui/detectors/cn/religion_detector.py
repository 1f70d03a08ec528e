"""Religious belief (宗教信仰): a sensitive category under PIPL Art. 28 and the TC260 guide."""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class ReligionDetector(VocabularyDetector):
    """宗教信仰."""

    ENTITY = "RELIGION"
    TERMS = (
        "佛教", "道教", "伊斯兰教", "天主教", "基督教", "东正教", "基督徒", "佛教徒", "穆斯林",
        "犹太教", "印度教", "喇嘛教", "藏传佛教", "Buddhism", "Buddhist", "Christian", "Muslim",
        "Catholic", "Islam", "Taoism", "Hindu", "Jewish",
    )  # fmt: skip
    HEADER_ONLY = False  # values must show the vocabulary: "体检编号" is not health data
    CONTEXT = ("宗教", "信仰", "religion", "faith", "教派")
