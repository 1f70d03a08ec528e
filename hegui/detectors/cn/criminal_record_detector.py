"""Criminal records (违法犯罪记录, 犯罪记录信息)."""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class CriminalRecordDetector(VocabularyDetector):
    """犯罪记录."""

    ENTITY = "CRIMINAL_RECORD"
    TERMS = (
        "有期徒刑", "无期徒刑", "拘役", "管制", "缓刑", "判处", "刑事拘留", "前科", "服刑", "刑满释放",
        "取保候审", "盗窃罪", "诈骗罪", "故意伤害罪", "危险驾驶罪", "行政拘留",
    )  # fmt: skip
    TERM_SCORE = 0.5  # sentencing vocabulary is specific enough on its own
    HEADER_ONLY = False  # values must show the vocabulary: "体检编号" is not health data
    CONTEXT = (
        "犯罪",
        "刑事",
        "前科",
        "违法",
        "判决",
        "criminal",
        "conviction",
        "offence",
        "offense",
    )
