"""Filings, incidents with reporting clocks, data-subject requests, scans and PI audits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hegui.web.register.models.core import Obligation, Organisation


class Filing(models.Model):
    """A filing or approval with the regulator, its deadline and its proof."""

    class Kind(models.TextChoices):
        STANDARD_CONTRACT = "standard_contract", _("standard contract filing")
        SECURITY_ASSESSMENT = "security_assessment", _("security assessment")
        SECURITY_RENEWAL = "security_assessment_renewal", _("security assessment renewal")
        CERTIFICATION = "certification", _("PI protection certification")
        FACIAL_RECOGNITION = "facial_recognition", _("facial-recognition filing")
        MLPS_FILING = "mlps_filing", _("MLPS filing")
        MLPS_EVALUATION = "mlps_evaluation", _("MLPS evaluation")
        VIDEO_SYSTEM = "video_system", _("video-system filing")
        OTHER = "other", _("other")

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        EXPIRED = "expired", _("expired")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="filings")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    authority = models.CharField(_("authority"), max_length=200, blank=True)
    reference = models.CharField(_("filing number"), max_length=100, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State, default=State.PLANNED)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    obligation = models.ForeignKey(
        Obligation, on_delete=models.SET_NULL, null=True, blank=True, related_name="filings"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["organisation", "deadline", "id"]

    def __str__(self) -> str:
        return self.title


class Incident(models.Model):
    """A security incident; its reporting clocks are separate rows (one per report)."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="incidents"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    detected_at = models.DateTimeField(_("detected at"))
    grade = models.CharField(_("grade"), max_length=100, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-detected_at", "-id"]

    def __str__(self) -> str:
        return self.title


class IncidentClock(models.Model):
    """One report an incident requires, with its exact deadline and when it was sent."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="clocks")
    label = models.CharField(_("report"), max_length=200)
    recipient = models.CharField(_("to whom"), max_length=200, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    source = models.CharField(max_length=40, default="manual", help_text="manual or hegui.api")
    report = models.CharField(
        max_length=60, blank=True, help_text="Core report id, e.g. cac_initial"
    )
    citation = models.CharField(max_length=200, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    class Meta:
        ordering = ["incident", "deadline", "id"]

    def __str__(self) -> str:
        return f"{self.label} by {self.deadline.isoformat()}"


class SubjectRequest(models.Model):
    """A data-subject (individual's rights) request with its response deadline.

    ``requester_ref`` is a pseudonymous reference (ticket number), never the person's identity.
    """

    class Kind(models.TextChoices):
        # Values follow hegui.profile.rights.RequestType where the core knows the type.
        ACCESS = "access", _("access")
        COPY = "copy", _("copy")
        PORTABILITY = "portability", _("portability")
        CORRECTION = "correction", _("correction")
        DELETION = "deletion", _("deletion")
        DEACTIVATION = "deactivation", _("account deactivation")
        EXPLANATION = "explanation", _("explanation of rules")
        DECEASED = "deceased", _("deceased person's relative")
        WITHDRAW = "withdraw_consent", _("withdraw consent")
        OTHER = "other", _("other")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("answered")
        REJECTED = "rejected", _("refused with reasons")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="subject_requests"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    requester_ref = models.CharField(_("ticket reference"), max_length=100)
    received_on = models.DateField(_("received on"))
    due = models.DateField(_("respond by"), help_text=_("leave empty to compute it"))
    due_basis = models.CharField(max_length=200, blank=True, help_text="How the due date was set")
    state = models.CharField(_("status"), max_length=20, choices=State, default=State.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["organisation", "due", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.requester_ref}"


class Scan(models.Model):
    """A table or app scan result: counts, verdicts and masked samples only, never raw PI."""

    class Kind(models.TextChoices):
        TABLE = "table", _("table scan")
        APP = "app", _("app scan")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="scans")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    name = models.CharField(_("name"), max_length=200)
    summary = models.JSONField(default=dict)
    uploaded_by = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name


class PiAudit(models.Model):
    """A personal-information protection compliance audit and its checklist."""

    class Checklist(models.TextChoices):
        PI_AUDIT = "pi_audit", _("PI protection compliance audit (26 aspects)")
        VIDEO = "video_inspection", _("video-system inspection items")
        NONE = "none", _("empty checklist")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pi_audits"
    )
    title = models.CharField(_("title"), max_length=200)
    checklist = models.CharField(
        _("checklist"), max_length=30, choices=Checklist, default=Checklist.PI_AUDIT
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    auditor = models.CharField(_("auditor"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class PiAuditItem(models.Model):
    """One checklist item of a PI audit with its result and evidence."""

    class Result(models.TextChoices):
        UNCHECKED = "unchecked", _("not yet checked")
        COMPLIANT = "compliant", _("compliant")
        PARTIAL = "partial", _("partly compliant")
        NON_COMPLIANT = "non_compliant", _("not compliant")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    audit = models.ForeignKey(PiAudit, on_delete=models.CASCADE, related_name="items")
    ref = models.CharField(_("item"), max_length=60)
    text = models.CharField(_("requirement"), max_length=500)
    citation = models.CharField(max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result, default=Result.UNCHECKED)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["audit", "ref", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:40]}"
