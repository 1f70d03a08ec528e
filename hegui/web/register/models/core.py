"""Organisations, profile versions, assessments, obligations and evidence."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A registered organisation; every other register object belongs to exactly one."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def current_profile(self) -> ProfileVersion | None:
        """The newest profile version, or None before the first import."""
        return self.profiles.order_by("-number").first()


class ProfileVersion(models.Model):
    """One saved version of the organisation's profile YAML; versions are never edited."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profiles"
    )
    number = models.PositiveIntegerField()
    yaml_text = models.TextField(_("profile YAML"))
    note = models.CharField(_("change note"), max_length=200, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="profile_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug} v{self.number}"


class Assessment(models.Model):
    """A stored run of ``hegui.api.assess`` against one profile version and as-of date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    profile_version = models.ForeignKey(
        ProfileVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    as_of = models.DateField(_("as of"))
    ran_at = models.DateTimeField(auto_now_add=True)
    ran_by = models.CharField(max_length=150, blank=True)
    schema_version = models.CharField(max_length=20, blank=True)
    result = models.JSONField(default=dict, help_text="Assessment.model_dump(mode='json')")

    class Meta:
        ordering = ["organisation", "-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation.slug} as of {self.as_of}"

    @property
    def findings(self) -> list[dict]:
        return list(self.result.get("findings", []))


class Obligation(models.Model):
    """One duty from an open finding, tracked with owner, status, due date and evidence."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        ACCEPTED = "accepted", _("risk accepted")
        CLOSED = "closed", _("no longer applies")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="obligations"
    )
    key = models.CharField(max_length=300, help_text="rule_id plus subject: stable across runs")
    rule_id = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    regime = models.CharField(max_length=100, blank=True)
    title_en = models.CharField(max_length=300)
    title_zh = models.CharField(max_length=300, blank=True)
    finding_status = models.CharField(_("finding"), max_length=30, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State, default=State.OPEN)
    notes = models.TextField(_("notes"), blank=True)
    last_assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "due", "rule_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="obligation_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.subject}".strip()

    def title(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") and self.title_zh else self.title_en


class ObligationEvent(models.Model):
    """A line of an obligation's history: what changed, by whom, when."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150, blank=True)
    changes = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["obligation", "-at", "-id"]


class Evidence(models.Model):
    """An uploaded proof file; bytes kept in the database so a backup holds everything."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evidence"
    )
    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    filing = models.ForeignKey(
        "register.Filing", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    audit_item = models.ForeignKey(
        "register.PiAuditItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-uploaded_at", "-id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"
