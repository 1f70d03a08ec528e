"""Policy files in every supported format, and hostile or broken files."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from pdf_builder import cjk_pdf, text_pdf
from policy_texts import EN_LINES, ZH_LINES, policy

from hegui.errors import InputTooLargeError, ScanError
from hegui.scanners.policy import PolicyLimits, load_policy, scan_policy


def test_plain_text_utf8_and_gb18030(tmp_path: Path) -> None:
    text = policy(ZH_LINES)
    a = tmp_path / "p.txt"
    a.write_text(text, encoding="utf-8")
    b = tmp_path / "gbk.txt"
    b.write_bytes(text.encode("gb18030"))
    assert load_policy(a).lines == load_policy(b).lines
    assert load_policy(a).format == "text"


def test_html_drops_scripts_and_keeps_table_rows(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in ZH_LINES.items())
    html = (
        "<!DOCTYPE html><html><head><style>p{color:red}</style><script>var imei='x';</script></head>"
        f"<body><h1>隐私政策</h1><table>{rows}</table></body></html>"
    )
    path = tmp_path / "policy.html"
    path.write_text(html, encoding="utf-8")
    doc = load_policy(path)
    assert doc.format == "html" and doc.has_table
    assert f"deactivation | {ZH_LINES['deactivation']}" in doc.lines
    assert not any("imei" in ln or "color" in ln for ln in doc.lines)
    facts = scan_policy(path)
    assert facts.has("deactivation") and facts.has_table


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    path.write_bytes(text_pdf(list(EN_LINES.values())))
    facts = scan_policy(path)
    assert facts.format == "pdf"
    assert facts.has("retention") and facts.has("deactivation") and facts.has("minors")
    assert not facts.simplified_chinese


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for k, v in ZH_LINES.items():
        if k != "retention":
            d.add_paragraph(v)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "保存期限"
    table.rows[0].cells[1].text = "账号注销后6个月"
    path = tmp_path / "policy.docx"
    d.save(str(path))
    facts = scan_policy(path)
    assert facts.format == "docx" and facts.has_table
    assert (
        facts.has("retention")
        and facts.elements["retention"].excerpt == "保存期限 | 账号注销后6个月"
    )


def test_format_is_sniffed_not_trusted_from_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(text_pdf(["We collect personal information."]))
    assert load_policy(path).format == "pdf"


def test_empty_policy(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n\n", encoding="utf-8")
    with pytest.raises(ScanError, match="no readable text") as info:
        load_policy(path)
    assert "empty.txt" in str(info.value)


def test_oversized_policy(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("个人信息" * 1000, encoding="utf-8")
    with pytest.raises(InputTooLargeError):
        load_policy(path, limits=PolicyLimits(max_file_bytes=100))
    with pytest.raises(InputTooLargeError, match="characters"):
        load_policy(path, limits=PolicyLimits(max_chars=100))


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\x00" * 20)
    with pytest.raises(ScanError, match="neither UTF-8 nor GB18030"):
        load_policy(path)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" + b"\x00" * 50)
    with pytest.raises(ScanError, match="PDF"):
        load_policy(path)


def test_pdf_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    path.write_bytes(text_pdf(["one page"]))
    with pytest.raises(InputTooLargeError, match="pages"):
        load_policy(path, limits=PolicyLimits(max_pdf_pages=0))


def test_docx_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", bytes(32 * 1024 * 1024))
    with pytest.raises(InputTooLargeError, match="zip bomb"):
        load_policy(path)


def test_broken_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    with pytest.raises(ScanError, match="DOCX"):
        load_policy(path)


def test_missing_policy_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="cannot read policy"):
        load_policy(tmp_path / "none.html")


def test_html_inline_markup_stays_in_its_sentence(tmp_path: Path) -> None:
    path = tmp_path / "inline.html"
    path.write_text(
        "<html><body><div><p>我们会申请<b>位置</b>权限，<a href='#'>用于</a>推荐门店。</p>"
        "<p>第二段<br>换行</p><ul><li>一</li><li>二</li></ul></div></body></html>",
        encoding="utf-8",
    )
    assert load_policy(path).lines == (
        "我们会申请位置权限，用于推荐门店。",
        "第二段",
        "换行",
        "一",
        "二",
    )


def test_pdf_wrapped_lines_are_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(
        text_pdf(
            ["We request the location permission so", "that we can show shops near you.", "Next."]
        )
    )
    assert load_policy(path).lines == (
        "We request the location permission so that we can show shops near you.",
        "Next.",
    )


def test_wide_html_is_handled_quickly(tmp_path: Path) -> None:
    n = 50_000
    path = tmp_path / "wide.html"
    path.write_text(f"<html><body>{'<p>保存期限</p>' * n}</body></html>", encoding="utf-8")
    start = time.process_time()
    doc = load_policy(path)
    assert time.process_time() - start < 10
    assert len(doc.lines) == n


def test_chinese_pdf(tmp_path: Path) -> None:
    path = tmp_path / "zh.pdf"
    path.write_bytes(cjk_pdf(list(ZH_LINES.values())))
    facts = scan_policy(path)
    assert facts.format == "pdf" and facts.simplified_chinese
    assert [k for k, e in facts.elements.items() if not e.present] == []
    assert facts.elements["deactivation"].excerpt == ZH_LINES["deactivation"]
