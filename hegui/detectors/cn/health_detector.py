"""Health and medical information (GB/T 35273 A.1 / B.1 examples; TC260 sensitive-PI guide)."""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class HealthDetector(VocabularyDetector):
    """病症、病史、诊断、用药、检验报告."""

    ENTITY = "HEALTH_INFO"
    TERMS = (
        "高血压", "糖尿病", "冠心病", "心脏病", "哮喘", "肺结核", "结核病", "乙肝", "丙肝", "艾滋病",
        "HIV阳性", "梅毒", "癌症", "肺癌", "乳腺癌", "胃癌", "肝癌", "白血病", "肿瘤", "抑郁症",
        "焦虑症", "精神分裂", "双相情感障碍", "阿尔茨海默", "帕金森", "癫痫", "脑卒中", "中风",
        "肾衰竭", "尿毒症", "红斑狼疮", "过敏史", "青霉素过敏", "传染病", "住院", "手术", "化疗",
        "病史", "确诊", "诊断为", "处方", "用药", "怀孕", "孕周", "流产", "不孕", "残疾",
        "diabetes", "hypertension", "cancer", "asthma", "depression", "hiv", "tuberculosis",
    )  # fmt: skip
    HEADER_ONLY = False  # values must show the vocabulary: "体检编号" is not health data
    CONTEXT = (
        "诊断", "病症", "病史", "疾病", "病历", "就诊", "医嘱", "用药", "处方", "检验", "体检",
        "过敏", "健康", "diagnosis", "medical", "disease", "health", "condition", "icd",
        "allergy", "prescription", "病情", "既往史", "家族史", "传染病",
    )  # fmt: skip
