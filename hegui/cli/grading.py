"""``hegui grading`` (dataset grades with reasons and duties) and ``hegui dsr`` (request deadlines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hegui import api
from hegui.cli.options import AsOf, Output, check_format, format_option, parse_date, write_or_print

_FORMATS = ("text", "json")


def register(app: typer.Typer) -> None:
    """Add ``grading`` and ``dsr`` to ``app``."""

    @app.command()
    def grading(
        profile: Annotated[Path, typer.Argument(help="Organisation profile (YAML)")],
        as_of: AsOf = None,
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
        output: Output = None,
    ) -> None:
        """Grade every dataset core / important / general (GB/T 43697-2024) with reasons and duties."""
        check_format(fmt, _FORMATS)
        rows = api.grading_table(profile, parse_date(as_of))
        if fmt == "json":
            text = json.dumps(
                [r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2
            )
        else:
            lines = []
            for r in rows:
                sub = f" (sub-level {r.general_sublevel})" if r.general_sublevel else ""
                flag = " [provisional]" if r.provisional else ""
                lines.append(f"{r.dataset}: {r.grade}{sub}{flag} - {r.scheme}")
                lines += [f"    reason: {reason}" for reason in r.reasons]
                if r.duties:
                    lines.append(f"    duties: {', '.join(r.duties)}")
                lines += [f"    missing: {m}" for m in r.missing]
                if r.citations:
                    lines.append(f"    cites: {'; '.join(c.label() for c in r.citations)}")
            text = "\n".join(lines) + "\n"
        write_or_print(text, output)

    @app.command()
    def dsr(
        profile: Annotated[Path, typer.Argument(help="Organisation profile (YAML) with rights:")],
        as_of: AsOf = None,
        fmt: Annotated[str, format_option(_FORMATS)] = "text",
        output: Output = None,
    ) -> None:
        """List logged data-subject requests with their deadline and status."""
        check_format(fmt, _FORMATS)
        day = parse_date(as_of)
        # Requests received after the as-of date did not exist yet then.
        prof = api.profile_as_of(api.load_profile(profile), day)
        requests = prof.rights.requests if prof.rights else []
        items = [api.request_deadline(r, prof, day) for r in requests]
        if fmt == "json":
            text = json.dumps(
                [d.model_dump(mode="json") for d in items], ensure_ascii=False, indent=2
            )
        else:
            lines = []
            for d in items:
                due = d.due.isoformat() if d.due else "-"
                approx = " (approximate)" if d.due_approximate else ""
                extra = (
                    " - deemed refused: lawsuit possible (PIPL Art. 50)" if d.deemed_refused else ""
                )
                lines.append(f"{d.request} {d.type}: {d.status}, due {due}{approx}{extra}")
            text = "\n".join(lines or ["no requests logged (rights.requests)"]) + "\n"
        write_or_print(text, output)
