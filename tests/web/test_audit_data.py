"""``hegui audit verify --data``: rows changed behind the application's back (raw SQL, an edited
database) differ from their newest snapshot in the audit log and are reported; rows changed
through the application are not."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from django.db import connection

from hegui.cli import main
from hegui.web.register.audit_data import check_data
from hegui.web.register.models import IncidentClock

pytestmark = pytest.mark.django_db


def _sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_changes_through_the_application_leave_no_difference(world, records) -> None:
    mine, _ = records
    api = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens['editor']}"}
    client = world.client("editor")
    patched = client.patch(
        f"/api/orgs/acme/obligations/{mine.obligation.pk}",
        data=json.dumps({"notes": "checked", "due": "2027-01-15"}),
        content_type="application/json",
        **api,
    )
    assert patched.status_code == 200
    assert client.get("/api/orgs/acme/deadlines", **api).status_code == 200  # last_used_at
    made = client.post(
        "/o/acme/filings/new/",
        {"kind": "mlps_filing", "title": "L3", "state": "planned", "deadline": "2027-02-01"},
    )
    assert made.status_code == 302
    world.client("anonymous").post("/login/", {"username": "viewer", "password": world.password})
    # A datetime entered in Beijing time is stored and read back in UTC: the same instant.
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    mine.incident.clocks.create(
        label="by hand", deadline=dt.datetime(2027, 1, 1, 9, tzinfo=shanghai)
    )
    result = check_data()
    assert result.ok, result.problems
    assert result.checked > 20


def test_a_backdated_report_time_is_reported(world, records) -> None:
    clock = records[0].clock
    _sql(
        f"UPDATE {IncidentClock._meta.db_table} SET reported_at = %s WHERE id = %s",
        [dt.datetime(2026, 1, 1, tzinfo=dt.UTC), clock.pk],
    )
    result = check_data()
    assert result.problems == [
        f"register.incidentclock #{clock.pk}: reported_at differ from the newest logged snapshot"
        f" (entry #{_last_seq('register.incidentclock', clock.pk)}): changed outside hegui"
    ]


def _last_seq(model: str, pk: int) -> int:
    from hegui.web.register.models import AuditEntry

    return AuditEntry.objects.filter(model=model, object_id=str(pk)).order_by("-seq")[0].seq


def test_raw_inserts_deletes_and_forged_evidence_are_reported(world, records) -> None:
    mine, theirs = records
    _sql("UPDATE register_evidence SET content = %s WHERE id = %s", [b"FORGED", mine.evidence.pk])
    _sql("DELETE FROM register_scan WHERE id = %s", [theirs.scan.pk])
    _sql(
        "INSERT INTO register_organisation (slug, name, created_at) VALUES (%s, %s, %s)",
        ["ghost", "Ghost Co", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)],
    )
    problems = "\n".join(check_data().problems)
    assert f"register.evidence #{mine.evidence.pk}: the file's bytes do not match" in problems
    assert f"register.scan #{theirs.scan.pk}: in the log" in problems and "missing" in problems
    assert "register.organisation #" in problems and "not in the audit log" in problems


def test_cli_verify_data_exit_codes(world, records, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["audit", "verify", "--data"])
    out, err = capsys.readouterr()
    assert info.value.code == 0 and "data OK" in out, err
    _sql(
        "UPDATE register_subjectrequest SET due = %s WHERE id = %s",
        [dt.date(2030, 1, 1), records[0].request.pk],
    )
    with pytest.raises(SystemExit) as info:
        main(["audit", "verify", "--data"])
    out, err = capsys.readouterr()
    assert info.value.code == 1
    assert f"register.subjectrequest #{records[0].request.pk}: due differ" in err
    assert "2030" not in err  # names fields, never values
