"""``hegui digest``, ``hegui diff``, ``hegui feed`` and ``hegui developments``: a thin client of
:mod:`hegui.api` for regulatory developments."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from hegui import api
from hegui.cli.options import check_format, parse_date
from hegui.developments.loader import DATA_DIR
from hegui.developments.render import (
    diff_json,
    diff_text,
    digest_html,
    digest_json,
    digest_markdown,
)
from hegui.developments.scaffold import scaffold, write_scaffold
from hegui.errors import HeguiError

_DIGEST_FORMATS = ("markdown", "html", "json")
_DIFF_FORMATS = ("text", "json")


def _date(text: str, option: str) -> dt.date:
    day = parse_date(text, option)
    assert day is not None  # text is a str, so parse_date returns a date or raises
    return day


def _plain(value: object) -> str:
    """A record value as text: lists and mappings without Python's brackets and quotes."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _one_profile(positional: Path | None, option: Path | None) -> Path:
    # `hegui assess PROFILE` takes the profile as an argument; digest and diff accept it that way
    # too, keeping --profile/-p for the scripts and docs that use it.
    if positional is not None and option is not None and positional != option:
        raise HeguiError("give the profile once: as PROFILE or as --profile", field="--profile")
    found = positional or option
    if found is None:
        raise HeguiError("missing profile: give PROFILE or --profile", field="--profile")
    return found


_PROFILE_ARG = typer.Argument(
    None, metavar="PROFILE", help="Profile YAML file.", show_default=False
)
_PROFILE_OPT = typer.Option(None, "--profile", "-p", help="Profile YAML file (or give PROFILE).")


def register(app: typer.Typer) -> None:
    """Add ``digest``, ``diff``, ``feed`` and the ``developments`` group to ``app``."""

    @app.command("digest")
    def digest_cmd(
        profile_arg: Path | None = _PROFILE_ARG,
        profile: Path | None = _PROFILE_OPT,
        start: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)."),
        end: str = typer.Option(..., "--to", help="Last day of the period (YYYY-MM-DD)."),
        fmt: str = typer.Option("markdown", "--format", "-f", help="markdown | html | json"),
    ) -> None:
        """Which developments of a period apply to the organisation, why, and by when."""
        check_format(fmt, _DIGEST_FORMATS)
        prof = _one_profile(profile_arg, profile)
        result = api.digest(prof, _date(start, "--from"), _date(end, "--to"))
        render = {"markdown": digest_markdown, "html": digest_html, "json": digest_json}[fmt]
        typer.echo(render(result), nl=False)

    @app.command("diff")
    def diff_cmd(
        profile_arg: Path | None = _PROFILE_ARG,
        profile: Path | None = _PROFILE_OPT,
        start: str = typer.Option(..., "--from", help="Earlier as-of date (YYYY-MM-DD)."),
        end: str = typer.Option(..., "--to", help="Later as-of date (YYYY-MM-DD)."),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    ) -> None:
        """Obligations that appear, disappear or change between two dates, with their causes."""
        check_format(fmt, _DIFF_FORMATS)
        prof = _one_profile(profile_arg, profile)
        result = api.law_diff(prof, _date(start, "--from"), _date(end, "--to"))
        typer.echo((diff_json if fmt == "json" else diff_text)(result), nl=False)

    @app.command("feed")
    def feed_cmd(
        atom: bool = typer.Option(False, "--atom", help="Atom 1.0 feed."),
        as_json: bool = typer.Option(False, "--json", help="JSON Feed 1.1."),
        profile: Path | None = typer.Option(
            None, "--profile", "-p", help="Only what applies to this profile, with reasons."
        ),
        start: str | None = typer.Option(None, "--from", help="First publication date."),
        end: str | None = typer.Option(None, "--to", help="Last publication date."),
    ) -> None:
        """A feed of developments (or of a profile's digest) to subscribe to."""
        if atom == as_json:
            raise HeguiError("give exactly one of --atom or --json", field="--atom/--json")
        typer.echo(
            api.developments_feed(
                "atom" if atom else "json",
                profile=profile,
                start=_date(start, "--from") if start else None,
                end=_date(end, "--to") if end else None,
            ),
            nl=False,
        )

    group = typer.Typer(help="Regulatory developments as data.", no_args_is_help=True)

    @group.command("list")
    def list_cmd(
        fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    ) -> None:
        """Every bundled development, by date."""
        check_format(fmt, _DIFF_FORMATS)
        devs = api.list_developments()
        if fmt == "json":
            typer.echo(json.dumps([d.to_dict() for d in devs], ensure_ascii=False, indent=2))
            return
        for d in devs:
            typer.echo(f"{d.date}  {d.id:<45} {d.kind:<24} {d.status:<18} {d.instrument.en}")

    @group.command("show")
    def show_cmd(
        dev_id: str = typer.Argument(..., metavar="ID", help="Development id."),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    ) -> None:
        """One development in full."""
        check_format(fmt, _DIFF_FORMATS)
        found = [d for d in api.list_developments() if d.id == dev_id]
        if not found:
            raise HeguiError(f"no development with id {dev_id!r}", field="ID")
        data = found[0].to_dict()
        if fmt == "json":
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for key, value in data.items():
            if isinstance(value, dict) and {"zh", "en"} <= set(value):
                typer.echo(f"{key}: {value['en']}\n    {value['zh']}")
            elif value not in (None, [], {}):
                typer.echo(f"{key}: {_plain(value)}")

    @group.command("validate")
    def validate_cmd(
        path: Path | None = typer.Argument(
            None, help="A record, a month folder or a data directory (default: bundled data)."
        ),
    ) -> None:
        """Check records (keys, dates, ids, law references, sectors, rule ids); exit 2 on error."""
        from hegui.developments.loader import load_developments
        from hegui.developments.parse import RecordErrors

        try:
            devs = load_developments(path, check_rules=True)
        except RecordErrors as exc:
            # Name every blank or bad key of the record, top to bottom, then fail (exit 2).
            if len(exc.problems) == 1:
                raise
            for problem in exc.problems:
                typer.echo(f"error: {problem}", err=True)
            first = exc.problems[0]
            raise HeguiError(
                f"{len(exc.problems)} problems in this record (listed above)", path=first.path
            ) from None
        if not devs:
            where = path if path is not None else DATA_DIR
            raise HeguiError(
                "no development records found (expected <yyyy-mm>/<id>.yaml files)", path=where
            )
        typer.echo(f"{len(devs)} development record(s) valid.")

    @group.command("new")
    def new_cmd(
        dev_id: str = typer.Option(..., "--id", help="New id (lower_snake)."),
        date: str = typer.Option(..., "--date", help="Publication date (YYYY-MM-DD)."),
        write: bool = typer.Option(
            False, "--write", help="Write it under --dir/<yyyy-mm>/<id>.yaml instead of printing."
        ),
        data_dir: Path = typer.Option(DATA_DIR, "--dir", help="Data directory for --write."),
    ) -> None:
        """Scaffold a record; `validate` then names every blank still to fill in."""
        day = _date(date, "--date")
        if write:
            if data_dir.exists() and not data_dir.is_dir():
                raise HeguiError(
                    "is not a directory: give the data directory to write under", path=data_dir
                )
            typer.echo(str(write_scaffold(dev_id, day, data_dir)))
        else:
            typer.echo(scaffold(dev_id, day), nl=False)

    app.add_typer(group, name="developments")
