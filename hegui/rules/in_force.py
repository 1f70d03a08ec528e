"""Keep a finding's citations to provisions that exist on the as-of date.

A rule declares every provision it may rest on over time (``cites``: e.g. the 2022 Measures and
the 2024 Provisions), and findings take those by default. As of a date, only what is in force (or,
for a draft, published) may be cited: the engine passes every finding through :func:`in_force`.
"""

from __future__ import annotations

import datetime as dt

from hegui.law.loader import Law
from hegui.models import Citation, Finding, Status


def later(citation: Citation, law: Law, as_of: dt.date) -> dt.date | None:
    """The date a cited provision comes into existence if after ``as_of``, else None.

    A final instrument exists from its effective date; a draft (no effective date) from the date
    it was published for comment.
    """
    inst = law.instrument(citation.instrument)
    start = inst.effective if inst.effective is not None else inst.promulgated
    return start if start is not None and start > as_of else None


def in_force(finding: Finding, law: Law, as_of: dt.date) -> tuple[Finding, list[Citation]]:
    """``finding`` without citations of provisions later than ``as_of``, and the ones dropped.

    A not_applicable finding says which provisions take effect later (often its very reason).
    """
    kept: list[Citation] = []
    dropped: list[tuple[Citation, dt.date]] = []
    for c in finding.citations:
        start = later(c, law, as_of)
        if start is None:
            kept.append(c)
        else:
            dropped.append((c, start))
    if not dropped:
        return finding, []
    # Caveats about a dropped provision's text go with it.
    gone = tuple(f"{c.label()} needs review:" for c, _ in dropped)
    explanation = [line for line in finding.explanation if not line.startswith(gone)]
    update: dict[str, object] = {"citations": kept, "explanation": explanation}
    if finding.status is Status.NOT_APPLICABLE:
        names = "; ".join(f"{c.label()} (from {start.isoformat()})" for c, start in dropped)
        update["explanation"] = [*explanation, f"Not yet in force on {as_of}: {names}."]
    return finding.model_copy(update=update), [c for c, _ in dropped]
