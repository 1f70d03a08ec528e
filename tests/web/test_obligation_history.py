"""An obligation's history gets a line for each real change or note, from the pages and the API
alike; a PATCH that changes nothing adds no empty line, and the API's history note is kept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _patch(world: Any, pk: int, body: dict[str, Any]) -> Any:
    return Client().patch(
        f"/api/orgs/acme/obligations/{pk}",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world.tokens['editor']}",
    )


def test_a_patch_that_changes_nothing_adds_no_history_line(world: Any, records) -> None:
    ob = records[0].obligation
    before = ob.events.count()
    assert _patch(world, ob.pk, {"owner": ob.owner, "state": ob.state}).status_code == 200
    # Was: an empty "API" line for every PATCH, burying the real changes.
    assert ob.events.count() == before


def test_a_patch_note_is_recorded(world: Any, records) -> None:
    ob = records[0].obligation
    assert _patch(world, ob.pk, {"note": "checked with legal"}).status_code == 200
    line = ob.events.first()
    # Was: the API dropped the note it accepted and wrote "API" instead.
    assert line is not None and line.changes == {} and line.note == "checked with legal"
    assert _patch(world, ob.pk, {"owner": "li"}).status_code == 200
    line = ob.events.first()
    assert line.changes == {"owner": ["", "li"]} and line.actor == "editor"
