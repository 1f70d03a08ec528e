"""Shared presentation helpers: labels (zh/en) for statuses, columns and dates."""

from __future__ import annotations

from hegui.models import Citation, Finding, Status, Text
from hegui.rules.engine import Assessment

STATUS_LABELS: dict[Status, Text] = {
    Status.OVERDUE: Text(zh="已逾期", en="overdue"),
    Status.DUE: Text(zh="待办（有期限）", en="due"),
    Status.NEEDS_REVIEW: Text(zh="需复核", en="needs review"),
    Status.APPLIES: Text(zh="适用（持续义务）", en="applies"),
    Status.INFO: Text(zh="提示", en="info"),
    Status.MET: Text(zh="已满足", en="met"),
    Status.NOT_APPLICABLE: Text(zh="不适用", en="not applicable"),
}

# Column headers and line labels of the human formats (text, markdown, explain).
LABELS: dict[str, Text] = {
    "regime": Text(zh="领域", en="regime"),
    "status": Text(zh="状态", en="status"),
    "due": Text(zh="期限", en="due"),
    "rule": Text(zh="规则", en="rule"),
    "subject": Text(zh="对象", en="subject"),
    "finding": Text(zh="结论", en="finding"),
    "citations": Text(zh="依据", en="citations"),
    "facts": Text(zh="事实", en="facts"),
    "fact": Text(zh="事实", en="fact"),
    "because": Text(zh="理由", en="because"),
    "missing": Text(zh="缺少", en="missing"),
    "action": Text(zh="行动", en="action"),
    "authority": Text(zh="主管机关", en="authority"),
    "cites": Text(zh="依据", en="cites"),
    "approximate": Text(zh="约", en="approximate"),
    "proposed": Text(zh="草案", en="proposed"),
    "organisation": Text(zh="机构整体", en="organisation"),
    "as_of": Text(zh="评估基准日", en="as of"),
    "details": Text(zh="详情", en="Details"),
    "assessment": Text(zh="合规评估", en="compliance assessment"),
    "not_applicable": Text(zh="不适用的规则", en="Not applicable"),
    "not_applicable_why": Text(zh="{n} 项不适用：原因", en="{n} finding(s) do not apply: why"),
    "later_facts": Text(
        zh="基准日之后的事实（{n} 项，未计入：基准日时尚未发生）",
        en="Facts dated after the as-of date ({n}, left out: they had not happened yet)",
    ),
    "caveat_note": Text(
        zh="† {n} 项结论所依据的法律数据标为需复核（条文、数值或解读未经核实）："
        "`hegui explain 规则 --profile 画像文件` 显示原因。",
        en="† {n} finding(s) rest on law data marked needs review (an unverified article, value "
        "or reading): `hegui explain RULE --profile PROFILE` shows why.",
    ),
    "disclaimer": Text(
        zh="本报告不构成法律意见：标为“需复核”的结论基于缺失的事实或未经核实的法律文本。",
        en="Not legal advice: findings marked needs review rest on unverified or missing facts "
        "or text.",
    ),
}


# Rules append "<parameter or article> needs review: <reason>" lines for law data so flagged
# (hegui.rules.base): a finding with such a line rests on unverified law.
_CAVEAT = " needs review: "


def caveats(f: Finding) -> list[str]:
    """The explanation lines saying which law data the finding rests on is flagged needs_review."""
    return [line for line in f.explanation if _CAVEAT in line]


def label(key: str, lang: str = "en") -> str:
    """A column header or line label in ``lang``."""
    return LABELS[key].get(lang)


def status_label(f: Finding, lang: str = "en") -> str:
    """The finding's status, marked as proposed where it rests on a draft."""
    proposed = f" ({label('proposed', lang)})" if f.proposed else ""
    return STATUS_LABELS[f.status].get(lang) + proposed


def due_label(f: Finding) -> str:
    """Deadline as text: exact time where there is one, '~' marks an approximate date."""
    if f.due_at is not None:
        return f.due_at.strftime("%Y-%m-%d %H:%M %Z")
    if f.due is None:
        return ""
    return ("~" if f.due_approximate else "") + f.due.isoformat()


def citation_label(c: Citation, lang: str = "en") -> str:
    """``PIPL Art. 39 (effective 2021-11-01)``: the provision and the date it took effect."""
    notes = []
    if c.status == "draft":
        notes.append("草案" if lang.startswith("zh") else "draft")
    if c.effective is not None:
        day = c.effective.isoformat()
        notes.append(f"{day}施行" if lang.startswith("zh") else f"effective {day}")
    if not notes:
        return c.label(lang)
    if lang.startswith("zh"):
        return f"{c.label(lang)}（{'，'.join(notes)}）"
    return f"{c.label(lang)} ({', '.join(notes)})"


def citation_labels(f: Finding, lang: str = "en") -> str:
    return "; ".join(citation_label(c, lang) for c in f.citations)


def fact_pairs(f: Finding) -> list[str]:
    """The facts a finding used, as ``key=value``."""
    return [f"{k}={v}" for k, v in f.facts.items()]


def split_not_applicable(assessment: Assessment) -> tuple[list[Finding], list[Finding]]:
    """(findings to show, not_applicable ones): every human format lists the latter last."""
    shown = [f for f in assessment.findings if f.status != Status.NOT_APPLICABLE]
    hidden = [f for f in assessment.findings if f.status == Status.NOT_APPLICABLE]
    return shown, hidden


def summary_line(assessment: Assessment, lang: str = "en") -> str:
    """One sentence: open findings by the statuses that need action."""
    s = assessment.summary
    due, review = s.by_status.get("due", 0), s.by_status.get("needs_review", 0)
    applies = s.by_status.get("applies", 0)
    if lang.startswith("zh"):
        return (
            f"未结事项 {s.open} 项：已逾期 {s.overdue} 项，待办 {due} 项，需复核 {review} 项，"
            f"持续义务 {applies} 项；期限为估算的 {s.approximate_deadlines} 项。"
        )
    return (
        f"{s.open} open finding(s): {s.overdue} overdue, {due} due, {review} need review, "
        f"{applies} ongoing; {s.approximate_deadlines} approximate deadline(s)."
    )


def not_applicable_line(f: Finding, lang: str = "en") -> str:
    """``rule (subject): why`` for the not-applicable list."""
    subject = f" ({f.subject})" if f.subject else ""
    return f"{f.rule_id}{subject}: {' '.join(f.explanation) or f.title.get(lang)}"
