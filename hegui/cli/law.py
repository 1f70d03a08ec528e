"""``hegui law``: browse and check the law data (instruments, articles, dated parameters)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from hegui import api
from hegui.cli.options import AsOf, check_format, format_option, parse_date
from hegui.errors import HeguiError

_TEXT_JSON = ("text", "json")


def register(app: typer.Typer) -> None:
    law_app = typer.Typer(help="Browse and check the law data.", no_args_is_help=True)
    app.add_typer(law_app, name="law")

    @law_app.command("instruments")
    def instruments(
        as_of: AsOf = None,
        fmt: Annotated[str, format_option(_TEXT_JSON)] = "text",
    ) -> None:
        """List the instruments hegui encodes, with status and dates."""
        check_format(fmt, _TEXT_JSON)
        law = api.get_law()
        day = parse_date(as_of) or api.today_in_china()
        rows = []
        for inst in sorted(law.instruments.values(), key=lambda i: i.id):
            state = (
                "in force"
                if inst.in_force(day)
                else ("draft" if inst.status == "draft" else "not in force")
            )
            rows.append((inst, state))
        if fmt == "json":
            data = [
                {
                    "id": inst.id,
                    "state": state,
                    "status": inst.status,
                    "kind": inst.kind,
                    "effective": inst.effective.isoformat() if inst.effective else None,
                    "repealed": inst.repealed.isoformat() if inst.repealed else None,
                    "short": {"en": inst.short.en, "zh": inst.short.zh},
                    "name": {"en": inst.name.en, "zh": inst.name.zh},
                    "source": inst.source,
                }
                for inst, state in rows
            ]
            typer.echo(
                json.dumps(
                    {"as_of": day.isoformat(), "instruments": data}, ensure_ascii=False, indent=2
                )
            )
            return
        for inst, state in rows:
            eff = inst.effective.isoformat() if inst.effective else "-"
            typer.echo(
                f"{inst.id:40} {state:13} effective {eff}  {inst.short.en} / {inst.short.zh}"
            )

    @law_app.command("show")
    def show(
        instrument: Annotated[str, typer.Argument(help="Instrument id, e.g. pipl")],
        article: Annotated[str | None, typer.Argument(help="Article, e.g. 39")] = None,
    ) -> None:
        """Show an instrument, or one article with its official text."""
        law = api.get_law()
        inst = law.instrument(instrument)
        if article is None:
            typer.echo(f"{inst.name.zh}\n{inst.name.en}")
            typer.echo(
                f"issuer: {inst.issuer.en} / {inst.issuer.zh}; kind {inst.kind}; status {inst.status}"
            )
            typer.echo(
                f"promulgated {inst.promulgated}; effective {inst.effective}; source {inst.source}"
            )
            if inst.notes:
                typer.echo(f"notes: {inst.notes}")
            typer.echo(f"articles encoded: {', '.join(sorted(inst.articles, key=_article_key))}")
            return
        citation = law.cite(instrument, article)
        art = inst.articles[citation.article or ""]
        typer.echo(f"{citation.label('en')} / {citation.label('zh')}")
        if art.title:
            typer.echo(f"{art.title.en} / {art.title.zh}")
        if art.text_zh:
            typer.echo(art.text_zh)
        if art.summary_en:
            typer.echo(art.summary_en)
        if art.needs_review:
            typer.echo(f"needs review: {art.needs_review}")

    @law_app.command("param")
    def param(
        parameter: Annotated[
            str, typer.Argument(help="Parameter id, e.g. cross_border.sa_threshold_pi")
        ],
        fmt: Annotated[str, format_option(_TEXT_JSON)] = "text",
    ) -> None:
        """Show a parameter's dated values and their citations."""
        check_format(fmt, _TEXT_JSON)
        law = api.get_law()
        if parameter not in law.parameters:
            raise HeguiError(f"unknown parameter {parameter!r}", field="PARAMETER")
        p = law.parameters[parameter]
        rows: list[dict[str, Any]] = []
        for date, value in zip(p.dates, p.values, strict=True):
            v = law.parameter_or_none(parameter, date)
            rows.append(
                {
                    "from": date.isoformat(),
                    "value": None if value is None else value.value,
                    "citations": [c.label() for c in v.citations] if v else [],
                    "needs_review": value.needs_review if value else None,
                    "proposed": v.proposed if v else False,
                }
            )
        if fmt == "json":
            typer.echo(
                json.dumps(
                    {"id": p.id, "unit": p.unit, "values": rows},
                    ensure_ascii=False,
                    indent=2,
                    default=str,
                )
            )
            return
        typer.echo(f"{p.id} ({p.unit}): {p.description.en} / {p.description.zh}")
        for r in rows:
            extra = " [proposed]" if r["proposed"] else ""
            extra += f" [needs review: {r['needs_review']}]" if r["needs_review"] else ""
            typer.echo(
                f"  from {r['from']}: {r['value']}  — {'; '.join(r['citations']) or 'ends'}{extra}"
            )

    @law_app.command("check")
    def check(
        directory: Annotated[
            Path | None, typer.Argument(help="A law data directory (default: the bundled one)")
        ] = None,
    ) -> None:
        """Validate a law data directory: every file, key, date and citation."""
        from hegui.law.loader import DATA_DIR, Law

        if directory is not None and not (directory / "instruments").is_dir():
            raise HeguiError(
                "not a law data directory (no instruments/ folder in it)", path=directory
            )
        law = Law.from_directory(directory or DATA_DIR)
        typer.echo(
            f"ok: {len(law.instruments)} instruments, {len(law.parameters)} parameters, "
            f"{len(law.mappings)} mappings"
        )


def _article_key(key: str) -> tuple[int, str]:
    head = "".join(ch for ch in key if ch.isdigit())
    return (int(head) if head and key[0].isdigit() else 10**6, key)
