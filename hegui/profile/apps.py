"""Profile facts for app duties (``apps:`` section, a list of apps).

The first block of fields is what ``hegui scan-apk --profile-out`` writes (names fixed in
docs/app-scanning.md); the second block holds facts only the app owner can declare (runtime
behaviour and in-app functions a static scan cannot see). Every field is optional so that a
hand-written profile can declare just what it knows; unknown facts give needs_review findings.
"""

from __future__ import annotations

from pydantic import Field

from hegui.profile.base import FactModel


class AppPermission(FactModel):
    name: str = Field(description="Android permission, e.g. android.permission.CAMERA")
    data_type: str | None = Field(
        default=None, description="Data type id of mappings/android_permissions.yaml"
    )
    protection: str | None = Field(default=None, description="dangerous | special | normal")
    purpose_stated: bool | None = Field(
        default=None, description="The policy states a purpose for this data type"
    )
    purpose: str | None = Field(default=None, description="The policy line stating the purpose")


class AppSdk(FactModel):
    name: str
    id: str | None = None
    category: str | None = Field(default=None, description="push, analytics, advertising ...")
    provider: str | None = None
    collects: list[str] = Field(default_factory=list, description="Data type ids it collects")
    cross_border: bool | None = Field(default=None, description="Provider established abroad")
    disclosed_in_policy: bool | None = None


class AppPolicy(FactModel):
    supplied: bool = Field(default=False, description="A privacy policy was examined")
    simplified_chinese: bool | None = None
    structured_listing: bool | None = Field(
        default=None, description="Function-by-function listing or a table"
    )
    elements: dict[str, bool] = Field(
        default_factory=dict, description="Policy element -> present (docs/app-scanning.md)"
    )
    missing: list[str] = Field(default_factory=list, description="Elements not found")
    rights_named_without_channel: list[str] = Field(
        default_factory=list,
        description=(
            "Right elements (and deactivation) the policy names without a way to exercise them"
        ),
    )
    rights_regulator_only: list[str] = Field(
        default_factory=list,
        description=(
            "Right elements among rights_named_without_channel whose only channel the policy "
            "names is the regulator's (a complaint to the CAC, not to the operator)"
        ),
    )
    response_time_working_days: int | None = Field(
        default=None, ge=0, description="Largest response time the policy commits to"
    )


class ConsentFlow(FactModel):
    """How the running app asks for consent (declared by the app owner or a dynamic test)."""

    first_run_prompt: bool | None = Field(
        default=None, description="The policy is prompted prominently at first run"
    )
    collects_before_consent: bool | None = None
    default_consent: bool | None = Field(
        default=None, description="Consent is pre-ticked or assumed by default"
    )
    repeated_requests: bool | None = Field(
        default=None, description="Consent or permissions are re-requested after refusal"
    )
    withdraw_channel: bool | None = Field(default=None, description="Consent can be withdrawn")
    refuses_basic_function: bool | None = Field(
        default=None, description="The basic function is refused if non-necessary PI is declined"
    )
    bundled_permissions: bool | None = Field(
        default=None, description="Several permissions must be granted at once to use the app"
    )


class App(FactModel):
    """One mobile app (or mini-program) the organisation operates."""

    # --- written by the app scanner (docs/app-scanning.md) -------------------------------------
    id: str = Field(description="Package name or another stable id")
    name: str | None = None
    package: str | None = None
    version: str | None = None
    target_sdk: int | None = None
    app_type: str | None = Field(
        default=None, description="App type id of mappings/app_necessary_pi.yaml"
    )
    permissions: list[AppPermission] = Field(default_factory=list)
    sdks: list[AppSdk] = Field(default_factory=list)
    reads_data_types: list[str] = Field(default_factory=list)
    reads_immutable_identifiers: list[str] = Field(default_factory=list)
    exported_components: int | None = None
    cleartext_traffic: bool | None = Field(
        default=None,
        description="Cleartext (HTTP) permitted on some device from API 23 up that the app "
        "supports (the scanner's apk.manifest.cleartext_permitted); null: not known",
    )
    debuggable: bool | None = None
    policy: AppPolicy = Field(default_factory=AppPolicy)
    deactivation_channel: bool | None = None
    # --- declared by the app owner -----------------------------------------------------------
    entity: str | None = Field(default=None, description="Entity that operates the app")
    consent_flow: ConsentFlow = Field(default_factory=ConsentFlow)
    correction_channel: bool | None = Field(
        default=None, description="An in-app way to correct or supplement PI"
    )
    unreasonable_conditions: bool | None = Field(
        default=None, description="Correction, deletion or deactivation carry needless conditions"
    )
    targeted_push: bool | None = Field(
        default=None, description="Content or ads are personalised with the user's PI"
    )
    targeted_push_opt_out: bool | None = Field(
        default=None, description="A non-personalised option is offered"
    )
    processes_minors_pi: bool | None = None
    guardian_separate_consent: bool | None = None
    popups_closable: bool | None = Field(
        default=None, description="Every pop-up can be closed and does not jump at random"
    )
    auto_start: bool | None = Field(
        default=None, description="The app auto-starts or is started by other apps needlessly"
    )
