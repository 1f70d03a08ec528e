"""Biometric information (face, fingerprint, iris, voiceprint, gait, gene): header-driven."""

from __future__ import annotations

from hegui.detectors.vocabulary import VocabularyDetector


class BiometricDetector(VocabularyDetector):
    """生物识别信息 (templates, feature vectors, raw samples)."""

    ENTITY = "BIOMETRIC"
    TERMS = ("人脸特征", "指纹模板", "声纹", "虹膜", "掌纹", "步态", "基因序列", "face_embedding")
    CONTEXT = (
        "人脸", "面部", "指纹", "虹膜", "声纹", "掌纹", "步态", "眼纹", "耳廓", "基因", "生物特征",
        "生物识别", "face", "fingerprint", "iris", "voiceprint", "biometric", "palmprint", "gait",
        "dna", "facial",
    )  # fmt: skip
