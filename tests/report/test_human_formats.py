"""Text, markdown, HTML and explain: the same facts, citation dates, not-applicable list, zh labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hegui import api
from hegui.cli import main
from hegui.models import Status
from hegui.report import render
from hegui.report.text import render_text
from hegui.rules.engine import Assessment

EXAMPLE = Path(__file__).parents[2] / "examples" / "acme" / "profile.yaml"
HUMAN = ("text", "markdown", "html")


@pytest.fixture(scope="module")
def result() -> Assessment:
    return api.assess(EXAMPLE, dt.date(2026, 11, 30))


def _render(result: Assessment, fmt: str, lang: str = "en") -> str:
    # Wide text so that Rich does not fold cells (the table is checked, not the terminal).
    return (
        render_text(result, lang=lang, width=400)
        if fmt == "text"
        else render(result, fmt, lang=lang)
    )


def _flat(text: str) -> str:
    """Rich folds long cells over lines: compare without the box drawing and line breaks."""
    return "".join(ch for ch in text if ch not in "│ \n")


@pytest.mark.parametrize("fmt", HUMAN)
def test_every_human_format_shows_each_citations_effective_date(
    result: Assessment, fmt: str
) -> None:
    out = _flat(_render(result, fmt))
    pipl = next(c for f in result.findings for c in f.citations if c.instrument == "pipl")
    assert pipl.effective is not None
    assert _flat(f"(effective {pipl.effective.isoformat()})") in out


def test_explain_shows_citation_dates_and_zh_labels(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["explain", "cross_border.notice_and_consent", "--profile", str(EXAMPLE)]
    with pytest.raises(SystemExit):
        main([*args, "--as-of", "2026-11-30"])
    out = capsys.readouterr().out
    assert "PIPL Art. 39 (effective 2021-11-01)" in out
    assert "  because: " in out and "  fact separate_consent = False" in out
    with pytest.raises(SystemExit):
        main([*args, "--as-of", "2026-11-30", "--lang", "zh"])
    out = capsys.readouterr().out
    assert "  理由: " in out and "  事实 separate_consent = False" in out
    assert "because" not in out and "cites:" not in out
    assert "个人信息保护法 第39条（2021-11-01施行）" in out


def test_markdown_details_include_the_facts_as_html_does(result: Assessment) -> None:
    md, html = render(result, "markdown"), render(result, "html")
    pairs = [
        (k, v)
        for f in result.findings
        if f.status != Status.NOT_APPLICABLE
        for k, v in f.facts.items()
        if isinstance(v, (int, str)) and str(v).replace("-", "").replace("_", "").isalnum()
    ]
    assert len(pairs) > 10
    for key, value in pairs[:40]:
        assert f"`{key}={value}`" in md
        assert f"<code>{key}={value}</code>" in html


@pytest.mark.parametrize("fmt", HUMAN)
def test_not_applicable_findings_are_listed_last_in_every_human_format(
    result: Assessment, fmt: str
) -> None:
    hidden = [f for f in result.findings if f.status == Status.NOT_APPLICABLE]
    assert hidden
    out = _render(result, fmt)
    heading = {"text": "Not applicable (", "markdown": "## Not applicable", "html": "<h2>Not app"}
    start = out.index(heading[fmt])
    last_open = max(out.rfind(f.rule_id, 0, start) for f in result.findings if f.is_open())
    assert last_open < start
    section = out[start:]
    assert str(len(hidden)) in section.splitlines()[0] + section.splitlines()[-1] + section
    for f in hidden:
        assert f.rule_id in section
        if f.subject:
            assert f.subject in section


def test_zh_translates_headers_and_summary(result: Assessment) -> None:
    text = _render(result, "text", "zh")
    for header in ("领域", "状态", "期限", "规则", "对象", "结论", "依据"):
        assert header in text
    assert f"未结事项 {result.summary.open} 项" in text
    assert "open finding" not in text and "│ regime" not in text
    md = render(result, "markdown", lang="zh")
    assert "| 状态 | 期限 | 规则 | 对象 | 结论 | 依据 |" in md
    assert f"未结事项 {result.summary.open} 项" in md and "## 详情" in md
    en = render(result, "markdown")
    assert "| status | due | rule | subject | finding | citations |" in en
    assert f"{result.summary.open} open finding(s)" in en


@pytest.mark.parametrize("fmt", HUMAN)
def test_facts_after_the_as_of_date_are_listed_as_left_out(fmt: str) -> None:
    """Assessed as of an earlier date, the report says which later facts it did not count."""
    earlier = api.assess(EXAMPLE, dt.date(2025, 6, 1))
    assert "minors.last_audit_on 2025-10-31" in earlier.facts_after_as_of
    out = _render(earlier, fmt)
    assert "after the as-of date" in out
    for fact in earlier.facts_after_as_of:
        assert fact in out, fact


@pytest.mark.parametrize("fmt", HUMAN)
def test_no_later_facts_no_section(result: Assessment, fmt: str) -> None:
    assert result.facts_after_as_of == []
    assert "after the as-of date" not in _render(result, fmt)
