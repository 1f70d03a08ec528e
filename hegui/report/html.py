"""Self-contained HTML report (one file, no external assets, works offline)."""

from __future__ import annotations

from itertools import groupby

from jinja2 import Environment, PackageLoader, select_autoescape

from hegui.models import Finding, Status
from hegui.report._common import STATUS_LABELS, citation_label, due_label, split_not_applicable
from hegui.rules.engine import Assessment

_env = Environment(
    loader=PackageLoader("hegui.report", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(assessment: Assessment) -> str:
    shown, hidden = split_not_applicable(assessment)
    by_regime = [
        (regime, list(items))
        for regime, items in groupby(sorted(shown, key=lambda f: f.regime), key=lambda f: f.regime)
    ]
    upcoming = sorted(
        (f for f in shown if f.due is not None), key=lambda f: f.due or assessment.as_of
    )
    return _env.get_template("report.html").render(
        a=assessment,
        by_regime=by_regime,
        hidden=hidden,
        upcoming=upcoming,
        labels=STATUS_LABELS,
        due_label=due_label,
        cite=citation_label,
        statuses=[s for s in reversed(list(Status))],
        status_class=_status_class,
    )


def _status_class(f: Finding) -> str:
    return f.status.value.replace("_", "-")
