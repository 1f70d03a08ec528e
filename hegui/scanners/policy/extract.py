"""Bounded text extraction from privacy policies: plain text, HTML, PDF and DOCX."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hegui.errors import InputTooLargeError, ScanError

_MIB = 1024 * 1024


@dataclass(frozen=True)
class PolicyLimits:
    """Limits for untrusted policy files."""

    max_file_bytes: int = 50 * _MIB
    max_chars: int = 5_000_000
    max_pdf_pages: int = 1000
    max_docx_uncompressed_bytes: int = 200 * _MIB
    max_docx_ratio: float = 100.0


@dataclass(frozen=True)
class PolicyDocument:
    """A policy's text as a list of non-empty lines (paragraphs, list items, table rows)."""

    source: str
    format: str  # text | html | pdf | docx
    lines: tuple[str, ...]
    has_table: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


_SUFFIX_FORMAT = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def load_policy(path: str | Path, *, limits: PolicyLimits | None = None) -> PolicyDocument:
    """Read a policy file; the format comes from the content (magic bytes) or the suffix."""
    lim = limits or PolicyLimits()
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > lim.max_file_bytes:
            raise InputTooLargeError(f"policy is {size} bytes, above {lim.max_file_bytes}", path=p)
        data = p.read_bytes()
    except OSError as exc:
        # Also a directory given in place of a file (IsADirectoryError).
        raise ScanError(f"cannot read policy: {exc.strerror}", path=p) from None
    fmt = _sniff(data) or _SUFFIX_FORMAT.get(p.suffix.lower(), "text")
    if fmt == "pdf":
        lines, table = _pdf(p, lim), False
    elif fmt == "docx":
        lines, table = _docx(p, lim)
    elif fmt == "html":
        lines, table = _html(_decode(data, p), p)
    else:
        lines, table = _split(_decode(data, p)), False
    if sum(len(x) for x in lines) > lim.max_chars:
        raise InputTooLargeError(f"policy text exceeds {lim.max_chars} characters", path=p)
    if not lines:
        raise ScanError("policy has no readable text", path=p)
    return PolicyDocument(source=str(p), format=fmt, lines=tuple(lines), has_table=table)


def policy_from_text(text: str, *, source: str = "<text>") -> PolicyDocument:
    """A policy given as a string (plain text)."""
    lines = _split(text)
    if not lines:
        raise ScanError("policy has no readable text", path=source)
    return PolicyDocument(source=source, format="text", lines=tuple(lines), has_table=False)


def _sniff(data: bytes) -> str | None:
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None


def _decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ScanError("policy text is neither UTF-8 nor GB18030", path=path)


def _split(text: str) -> list[str]:
    return [ln.strip() for ln in re.split(r"[\r\n]+", text) if ln.strip()]


_BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "hr",
        "address",
        "figure",
        "figcaption",
        "body",
        "br",
    )
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head"))
_SPACE = re.compile(r"\s+")


def _html(text: str, path: Path) -> tuple[list[str], bool]:
    """HTML to lines in one linear pass (no tree rewriting: deep nesting stays cheap).

    Only block elements break lines, so inline markup (<b>, <a>, <span>) stays inside its
    sentence; each table row becomes one line with its cells joined by " | ".
    """
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ScanError(f"cannot parse HTML ({exc})", path=path) from None
    parts: list[str] = []
    skip = 0
    rows = 0  # depth of open <tr>: inside a row, blocks do not break the line
    first_cell = False
    has_table = False
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""  # comments have no str tag
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                skip += 1
                continue
            if skip:
                continue
            if tag == "table":
                has_table = True
            if tag == "tr":
                rows += 1
                first_cell = True
                parts.append("\n")
            elif tag in ("td", "th") and rows:
                if not first_cell:
                    parts.append(" | ")
                first_cell = False
            elif tag in _BLOCK_TAGS:
                parts.append(" " if rows else "\n")
            if el.text:
                parts.append(_SPACE.sub(" ", el.text))
            continue
        if tag in _SKIP_TAGS or not tag:
            skip -= 1
        elif not skip:
            if tag == "tr":
                rows -= 1
                parts.append("\n")
            elif tag in _BLOCK_TAGS:
                parts.append(" " if rows else "\n")
        if el.tail and not skip:
            parts.append(_SPACE.sub(" ", el.tail))
    return _split("".join(parts)), has_table


def _pdf(path: Path, lim: PolicyLimits) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ScanError("PDF is encrypted", path=path)
        if len(reader.pages) > lim.max_pdf_pages:
            raise InputTooLargeError(
                f"PDF has {len(reader.pages)} pages, above {lim.max_pdf_pages}", path=path
            )
        out: list[str] = []
        chars = 0
        for page in reader.pages:
            t = page.extract_text() or ""
            chars += len(t)
            if chars > lim.max_chars:
                raise InputTooLargeError(f"PDF text exceeds {lim.max_chars} characters", path=path)
            out.extend(_split(t))
        return _reflow(out)
    except ScanError:  # InputTooLargeError included
        raise
    except LimitReachedError:
        # pypdf's own output caps (e.g. 75 MB per inflated stream) stop a decompression bomb.
        raise InputTooLargeError(
            "PDF stream inflates past pypdf's limit: likely a decompression bomb", path=path
        ) from None
    except RecursionError:
        raise ScanError("cannot read PDF (objects nested too deeply)", path=path) from None
    except Exception as exc:  # pypdf raises PyPdfError and many built-in types on broken files
        raise ScanError(f"cannot read PDF ({type(exc).__name__})", path=path) from None


_SENTENCE_END = tuple("。；！？.;!?:：")
_MAX_REFLOW = 300


def _reflow(lines: list[str]) -> list[str]:
    """Re-join PDF lines wrapped by the page layout, so a sentence stays on one line."""
    out: list[str] = []
    for ln in lines:
        if out and not out[-1].endswith(_SENTENCE_END) and len(out[-1]) + len(ln) <= _MAX_REFLOW:
            sep = " " if out[-1][-1:].isascii() and ln[:1].isascii() else ""
            out[-1] = out[-1] + sep + ln
        else:
            out.append(ln)
    return out


def _docx(path: Path, lim: PolicyLimits) -> tuple[list[str], bool]:
    try:
        with zipfile.ZipFile(path) as z:
            total = 0
            for info in z.infolist():
                total += info.file_size
                if (
                    info.file_size > _MIB
                    and info.file_size / max(info.compress_size, 1) > lim.max_docx_ratio
                ):
                    raise InputTooLargeError(
                        "DOCX entry inflates too far: likely a zip bomb", path=path
                    )
            if total > lim.max_docx_uncompressed_bytes:
                raise InputTooLargeError(
                    f"DOCX would inflate to {total} bytes, above {lim.max_docx_uncompressed_bytes}",
                    path=path,
                )
    except zipfile.BadZipFile:
        raise ScanError("not a DOCX (ZIP) file", path=path) from None
    import docx

    try:
        doc = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types on a broken package
        raise ScanError(f"cannot read DOCX ({type(exc).__name__})", path=path) from None
    lines = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text.strip() for c in row.cells))
    return lines, bool(doc.tables)
