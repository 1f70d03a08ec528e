"""The scan sanitiser keeps an allowlist of hegui's own scan fields; planted PI never survives."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hegui.detectors.synthetic import Synth
from hegui.web.register.uploads import sanitise_scan, sanitise_scan_data

pytestmark = pytest.mark.django_db

_SYNTH = Synth(11)
MOBILE = _SYNTH.mobile()
RESIDENT_ID = _SYNTH.resident_id()
EMAIL = "zhang.san@example.com"
PLANTED = (MOBILE, RESIDENT_ID, EMAIL, "张三")


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_unknown_keys_are_dropped_whatever_they_hold() -> None:
    result = {
        "columns": [
            {
                "name": "phone",
                "hits": [MOBILE],
                "first_match": RESIDENT_ID,
                "example": EMAIL,
                "sample": MOBILE,
                "masked_examples": ["138****5678"],
                "non_empty": 40,
            }
        ],
        "debug": {"row_17": {"name": "张三", "mobile": MOBILE}},
        MOBILE: 1,
    }
    clean = sanitise_scan_data(result, name="s")
    assert clean == {
        "columns": [{"name": "phone", "masked_examples": ["138****5678"], "non_empty": 40}]
    }


def test_sample_keys_keep_only_really_masked_strings() -> None:
    result = {
        "columns": [
            {
                "name": "c",
                "masked_examples": [
                    13812345678,  # a number under a sample key
                    MOBILE,  # unmasked
                    f"{MOBILE} *",  # a star next to a raw value
                    "*王小明",  # one star, a name left readable
                    "13*******78",  # hegui's own mask
                    "1101**********7777",
                    "138****5678",
                ],
            }
        ]
    }
    kept = sanitise_scan_data(result, name="s")["columns"][0]["masked_examples"]
    assert kept == ["13*******78", "1101**********7777", "138****5678"]


def test_counts_must_be_numbers_and_labels_must_hold_no_pi() -> None:
    result = {
        "rows": MOBILE,  # a string where a count belongs
        "tables": [
            {
                "name": f"客户 {MOBILE}",  # a label with PI in it
                "rows": 40,
                "notes": ["ok", f"owner {EMAIL}"],
                "individuals": {"column": "id", "value": 40, "method": "exact"},
            }
        ],
        "source": "postgresql://scanner:s3cret@db.internal/crm",
    }
    clean = sanitise_scan_data(result, name="s")
    assert clean == {
        "tables": [
            {
                "rows": 40,
                "notes": ["ok"],
                "individuals": {"column": "id", "value": 40, "method": "exact"},
            }
        ],
        "source": "postgresql://db.internal/crm",
    }


def test_id_keyed_maps_refuse_keys_that_are_not_ids() -> None:
    result = {
        "category_names": {
            "mobile_phone": {"zh": "手机号码", "en": "mobile phone"},
            "张三": {"zh": "x", "en": "y"},
            MOBILE: {"zh": "x"},
        }
    }
    clean = sanitise_scan_data(result, name="s")
    assert clean == {"category_names": {"mobile_phone": {"zh": "手机号码", "en": "mobile phone"}}}


def test_a_real_table_scan_keeps_its_verdicts(tmp_path) -> None:
    from hegui import api

    rows = ["id,mobile,note"] + [
        f"{i},138{i:08d},{'联系人张三' if i == 1 else 'n/a'}" for i in range(1, 41)
    ]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = api.scan_table(path).model_dump(mode="json")
    clean = sanitise_scan(json.dumps(report).encode(), name="people.json")
    table, raw_table = clean["tables"][0], report["tables"][0]
    assert table["rows"] == raw_table["rows"] == 40
    mobile = next(c for c in table["columns"] if c["name"] == "mobile")
    raw_mobile = next(c for c in raw_table["columns"] if c["name"] == "mobile")
    assert mobile["masked_examples"] == raw_mobile["masked_examples"]
    assert mobile["entity"] == raw_mobile["entity"] and mobile["categories"]
    assert clean["pi_categories"] == report["pi_categories"]
    assert "13800000001" not in _text(clean)


def test_api_scan_upload_drops_planted_identifiers(world) -> None:
    body = {
        "kind": "table",
        "name": "s",
        "result": {
            "columns": [
                {
                    "hits": [MOBILE],
                    "first_match": RESIDENT_ID,
                    "example": EMAIL,
                    "sample": MOBILE,
                    "masked_samples": ["138****5678", "张三*"],
                    "name": "phone",
                }
            ]
        },
    }
    response = Client().post(
        "/api/orgs/acme/scans",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )
    assert response.status_code == 201
    stored = _text(response.json()["summary"])
    assert not any(p in stored for p in PLANTED)
    assert response.json()["summary"] == {
        "columns": [{"masked_samples": ["138****5678"], "name": "phone"}]
    }
