"""Plain-text (terminal) rendering with Rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hegui.models import Status
from hegui.report._common import (
    STATUS_LABELS,
    caveats,
    citation_labels,
    due_label,
    label,
    not_applicable_line,
    split_not_applicable,
    status_label,
    summary_line,
)
from hegui.rules.engine import Assessment

_STYLE = {
    Status.OVERDUE: "bold red",
    Status.DUE: "yellow",
    Status.NEEDS_REVIEW: "magenta",
    Status.APPLIES: "cyan",
    Status.INFO: "blue",
    Status.MET: "green",
    Status.NOT_APPLICABLE: "dim",
}


def summary_table(assessment: Assessment, lang: str = "en") -> Table:
    """Findings per regime and status (not_applicable ones are counted in the list at the end)."""
    table = Table(
        title=f"{assessment.organisation} — {label('as_of', lang)} {assessment.as_of.isoformat()}"
    )
    table.add_column(label("regime", lang))
    shown = [s for s in Status if s not in (Status.NOT_APPLICABLE,)]
    for s in reversed(shown):
        table.add_column(STATUS_LABELS[s].get(lang), justify="right")
    regimes = sorted({f.regime for f in assessment.findings})
    for regime in regimes:
        row = [regime]
        for s in reversed(shown):
            n = sum(1 for f in assessment.findings if f.regime == regime and f.status == s)
            row.append(str(n) if n else "")
        table.add_row(*row)
    return table


def render_text(
    assessment: Assessment, *, lang: str = "en", width: int = 120, show_all: bool = False
) -> str:
    """The summary table, the findings, then the rules that do not apply (one line each).

    ``show_all`` puts not_applicable findings into the main table instead of the list.
    """
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=False, color_system=None, soft_wrap=False
    )
    console.print(summary_table(assessment, lang))
    table = Table(show_lines=False, expand=True)
    for col in ("status", "due", "rule", "subject", "finding", "citations"):
        table.add_column(label(col, lang), overflow="fold")
    shown, hidden = split_not_applicable(assessment)
    if show_all:
        shown, hidden = list(assessment.findings), []
    marked = 0
    for f in shown:
        # The table has no room for explanations: mark rows whose law data needs review.
        mark = " †" if caveats(f) else ""
        marked += bool(mark)
        table.add_row(
            f"[{_STYLE[f.status]}]{escape(status_label(f, lang))}[/]{mark}",
            due_label(f),
            f.rule_id,
            escape(f.subject or ""),
            escape(f.title.get(lang)),
            escape(citation_labels(f, lang)),
        )
    console.print(table)
    if marked:
        console.print(escape(label("caveat_note", lang).format(n=marked)), overflow="fold")
    if hidden:
        console.print(f"{label('not_applicable', lang)} ({len(hidden)}):")
        for f in hidden:
            console.print("  " + escape(not_applicable_line(f, lang)), overflow="fold")
    later = assessment.facts_after_as_of
    if later:
        console.print(label("later_facts", lang).format(n=len(later)) + ":")
        for fact in later:
            console.print("  " + escape(fact), overflow="fold")
    console.print(summary_line(assessment, lang))
    return buf.getvalue()
