"""``hegui mlps grade``: the GB/T 22240-2020 grading assistant.

Answers come from flags, from a YAML file (``--from``), or from interactive prompts for any
answer still missing. Prints the level with its reasoning; exit 2 on bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import click
import typer

from hegui.api import mlps_grade, mlps_questions
from hegui.cli.options import check_format, format_option
from hegui.law.yamlio import load_yaml
from hegui.rules.mlps_grading import GradingInputError, GradingResult, Question

_FORMATS = ("text", "json")


def _from_file(path: Path) -> dict[str, Any]:
    data = load_yaml(path, error=GradingInputError)
    if isinstance(data, dict) and isinstance(data.get("grading"), dict):
        data = data["grading"]  # accept a profile's mlps.systems[] entry as well
    if not isinstance(data, dict):
        raise GradingInputError(
            "expected a mapping with info_object, info_degree, service_object, service_degree",
            path=path,
            line=1,
        )
    return {str(k): v for k, v in data.items() if k != "system"}


def _ask(question: Question) -> str:
    typer.echo(f"\n{question.prompt.en} / {question.prompt.zh}")
    for i, opt in enumerate(question.options, start=1):
        typer.echo(f"  {i}) {opt.id}: {opt.title.en} / {opt.title.zh}")
    try:
        return str(typer.prompt(f"Choose 1-{len(question.options)}"))
    except (click.exceptions.Abort, typer.Abort):
        raise GradingInputError("no answer given (input ended)", field=question.field) from None


def _render(result: GradingResult) -> str:
    lines = ["MLPS grading (GB/T 22240-2020)"]
    for axis in (result.info, result.service):
        lines.append(
            f"  {axis.axis_title.en} / {axis.axis_title.zh}: {axis.object.title.en}, "
            f"{axis.degree.title.en} -> level {axis.level}"
        )
    lines.append(f"Level: {result.level_title.en} / {result.level_title.zh}")
    lines.append("Reasoning:")
    lines += [f"  - {r}" for r in result.reasoning]
    for caveat in result.needs_review:
        lines.append(f"Needs review: {caveat}")
    lines.append("Cites: " + "; ".join(c.label() for c in result.citations))
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add the ``mlps`` command group to ``app``."""
    group = typer.Typer(help="MLPS (网络安全等级保护): grading assistant.", no_args_is_help=True)

    @group.command("grade")
    def grade(
        info_object: str | None = typer.Option(
            None,
            "--info-object",
            help="Business information: object harmed (citizens | social_order | national_security)",
        ),
        info_degree: str | None = typer.Option(
            None,
            "--info-degree",
            help="Business information: degree of harm (general | serious | especially_serious)",
        ),
        service_object: str | None = typer.Option(
            None, "--service-object", help="System service: object harmed"
        ),
        service_degree: str | None = typer.Option(
            None, "--service-degree", help="System service: degree of harm"
        ),
        from_file: Path | None = typer.Option(
            None, "--from", help="YAML file with the four answers (or a grading: mapping)"
        ),
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
    ) -> None:
        """Grade a system: asks the questions that flags or --from do not answer."""
        check_format(fmt, _FORMATS)
        answers: dict[str, Any] = _from_file(from_file) if from_file else {}
        flags = {
            "info_object": info_object,
            "info_degree": info_degree,
            "service_object": service_object,
            "service_degree": service_degree,
        }
        answers.update({k: v for k, v in flags.items() if v is not None})
        for question in mlps_questions():
            if answers.get(question.field) in (None, ""):
                answers[question.field] = _ask(question)
        result = mlps_grade(answers)
        if fmt == "json":
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(_render(result))

    app.add_typer(group, name="mlps")
