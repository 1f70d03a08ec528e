"""The Shanghai "Pujiang Escort" data-security campaign (2025), as an informational finding.

A campaign is enforcement focus, not a new duty: entities in its region and sectors that meet a
focus criterion get an ``info`` finding so they can expect closer supervision.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hegui.models import Finding, Status, Text
from hegui.rules.base import Context, Rule
from hegui.rules.governance import important_data_processor
from hegui.rules.registry import register

_P = "governance."


@register
class PujiangEscort(Rule):
    """Seed item 17: focus on telecom/internet entities in Shanghai meeting the focus criteria."""

    id = "governance.pujiang_escort"
    regime = "governance"
    title = Text(
        zh="“浦江护航”数据安全专项行动", en='Shanghai "Pujiang Escort" data-security campaign'
    )
    cites = (("sh_pujiang_escort_2025", None),)
    parameters = (_P + "pujiang_focus_pi", _P + "pujiang_sectors", _P + "pujiang_provinces")

    def evaluate_2025_05_14(self, ctx: Context) -> Iterable[Finding]:
        volume = ctx.param(_P + "pujiang_focus_pi")
        sectors = ctx.param(_P + "pujiang_sectors")
        provinces = ctx.param(_P + "pujiang_provinces")
        values = [volume, sectors, provinces]
        concerned = [
            e
            for e in ctx.profile.entities
            if e.province in provinces.value and set(e.sectors) & set(sectors.value)
        ]
        if not concerned:
            yield self.finding(
                ctx,
                Status.NOT_APPLICABLE,
                values=values,
                explanation=[
                    f"No entity in {', '.join(provinces.value)} in the "
                    f"{' or '.join(sectors.value)} sectors."
                ],
            )
            return
        for e in concerned:
            important, _ = important_data_processor(ctx, e)
            critical = ctx.profile.governance and next(
                (
                    g.runs_critical_network_systems
                    for g in ctx.profile.governance.entities
                    if g.entity == e.id
                ),
                None,
            )
            n = e.individuals_processed
            criteria = {
                "critical_network_systems": bool(critical),
                "important_data": important,
                "more_than_volume": n is not None and n > volume.value,
            }
            facts: dict[str, Any] = {
                "entity": e.id,
                "sectors": sorted(set(e.sectors) & set(sectors.value)),
                "individuals_processed": n,
                **criteria,
            }
            met = [k for k, v in criteria.items() if v]
            yield self.finding(
                ctx,
                Status.INFO if met else Status.NOT_APPLICABLE,
                subject=e.id,
                facts=facts,
                values=values,
                explanation=[
                    "The Shanghai Communications Administration's 2025 campaign covers telecom and "
                    "internet data processors and focuses on those that run critical network "
                    "information systems, process important data or hold PI of more than "
                    f"{volume.value:,} individuals.",
                    f"Focus criteria met: {', '.join(met)}."
                    if met
                    else "None of the focus criteria is met.",
                ],
                actions=[
                    Text(
                        zh="对照专项行动重点任务自查（首席数据官、重要数据识别、风险评估、对外共享、应急）",
                        en="Self-check against the campaign's tasks (chief data officer, important-data "
                        "catalogue, risk assessment, external sharing, emergency response)",
                    )
                ]
                if met
                else [],
            )
