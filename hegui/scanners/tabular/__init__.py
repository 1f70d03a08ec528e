"""Tabular personal-information scanner: files, databases and DataFrames."""

from __future__ import annotations

from hegui.scanners.tabular.limits import Limits
from hegui.scanners.tabular.models import ColumnVerdict, SourceReport, TableReport
from hegui.scanners.tabular.render import (
    profile_facts,
    render_html,
    render_json,
    render_profile_yaml,
    render_text,
)
from hegui.scanners.tabular.scanner import scan

FORMATS = {"text": render_text, "json": render_json, "html": render_html}

__all__ = [
    "FORMATS",
    "ColumnVerdict",
    "Limits",
    "SourceReport",
    "TableReport",
    "profile_facts",
    "render_html",
    "render_json",
    "render_profile_yaml",
    "render_text",
    "scan",
]
