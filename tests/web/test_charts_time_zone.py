"""The register's charts count by the Beijing-time date, as every other page does."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest

from hegui.web.register.charts import trend_svg
from hegui.web.register.models import Incident

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_incidents_per_month_uses_the_beijing_time_month(world: Any) -> None:
    # 1 December 05:00 in Beijing is still 30 November in UTC.
    detected = dt.datetime(2026, 12, 1, 5, 0, tzinfo=SHANGHAI)
    Incident.objects.create(organisation=world.org, title="early", detected_at=detected)
    svg = str(trend_svg(world.org))
    # Was: the month was taken from the UTC time the database returns, so 2026-11.
    assert ">2026-12<" in svg and ">2026-11<" not in svg
