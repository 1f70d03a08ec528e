"""Server-generated SVG pictures: data-flow map, deadline timeline, trend charts.

Plain SVG strings with every label escaped, so the pages need no JavaScript chart library and the
pictures work under the strict Content-Security-Policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import yaml
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hegui.web.register.deadlines import Deadline
from hegui.web.register.models import Organisation

# Colours by finding status (route colouring on the map uses the transfer's worst finding).
STATUS_COLOURS = {
    "overdue": "#b3261e",
    "due": "#c77700",
    "needs_review": "#7b4fb0",
    "applies": "#1f5fa8",
    "met": "#2e7d32",
    "not_applicable": "#8a8a8a",
    "info": "#5a7d9a",
    "": "#555555",
}
# Line style by transfer route (from the cross_border.route finding): (dash attribute, width).
ROUTE_STYLES = {
    "exempt": (' stroke-dasharray="2 4"', 2),
    "standard_contract": ("", 2),
    "standard_contract_or_certification": ("", 2),
    "certification": (' stroke-dasharray="8 4"', 2),
    "security_assessment": ("", 4),
}
_RANK = ["", "not_applicable", "met", "info", "applies", "needs_review", "due", "overdue"]


def _svg(
    width: int, height: int, title: str, body: Iterable[str], *, shown: str = "100%"
) -> SafeString:
    inner = "".join(body)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{shown}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"{inner}</svg>"
    )


def _text(x: float, y: float, label: str, *, size: int = 12, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}">'
        f"{escape(label[:48])}</text>"
    )


def timeline_svg(deadlines: list[Deadline], *, today: dt.date) -> SafeString:
    """Open deadlines on a date axis; overdue ones red, the next 30 days amber.

    The axis runs from 90 days before today; older overdue items sit at its left edge marked
    with an arrow, so one ancient item does not squeeze the rest.
    """
    items = deadlines[:25]
    if not items:
        return _svg(600, 40, _("No open deadlines"), [_text(10, 25, "—")])
    start = max(min(min(d.when for d in items), today), today - dt.timedelta(days=90))
    end = max(max(d.when for d in items), today + dt.timedelta(days=30))
    span = max((end - start).days, 1)
    width, left, right = 900, 20, 880
    height = 50 + 18 * len(items)

    def x(day: dt.date) -> float:
        return left + (right - left) * max((day - start).days, 0) / span

    today_anchor = "end" if x(today) > width * 0.8 else "start"
    body = [
        f'<line x1="{left}" y1="30" x2="{right}" y2="30" stroke="#333"/>',
        f'<line x1="{x(today):.0f}" y1="20" x2="{x(today):.0f}" y2="{height}" stroke="#1f5fa8" '
        'stroke-dasharray="4 3"/>',
        _text(
            x(today) + (-3 if today_anchor == "end" else 3),
            18,
            f"today {today.isoformat()}",
            size=11,
            anchor=today_anchor,
        ),
        _text(left, 45, start.isoformat(), size=10),
        _text(right, 45, end.isoformat(), size=10, anchor="end"),
    ]
    for i, d in enumerate(items):
        y = 62 + 18 * i
        colour = (
            "#b3261e" if d.when < today else "#c77700" if (d.when - today).days <= 30 else "#2e7d32"
        )
        body.append(f'<circle cx="{x(d.when):.0f}" cy="{y - 4}" r="5" fill="{colour}"/>')
        anchor = "end" if x(d.when) > width / 2 else "start"
        dx = -9 if anchor == "end" else 9
        mark = "← " if d.when < start else ""
        body.append(
            _text(
                x(d.when) + dx, y, f"{mark}{d.when.isoformat()} {d.label}", size=11, anchor=anchor
            )
        )
    return _svg(width, height, _("Deadline timeline"), body)


def _line_chart(title: str, points: list[tuple[str, int]], colour: str) -> SafeString:
    width, height, left, bottom = 600, 200, 40, 170
    if not points:
        return _svg(width, 40, title, [_text(10, 25, f"{title}: —")])
    top = max(max(v for _k, v in points), 1)
    step = (width - left - 20) / max(len(points) - 1, 1)
    coords = [
        (left + i * step, bottom - (bottom - 30) * v / top) for i, (_k, v) in enumerate(points)
    ]
    path = " ".join(f"{cx:.0f},{cy:.0f}" for cx, cy in coords)
    body = [
        _text(left, 18, title, size=13),
        f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#333"/>',
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>',
    ]
    for (label, value), (cx, cy) in zip(points, coords, strict=True):
        body.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="3" fill="{colour}"/>')
        body.append(_text(cx, cy - 6, str(value), size=10, anchor="middle"))
        body.append(_text(cx, bottom + 15, label, size=9, anchor="middle"))
    return _svg(width, height, title, body, shown=str(width))


def trend_svg(org: Organisation) -> SafeString:
    """Open findings per assessment (last 12 runs) and incidents detected per month."""
    runs = list(org.assessments.order_by("-ran_at", "-id")[:12])[::-1]
    open_counts = [
        (a.as_of.strftime("%m-%d"), sum(1 for f in a.findings if f["status"] in _RANK[4:]))
        for a in runs
    ]
    per_month: dict[str, int] = {}
    for inc in org.incidents.order_by("detected_at"):
        # The database gives UTC; the month is Beijing time's, as on every other page.
        key = timezone.localtime(inc.detected_at).strftime("%Y-%m")
        per_month[key] = per_month.get(key, 0) + 1
    months = sorted(per_month.items())[-12:]
    return mark_safe(
        _line_chart(_("Open findings per assessment"), open_counts, "#b3261e")
        + _line_chart(_("Incidents per month"), months, "#1f5fa8")
    )


def _as_list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _ident(item: dict[str, Any]) -> str:
    return str(item.get("id") or item.get("name") or "?")


def flow_graph(profile: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes and edges of the data-flow map from a profile mapping and the latest findings."""
    worst: dict[str, str] = {}
    routes: dict[str, str] = {}
    for f in findings:
        if f.get("rule_id") == "cross_border.route":
            routes[str(f.get("subject") or "")] = str((f.get("facts") or {}).get("route") or "")
        subject = str(f.get("subject") or "")
        if _RANK.index(f.get("status", "")) > _RANK.index(worst.get(subject, "")):
            worst[subject] = f["status"]
    entities = [_ident(e) for e in _as_list(profile.get("entities"))]
    datasets = [_ident(d) for d in _as_list(profile.get("datasets"))]
    edges: list[tuple[str, str, str, str]] = []  # (from, to, status, route)
    recipients: list[str] = []
    countries: list[str] = []
    for d in _as_list(profile.get("datasets")):
        owner = d.get("entity") or d.get("controller")
        if owner:
            edges.append((f"e:{owner}", f"d:{_ident(d)}", "", ""))
    for t in _as_list(profile.get("transfers")):
        recipient = t.get("recipient")
        details = recipient if isinstance(recipient, dict) else {}
        rec = _ident(details) if details else str(recipient or _ident(t))
        country = str(details.get("country") or t.get("country") or "?")
        status = worst.get(str(t.get("id") or ""), "")
        route = routes.get(str(t.get("id") or ""), "")
        if rec not in recipients:
            recipients.append(rec)
        if country not in countries:
            countries.append(country)
        sources = t.get("datasets") or t.get("data") or []
        for ds in sources if isinstance(sources, list) else [sources]:
            edges.append((f"d:{ds}", f"r:{rec}", status, route))
        if not sources and t.get("entity"):
            edges.append((f"e:{t['entity']}", f"r:{rec}", status, route))
        edges.append((f"r:{rec}", f"c:{country}", status, route))
    return {
        "columns": [
            (_("Entities"), [f"e:{x}" for x in entities]),
            (_("Datasets"), [f"d:{x}" for x in datasets]),
            (_("Recipients"), [f"r:{x}" for x in recipients]),
            (_("Countries"), [f"c:{x}" for x in countries]),
        ],
        "edges": edges,
    }


def dataflow_svg(org: Organisation) -> SafeString:
    """Entities -> datasets -> recipients -> countries, edges coloured by the transfer's status."""
    current = org.current_profile()
    if current is None:
        return _svg(600, 40, _("Data-flow map"), [_text(10, 25, _("No profile yet"))])
    try:
        data = yaml.safe_load(current.yaml_text)
    except yaml.YAMLError:
        data = None
    latest = org.assessments.first()
    graph = flow_graph(data if isinstance(data, dict) else {}, latest.findings if latest else [])
    col_w, row_h = 230, 34
    rows = max([len(nodes) for _k, nodes in graph["columns"]] + [1])
    height = 60 + rows * row_h
    pos: dict[str, tuple[float, float]] = {}
    body: list[str] = []
    for c, (title, nodes) in enumerate(graph["columns"]):
        x = 20 + c * col_w
        body.append(_text(x, 20, title, size=13))
        for r, node in enumerate(nodes):
            y = 40 + r * row_h
            pos[node] = (x, y)
            body.append(
                f'<rect x="{x}" y="{y}" width="170" height="24" rx="4" fill="#f4f6fa" stroke="#555"/>'
            )
            body.append(_text(x + 6, y + 16, node.split(":", 1)[1], size=11))
    for src, dst, status, route in graph["edges"]:
        if src in pos and dst in pos:
            (x1, y1), (x2, y2) = pos[src], pos[dst]
            colour = STATUS_COLOURS.get(status, "#555555")
            dash, width = ROUTE_STYLES.get(route, ("", 2))
            tip = " / ".join(x for x in (route, status) if x) or "flow"
            body.insert(
                0,
                f'<line x1="{x1 + 170}" y1="{y1 + 12}" x2="{x2}" y2="{y2 + 12}" stroke="{colour}" '
                f'stroke-width="{width}"{dash}><title>{escape(tip)}</title></line>',
            )
    legend_y = height - 12
    for i, (status, colour) in enumerate(list(STATUS_COLOURS.items())[:7]):
        body.append(
            f'<rect x="{20 + i * 120}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
        )
        body.append(_text(34 + i * 120, legend_y, status, size=10))
    route_y = legend_y + 18
    for i, (route, (dash, width)) in enumerate(list(ROUTE_STYLES.items())):
        x = 20 + i * 180
        body.append(
            f'<line x1="{x}" y1="{route_y - 4}" x2="{x + 24}" y2="{route_y - 4}" stroke="#333" '
            f'stroke-width="{width}"{dash}/>'
        )
        body.append(_text(x + 30, route_y, route.replace("_", " "), size=10))
    return _svg(4 * col_w, height + 28, _("Data-flow map"), body)
