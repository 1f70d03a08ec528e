"""Whether a transfer's mechanism satisfies its route, and the dates mechanisms run to."""

from __future__ import annotations

import datetime as dt

from hegui.law.loader import Value
from hegui.profile.models import MechanismType, Transfer
from hegui.rules.base import Context
from hegui.rules.cross_border_model import Decision, Route


def mechanism_sufficient(ctx: Context, d: Decision) -> tuple[bool, str]:
    """Whether the transfer's mechanism satisfies its route on the as-of date, and why."""
    m = d.transfer.mechanism
    sa_ok = (
        m.type == MechanismType.SECURITY_ASSESSMENT
        and m.approved_on is not None
        and m.approved_on <= ctx.as_of
        and sa_valid_until(ctx, d.transfer) >= ctx.as_of
    )
    if d.route == Route.SECURITY_ASSESSMENT:
        if sa_ok:
            return True, "A valid security assessment result is in place."
        if m.type == MechanismType.SECURITY_ASSESSMENT and m.approved_on is None:
            return False, "The security assessment has not been approved."
        return False, f"Mechanism {m.type.value} does not satisfy a security-assessment route."
    if d.route == Route.PIPL_38:
        return m.type != MechanismType.NONE, f"Mechanism in place: {m.type.value}."
    if d.route == Route.CONTRACT_OR_CERTIFICATION:
        if sa_ok:
            return True, "A valid security assessment result is in place."
        if m.type == MechanismType.STANDARD_CONTRACT and m.contract_effective is not None:
            ok = m.contract_effective <= ctx.as_of
            return ok, f"Standard contract effective {m.contract_effective.isoformat()}."
        if m.type == MechanismType.CERTIFICATION and "certification" in d.options:
            issued = m.certificate_issued
            ok = issued is not None and issued <= ctx.as_of
            return ok, "Certificate issued." if ok else "No certificate issued yet."
        return False, f"Mechanism {m.type.value} does not satisfy the route."
    return True, "No mechanism required."


def sa_valid_until(ctx: Context, t: Transfer) -> dt.date:
    """Last day of validity: the profile's date, else approval + the validity then in force."""
    m = t.mechanism
    if m.valid_until is not None:
        return m.valid_until
    assert m.approved_on is not None
    return ctx.deadline(m.approved_on, sa_validity(ctx, m.approved_on)).due


def sa_validity(ctx: Context, approved_on: dt.date) -> Value:
    """Validity in force when the result was issued (2 years before 2024-03-22, then 3)."""
    return ctx.param_on("cross_border.sa_validity", approved_on)


def designation_due(ctx: Context, dataset_id: str) -> tuple[dt.date | None, Value | None]:
    """Deadline to apply for an SA after ``dataset_id`` was designated (CAC Q&A, 2 months)."""
    period = ctx.param_or_none("cross_border.important_data_sa_application")
    notified = ctx.profile.dataset(dataset_id).important_data.notified_on
    if period is None or notified is None:
        return None, period
    return ctx.deadline(notified, period).due, period
