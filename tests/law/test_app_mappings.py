"""The app-scanning law data is internally consistent (vocabularies, ids, the 39 app types)."""

from __future__ import annotations

from collections import Counter

from hegui.law.loader import get_law


def _m(name: str):  # type: ignore[no-untyped-def]
    return get_law().mapping(name)


def test_every_data_type_is_declared() -> None:
    types = set(_m("android_permissions")["data_types"])
    perms = _m("android_permissions")["permissions"]
    assert {p["data_type"] for p in perms.values()} <= types
    assert {p["protection"] for p in perms.values()} <= {"dangerous", "special", "normal"}
    assert {a["data_type"] for a in _m("sensitive_apis")} <= types
    for row in _m("app_necessary_pi"):
        assert set(row["device_data_types"]) <= types, row["id"]
    extra = {
        "oaid",
        "device_model",
        "network_info",
        "ip_address",
        "app_usage",
        "payment_info",
        "account_info",
        "crash_logs",
    }
    for sdk in _m("sdk_signatures"):
        assert set(sdk["collects"]) <= types | extra, sdk["id"]


def test_immutable_identifiers_are_the_gbt_43697_list() -> None:
    types = _m("android_permissions")["data_types"]
    assert {k for k, v in types.items() if v.get("immutable")} == {"imei", "meid", "serial", "mac"}


def test_39_app_types_numbered_once() -> None:
    rows = _m("app_necessary_pi")
    assert [r["number"] for r in rows] == list(range(1, 40))
    assert len({r["id"] for r in rows}) == 39
    # 13 types need no PI for their basic function (#21 and #27-#38).
    assert sorted(r["number"] for r in rows if r["no_pi_needed"]) == [21, *range(27, 39)]
    assert {r["id"] for r in rows if "location" in r["device_data_types"]} == {
        "map_navigation",
        "ride_hailing",
        "vehicle_services",
    }


def test_sdk_signatures_are_unique_and_package_shaped() -> None:
    sdks = _m("sdk_signatures")
    assert len({s["id"] for s in sdks}) == len(sdks)
    prefixes = Counter(p for s in sdks for p in s["prefixes"])
    assert [p for p, n in prefixes.items() if n > 1] == []
    for s in sdks:
        for p in s["prefixes"]:
            last = p.rstrip(".").rsplit(".", 1)[-1]
            assert p.endswith(".") or last[:1].isupper(), p  # a package or a class name
    for required in (
        "umeng",
        "jpush",
        "getui",
        "bugly",
        "alipay",
        "wechat_open",
        "baidu_map",
        "amap",
        "tencent_map",
        "pangle",
        "gdt",
        "huawei_push",
        "xiaomi_push",
        "oppo_push",
        "vivo_push",
        "sensorsdata",
        "growingio",
        "firebase_analytics",
        "google_ads",
        "facebook",
        "appsflyer",
        "adjust",
    ):
        assert required in {s["id"] for s in sdks}


def test_checks_reference_declared_violation_types() -> None:
    v = _m("app_violation_types")
    method_ids = {x["id"] for x in v["identification_2019"]}
    assert len(method_ids) == 31  # six categories, 31 behaviours
    assert Counter(i.split(".")[1] for i in method_ids) == {
        "1": 4,
        "2": 4,
        "3": 9,
        "4": 6,
        "5": 3,
        "6": 5,
    }
    notice_ids = {x["id"] for x in v["notice_categories"]}
    for rule_id, check in v["checks"].items():
        assert rule_id.startswith("apps.")
        assert set(check["identification_2019"]) <= method_ids, rule_id
        assert set(check["notice_categories"]) <= notice_ids, rule_id
        assert check["severity"] in ("high", "medium", "low")
        assert check["reference"], rule_id


def test_notice_counts_match_the_seed() -> None:
    cats = _m("app_violation_types")["notice_categories"]
    assert sum(c.get("apps", 0) for c in cats if c["notice"] == "mps_app_notice_2025_05") == 63
    miit = {c["id"]: c.get("apps") for c in cats if c["notice"] == "miit_app_notice_2025_05"}
    assert miit["miit_2025_05.sdk_notice"] == 7 and miit["miit_2025_05.beyond_necessary"] == 16
