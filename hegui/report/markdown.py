"""Markdown rendering (for tickets, wikis and pull requests)."""

from __future__ import annotations

from hegui.report._common import (
    citation_labels,
    due_label,
    fact_pairs,
    label,
    not_applicable_line,
    split_not_applicable,
    status_label,
    summary_line,
)
from hegui.rules.engine import Assessment


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(assessment: Assessment, *, lang: str = "en") -> str:
    """Summary, findings table, details of each finding, then the rules that do not apply."""
    shown, hidden = split_not_applicable(assessment)
    columns = ("status", "due", "rule", "subject", "finding", "citations")
    lines = [
        f"# {assessment.organisation} — {label('assessment', lang)} "
        f"({label('as_of', lang)} {assessment.as_of.isoformat()})",
        "",
        summary_line(assessment, lang),
        "",
        "| " + " | ".join(label(c, lang) for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for f in shown:
        lines.append(
            f"| {_cell(status_label(f, lang))} | {due_label(f)} | `{f.rule_id}` | "
            f"{_cell(f.subject or '')} | {_cell(f.title.get(lang))} | "
            f"{_cell(citation_labels(f, lang))} |"
        )
    lines += ["", f"## {label('details', lang)}", ""]
    for f in shown:
        lines.append(f"### `{f.rule_id}` {f.subject or ''} — {f.title.en} / {f.title.zh}")
        lines.append("")
        due = f", {label('due', lang)} {due_label(f)}" if f.due else ""
        lines.append(f"- {label('status', lang).capitalize()}: **{status_label(f, lang)}**{due}")
        if f.authority:
            lines.append(f"- {label('authority', lang).capitalize()}: {f.authority}")
        if f.facts:
            facts = ", ".join(f"`{_cell(p)}`" for p in fact_pairs(f))
            lines.append(f"- {label('facts', lang).capitalize()}: {facts}")
        for step in f.explanation:
            lines.append(f"- {step}")
        for m in f.missing:
            lines.append(f"- {label('missing', lang).capitalize()}: `{m}`")
        for a in f.actions:
            lines.append(f"- {label('action', lang).capitalize()}: {a.en} / {a.zh}")
        lines.append(f"- {label('citations', lang).capitalize()}: {citation_labels(f, lang)}")
        lines.append("")
    if hidden:
        lines += [
            f"## {label('not_applicable', lang)}",
            "",
            "<details>",
            f"<summary>{label('not_applicable_why', lang).format(n=len(hidden))}</summary>",
            "",
            *(f"- {not_applicable_line(f, lang)}" for f in hidden),
            "",
            "</details>",
            "",
        ]
    later = assessment.facts_after_as_of
    if later:
        lines += [f"## {label('later_facts', lang).format(n=len(later))}", ""]
        lines += [f"- `{fact}`" for fact in later] + [""]
    lines.append(f"_hegui {assessment.tool_version}. {label('disclaimer', lang)}_")
    return "\n".join(lines) + "\n"
