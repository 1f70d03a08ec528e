"""Grade proposal (GB/T 43697-2024 levels; general-data sub-levels) from what a scan found.

The floors come from ``pi_grading.yaml``. A scan cannot do the impact analysis that makes data
"important" or "core" (GB/T 43697-2024 6.5), so it proposes a general-data sub-level and says
what a person must still review.
"""

from __future__ import annotations

from collections.abc import Sequence

from hegui.models import Citation, Text
from hegui.scanners.tabular.models import GradeProposal
from hegui.scanners.tabular.pimap import PiMap


def _cites(refs: list[dict[str, object]] | None) -> list[Citation]:
    return [
        Citation(
            instrument=str(r["instrument"]), article=str(r["article"]) if r.get("article") else None
        )
        for r in refs or []
    ]


def propose_grade(
    pi_categories: list[str],
    sensitive: list[str],
    individuals: int | None,
    pimap: PiMap,
    unread: Sequence[str] = (),
) -> GradeProposal:
    """Propose a level for a table or source from its categories and size.

    ``unread`` names the parts that could not be read: the proposal is then a floor from the
    parts that were read, marked incomplete, never "no personal information".
    """
    g = pimap.grading
    floors = g["general_sublevel_floors"]
    level_key = str(g.get("default_level", "general"))
    level = Text(**{k: str(v) for k, v in g["levels"][level_key].items()})
    reasoning: list[str] = []
    needs_review: list[str] = []
    citations = _cites(floors.get("reference"))
    if sensitive:
        sub = int(floors["sensitive_pi"])
        names = ", ".join(pimap.name(c).en for c in sensitive)
        reasoning.append(
            f"sensitive personal information present ({names}): general data, sub-level >= {sub}"
        )
    elif pi_categories:
        sub = int(floors["general_pi"])
        names = ", ".join(pimap.name(c).en for c in pi_categories)
        reasoning.append(
            f"personal information present ({names}): general data, sub-level >= {sub}"
        )
    elif unread:
        sub = int(floors["no_pi"])
        reasoning.append(
            f"no personal information found in the parts that were read: sub-level {sub} is only "
            "a floor until the unread parts are scanned"
        )
    else:
        sub = int(floors["no_pi"])
        reasoning.append(
            f"no personal information found: general data, sub-level {sub} unless other content says more"
        )
    if unread:
        shown = ", ".join(unread[:10]) + (
            f" and {len(unread) - 10} more" if len(unread) > 10 else ""
        )
        needs_review.append(
            f"incomplete: {len(unread)} part(s) could not be read ({shown}); scan them before "
            "relying on this proposal"
        )
    if floors.get("needs_review"):
        needs_review.append(str(floors["needs_review"]))
    note = g.get("personal_information_alone_not_important")
    if note and pi_categories:
        reasoning.append(str(note["text"]["en"]))
        citations.extend(_cites(note.get("reference")))
    if individuals is not None and pi_categories:
        reasoning.append(
            f"about {individuals} individuals: volume thresholds (audits, cross-border, important-data "
            "processor duties) are evaluated by `hegui assess` from the profile"
        )
    needs_review.append(
        "important/core data needs the impact analysis of GB/T 43697-2024 6.5 (sector, scale, precision)"
    )
    return GradeProposal(
        level=level,
        sublevel=sub,
        reasoning=reasoning,
        citations=citations,
        needs_review=needs_review,
        complete=not unread,
    )
