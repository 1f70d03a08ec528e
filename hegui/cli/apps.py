"""App commands: ``scan-app`` (APK + privacy policy) and ``app-types`` (the 2021 app types)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
import yaml

from hegui import __version__, api
from hegui.cli.options import (
    Lang,
    Output,
    check_format,
    check_lang,
    fail_level,
    fail_on_option,
    format_option,
    write_or_print,
)
from hegui.errors import HeguiError
from hegui.models import Finding, Status

_FORMATS = ("text", "json", "html", "sarif")
_FAIL_LEVELS = ("needs_review", "due", "low", "medium", "high")


def _as_assessment(findings: list[Finding], organisation: str, generated_at: dt.datetime) -> object:
    """Wrap findings as an Assessment so the shared text and HTML renderers can show them."""
    from hegui.rules.engine import Assessment, Summary

    by_status = Counter(f.status.value for f in findings)
    return Assessment(
        tool_version=__version__,
        as_of=api.today_in_china(),
        generated_at=generated_at,
        organisation=organisation,
        findings=findings,
        summary=Summary(
            by_status={s.value: by_status.get(s.value, 0) for s in Status},
            by_regime=dict(Counter(f.regime for f in findings if f.is_open())),
            open=sum(1 for f in findings if f.is_open()),
            overdue=by_status.get(Status.OVERDUE.value, 0),
            approximate_deadlines=0,
        ),
        rules_run=sorted({f.rule_id for f in findings}),
    )


def _render(
    result: api.AppScanResult | api.PolicyScanResult, organisation: str, fmt: str, lang: str
) -> str:
    if fmt == "json":
        return result.model_dump_json(indent=2)
    if fmt == "sarif":
        from hegui.report.sarif import render_sarif

        return render_sarif(result.findings, lang=lang)
    if fmt in ("text", "html"):
        from hegui.report import render

        assessment = _as_assessment(result.findings, organisation, result.generated_at)
        out = render(assessment, fmt, lang=lang)  # type: ignore[arg-type]
        return out + _evidence_text(result.findings) if fmt == "text" else out
    check_format(fmt, _FORMATS)  # raises for an unknown format
    raise HeguiError(f"format {fmt!r} has no renderer", field="--format")


def _evidence_text(findings: list[Finding]) -> str:
    """One evidence line per open finding: where the scanner saw the problem."""
    lines = []
    for f in findings:
        if not f.is_open():
            continue
        ev = f.facts.get("evidence", {})
        parts = [f"{k}={ev[k]}" for k in ("permission", "sdk", "data_type", "right") if ev.get(k)]
        classes = list(ev.get("classes", [])) + [s["class"] for s in ev.get("call_sites", [])]
        if classes:
            parts.append("class=" + ", ".join(dict.fromkeys(classes)))
        if ev.get("sdks"):
            parts.append("sdks=" + ", ".join(map(str, ev["sdks"])))
        if ev.get("missing"):
            parts.append("missing=" + ", ".join(map(str, ev["missing"])))
        if ev.get("policy_excerpt"):
            parts.append(f"policy: “{ev['policy_excerpt']}”")
        where = ev.get("file") or ev.get("policy") or ""
        head = f"- {f.rule_id}{f' [{f.subject}]' if f.subject else ''} ({where})"
        lines.append(head + (": " + "; ".join(parts) if parts else ""))
    return ("\nEvidence:\n" + "\n".join(lines) + "\n") if lines else ""


def render_app(result: api.AppScanResult, fmt: str, lang: str = "en") -> str:
    """Render an app scan in one of text, json, html, sarif."""
    m = result.apk.manifest
    name = f"{m.label or m.package} ({m.package} {m.version_name or ''})".replace(" )", ")")
    out = _render(result, name, fmt, lang)
    if fmt == "text" and m.notes:  # how the manifest was read (JSON has them in apk.manifest)
        out += "\nManifest notes:\n" + "".join(f"- {n}\n" for n in m.notes)
    return out


def _check_options(fmt: str, fail_on: str | None, lang: str) -> None:
    check_format(fmt, _FORMATS)
    fail_level(fail_on, _FAIL_LEVELS)
    check_lang(lang)


def register(app: typer.Typer) -> None:
    @app.command("scan-app")
    def scan_app(
        apk: Annotated[Path, typer.Argument(help="The APK to scan (never executed)")],
        policy: Annotated[
            Path | None, typer.Option("--policy", help="Privacy policy: .txt, .html, .pdf or .docx")
        ] = None,
        app_type: Annotated[
            str | None,
            typer.Option(
                "--app-type", help="App type of the 2021 necessary-PI rules (see `hegui app-types`)"
            ),
        ] = None,
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
        output: Output = None,
        profile_out: Annotated[
            Path | None,
            typer.Option("--profile-out", help="Write the declared app facts (YAML) for the rules"),
        ] = None,
        fail_on: Annotated[str | None, fail_on_option(_FAIL_LEVELS)] = None,
        lang: Lang = "en",
    ) -> None:
        """Scan an APK and its privacy policy for what app regulators flag, with the legal basis."""
        _check_options(fmt, fail_on, lang)
        result = api.scan_apk(apk, policy=policy, app_type=app_type)
        if profile_out is not None:
            write_or_print(
                yaml.safe_dump(api.app_profile(result), allow_unicode=True, sort_keys=False),
                profile_out,
            )
        write_or_print(render_app(result, fmt, lang), output)
        if fail_on is not None and result.fails(fail_on):
            raise typer.Exit(1)

    @app.command("scan-policy")
    def scan_policy(
        policy: Annotated[Path, typer.Argument(help="Privacy policy: .txt, .html, .pdf or .docx")],
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
        output: Output = None,
        fail_on: Annotated[str | None, fail_on_option(_FAIL_LEVELS)] = None,
        lang: Lang = "en",
    ) -> None:
        """Check a privacy policy on its own: the required disclosures, with the legal basis."""
        _check_options(fmt, fail_on, lang)
        result = api.scan_policy(policy)
        write_or_print(_render(result, f"privacy policy {result.policy.source}", fmt, lang), output)
        if fail_on is not None and result.fails(fail_on):
            raise typer.Exit(1)

    @app.command("app-types")
    def app_types(
        fmt: Annotated[str, format_option(("text", "json"))] = "text",
    ) -> None:
        """The 39 app types of the 2021 necessary-PI rules, with their necessary PI."""
        check_format(fmt, ("text", "json"))
        types = api.app_types()
        if fmt == "json":
            typer.echo(json.dumps(types, ensure_ascii=False, indent=2))
            return
        for t in types:
            typer.echo(
                f"{t['number']:>2} {t['id']:<22} {t['name']['zh']}  {t['necessary_pi']['zh']}"
            )
