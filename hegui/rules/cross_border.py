"""Cross-border transfer rules (PIPL Ch. III, 2022 SA Measures, 2024 Provisions, SCC Measures)."""

from __future__ import annotations

from collections.abc import Iterable

from hegui.models import Finding, Status, Text
from hegui.rules.base import Context, Rule
from hegui.rules.registry import register


@register
class NoticeAndSeparateConsent(Rule):
    """PIPL 39: tell individuals about the foreign recipient and obtain separate consent."""

    id = "cross_border.notice_and_consent"
    regime = "cross_border"
    title = Text(zh="出境告知与单独同意", en="Notice and separate consent for export of PI")
    cites = (("pipl", "39"),)

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.in_force("pipl"):
            yield self.finding(ctx, Status.NOT_APPLICABLE, explanation=["PIPL not yet in force."])
            return
        for t in ctx.profile.transfers:
            facts = {
                "transfer": t.id,
                "recipient": t.recipient.name,
                "country": t.recipient.country,
            }
            if not t.contains_pi:
                yield self.finding(
                    ctx,
                    Status.NOT_APPLICABLE,
                    subject=t.id,
                    facts=facts,
                    explanation=["The transfer carries no personal information."],
                )
                continue
            if t.notice_given is None or t.separate_consent is None:
                yield self.finding(
                    ctx,
                    Status.NEEDS_REVIEW,
                    subject=t.id,
                    facts=facts,
                    missing=[
                        f"transfers[{t.id}].notice_given",
                        f"transfers[{t.id}].separate_consent",
                    ],
                    explanation=[
                        "The profile does not say whether notice was given and separate consent obtained."
                    ],
                )
                continue
            done = t.notice_given and t.separate_consent
            yield self.finding(
                ctx,
                Status.MET if done else Status.DUE,
                subject=t.id,
                facts={
                    **facts,
                    "notice_given": t.notice_given,
                    "separate_consent": t.separate_consent,
                },
                explanation=[
                    "PIPL 39 requires notice of the recipient's identity, contact, purpose, method, PI "
                    "categories and rights procedure, and the individual's separate consent, before export."
                ],
                actions=[]
                if done
                else [
                    Text(
                        zh="补充告知并取得单独同意",
                        en="Give the notice and obtain separate consent",
                    )
                ],
            )
