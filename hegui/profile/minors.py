"""Profile facts for minors and children (``minors:`` section).

How many minors a dataset holds is on the dataset itself (``minors_under_14``,
``minors_under_18``); this section says how their PI is handled and which children's devices the
organisation makes.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hegui.profile.base import FactModel


class ChildrenDataset(FactModel):
    """How the PI of children in one dataset is handled."""

    dataset: str = Field(description="Id of a dataset with minors_under_14 > 0")
    guardian_consent: bool | None = Field(
        default=None, description="The guardian's consent is obtained before processing"
    )
    dedicated_rules: bool | None = Field(
        default=None, description="Dedicated children's PI processing rules are published"
    )
    responsible_person: bool | None = Field(
        default=None, description="A specific person is responsible for children's PI"
    )


class ChildrensDevice(FactModel):
    """A children's smart device the organisation makes (e.g. a children's smart watch)."""

    id: str
    name: str | None = None
    entity: str | None = None
    kind: str = Field(default="childrens_smart_watch", description="childrens_smart_watch")
    guardian_consent_before_first_use: bool | None = None
    separate_guardian_authorisation_mic_camera: bool | None = Field(
        default=None, description="Microphone, camera and similar permissions need the guardian"
    )
    childrens_pi_rules_shown: bool | None = Field(
        default=None, description="Children's PI rules shown on the device or guardian app"
    )
    immutable_identifiers_to_apps: bool | None = Field(
        default=None, description="Apps can read immutable device identifiers (IMEI, serial...)"
    )
    automated_marketing_decisions: bool | None = Field(
        default=None, description="Children's data feeds automated decisions in marketing"
    )
    kids_content_pool: bool | None = Field(
        default=None, description="Content comes from a kids-only pool"
    )
    preinstalled_generative_voice_qa: bool | None = Field(
        default=None, description="A generative-AI voice Q&A app is pre-installed"
    )
    genai_qa_apps_filed: bool | None = Field(
        default=None, description="Non-voice Q&A apps using generative AI models are filed"
    )


class MinorsFacts(FactModel):
    """The ``minors:`` section of a profile."""

    datasets: list[ChildrenDataset] = Field(default_factory=list)
    last_audit_on: dt.date | None = Field(
        default=None, description="Completion date of the latest compliance audit of minors' PI"
    )
    audit_reported: bool | None = Field(
        default=None, description="The latest audit was reported to the CAC and other authorities"
    )
    devices: list[ChildrensDevice] = Field(default_factory=list)

    def for_dataset(self, dataset_id: str) -> ChildrenDataset | None:
        return next((d for d in self.datasets if d.dataset == dataset_id), None)
