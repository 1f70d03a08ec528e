"""Render a digest (markdown, html, json) and a law diff (text, json). Nothing is computed here."""

from __future__ import annotations

import html
import json
from typing import Any

from hegui.developments.diff import LawDiff, ObligationChange
from hegui.developments.digest import CATEGORY_LABELS, Digest, DigestItem, Obligation
from hegui.developments.schema import Development
from hegui.models import Status

_NO_DEVELOPMENTS = "No development was published in this period. / 本期间无新动态。"
_NO_CHANGES = "No obligation appeared, disappeared or changed. / 无义务变化。"

_CHANGE_LABELS = {
    "appeared": ("新增", "appeared"),
    "disappeared": ("消失", "disappeared"),
    "changed": ("变化", "changed"),
}


def digest_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2)


def _obligation_line(o: Obligation) -> str:
    due = f"due {o.due}" if o.due else "no date"
    if o.due_approximate:
        due += " (approximate)"
    subject = f" [{o.subject}]" if o.subject else ""
    proposed = " (proposed)" if o.proposed else ""
    return (
        f"`{o.rule_id}`{subject}: {o.title.en} / {o.title.zh}: **{o.status.value}**, "
        f"{due}{proposed} (as of {o.as_of})"
    )


def _shown(item: DigestItem) -> list[Obligation]:
    """Obligations worth a line: informational findings stay in the JSON form only."""
    return [o for o in item.obligations if o.status != Status.INFO or o.proposed]


def _dates(d: Development) -> str:
    """'issued 2025-05-30, effective 2025-06-01' (the dates the record gives), or ''."""
    return ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in vars(d.dates).items() if v is not None
    )


def _counts_line(digest: Digest) -> str:
    counts = digest.to_dict()["counts"]
    return " · ".join(
        f"{CATEGORY_LABELS[c].en} / {CATEGORY_LABELS[c].zh}: {n}" for c, n in counts.items()
    )


def _item_markdown(n: int, item: DigestItem) -> list[str]:
    d = item.development
    label = CATEGORY_LABELS[item.category]
    lines = [
        f"### {n}. {d.instrument.en}",
        f"**{d.instrument.zh}**",
        "",
        f"- {label.en} / {label.zh} · `{d.id}` · {d.kind}, {d.status.replace('_', ' ')} · "
        f"{d.authority.en} / {d.authority.zh} · published {d.date}",
    ]
    if _dates(d):
        lines.append(f"- Dates / 日期: {_dates(d)}")
    why = "; ".join(r.en for r in item.applicability.reasons)
    why_zh = "；".join(r.zh for r in item.applicability.reasons)
    head = "Why it applies" if item.applicability.applies else "Why it does not apply"
    head_zh = "适用理由" if item.applicability.applies else "不适用理由"
    lines.append(f"- {head}: {why}")
    lines.append(f"- {head_zh}：{why_zh}")
    if item.note:
        lines.append(f"- Note: {item.note.en} / {item.note.zh}")
    for o in _shown(item):
        lines.append(f"- Obligation / 义务: {_obligation_line(o)}")
        for a in o.actions:
            lines.append(f"  - {a.en} / {a.zh}")
    if item.applicability.applies:
        lines += ["", d.summary.en, "", d.summary.zh]
    if d.pending_rules and item.applicability.applies and not d.rules:
        lines.append(f"\n_Rules pending: {d.pending_rules}_")
    if d.needs_review:
        lines.append(f"\n_Needs review: {d.needs_review}_")
    lines += ["", f"Source: <{d.source}>", ""]
    return lines


def _change_line(c: ObligationChange) -> str:
    zh, en = _CHANGE_LABELS[c.change]
    before = f"{c.before.status.value} {c.before.due or ''}".strip() if c.before else "-"
    after = f"{c.after.status.value} {c.after.due or ''}".strip() if c.after else "-"
    cause = ", ".join(c.causes or c.other_causes) or "no linked development"
    subject = f" [{c.subject}]" if c.subject else ""
    return f"{en}/{zh} `{c.rule_id}`{subject}: {before} -> {after} (caused by: {cause})"


def digest_markdown(digest: Digest) -> str:
    lines = [
        f"# Regulatory digest / 监管动态摘要: {digest.organisation}",
        "",
        f"Period / 期间: {digest.start} – {digest.end}. "
        f"{len(digest.applying())} of {len(digest.items)} developments apply / "
        f"{len(digest.items)} 项动态中 {len(digest.applying())} 项适用。",
        "",
        _counts_line(digest),
        "",
        "## Applies to you, by urgency / 适用事项（按紧迫程度）",
        "",
    ]
    if not digest.items:
        lines += [_NO_DEVELOPMENTS, ""]
    for n, item in enumerate(digest.applying(), start=1):
        lines += _item_markdown(n, item)
    lines += ["## Does not apply / 不适用", ""]
    for item in digest.not_applying():
        d = item.development
        reason = item.applicability.reasons[0]
        lines.append(f"- `{d.id}` {d.instrument.en} / {d.instrument.zh}: {reason.en} / {reason.zh}")
    lines += [
        "",
        f"## Obligations changed {digest.start} → {digest.end} / 期间义务变化",
        "",
    ]
    if not digest.diff.changes:
        lines.append(_NO_CHANGES)
    lines += [f"- {_change_line(c)}" for c in digest.diff.changes]
    return "\n".join(lines) + "\n"


def _e(text: Any) -> str:
    return html.escape(str(text))


def digest_html(digest: Digest) -> str:
    """A self-contained HTML page (no scripts, no external resources)."""
    out = [
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">',
        f"<title>{_e(digest.organisation)}: digest {digest.start} – {digest.end}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:auto}"
        ".cat{font-size:.8em;padding:.1em .4em;border:1px solid #888;border-radius:.3em}"
        ".not_applicable{color:#666}</style></head><body>",
        f"<h1>Regulatory digest / 监管动态摘要: {_e(digest.organisation)}</h1>",
        f"<p>{digest.start} – {digest.end}. {len(digest.applying())} of {len(digest.items)} "
        f"developments apply / {len(digest.items)} 项动态中 {len(digest.applying())} 项适用。</p>",
        f"<p>{_e(_counts_line(digest))}</p>",
        "<h2>Applies to you, by urgency / 适用事项（按紧迫程度）</h2>",
    ]
    if not digest.items:
        out.append(f"<p>{_e(_NO_DEVELOPMENTS)}</p>")
    out.append("<ol>")
    for item in digest.applying():
        d = item.development
        label = CATEGORY_LABELS[item.category]
        out.append(
            f'<li id="{_e(d.id)}"><h3>{_e(d.instrument.en)}<br>{_e(d.instrument.zh)}</h3>'
            f'<p><span class="cat">{_e(label.en)} / {_e(label.zh)}</span> '
            f"{_e(d.authority.en)} / {_e(d.authority.zh)} · {d.date}</p>"
        )
        out.append("<ul>")
        # The same dates as the Markdown form: the effective date and comment deadline say by when.
        if _dates(d):
            out.append(f"<li>Dates / 日期: {_e(_dates(d))}</li>")
        for r in item.applicability.reasons:
            out.append(f"<li>{_e(r.en)} / {_e(r.zh)}</li>")
        if item.note:
            out.append(f"<li><em>{_e(item.note.en)} / {_e(item.note.zh)}</em></li>")
        for o in _shown(item):
            out.append(f"<li><strong>{_e(_obligation_line(o).replace('**', ''))}</strong>")
            actions = "".join(f"<li>{_e(a.en)} / {_e(a.zh)}</li>" for a in o.actions)
            out.append(f"<ul>{actions}</ul></li>" if actions else "</li>")
        out.append("</ul>")
        out.append(f"<p>{_e(d.summary.en)}</p><p>{_e(d.summary.zh)}</p>")
        if d.pending_rules and not d.rules:
            out.append(f"<p><em>Rules pending: {_e(d.pending_rules)}</em></p>")
        if d.needs_review:
            out.append(f"<p><em>Needs review: {_e(d.needs_review)}</em></p>")
        out.append(f'<p><a href="{_e(d.source)}">Source / 来源</a></p></li>')
    out.append("</ol><h2>Does not apply / 不适用</h2><ul>")
    for item in digest.not_applying():
        d, r = item.development, item.applicability.reasons[0]
        out.append(
            f'<li class="not_applicable" id="{_e(d.id)}">{_e(d.instrument.en)} / '
            f"{_e(d.instrument.zh)}: {_e(r.en)} / {_e(r.zh)}</li>"
        )
    out.append(
        f"</ul><h2>Obligations changed {digest.start} → {digest.end} / 期间义务变化</h2><ul>"
    )
    if not digest.diff.changes:
        out.append(f"<li>{_e(_NO_CHANGES)}</li>")
    for c in digest.diff.changes:
        out.append(f"<li>{_e(_change_line(c))}</li>")
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


def diff_text(diff: LawDiff) -> str:
    lines = [f"{diff.organisation}: obligations {diff.start} -> {diff.end}"]
    if not diff.changes:
        lines.append("No obligation appeared, disappeared or changed.")
    for c in diff.changes:
        lines.append(f"  {_change_line(c)}")
        lines.append(f"      {c.title.en} / {c.title.zh}")
        lines.extend(f"      {e}" for e in c.explanation)
    if diff.developments:
        lines.append(f"Developments taking effect in the window: {', '.join(diff.developments)}")
    return "\n".join(lines) + "\n"


def diff_json(diff: LawDiff) -> str:
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2)
