"""The built-in detectors, registered like plugins, and the free-text ``detect()`` entry point."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from hegui.detectors.base import Detection, Detector
from hegui.detectors.cn.biometric_detector import BiometricDetector
from hegui.detectors.cn.cn_address_detector import CnAddressDetector
from hegui.detectors.cn.cn_bank_card_detector import CnBankCardDetector
from hegui.detectors.cn.cn_hk_macao_permit_detector import CnHkMacaoPermitDetector
from hegui.detectors.cn.cn_landline_detector import CnLandlineDetector
from hegui.detectors.cn.cn_license_plate_detector import CnLicensePlateDetector
from hegui.detectors.cn.cn_mobile_detector import CnMobileDetector
from hegui.detectors.cn.cn_passport_detector import CnPassportDetector
from hegui.detectors.cn.cn_person_name_detector import CnPersonNameDetector
from hegui.detectors.cn.cn_resident_id_detector import CnResidentIdDetector
from hegui.detectors.cn.cn_taiwan_permit_detector import CnTaiwanPermitDetector
from hegui.detectors.cn.cn_uscc_detector import CnUsccDetector
from hegui.detectors.cn.criminal_record_detector import CriminalRecordDetector
from hegui.detectors.cn.date_of_birth_detector import DateOfBirthDetector
from hegui.detectors.cn.financial_account_detector import FinancialAccountDetector
from hegui.detectors.cn.health_detector import HealthDetector
from hegui.detectors.cn.hk_id_card_detector import HkIdCardDetector
from hegui.detectors.cn.macao_id_card_detector import MacaoIdCardDetector
from hegui.detectors.cn.minor_detector import MinorDetector
from hegui.detectors.cn.religion_detector import ReligionDetector
from hegui.detectors.cn.taiwan_id_card_detector import TaiwanIdCardDetector
from hegui.detectors.engine import detect_batch
from hegui.detectors.generic.android_id_detector import AndroidIdDetector
from hegui.detectors.generic.email_detector import EmailDetector
from hegui.detectors.generic.gps_coordinate_detector import GpsCoordinateDetector
from hegui.detectors.generic.idfa_detector import IdfaDetector
from hegui.detectors.generic.imei_detector import ImeiDetector
from hegui.detectors.generic.ip_address_detector import IpAddressDetector
from hegui.detectors.generic.mac_address_detector import MacAddressDetector
from hegui.detectors.generic.meid_detector import MeidDetector
from hegui.detectors.generic.oaid_detector import OaidDetector
from hegui.detectors.normalize import normalize
from hegui.errors import HeguiError

#: Order matters only for ties: more specific formats first.
DETECTOR_CLASSES: tuple[type[Detector], ...] = (
    CnResidentIdDetector,
    CnBankCardDetector,
    CnUsccDetector,
    CnMobileDetector,
    CnLandlineDetector,
    CnPassportDetector,
    CnHkMacaoPermitDetector,
    CnTaiwanPermitDetector,
    HkIdCardDetector,
    MacaoIdCardDetector,
    TaiwanIdCardDetector,
    CnLicensePlateDetector,
    EmailDetector,
    IpAddressDetector,
    MacAddressDetector,
    ImeiDetector,
    MeidDetector,
    AndroidIdDetector,
    IdfaDetector,
    OaidDetector,
    GpsCoordinateDetector,
    DateOfBirthDetector,
    CnPersonNameDetector,
    CnAddressDetector,
    HealthDetector,
    ReligionDetector,
    BiometricDetector,
    CriminalRecordDetector,
    FinancialAccountDetector,
    MinorDetector,
)

_INSTANCES: dict[str, Detector] = {cls.ENTITY: cls() for cls in DETECTOR_CLASSES}

#: Default minimum score for a detection to be reported.
DEFAULT_THRESHOLD = 0.5


def all_detectors() -> list[Detector]:
    """One instance of every built-in detector, in registry order."""
    return list(_INSTANCES.values())


def entities() -> list[str]:
    """Every entity name a built-in detector reports."""
    return list(_INSTANCES)


def get_detector(entity: str) -> Detector:
    """The detector for ``entity`` (e.g. ``CN_RESIDENT_ID``)."""
    try:
        return _INSTANCES[entity]
    except KeyError:
        raise HeguiError(f"unknown entity {entity!r}; known: {', '.join(_INSTANCES)}") from None


def detect(
    text: str,
    *,
    entities: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    max_chars: int = 10_000_000,
) -> list[Detection]:
    """Find Chinese personal-information entities in free text.

    Args:
        text: the text to scan (full-width digits, +86 prefixes and separators are handled).
        entities: restrict to these entity names (default: all).
        threshold: minimum score to report.
        max_chars: refuse longer texts (bounded input).

    Returns:
        Non-overlapping detections sorted by position; each explains itself.
    """
    if not isinstance(text, str):
        raise HeguiError(f"detect() needs a str, got {type(text).__name__}")
    if len(text) > max_chars:
        from hegui.errors import InputTooLargeError

        raise InputTooLargeError(f"text of {len(text)} characters exceeds max_chars={max_chars}")
    dets = [get_detector(e) for e in entities] if entities is not None else all_detectors()
    try:
        return resolve_overlaps(detect_batch([text], dets, threshold)[0])
    except UnicodeEncodeError:
        # Lone surrogates cannot be encoded (UTF-16 fold, UTF-8 for RE2): scan the slow way.
        return detect_slow(text, dets, threshold)


def detect_many(
    texts: Sequence[str],
    *,
    entities: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[list[Detection]]:
    """:func:`detect` over many texts at once (one prefilter pass for all: the fast path)."""
    dets = [get_detector(e) for e in entities] if entities is not None else all_detectors()
    try:
        return [resolve_overlaps(found) for found in detect_batch(list(texts), dets, threshold)]
    except UnicodeEncodeError:
        return [detect_slow(t, dets, threshold) for t in texts]


def detect_slow(
    text: str, dets: Sequence[Detector], threshold: float = DEFAULT_THRESHOLD
) -> list[Detection]:
    """Every detector over the whole text with Python ``re`` (the reference the engine must equal)."""
    norm = normalize(text)
    found: list[Detection] = []
    for det in dets:
        found.extend(d for d in det.analyze(text, normalized=norm) if d.score >= threshold)
    return resolve_overlaps(found)


def resolve_overlaps(found: Sequence[Detection]) -> list[Detection]:
    """Keep the best detection where spans overlap (higher score, then longer span)."""
    by_start = sorted(found, key=lambda d: (d.start, d.end))
    if all(a.end <= b.start and a.start < b.start for a, b in itertools.pairwise(by_start)):
        return by_start  # the common case: nothing overlaps, nothing to choose
    ranked = sorted(found, key=lambda d: (-d.score, -(d.end - d.start), d.start))
    # Best first, skipping what overlaps a kept one. Kept spans are marked in a map of the text
    # (comparing each with every kept one was quadratic: 70,000 detections in a megabyte of
    # "1.1234," took 500 s). Empty spans, which no pattern yields, are kept as points.
    lo = by_start[0].start
    taken = bytearray(max(d.end for d in found) - lo + 1)
    starts: set[int] = set()
    points: list[int] = []
    kept: list[Detection] = []
    for d in ranked:
        s, e = d.start - lo, d.end - lo
        if s < e:
            at = bisect.bisect_right(points, s)
            if taken.find(1, s, e) >= 0 or (at < len(points) and points[at] < e):
                continue
            taken[s:e] = b"\x01" * (e - s)
            starts.add(s)
        elif s > 0 and taken[s - 1] and taken[s] and s not in starts:
            continue  # strictly inside a kept span
        else:
            bisect.insort(points, s)
        kept.append(d)
    return sorted(kept, key=lambda d: d.start)
