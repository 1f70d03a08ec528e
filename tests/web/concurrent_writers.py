"""Concurrent writers against a real database, run as its own process by test_concurrency.py.

Django's test database is SQLite in memory (or one PostgreSQL connection's transaction), where
writers never contend; this script sets the register up on the database named by the environment
(``HEGUI_HOME`` for a SQLite file, or ``DATABASE_URL``), then lets several threads write at once
through Django's test client (the full middleware stack, one database connection per thread, as
the threaded server has): API PATCHes of obligations and web-form filings. It prints one JSON
object: response statuses, and which stored changes lack their audit entry or history line.

    python tests/web/concurrent_writers.py THREADS REQUESTS_PER_THREAD
"""

from __future__ import annotations

import collections
import json
import os
import sys
import threading
import traceback
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hegui.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _seed(threads: int, per_thread: int) -> tuple[list[str], list[Any], list[int]]:
    from django.db import transaction

    with transaction.atomic():  # one commit: setting up is not what is measured
        return _seed_rows(threads, per_thread)


def _seed_rows(threads: int, per_thread: int) -> tuple[list[str], list[Any], list[int]]:
    from django.contrib.auth import get_user_model

    from hegui.web.accounts.models import ApiToken, Membership
    from hegui.web.register.models import Obligation, Organisation

    org = Organisation.objects.create(slug="acme", name="Acme Concurrency Co")
    keys, users = [], []
    for n in range(threads):
        user = get_user_model().objects.create_user(f"editor{n}", password="unused-Pa55word!")
        Membership.objects.create(user=user, organisation=org, role="editor")
        keys.append(ApiToken.issue(user, "load")[1])
        users.append(user)
    obligations = [
        Obligation.objects.create(
            organisation=org, key=f"k{n}", rule_id=f"test.rule_{n}", title_en=f"Duty {n}"
        ).pk
        for n in range(threads * per_thread)
    ]
    return keys, users, obligations


def _run(threads: int, per_thread: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    keys, users, obligations = _seed(threads, per_thread)
    statuses: collections.Counter[int] = collections.Counter()
    crashes: list[str] = []
    clients = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    # Import every view and form once before the threads start (first imports racing in threads
    # is not what this measures).
    clients[0].get("/o/acme/filings/new/")
    clients[0].get(
        f"/api/orgs/acme/obligations/{obligations[0]}",
        headers={"Authorization": f"Bearer {keys[0]}"},
    )
    start = threading.Barrier(threads)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i, pk in enumerate(obligations[n::threads]):
                if i % 2 == 0:  # API: an update with its history line
                    response = clients[n].patch(
                        f"/api/orgs/acme/obligations/{pk}",
                        data=json.dumps({"notes": f"conc-{pk}"}),
                        content_type="application/json",
                        headers={"Authorization": f"Bearer {keys[n]}"},
                    )
                else:  # a web form: a new filing
                    response = clients[n].post(
                        "/o/acme/filings/new/",
                        {"kind": "mlps_filing", "title": f"conc-filing-{pk}", "state": "planned"},
                    )
                statuses[response.status_code] += 1
        except Exception:
            crashes.append(traceback.format_exc(limit=3))
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return {"statuses": {str(k): v for k, v in statuses.items()}, "crashes": crashes, **_check()}


def _check() -> dict[str, Any]:
    from hegui.web.register import audit
    from hegui.web.register.models import AuditEntry, Filing, Obligation, ObligationEvent

    changed = {o.pk: o.notes for o in Obligation.objects.filter(notes__startswith="conc-")}
    audited = {
        int(e.object_id)
        for e in AuditEntry.objects.filter(model="register.obligation", action="update")
        if str(e.data.get("notes", "")).startswith("conc-")
    }
    with_history = set(
        ObligationEvent.objects.filter(note="API").values_list("obligation_id", flat=True)
    )
    filings = set(Filing.objects.filter(title__startswith="conc-").values_list("pk", flat=True))
    filings_audited = {
        int(e.object_id)
        for e in AuditEntry.objects.filter(model="register.filing", action="create")
    }
    result = audit.verify()
    return {
        "obligations_changed": len(changed),
        "changed_without_audit": sorted(set(changed) - audited),
        "changed_without_history": sorted(set(changed) - with_history),
        "filings_stored": len(filings),
        "filings_without_audit": sorted(filings - filings_audited),
        "chain_ok": result.ok,
        "chain_problem": result.problem,
    }


if __name__ == "__main__":
    _setup()
    print(json.dumps(_run(int(sys.argv[1]), int(sys.argv[2]))))
