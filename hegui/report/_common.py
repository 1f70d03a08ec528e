"""Shared presentation helpers: labels for statuses and dates."""

from __future__ import annotations

from hegui.models import Finding, Status, Text

STATUS_LABELS: dict[Status, Text] = {
    Status.OVERDUE: Text(zh="已逾期", en="overdue"),
    Status.DUE: Text(zh="待办（有期限）", en="due"),
    Status.NEEDS_REVIEW: Text(zh="需复核", en="needs review"),
    Status.APPLIES: Text(zh="适用（持续义务）", en="applies"),
    Status.INFO: Text(zh="提示", en="info"),
    Status.MET: Text(zh="已满足", en="met"),
    Status.NOT_APPLICABLE: Text(zh="不适用", en="not applicable"),
}


def due_label(f: Finding) -> str:
    """Deadline as text: exact time where there is one, '~' marks an approximate date."""
    if f.due_at is not None:
        return f.due_at.strftime("%Y-%m-%d %H:%M %Z")
    if f.due is None:
        return ""
    return ("~" if f.due_approximate else "") + f.due.isoformat()


def citation_labels(f: Finding, lang: str = "en") -> str:
    return "; ".join(c.label(lang) for c in f.citations)
