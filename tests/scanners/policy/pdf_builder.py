"""Minimal one-page PDFs for the policy tests, written by hand (no PDF library needed)."""

from __future__ import annotations

_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> >> >>"
)
_TEXT_OPS = ["BT", "/F1 10 Tf", "14 TL", "40 800 Td"]


def one_page_pdf(stream: bytes, *, stream_filter: str | None = None) -> bytes:
    """A one-page PDF in Helvetica whose content stream is ``stream`` (optionally compressed)."""
    header = b"<< /Length %d" % len(stream)
    if stream_filter:
        header += b" /Filter /" + stream_filter.encode("ascii")
    return _assemble(
        [
            header + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with one line of Helvetica text (ASCII only) per item of ``lines``."""
    ops = list(_TEXT_OPS)
    for ln in lines:
        esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({esc}) Tj T*")
    ops.append("ET")
    return one_page_pdf("\n".join(ops).encode("latin-1"))


def cjk_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Type0 font and a ToUnicode map, so Chinese text is extractable."""
    chars = sorted({c for ln in lines for c in ln})
    bfchar = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\nendcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()
    ops = list(_TEXT_OPS)
    for ln in lines:
        ops.append("<" + "".join(f"{ord(c):04X}" for c in ln) + "> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    return _assemble(
        [
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        ]
    )


def _assemble(content_and_fonts: list[bytes]) -> bytes:
    """Catalog, pages, one page, then the content stream (object 4) and font objects (5...)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        *content_and_fonts,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
