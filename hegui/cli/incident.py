"""``hegui incident`` (record, clocks, drafts) and ``hegui penalty`` (exposure): thin clients."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from hegui import api
from hegui.cli.options import (
    AsOf,
    ProfileOpt,
    check_choice,
    check_format,
    format_option,
    parse_date,
)
from hegui.incidents.loader import incident_from_data
from hegui.incidents.models import Incident, IncidentClocks, IncidentError, Operator, ReportClock
from hegui.incidents.store import DEFAULT_STORE, IncidentStore
from hegui.penalties.models import FineBand, PenaltyError, PenaltyExposure

_FORMATS = ("text", "json")
# The "Next" summary lists this many owed reports; every report is listed by regime below it.
_NEXT_SHOWN = 6
_SHANGHAI = api.SHANGHAI


def _parse_now(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise IncidentError(
            f"invalid time {text!r}: expected YYYY-MM-DDTHH:MM (Asia/Shanghai)", field="--now"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=_SHANGHAI)


def _left(clock: ReportClock) -> str:
    if clock.status == "done" and clock.done_at is not None:
        done = f"done {clock.done_at:%Y-%m-%d %H:%M}"
        if clock.deadline is not None and clock.done_at > clock.deadline:
            span = _span(int((clock.done_at - clock.deadline).total_seconds()))
            # A draft's period binds nobody: past it is no breach (as status "lapsed" says).
            done += (
                f" ({span} after the draft's period)" if clock.proposed else f" (LATE by {span})"
            )
        return done
    if clock.status == "conditional" and clock.seconds_left is not None:
        # Same status as the JSON: owed only if the open grading questions make it reportable.
        return f"if reportable: {_countdown(clock.seconds_left)}"
    if clock.seconds_left is None:
        return {
            "waiting": "clock starts when handling ends (set handling_ended_at)",
            "ongoing": "as developments occur",
            "unknown": "deadline not verified",
            "conditional": "only if the open questions make it reportable",
        }.get(clock.status, "now" if clock.immediately else clock.status)
    return _countdown(clock.seconds_left)


def _span(seconds: int) -> str:
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    return (f"{days}d " if days else "") + f"{hours}h {rem // 60:02d}m"


def _countdown(seconds_left: int) -> str:
    span = _span(abs(seconds_left))
    return f"OVERDUE by {span}" if seconds_left < 0 else f"{span} left"


def render_clocks(clocks: IncidentClocks) -> str:
    """Text view of the clocks: one block per regime, one line per report."""
    lines = [
        f"Incident {clocks.incident_id or '(not stored)'}: {clocks.title}",
        f"Detected {clocks.detected_at:%Y-%m-%d %H:%M} Asia/Shanghai; operator {clocks.operator} "
        f"(reporting line: {clocks.operator_class}); now {clocks.now:%Y-%m-%d %H:%M}",
    ]
    owed = clocks.upcoming()
    if owed:
        lines.append("")
        lines.append("Next / 待办:")
        for r in owed[:_NEXT_SHOWN]:
            when = f"{r.deadline:%Y-%m-%d %H:%M}" if r.deadline else "immediately"
            lines.append(f"  {when}  [{r.regime}] {r.name.en} -> {r.to.en} [{_left(r)}]")
        if len(owed) > _NEXT_SHOWN:
            lines.append(f"  ... and {len(owed) - _NEXT_SHOWN} more owed (listed by regime below)")
    for reg in clocks.regimes:
        g = reg.grade
        label = f"{g.grade_label.zh} / {g.grade_label.en}" if g.grade_label else "no grading"
        flags = (" [provisional]" if g.provisional else "") + (" [proposed]" if g.proposed else "")
        lines.append("")
        lines.append(f"[{reg.regime}] {reg.title.en} / {reg.title.zh}: {label}{flags}")
        for b in g.basis:
            lines.append(f"    grade basis: {b.label.en} = {b.value} -> {b.grade}")
        for r in reg.reports:
            when = (
                f"by {r.deadline:%Y-%m-%d %H:%M} ({r.deadline:%a})"
                if r.deadline
                else r.timing.en.lower()
            )
            lines.append(f"  - {r.name.en} / {r.name.zh} -> {r.to.en}: {when} [{_left(r)}]")
            lines.append(f"      via {r.channel.en}")
            for note in r.notes:
                lines.append(f"      note: {note}")
        for note in reg.notes:
            lines.append(f"  note: {note}")
        if reg.penalty_violations:
            ids = ", ".join(reg.penalty_violations)
            lines.append(
                f"  exposure if reports are late or missed: hegui penalty --violation {ids}"
            )
        for q in g.questions:
            opts = "; ".join(f"{a.answer} -> {a.grade or 'no grade'}" for a in q.answers)
            lines.append(f"  ? {q.key}: {q.question.en} ({opts})")
        notes = list(
            dict.fromkeys([*g.needs_review, *(n for r in reg.reports for n in r.needs_review)])
        )
        for note in notes:
            lines.append(f"  ! needs review: {note}")
    return "\n".join(lines)


def _prompt_incident(profile: Any) -> dict[str, Any]:
    """Ask for the facts the clocks need; the rest can be added to the YAML later."""
    data: dict[str, Any] = {"title": typer.prompt("Title")}
    if profile is not None:
        data["entity"] = typer.prompt("Entity id", default=profile.entities[0].id)
    else:
        data["operator"] = {
            "name": typer.prompt("Operator name"),
            "province": typer.prompt("Province id (e.g. shanghai)"),
            "sectors": [
                s.strip()
                for s in typer.prompt("Sectors (comma-separated)", default="").split(",")
                if s.strip()
            ],
            "ciio": typer.confirm("Is the operator a CIIO?", default=False),
        }
    now = dt.datetime.now(_SHANGHAI).strftime("%Y-%m-%dT%H:%M")
    data["detected_at"] = typer.prompt("Detected at (Asia/Shanghai)", default=now)
    data["type"] = typer.prompt("Type (data_leak, ransomware, ddos, outage, ...)", default="other")
    for key, text in (
        ("pi_individuals", "Individuals whose PI leaked or is at risk (blank if unknown)"),
        ("direct_economic_loss_cny", "Direct economic loss in CNY (blank if unknown)"),
    ):
        raw = typer.prompt(text, default="", show_default=False).strip()
        if raw:
            data[key] = raw
    data["cii_affected"] = typer.confirm("Is CII affected?", default=False)
    return data


def _attach_operator(incident: Incident, profile: Any) -> Incident:
    # Store the operator's facts with the record so later commands need no profile.
    if profile is None or incident.operator is not None or incident.entity is None:
        return incident
    from hegui.incidents.grading import resolve_operator

    op: Operator = resolve_operator(incident, profile)
    return incident.model_copy(update={"operator": op})


def _money(v: int | None) -> str:
    return "-" if v is None else f"CNY {v:,}"


def _band_line(b: FineBand) -> str:
    may = " (may)" if b.optional else ""
    text = (
        f"{b.label.en}: statutory {_money(b.statutory_min)} - {_money(b.statutory_max)}; "
        f"band {_money(b.band_min)} - {_money(b.band_max)}{may}"
    )
    if b.multiple_min is not None:
        text += f" ({b.multiple_min:g}x - {b.multiple_max:g}x gains)"
    return text


def render_penalty(r: PenaltyExposure) -> str:
    """Text view of a penalty exposure."""
    # Amounts the law data does not hold are unknown, not "no fine" (the JSON says tier unknown).
    unknown = r.statutory_tier == "unknown"
    none = "unknown (amounts not encoded; see needs review)" if unknown else "no fine in this tier"
    tier = r.discretion_tier_label.en if r.discretion_tier_label else "no benchmark"
    if unknown:
        tier = "not computed"
    sanctions = "; ".join(f"{s.en} ({s.zh})" for s in r.other_sanctions)
    lines = [
        f"{r.violation_id}: {r.title.en} / {r.title.zh}",
        f"Provision on {r.as_of}: {r.provision.en} / {r.provision.zh}",
        f"Statutory tier: {r.statutory_tier_label.en}; discretion tier: {tier}"
        + (" [proposed]" if r.proposed else ""),
        "Organisation:" if r.organisation else f"Organisation: {none}",
        *(f"  {_band_line(b)}" for b in r.organisation),
        "Responsible persons:" if r.persons else f"Responsible persons: {none}",
        *(f"  {_band_line(b)}" for b in r.persons),
        "Other sanctions: " + (sanctions or ("unknown" if unknown else "none")),
        "Reasoning:",
        *(f"  - {x}" for x in r.reasoning),
    ]
    lines += [f"  ! needs review: {n}" for n in r.needs_review]
    lines += [f"  ? missing: {m}" for m in r.missing]
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``incident`` (new, show, draft) and ``penalty`` to ``app``."""
    group = typer.Typer(
        help="Record incidents, show reporting clocks, draft reports.", no_args_is_help=True
    )
    store_opt = typer.Option(str(DEFAULT_STORE), "--store", help="Incident store directory.")

    @group.command("new")
    def new(
        from_file: Path | None = typer.Option(None, "--from", help="Incident record (YAML)."),
        store: str = store_opt,
        profile: ProfileOpt = None,
        now: str | None = typer.Option(None, "--now", help="Clock time (default: now)."),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Record an incident (from YAML or by prompts) and print its reporting clocks."""
        check_format(fmt, _FORMATS)
        prof = api.load_profile(profile) if profile else None
        if from_file is not None:
            incident = api.load_incident(from_file)
        else:
            try:
                answers = _prompt_incident(prof)
            except typer.Abort:
                # Input ended (no terminal, e.g. in CI): a usage error, not "findings" (exit 1).
                raise IncidentError(
                    "no answer given (input ended): give the record with --from FILE",
                    field="--from",
                ) from None
            incident = incident_from_data(answers, "<prompts>")
        incident = _attach_operator(incident, prof)
        at = _parse_now(now)
        # Clock it before storing: a record the clocks refuse must not be left in the store.
        api.incident_clocks(incident, prof, now=at)
        stored = IncidentStore(store).add(incident)
        clocks = api.incident_clocks(stored, prof, now=at)
        if fmt == "json":
            typer.echo(json.dumps(clocks.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(f"Recorded {stored.id} in {store}\n")
            typer.echo(render_clocks(clocks))

    @group.command("show")
    def show(
        incident_id: str = typer.Argument(..., metavar="ID"),
        store: str = store_opt,
        profile: ProfileOpt = None,
        now: str | None = typer.Option(None, "--now", help="Clock time (default: now)."),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Show the time left for every report (Asia/Shanghai)."""
        check_format(fmt, _FORMATS)
        incident = IncidentStore(store).get(incident_id)
        prof = api.load_profile(profile) if profile else None
        clocks = api.incident_clocks(incident, prof, now=_parse_now(now))
        if fmt == "json":
            typer.echo(json.dumps(clocks.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(render_clocks(clocks))

    @group.command("draft")
    def draft(
        incident_id: str = typer.Argument(..., metavar="ID"),
        report: str = typer.Option("initial", "--report", help="initial | summary"),
        store: str = store_opt,
        profile: ProfileOpt = None,
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Draft the initial or summary reports (zh with en), PI masked."""
        check_format(fmt, _FORMATS)
        check_choice(report, ("initial", "summary"), "--report", "report")
        incident = IncidentStore(store).get(incident_id)
        prof = api.load_profile(profile) if profile else None
        result = api.draft_incident_report(incident, report, prof)
        if fmt == "json":
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(result.render(), nl=False)

    app.add_typer(group, name="incident")

    @app.command("penalty")
    def penalty(
        violation: str | None = typer.Option(None, "--violation", help="Violation id."),
        circumstance: list[str] = typer.Option([], "--circumstance", "-c", help="Repeatable."),
        profile: ProfileOpt = None,
        entity: str | None = typer.Option(None, "--entity", help="Entity id in the profile."),
        as_of: AsOf = None,
        gains: int | None = typer.Option(None, "--gains", help="Illegal gains in CNY."),
        list_all: bool = typer.Option(False, "--list", help="List violation ids."),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Penalty exposure: tier, CNY bands (organisation, persons), sanctions, reasoning."""
        check_format(fmt, _FORMATS)
        day = parse_date(as_of)
        if list_all:
            items = api.list_violations(day)
            if fmt == "json":
                typer.echo(
                    json.dumps(
                        [i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2
                    )
                )
            else:
                for i in items:
                    typer.echo(f"{i.id}: {i.title.en}")
            return
        if violation is None:
            raise PenaltyError("give --violation ID (or --list)", field="--violation")
        if gains is not None and gains < 0:
            raise PenaltyError(f"illegal gains must not be negative, got {gains}", field="--gains")
        prof = api.load_profile(profile) if profile else None
        result = api.penalty_exposure(violation, circumstance, prof, entity, day, gains)
        if fmt == "json":
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(render_penalty(result))
