"""Plain-text (terminal) rendering with Rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from hegui.models import Status
from hegui.report._common import STATUS_LABELS, citation_labels, due_label
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
    """Open findings per regime and status."""
    table = Table(title=f"{assessment.organisation} — as of {assessment.as_of.isoformat()}")
    table.add_column("regime")
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
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=False, color_system=None, soft_wrap=False
    )
    console.print(summary_table(assessment, lang))
    table = Table(show_lines=False, expand=True)
    for col in ("status", "due", "rule", "subject", "finding", "citations"):
        table.add_column(col, overflow="fold")
    for f in assessment.findings:
        if not show_all and f.status == Status.NOT_APPLICABLE:
            continue
        label = STATUS_LABELS[f.status].get(lang) + (" (proposed)" if f.proposed else "")
        table.add_row(
            f"[{_STYLE[f.status]}]{label}[/]",
            due_label(f),
            f.rule_id,
            f.subject or "",
            f.title.get(lang),
            citation_labels(f, lang),
        )
    console.print(table)
    s = assessment.summary
    console.print(
        f"{s.open} open finding(s), {s.overdue} overdue, "
        f"{s.by_status.get('needs_review', 0)} need review, "
        f"{s.approximate_deadlines} approximate deadline(s)."
    )
    return buf.getvalue()
