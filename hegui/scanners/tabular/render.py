"""Render a :class:`SourceReport` as text, JSON or HTML, and as profile dataset facts (YAML).

Renderers only format what the report holds (counts, categories, masked samples): the report
never carries a raw value, so no renderer can leak one.
"""

from __future__ import annotations

import json
import re

import yaml
from jinja2 import Environment, select_autoescape

from hegui.scanners.tabular.models import SourceReport, TableReport


def render_json(report: SourceReport) -> str:
    return json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2)


def render_text(report: SourceReport) -> str:
    names = report.category_names
    out = [f"hegui scan: {report.source} ({report.kind}), as of {report.as_of}"]
    mode = "full" if report.full else f"sample of {report.sample} rows per table"
    out.append(f"mode: {mode}")
    for t in report.tables:
        out.append("")
        if t.skipped:
            out.append(f"[{t.name}] skipped: {t.skipped}")
            continue
        out.append(f"[{t.name}] {t.rows} rows, {t.rows_examined} examined")
        for c in t.columns:
            if not c.entity:
                if c.notes:
                    out.append(f"  - {c.name}: no PI ({'; '.join(c.notes)})")
                continue
            sens = " SENSITIVE" if c.sensitive_categories else ""
            ctx = f" header[{', '.join(c.header_context)}]" if c.header_context else ""
            share = c.entities[0].share if c.entities else 0.0
            out.append(
                f"  - {c.name}: {c.entity} score {c.score:.2f} ({c.strategy}, {share:.0%} of cells){ctx}"
                f" -> {', '.join(c.categories) or 'not PI'}{sens}"
            )
            if c.masked_examples:
                out.append(f"      e.g. {', '.join(c.masked_examples)}")
        out.extend(_table_summary(t, names))
    out.append("")
    out.append("Source summary")
    if report.unread:
        out.append(
            f"  INCOMPLETE: {len(report.unread)} part(s) could not be read "
            f"({', '.join(report.unread)}); what follows covers only the rest"
        )
    found = _cats(report.pi_categories, names)
    out.append(
        f"  PI categories: {'none found in what was read' if report.unread and found == 'none' else found}"
    )
    out.append(f"  sensitive: {_cats(report.sensitive_categories, names)}")
    out.append(f"  minors present: {'yes' if report.minors_present else 'no'}")
    if report.grade:
        g = report.grade
        partial = " (incomplete: a floor from the parts that were read)" if not g.complete else ""
        out.append(
            f"  grade proposal: {g.level.en} / {g.level.zh}, sub-level {g.sublevel}{partial}"
        )
        out.extend(f"    - {r}" for r in g.reasoning)
        out.extend(f"    ! review: {r}" for r in g.needs_review)
    # Names come from the scanned data (headers, keys, sheet and file names): a newline in one
    # must not start a line of its own that reads like part of the report.
    return "\n".join(escape_controls(line) for line in out) + "\n"


#: Line breaks, other control characters and bidirectional overrides, which can forge or reorder
#: what a terminal shows.
_CONTROLS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def escape_controls(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\u202e``)."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _cats(ids: list[str], names: dict) -> str:
    return ", ".join(f"{c} ({names[c].zh})" if c in names else c for c in ids) or "none"


def _table_summary(t: TableReport, names: dict) -> list[str]:
    lines = [f"  PI categories: {_cats(t.pi_categories, names)}"]
    if t.sensitive_categories:
        lines.append(f"  sensitive: {_cats(t.sensitive_categories, names)}")
    if t.individuals:
        i = t.individuals
        err = f" (+/- {i.relative_error:.2%})" if i.relative_error else ""
        where = f" by {i.column} ({i.entity})" if i.column else ""
        lines.append(f"  individuals: {i.value}{err}, {i.method}{where}")
    if t.minors:
        m = t.minors
        lines.append(
            f"  minors on {m.as_of}: under 14: {m.under_14}, under 18: {m.under_18} (of {m.valid_ids} valid IDs)"
        )
    if t.grade:
        lines.append(f"  grade proposal: {t.grade.level.en}, sub-level {t.grade.sublevel}")
    lines.extend(f"  note: {n}" for n in t.notes)
    return lines


_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>hegui scan: {{ r.source }}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}.sens{color:#a00;font-weight:bold}code{background:#f4f4f4}</style>
</head><body>
<h1>hegui scan</h1>
<p>Source <code>{{ r.source }}</code> ({{ r.kind }}), as of {{ r.as_of }};
{% if r.full %}full scan{% else %}sample of {{ r.sample }} rows per table{% endif %}.</p>
<h2>Summary</h2>
{% if r.unread %}<p class="sens">Incomplete: {{ r.unread | length }} part(s) could not be read ({{ r.unread | join(", ") }}); the summary covers only the rest.</p>{% endif %}
<ul>
<li>PI categories: {% for c in r.pi_categories %}{{ c }}{% if c in r.category_names %} ({{ r.category_names[c].zh }} / {{ r.category_names[c].en }}){% endif %}{% if not loop.last %}, {% endif %}{% else %}none{% endfor %}</li>
<li class="sens">Sensitive: {{ r.sensitive_categories | join(", ") or "none" }}</li>
<li>Minors present: {{ "yes" if r.minors_present else "no" }}</li>
{% if r.grade %}<li>Grade proposal: {{ r.grade.level.en }} / {{ r.grade.level.zh }}, sub-level {{ r.grade.sublevel }}{% if not r.grade.complete %} (incomplete: a floor from the parts that were read){% endif %}
<ul>{% for x in r.grade.reasoning %}<li>{{ x }}</li>{% endfor %}{% for x in r.grade.needs_review %}<li><em>Review:</em> {{ x }}</li>{% endfor %}</ul></li>{% endif %}
</ul>
{% for t in r.tables %}
<h2>{{ t.name }}</h2>
{% if t.skipped %}<p><strong>Skipped:</strong> {{ t.skipped }}</p>{% else %}
<p>{{ t.rows }} rows, {{ t.rows_examined }} examined.
{% if t.individuals %}Individuals: {{ t.individuals.value }} ({{ t.individuals.method }}{% if t.individuals.relative_error %}, ±{{ "%.2f"|format(100*t.individuals.relative_error) }}%{% endif %}).{% endif %}
{% if t.minors %}Minors on {{ t.minors.as_of }}: under 14: {{ t.minors.under_14 }}, under 18: {{ t.minors.under_18 }}.{% endif %}</p>
<table><tr><th>Column</th><th>Entity</th><th>Score</th><th>Strategy</th><th>Share</th><th>Categories</th><th>Masked examples</th></tr>
{% for c in t.columns %}<tr><td>{{ c.name }}</td><td>{{ c.entity or "" }}</td><td>{{ "%.2f"|format(c.score) }}</td><td>{{ c.strategy }}</td>
<td>{% if c.entities %}{{ "%.0f"|format(100*c.entities[0].share) }}%{% endif %}</td>
<td>{% for k in c.categories %}<span class="{{ 'sens' if k in c.sensitive_categories else '' }}">{{ k }}</span> {% endfor %}</td>
<td>{{ c.masked_examples | join(", ") }}</td></tr>
{% endfor %}</table>
{% for n in t.notes %}<p><em>Note:</em> {{ n }}</p>{% endfor %}
{% endif %}{% endfor %}
</body></html>
"""


def render_html(report: SourceReport) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(_HTML).render(r=report)


def dataset_id(name: str) -> str:
    """A lower_snake dataset id from a table name (``customers.csv:Sheet1`` -> ``customers_csv_sheet1``)."""
    slug = re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")
    return slug or "dataset"


def profile_facts(report: SourceReport) -> dict[str, list[dict[str, object]]]:
    """Dataset facts for ``hegui assess`` (the profile's ``datasets`` list), one per table with PI."""
    datasets: list[dict[str, object]] = []
    seen: set[str] = set()
    for t in report.tables:
        if t.skipped or not t.pi_categories:
            continue
        base = dataset_id(t.name)
        ds_id, k = base, 2
        while ds_id in seen:
            ds_id, k = f"{base}_{k}", k + 1
        seen.add(ds_id)
        datasets.append(
            {
                "id": ds_id,
                "name": t.name,
                "pi_categories": list(t.pi_categories),
                "sensitive_categories": list(t.sensitive_categories),
                "individuals": t.individuals.value if t.individuals else None,
                # None = unknown (no resident-ID column to read ages from), not zero.
                "minors_under_14": t.minors.under_14 if t.minors else None,
                "minors_under_18": t.minors.under_18 if t.minors else None,
                "source": f"scan:{report.source}",
            }
        )
    return {"datasets": datasets}


def render_profile_yaml(report: SourceReport) -> str:
    header = (
        f"# Dataset facts from `hegui scan` of {report.source} as of {report.as_of}. Counts only.\n"
    )
    return header + yaml.safe_dump(profile_facts(report), allow_unicode=True, sort_keys=False)
