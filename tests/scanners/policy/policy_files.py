"""Write a test policy as a real .txt, .html or .pdf file (one <p> or PDF line per text line)."""

from __future__ import annotations

import html
from pathlib import Path

from pdf_builder import cjk_pdf, text_pdf


def write_policy(tmp_path: Path, text: str, fmt: str) -> Path:
    """``text`` as ``policy.<fmt>`` in ``tmp_path``; fmt is ``txt``, ``html`` or ``pdf``."""
    lines = [ln for ln in text.splitlines() if ln]
    path = tmp_path / f"policy.{fmt}"
    if fmt == "txt":
        path.write_text(text, encoding="utf-8")
    elif fmt == "html":
        body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    else:
        path.write_bytes(text_pdf(lines) if text.isascii() else cjk_pdf(lines))
    return path
