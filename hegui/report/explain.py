"""``hegui explain``: one rule's findings with facts, reasoning and cited article texts."""

from __future__ import annotations

from collections.abc import Iterable

from hegui.law.loader import Law
from hegui.models import Finding
from hegui.report._common import citation_label, label, status_label


def render_explain(findings: Iterable[Finding], law: Law, *, lang: str = "en") -> str:
    """Each finding as labelled lines (labels in ``lang``); with ``zh`` the cited article texts.

    The reasoning lines are the rule's own words (English): only their labels are translated.
    """
    lines: list[str] = []
    for f in findings:
        # English keeps the status id (what --fail-on and the JSON say); Chinese gets the label.
        status = status_label(f, lang) if lang.startswith("zh") else f.status.value
        lines.append(f"{f.rule_id} [{f.subject or label('organisation', lang)}]: {status}")
        lines.append(f"  {f.title.get(lang)}")
        if f.due:
            approx = f" ({label('approximate', lang)})" if f.due_approximate else ""
            when = f.due_at.isoformat() if f.due_at else f.due.isoformat()
            lines.append(f"  {label('due', lang)}: {when}{approx}")
        if f.authority:
            lines.append(f"  {label('authority', lang)}: {f.authority.get(lang)}")
        for k, v in f.facts.items():
            lines.append(f"  {label('fact', lang)} {k} = {v}")
        for step in f.explanation:
            lines.append(f"  {label('because', lang)}: {step}")
        for m in f.missing:
            lines.append(f"  {label('missing', lang)}: {m}")
        for c in f.citations:
            lines.append(
                f"  {label('cites', lang)}: {citation_label(c, 'en')} / {citation_label(c, 'zh')}"
            )
            article = law.instrument(c.instrument).articles.get(c.article or "")
            if article and article.text_zh and lang == "zh":
                lines.append("    " + article.text_zh.replace("\n", "\n    "))
    return "".join(line + "\n" for line in lines)
