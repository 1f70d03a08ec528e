"""Core commands: assess, rules, explain, schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from hegui import api
from hegui.errors import HeguiError
from hegui.models import Status
from hegui.report import FORMATS, render

_FAIL_LEVELS = [s.value for s in Status if s not in (Status.NOT_APPLICABLE, Status.MET)]


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """Parse an ISO date option; a bad date is a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HeguiError(f"{value!r} is not an ISO date YYYY-MM-DD", field=option) from None


def write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HeguiError(f"cannot write output: {exc.strerror}", path=output) from None
    typer.echo(f"wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    _register_init(app)

    @app.command()
    def assess(
        profile: Annotated[Path, typer.Argument(help="Organisation profile (YAML)")],
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="Date to assess as of (default: today in China)"),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}")
        ] = "text",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write to a file instead of stdout")
        ] = None,
        fail_on: Annotated[
            str | None,
            typer.Option(
                "--fail-on", help=f"Exit 1 if any finding is at or above: {', '.join(_FAIL_LEVELS)}"
            ),
        ] = None,
        regime: Annotated[
            list[str] | None, typer.Option("--regime", help="Only these regimes (repeatable)")
        ] = None,
        lang: Annotated[str, typer.Option("--lang", help="en or zh (text and markdown)")] = "en",
    ) -> None:
        """Assess a profile: obligations, filings and deadlines, each with its citations."""
        threshold = _fail_level(fail_on)
        result = api.assess(profile, parse_date(as_of), regimes=regime or None)
        write_or_print(render(result, fmt, lang=lang), output)
        if output is not None:
            # Written to a file: show the summary table so the terminal still tells the story.
            from rich.console import Console

            from hegui.report.text import summary_table

            Console().print(summary_table(result, lang))
        if threshold is not None and any(f.status.at_least(threshold) for f in result.findings):
            raise typer.Exit(1)

    @app.command()
    def rules(
        rule_id: Annotated[str | None, typer.Argument(help="Show one rule")] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    ) -> None:
        """The rule catalogue: ids, titles, citations and effective dates."""
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
        if fmt != "text":
            raise HeguiError("format must be text or json", field="--format")
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
        as_of: Annotated[str | None, typer.Option("--as-of")] = None,
        lang: Annotated[str, typer.Option("--lang")] = "en",
    ) -> None:
        """Explain one rule's findings for a profile: facts, reasoning, citations."""
        result = api.assess(profile, parse_date(as_of), rule_ids=[rule_id])
        law = api.get_law()
        for f in result.findings:
            typer.echo(f"{f.rule_id} [{f.subject or 'organisation'}]: {f.status.value}")
            typer.echo(f"  {f.title.get(lang)}")
            if f.due:
                approx = " (approximate)" if f.due_approximate else ""
                typer.echo(
                    f"  due: {f.due_at.isoformat() if f.due_at else f.due.isoformat()}{approx}"
                )
            if f.authority:
                typer.echo(f"  authority: {f.authority.get(lang)}")
            for k, v in f.facts.items():
                typer.echo(f"  fact {k} = {v}")
            for step in f.explanation:
                typer.echo(f"  because: {step}")
            for m in f.missing:
                typer.echo(f"  missing: {m}")
            for c in f.citations:
                typer.echo(f"  cites: {c.label('en')} / {c.label('zh')}")
                article = law.instrument(c.instrument).articles.get(c.article or "")
                if article and article.text_zh and lang == "zh":
                    typer.echo("    " + article.text_zh.replace("\n", "\n    "))

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


def _fail_level(value: str | None) -> Status | None:
    if value is None:
        return None
    if value not in _FAIL_LEVELS:
        raise HeguiError(f"{value!r} is not one of {', '.join(_FAIL_LEVELS)}", field="--fail-on")
    return Status(value)


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
