"""Forms for the register pages (Django forms: validation and CSRF come with them)."""

from __future__ import annotations

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from hegui.errors import HeguiError
from hegui.web.register.models import (
    Filing,
    Incident,
    IncidentClock,
    Obligation,
    Organisation,
    PiAudit,
    PiAuditItem,
    SubjectRequest,
)

_DATE = forms.DateInput(attrs={"type": "date"})
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["slug", "name"]


class ProfileForm(forms.Form):
    yaml_text = forms.CharField(label=_("profile YAML"), widget=forms.Textarea(attrs={"rows": 20}))
    note = forms.CharField(label=_("change note"), max_length=200, required=False)
    upload = forms.FileField(label=_("or upload a YAML file"), required=False)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["yaml_text"].required = False

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            try:
                data["yaml_text"] = upload.read(2 * 1024 * 1024 + 1).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(_("the file is not UTF-8 text")) from exc
        if not data.get("yaml_text"):
            raise forms.ValidationError(_("paste the profile or upload a file"))
        return data


class AssessForm(forms.Form):
    as_of = forms.DateField(label=_("as of"), required=False, widget=_DATE)


class ObligationForm(forms.ModelForm):
    note = forms.CharField(label=_("note for the history"), max_length=300, required=False)

    class Meta:
        model = Obligation
        fields = ["owner", "state", "due", "notes"]
        widgets = {"due": _DATE}


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("evidence file"))


class FilingForm(forms.ModelForm):
    class Meta:
        model = Filing
        fields = [
            "kind",
            "title",
            "authority",
            "reference",
            "state",
            "deadline",
            "submitted_on",
            "valid_until",
            "obligation",
            "notes",
        ]
        widgets = {"deadline": _DATE, "submitted_on": _DATE, "valid_until": _DATE}

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Only this organisation's obligations can be linked.
        field = self.fields["obligation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Obligation.objects.filter(organisation=organisation)


class IncidentForm(forms.ModelForm):
    """An incident; ``entity`` and ``facts_yaml`` are the facts ``hegui.api`` grades and clocks."""

    entity = forms.CharField(
        label=_("entity (profile id)"),
        max_length=100,
        required=False,
        help_text=_("the profile entity that operates the affected system"),
    )
    facts_yaml = forms.CharField(
        label=_("more facts (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("e.g. pi_individuals: 12000, type: data_leak, handling_ended_at: ..."),
    )

    class Meta:
        model = Incident
        fields = ["title", "description", "detected_at", "grade", "state"]
        widgets = {"detected_at": _DATETIME}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        facts = dict(self.instance.facts or {})
        self.fields["entity"].initial = facts.pop("entity", "")
        self.fields["facts_yaml"].initial = (
            yaml.safe_dump(facts, allow_unicode=True, sort_keys=True) if facts else ""
        )

    def clean_facts_yaml(self) -> dict:  # type: ignore[type-arg]
        text = self.cleaned_data.get("facts_yaml") or ""
        try:
            data = yaml.safe_load(text) if text.strip() else {}
        except yaml.YAMLError as exc:
            raise forms.ValidationError(_("not valid YAML: %(e)s") % {"e": exc}) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("facts must be a YAML mapping"))
        # Keep the JSON column plain: dates and times as ISO text.
        return {str(k): v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()}

    def save(self, commit: bool = True) -> Incident:
        facts = dict(self.cleaned_data.get("facts_yaml") or {})
        if self.cleaned_data.get("entity"):
            facts["entity"] = self.cleaned_data["entity"]
        self.instance.facts = facts
        return super().save(commit=commit)


class ClockForm(forms.ModelForm):
    class Meta:
        model = IncidentClock
        fields = ["label", "recipient", "deadline"]
        widgets = {"deadline": _DATETIME}


class SubjectRequestForm(forms.ModelForm):
    """A request; an empty "respond by" is computed by ``hegui.api.request_deadline``."""

    class Meta:
        model = SubjectRequest
        fields = ["kind", "requester_ref", "received_on", "due", "state", "closed_on", "notes"]
        widgets = {"received_on": _DATE, "due": _DATE, "closed_on": _DATE}

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["due"].required = False

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean() or {}
        if data.get("due") or not data.get("received_on") or not data.get("kind"):
            if data.get("due"):
                self.instance.due_basis = "entered"
            return data
        from hegui.web.register import services

        try:
            due, basis = services.request_due(
                self.organisation, data["kind"], data["received_on"], data.get("requester_ref", "")
            )
        except HeguiError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if due is None:
            self.add_error("due", _("enter the response deadline for this kind of request"))
        else:
            data["due"] = due
            self.instance.due_basis = basis
        return data


class ScanForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[("table", "table"), ("app", "app")])
    name = forms.CharField(label=_("name"), max_length=200)
    file = forms.FileField(label=_("scan result (JSON)"))


class PiAuditForm(forms.ModelForm):
    class Meta:
        model = PiAudit
        fields = ["title", "checklist", "period_start", "period_end", "auditor"]
        widgets = {"period_start": _DATE, "period_end": _DATE}


class PiAuditItemForm(forms.ModelForm):
    class Meta:
        model = PiAuditItem
        fields = ["ref", "text", "citation", "result", "notes"]


class DiffForm(forms.Form):
    old = forms.IntegerField(label=_("older assessment"))
    new = forms.IntegerField(label=_("newer assessment"))
