"""Renderers of assessments: text, json, markdown, html. They present; they never compute law."""

from __future__ import annotations

from hegui.errors import HeguiError
from hegui.rules.engine import Assessment

FORMATS = ("text", "json", "markdown", "html")


def render(assessment: Assessment, fmt: str, *, lang: str = "en") -> str:
    """Render an assessment in one of :data:`FORMATS`."""
    if fmt == "json":
        from hegui.report.json import render_json

        return render_json(assessment)
    if fmt == "markdown":
        from hegui.report.markdown import render_markdown

        return render_markdown(assessment, lang=lang)
    if fmt == "html":
        from hegui.report.html import render_html

        return render_html(assessment)
    if fmt == "text":
        from hegui.report.text import render_text

        return render_text(assessment, lang=lang)
    raise HeguiError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})", field="--format")
