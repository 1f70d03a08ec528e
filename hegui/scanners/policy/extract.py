"""Bounded text extraction from privacy policies: plain text, HTML, PDF and DOCX."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    max_html_depth: int = 1000
    max_html_elements: int = 1_000_000  # a long real policy has a few thousand


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
        lines, table = _html(_decode(data, p), p, lim)
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
    if head.startswith(b"<?xml") and (b"<html" in head or b"<!doctype html" in head):  # XHTML
        return "html"
    return None


def _decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ScanError("policy text is neither UTF-8 nor GB18030", path=path)


_NEWLINES = re.compile(r"[\r\n]+")


def _split(text: str) -> list[str]:
    return [ln.strip() for ln in _NEWLINES.split(text) if ln.strip()]


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


# libxml2 stops building the tree, silently, 2,048 levels deep (256 without huge_tree): the
# depth limit must stay below that so nesting is refused before anything is dropped.
_LIBXML_MAX_DEPTH = 2048
_FEED_CHARS = 64 * 1024
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*>")


class _HtmlText:
    """Turns a stream of parser events into text, in one linear pass with bounded memory.

    Only block elements break lines, so inline markup (<b>, <a>, <span>) stays inside its
    sentence; each table row becomes one line with its cells joined by " | ". An element's text
    is complete only at the next event, and its tail at the event after its end, so both are
    emitted one event late; a finished element is then removed from the tree.
    """

    def __init__(self, path: Path, lim: PolicyLimits) -> None:
        self.path, self.lim = path, lim
        self.max_depth = min(lim.max_html_depth, _LIBXML_MAX_DEPTH - 8)
        self.parts: list[str] = []
        self.chars = 0
        self.depth = 0
        self.elements = 0
        self.skip = 0
        self.rows = 0  # depth of open <tr>: inside a row, blocks do not break the line
        self.first_cell = False
        self.has_table = False
        self._pending: tuple[str, Any] | None = None  # ("text" | "tail", element)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.chars += len(s)
        if self.chars > self.lim.max_chars:
            raise InputTooLargeError(
                f"policy text exceeds {self.lim.max_chars} characters", path=self.path
            )

    def _flush(self) -> None:
        if self._pending is None:
            return
        kind, el = self._pending
        self._pending = None
        value = el.text if kind == "text" else el.tail
        if value:
            self._emit(_SPACE.sub(" ", value))
        if kind == "tail":
            parent = el.getparent()
            if parent is not None:  # done with it: free the memory
                parent.remove(el)

    def event(self, event: str, el: Any) -> None:
        self._flush()
        if event in ("comment", "pi"):
            self._pending = ("tail", el) if not self.skip else None
            return
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            self.depth += 1
            self.elements += 1
            if self.elements > self.lim.max_html_elements:
                raise InputTooLargeError(
                    f"HTML has more than {self.lim.max_html_elements} elements", path=self.path
                )
            if self.depth > self.max_depth:
                raise InputTooLargeError(
                    f"HTML nested deeper than {self.max_depth} levels", path=self.path
                )
            self._start(tag, el)
        else:
            self.depth -= 1
            self._end(tag, el)

    def _start(self, tag: str, el: Any) -> None:
        if tag in _SKIP_TAGS or not tag:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self.has_table = True
        if tag == "tr":
            self.rows += 1
            self.first_cell = True
            self._emit("\n")
        elif tag in ("td", "th") and self.rows:
            if not self.first_cell:
                self._emit(" | ")
            self.first_cell = False
        elif tag in _BLOCK_TAGS:
            self._emit(" " if self.rows else "\n")
        self._pending = ("text", el)

    def _end(self, tag: str, el: Any) -> None:
        if tag in _SKIP_TAGS or not tag:
            self.skip -= 1
        elif not self.skip:
            if tag == "tr":
                self.rows -= 1
                self._emit("\n")
            elif tag in _BLOCK_TAGS:
                self._emit(" " if self.rows else "\n")
        if not self.skip:
            self._pending = ("tail", el)

    def finish(self) -> None:
        self._flush()


def _html(text: str, path: Path, lim: PolicyLimits) -> tuple[list[str], bool]:
    """HTML (or XHTML) to lines, streamed: no depth cut, bounded depth, size and memory."""
    from lxml import etree

    # An XML declaration (XHTML) is meaningless once the bytes are decoded, and lxml refuses
    # str input that carries one.
    text = _XML_DECL.sub("", text, count=1)
    parser = etree.HTMLPullParser(events=("start", "end", "comment", "pi"), huge_tree=True)
    out = _HtmlText(path, lim)
    try:
        for i in range(0, len(text), _FEED_CHARS):
            parser.feed(text[i : i + _FEED_CHARS])
            for event, el in parser.read_events():
                out.event(event, el)
        parser.close()
        for event, el in parser.read_events():
            out.event(event, el)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ScanError(f"cannot parse HTML ({exc})", path=path) from None
    out.finish()
    return _split("".join(out.parts)), out.has_table


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
