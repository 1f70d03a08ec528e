"""Forms for the register pages (Django forms: validation and CSRF come with them)."""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hegui.errors import HeguiError
from hegui.web.register import staleness
from hegui.web.register.inputs import (
    EARLIEST,
    LATEST,
    InputError,
    check_in_range,
    not_in_future,
    personal_info_in,
    plain,
    time_out_of_range,
)
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


def _bound_dates(form: forms.BaseForm) -> None:
    """Every date and time field of ``form`` refuses values outside the register's range."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(check_in_range)


def _date_order(form: forms.BaseForm, earlier: str, later: str) -> None:
    """Add an error on ``later`` when it is before ``earlier`` (both optional)."""
    first, second = form.cleaned_data.get(earlier), form.cleaned_data.get(later)
    if first is not None and second is not None and second < first:
        form.add_error(
            later,
            _("must not be before “%(field)s” (%(date)s)")
            % {"field": form.fields[earlier].label, "date": first.isoformat()},
        )


class _FactsLoader(yaml.SafeLoader):
    """Safe YAML whose impossible dates (30 February, hour 25) are errors with their line."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        # PyYAML lets Python's ValueError escape (a server error); say where it is instead.
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date or time: {exc}", node.start_mark
        ) from None


_FactsLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class EditForm(forms.ModelForm):
    """A model form that refuses to save over a change made since the form was rendered.

    The hidden ``fingerprint`` holds a digest of the record's stored editable values when the
    page was rendered; a mismatch at submit time means someone else saved in between. A submit
    without a fingerprint (an older client, or an API call) is not checked.
    """

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    stale_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_dates(self)
        if self.instance.pk is not None:
            fields = self._stale_fields()
            self.fields["fingerprint"].initial = staleness.fingerprint(self.instance, fields)

    @classmethod
    def _stale_fields(cls) -> tuple[str, ...]:
        return cls.stale_fields or tuple(cls._meta.fields or ())  # type: ignore[attr-defined]

    @classmethod
    def fingerprint_of(cls, instance: Any) -> str:
        """The fingerprint of ``instance``'s editable values (the API's ETag)."""
        return staleness.fingerprint(instance, cls._stale_fields())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sent = data.get("fingerprint")
        if sent and staleness.is_stale(self.instance, self._stale_fields(), sent):
            raise forms.ValidationError(staleness.stale_message(self.instance), code="stale")
        return data


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["slug", "name"]


class ProfileForm(forms.Form):
    yaml_text = forms.CharField(label=_("profile YAML"), widget=forms.Textarea(attrs={"rows": 20}))
    note = forms.CharField(label=_("change note"), max_length=200, required=False)
    upload = forms.FileField(label=_("or upload a YAML file"), required=False)
    # The version the page showed: saving over a newer one would silently drop its changes.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_dates(self)


class ObligationForm(EditForm):
    note = forms.CharField(label=_("note for the history"), max_length=300, required=False)

    class Meta:
        model = Obligation
        fields = ["owner", "state", "due", "notes"]
        widgets = {"due": _DATE}


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("evidence file"))


class FilingForm(EditForm):
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

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _date_order(self, "submitted_on", "valid_until")
        return data


class IncidentForm(EditForm):
    """An incident; ``entity`` and ``facts_yaml`` are the facts ``hegui.api`` grades and clocks.

    The facts must be a record the core accepts (as ``hegui incident new`` requires): unknown
    keys, wrong types and contradictory times are refused with the field named. Facts that are
    merely incomplete (no entity yet) are stored; the page then says why no clocks were computed.
    """

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
    stale_fields = ("title", "description", "detected_at", "grade", "state", "facts")

    class Meta:
        model = Incident
        fields = ["title", "description", "detected_at", "grade", "state"]
        widgets = {"detected_at": _DATETIME}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["detected_at"].validators.append(not_in_future)
        facts = dict(self.instance.facts or {})
        self.fields["entity"].initial = facts.pop("entity", "")
        self.fields["facts_yaml"].initial = (
            yaml.safe_dump(facts, allow_unicode=True, sort_keys=True) if facts else ""
        )

    def clean_facts_yaml(self) -> dict[str, Any]:
        text = self.cleaned_data.get("facts_yaml") or ""
        try:
            data = yaml.load(text, Loader=_FactsLoader) if text.strip() else {}
        except yaml.YAMLError as exc:
            raise forms.ValidationError(_("not valid YAML: %(e)s") % {"e": exc}) from exc
        except RecursionError as exc:
            raise forms.ValidationError(_("the YAML is nested too deeply")) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("facts must be a YAML mapping"))
        # Keep the JSON column plain: dates and times as ISO text at every depth, no NaN.
        try:
            cleaned = plain(data, field="facts")
        except InputError as exc:
            raise forms.ValidationError(str(exc)) from exc
        assert isinstance(cleaned, dict)
        return cleaned

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        facts = data.get("facts_yaml")
        if data.get("detected_at") and self.instance.pk is not None:
            self._check_sent_reports(data["detected_at"])
        if isinstance(facts, dict) and data.get("title") and data.get("detected_at"):
            self._check_with_core(data, facts)
        return data

    def _check_sent_reports(self, detected: Any) -> None:
        """A detection after a report already sent is a typo; the core would refuse the record
        and every computed deadline not yet reported would be dropped."""
        sent = self.instance.clocks.filter(reported_at__lt=detected).order_by("reported_at")
        first = sent.first()
        if first is not None and first.reported_at is not None:
            self.add_error(
                "detected_at",
                _("must not be after a report already sent (“%(label)s”, sent %(time)s)")
                % {
                    "label": first.label,
                    "time": timezone.localtime(first.reported_at).strftime("%Y-%m-%d %H:%M"),
                },
            )

    def _check_with_core(self, data: dict[str, Any], facts: dict[str, Any]) -> None:
        """Validate the record as the core (and ``hegui incident new``) would."""
        from hegui.incidents.loader import incident_from_data

        record = {
            **facts,
            "title": data["title"],
            "detected_at": timezone.localtime(data["detected_at"]).isoformat(),
        }
        if data.get("entity"):
            record["entity"] = data["entity"]
        if data.get("description"):
            record.setdefault("description", data["description"])
        late = time_out_of_range(facts)
        if late:
            self.add_error(
                "facts_yaml",
                _("%(name)s: must be between %(a)s and %(b)s")
                % {"name": late, "a": EARLIEST.isoformat(), "b": LATEST.isoformat()},
            )
            return
        try:
            incident_from_data(record, source="incident")
        except HeguiError as exc:
            message = exc.message.removeprefix("Value error, ")
            field = exc.field if exc.field in ("title", "entity", "description") else None
            if field is None and exc.field:
                message = f"{exc.field}: {message}"
            self.add_error(field or "facts_yaml", message)
        except (OverflowError, ValueError) as exc:  # a time the checks above did not foresee
            self.add_error("facts_yaml", _("a time is out of range: %(e)s") % {"e": exc})

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_dates(self)


class SubjectRequestForm(EditForm):
    """A request; an empty "respond by" is computed by ``hegui.api.request_deadline``."""

    class Meta:
        model = SubjectRequest
        fields = ["kind", "requester_ref", "received_on", "due", "state", "closed_on", "notes"]
        widgets = {"received_on": _DATE, "due": _DATE, "closed_on": _DATE}

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["due"].required = False
        self.fields["received_on"].validators.append(not_in_future)

    def clean_requester_ref(self) -> str:
        ref = str(self.cleaned_data.get("requester_ref") or "")
        found = personal_info_in(ref)
        if found:
            # The value itself is not repeated: it is personal information.
            raise forms.ValidationError(
                _(
                    "this looks like personal information (%(kinds)s); enter a ticket number "
                    "or another reference that does not identify the person"
                )
                % {"kinds": ", ".join(found)},
                code="personal_information",
            )
        return ref

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Decided first: a computed deadline the facts no longer support is not checked as if
        # the user had entered it.
        keep = self._keeps_computed_due(data)
        _date_order(self, "received_on", "due")
        _date_order(self, "received_on", "closed_on")
        if self.errors or keep:
            return data  # a kept deadline: the core's for unchanged facts, with its basis
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

    def _keeps_computed_due(self, data: dict[str, Any]) -> bool:
        """On an edit, decide what the shown "respond by" means when it was computed.

        An edit form (and an API PATCH) sends the stored deadline back unchanged. If the core
        computed it, the same value is not a date the user entered: it is kept as computed while
        the kind and received date are unchanged (True), and recomputed when either changed
        (cleared here, so the caller asks the core again), since the old deadline no longer
        follows from the facts.
        """
        stored = self.instance
        if stored.pk is None or not stored.due_basis.startswith("hegui"):
            return False
        if data.get("due") != stored.due:
            return False  # entered or cleared by the user
        if (data.get("kind"), data.get("received_on")) == (stored.kind, stored.received_on):
            return True
        data["due"] = None
        return False


class ScanForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[("table", "table"), ("app", "app")])
    name = forms.CharField(label=_("name"), max_length=200)
    file = forms.FileField(label=_("scan result (JSON)"))


class PiAuditForm(forms.ModelForm):
    class Meta:
        model = PiAudit
        fields = ["title", "checklist", "period_start", "period_end", "auditor"]
        widgets = {"period_start": _DATE, "period_end": _DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_dates(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _date_order(self, "period_start", "period_end")
        return data


class PiAuditItemForm(forms.ModelForm):
    class Meta:
        model = PiAuditItem
        fields = ["ref", "text", "citation", "result", "notes"]


class DevelopmentsForm(forms.Form):
    """The period of the developments digest (both ends optional, in order)."""

    start = forms.DateField(label=_("From"), required=False, widget=_DATE)
    end = forms.DateField(label=_("To"), required=False, widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_dates(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _date_order(self, "start", "end")
        return data


class DiffForm(forms.Form):
    old = forms.IntegerField(label=_("older assessment"))
    new = forms.IntegerField(label=_("newer assessment"))
