"""Static analysis of Android packages (APK): manifest, SDKs, sensitive API calls. Never executes."""

from __future__ import annotations

from hegui.scanners.android.apk import ApiCall, ApkFacts, PermissionUse, SdkHit, scan_apk
from hegui.scanners.android.limits import ApkLimits

__all__ = ["ApiCall", "ApkFacts", "ApkLimits", "PermissionUse", "SdkHit", "scan_apk"]
