"""Core commands: assess, rules, explain, schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hegui import api
from hegui.cli.options import (
    AsOf,
    Lang,
    Output,
    check_format,
    check_lang,
    fail_level,
    fail_on_option,
    format_option,
    parse_date,
    write_or_print,
)
from hegui.errors import HeguiError
from hegui.models import Status
from hegui.report import FORMATS, render

# Re-exported: other command modules import these from here.
__all__ = ["parse_date", "register", "write_or_print"]

_TEXT_JSON = ("text", "json")
_FAIL_LEVELS = [s.value for s in Status if s not in (Status.NOT_APPLICABLE, Status.MET)]


def register(app: typer.Typer) -> None:
    _register_init(app)

    @app.command()
    def assess(
        profile: Annotated[Path, typer.Argument(help="Organisation profile (YAML)")],
        as_of: AsOf = None,
        fmt: Annotated[str, format_option(FORMATS)] = "text",
        output: Output = None,
        fail_on: Annotated[str | None, fail_on_option(_FAIL_LEVELS)] = None,
        regime: Annotated[
            list[str] | None, typer.Option("--regime", help="Only these regimes (repeatable)")
        ] = None,
        lang: Lang = "en",
        save: Annotated[
            str | None,
            typer.Option(
                "--save",
                metavar="ORG_SLUG",
                help="Also store the profile as a new version and the assessment in the register "
                "(as `hegui register assess ORG_SLUG --profile PROFILE`; needs the 'web' extra)",
            ),
        ] = None,
    ) -> None:
        """Assess a profile: obligations, filings and deadlines, each with its citations."""
        check_format(fmt, FORMATS)
        check_lang(lang)
        level = fail_level(fail_on, _FAIL_LEVELS)
        threshold = Status(level) if level else None
        _check_regimes(regime)
        day = parse_date(as_of)
        result = api.assess(profile, day, regimes=regime or None)
        write_or_print(render(result, fmt, lang=lang), output)
        if output is not None:
            # Written to a file: show the summary table so the terminal still tells the story.
            from rich.console import Console

            from hegui.report.text import summary_table

            Console().print(summary_table(result, lang))
        if save is not None:
            # Imported here: Django is set up only when the register is used.
            from hegui.cli.web import assess_in_register, echo_stored

            echo_stored(save, assess_in_register(save, profile, day, actor="cli:assess"), err=True)
        if threshold is not None and any(f.status.at_least(threshold) for f in result.findings):
            raise typer.Exit(1)

    @app.command()
    def rules(
        rule_id: Annotated[str | None, typer.Argument(help="Show one rule")] = None,
        fmt: Annotated[str, format_option(_TEXT_JSON)] = "text",
    ) -> None:
        """The rule catalogue: ids, titles, citations and effective dates."""
        check_format(fmt, _TEXT_JSON)
        catalogue = api.list_rules()
        if rule_id is not None:
            catalogue = [r for r in catalogue if r.id == rule_id]
            if not catalogue:
                raise HeguiError(
                    f"unknown rule id {rule_id!r} (see `hegui rules`)", field="RULE_ID"
                )
        if fmt == "json":
            typer.echo(
                json.dumps(
                    [r.model_dump(mode="json") for r in catalogue], ensure_ascii=False, indent=2
                )
            )
            return
        for r in catalogue:
            cites = "; ".join(c.label() for c in r.citations)
            eff = r.effective.isoformat() if r.effective else "-"
            typer.echo(f"{r.id}\n  {r.title.en} / {r.title.zh}\n  effective {eff}; cites {cites}")
            if rule_id is not None:
                if r.description:
                    typer.echo(f"  {r.description.en}")
                if r.parameters:
                    typer.echo(f"  parameters: {', '.join(r.parameters)}")
                if r.logic_dates or r.parameter_dates:
                    dates = sorted({*r.logic_dates, *r.parameter_dates})
                    typer.echo(f"  changes on: {', '.join(d.isoformat() for d in dates)}")

    @app.command()
    def explain(
        rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. cross_border.route")],
        profile: Annotated[
            Path, typer.Option("--profile", "-p", help="Organisation profile (YAML)")
        ],
        as_of: AsOf = None,
        lang: Lang = "en",
    ) -> None:
        """Explain one rule's findings for a profile: facts, reasoning, citations."""
        check_lang(lang)
        if rule_id not in {r.id for r in api.list_rules()}:
            raise HeguiError(f"unknown rule id {rule_id!r} (see `hegui rules`)", field="RULE_ID")
        result = api.assess(profile, parse_date(as_of), rule_ids=[rule_id])
        from hegui.report.explain import render_explain

        typer.echo(render_explain(result.findings, api.get_law(), lang=lang), nl=False)

    @app.command()
    def schema(
        which: Annotated[str, typer.Argument(help="profile or assessment")] = "profile",
    ) -> None:
        """Print a JSON Schema: the profile (for editors) or the assessment JSON output."""
        if which == "profile":
            typer.echo(api.profile_json_schema())
        elif which == "assessment":
            from hegui.report.json import generated_schema

            typer.echo(json.dumps(generated_schema(), ensure_ascii=False, indent=2))
        else:
            raise HeguiError("choose profile or assessment", field="WHICH")


def _check_regimes(regimes: list[str] | None) -> None:
    if not regimes:
        return
    known = sorted({r.regime for r in api.list_rules()})
    unknown = [r for r in regimes if r not in known]
    if unknown:
        raise HeguiError(
            f"unknown regime {unknown[0]!r}: expected one of {', '.join(known)}", field="--regime"
        )


def _register_init(app: typer.Typer) -> None:
    @app.command()
    def init(
        directory: Annotated[Path, typer.Argument(help="Where to write profile.yaml")] = Path("."),
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite an existing profile.yaml")
        ] = False,
    ) -> None:
        """Write a commented starter profile (and its JSON Schema for editors) to DIRECTORY."""
        from importlib.resources import files

        target = directory / "profile.yaml"
        if target.exists() and not force:
            raise HeguiError("already exists (use --force to overwrite)", path=target)
        starter = (
            files("hegui.profile").joinpath("templates/starter.yaml").read_text(encoding="utf-8")
        )
        try:
            directory.mkdir(parents=True, exist_ok=True)
            target.write_text(starter, encoding="utf-8")
            (directory / "profile.schema.json").write_text(
                api.profile_json_schema() + "\n", encoding="utf-8"
            )
        except OSError as exc:
            raise HeguiError(f"cannot write: {exc.strerror}", path=directory) from None
        typer.echo(
            f"wrote {target} and {directory / 'profile.schema.json'}; next: hegui assess {target}"
        )
