"""Hostile policy files end in a clear error naming the file (exit 2), never a traceback."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from pdf_builder import one_page_pdf

from hegui.cli import main
from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.policy import load_policy

_MIB = 1024 * 1024


def _bomb_pdf(inflated_mib: int) -> bytes:
    """A one-page PDF whose FlateDecode content stream inflates to ``inflated_mib`` MiB."""
    comp = zlib.compressobj(9)
    chunk = b" " * _MIB
    stream = b"".join(comp.compress(chunk) for _ in range(inflated_mib)) + comp.flush()
    return one_page_pdf(stream, stream_filter="FlateDecode")


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


def _nested(levels: int, tag: str = "div") -> str:
    from policy_texts import ZH_LINES

    body = "".join(f"<p>{v}</p>" for v in ZH_LINES.values())
    return f"<html><body>{f'<{tag}>' * levels}{body}{f'</{tag}>' * levels}</body></html>"


@pytest.mark.parametrize("tag", ["div", "span"])
def test_html_nested_260_levels_is_read_in_full(tmp_path: Path, tag: str) -> None:
    # libxml2 cuts at 256 levels by default: the policy must not lose its paragraphs.
    from policy_texts import ZH_LINES, policy

    from hegui.scanners.policy import analyze_policy, policy_from_text

    path = tmp_path / "deep.html"
    path.write_text(_nested(260, tag), encoding="utf-8")
    doc = load_policy(path)
    assert doc.lines == tuple(ZH_LINES.values())
    assert (
        analyze_policy(doc).elements == analyze_policy(policy_from_text(policy(ZH_LINES))).elements
    )


@pytest.mark.parametrize("levels", [1001, 3000, 100_000])
def test_html_nested_too_deep_is_refused_not_truncated(tmp_path: Path, levels: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_nested(levels), encoding="utf-8")
    with pytest.raises(InputTooLargeError, match="nested deeper than 1000 levels") as info:
        load_policy(path)
    assert "deep.html" in str(info.value)


def test_html_depth_limit_is_configurable_below_libxml2s_cut(tmp_path: Path) -> None:
    from hegui.scanners.policy import PolicyLimits

    path = tmp_path / "deep.html"
    path.write_text(_nested(1500), encoding="utf-8")
    assert len(load_policy(path, limits=PolicyLimits(max_html_depth=1600)).lines) > 10
    path.write_text(_nested(2100), encoding="utf-8")
    # libxml2 stops building the tree at 2048 levels: a higher limit is capped below it.
    with pytest.raises(InputTooLargeError, match="nested deeper than 2040 levels"):
        load_policy(path, limits=PolicyLimits(max_html_depth=10_000))


def test_deep_html_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_nested(100_000), encoding="utf-8")
    code, err = _run(["scan-policy", str(path)], capsys)
    assert code == 2 and "deep.html" in err and "nested deeper" in err


def test_html_text_is_counted_while_parsing(tmp_path: Path) -> None:
    from hegui.scanners.policy import PolicyLimits

    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "<p>aaaa</p>" * 20_000 + "</body></html>", encoding="utf-8")
    assert len(load_policy(path).lines) == 20_000
    # The limit is checked while the text is extracted, so a huge page stops early.
    with pytest.raises(InputTooLargeError, match="exceeds 1000 characters"):
        load_policy(path, limits=PolicyLimits(max_chars=1000))
    with pytest.raises(InputTooLargeError, match="bytes, above 1000"):
        load_policy(path, limits=PolicyLimits(max_file_bytes=1000))
    # Empty elements add no text but cost time: their number is bounded too.
    with pytest.raises(InputTooLargeError, match="more than 5000 elements"):
        load_policy(path, limits=PolicyLimits(max_html_elements=5000))


def test_html_comments_and_inline_tails_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.html"
    path.write_text(
        "<html><body><p>我们<!-- note -->收集<b>您的</b>个人信息<?pi x?>。</p>"
        "<table><tr><td>保存期限</td><td>一年</td></tr></table>"
        "<script>var a = '<p>imei</p>';</script><p>尾</p></body></html>",
        encoding="utf-8",
    )
    doc = load_policy(path)
    assert doc.lines == ("我们收集您的个人信息。", "保存期限 | 一年", "尾")
    assert doc.has_table


_XHTML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>'
    "<body><p>某某科技有限公司</p><p>我们会收集您的个人信息。</p></body></html>"
)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("p.xhtml", "utf-8"), ("p.html", "utf-8"), ("p.txt", "utf-8"), ("gbk.xhtml", "gb18030")],
)
def test_xhtml_with_an_xml_declaration(tmp_path: Path, name: str, encoding: str) -> None:
    path = tmp_path / name
    text = _XHTML if encoding == "utf-8" else _XHTML.replace("UTF-8", "GB18030")
    path.write_bytes(text.encode(encoding))
    doc = load_policy(path)
    assert doc.format == "html"
    assert doc.lines == ("某某科技有限公司", "我们会收集您的个人信息。")
