"""Hostile policy files end in a clear error naming the file (exit 2), never a traceback."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from hegui.cli import main
from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.policy import load_policy

_MIB = 1024 * 1024


def _bomb_pdf(inflated_mib: int) -> bytes:
    """A one-page PDF whose FlateDecode content stream inflates to ``inflated_mib`` MiB."""
    comp = zlib.compressobj(9)
    chunk = b" " * _MIB
    stream = b"".join(comp.compress(chunk) for _ in range(inflated_mib)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
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


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    return int(info.value.code or 0), capsys.readouterr().err


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pypdf.filters import ZLIB_MAX_OUTPUT_LENGTH

    # Just past pypdf's inflate cap (75 MB): cheap to build (about 100 KB on disk).
    mib = ZLIB_MAX_OUTPUT_LENGTH // _MIB + 8
    path = tmp_path_factory.mktemp("pdf") / "bomb.pdf"
    path.write_bytes(_bomb_pdf(mib))
    return path


def test_pdf_decompression_bomb_is_a_clear_error(bomb: Path) -> None:
    with pytest.raises(InputTooLargeError, match="decompression bomb") as info:
        load_policy(bomb)
    assert "bomb.pdf" in str(info.value)


def test_pdf_decompression_bomb_exits_2(bomb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["scan-policy", str(bomb)], capsys)
    assert code == 2 and "bomb.pdf" in err and "decompression bomb" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "body",
    [
        b"<< /Type /Catalog /Pages 1 0 R >>",  # a page tree that points at itself
        b"<< /Type /Catalog /Pages 2 0 R >> junk ] ] >> <<",
    ],
    ids=["cyclic", "garbage"],
)
def test_broken_pdf_structures_are_scan_errors(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj\n" + body + b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    with pytest.raises(ScanError) as info:
        load_policy(path)
    assert "broken.pdf" in str(info.value)
