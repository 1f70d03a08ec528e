"""An as-of date before the law data's first value of a parameter: the rule cannot apply yet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.cli import main
from hegui.law.loader import get_law
from hegui.models import Status
from hegui.profile import load_profile
from hegui.rules.base import Context, NotYetInLawError
from hegui.rules.engine import assess

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
PARAM = "mlps.evaluation_interval_months"


def _first() -> dt.date:
    return get_law().parameter_dates(PARAM)[0]


def test_rules_read_before_their_first_parameter_value_are_not_applicable() -> None:
    day_before = _first() - dt.timedelta(days=1)
    result = assess(load_profile(EXAMPLE), day_before, rule_ids=["mlps.evaluation"])
    (finding,) = result.findings
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.facts == {"parameter": PARAM, "first_value_on": _first().isoformat()}
    assert _first().isoformat() in finding.explanation[0]
    on_the_day = assess(load_profile(EXAMPLE), _first(), rule_ids=["mlps.evaluation"])
    assert any(f.status is not Status.NOT_APPLICABLE for f in on_the_day.findings)


def test_context_param_names_the_first_date() -> None:
    ctx = Context(load_profile(EXAMPLE), dt.date(2000, 1, 1), get_law(), api.default_calendar())
    with pytest.raises(NotYetInLawError, match=f"first value takes effect on {_first()}"):
        ctx.param(PARAM)


def test_an_early_as_of_does_not_fail_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["assess", str(EXAMPLE), "--as-of", "2007-06-21", "--regime", "mlps"])
    out, err = capsys.readouterr()
    assert info.value.code == 0, err
    assert "has no value" not in err + out
