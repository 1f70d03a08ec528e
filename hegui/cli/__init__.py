"""The ``hegui`` command line: a thin client of :mod:`hegui.api`.

Each command group lives in its own module with a ``register(app)`` function; this keeps the CLI
small per file and lets each capability own its commands. Exit codes: 0 clean, 1 findings at or
above ``--fail-on``, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import sys

import typer

from hegui.errors import HeguiError

# Named ``root`` (not ``app``) because a submodule ``hegui.cli.app`` would shadow an ``app`` global.
root = typer.Typer(
    name="hegui",
    help="hegui (合规): China cybersecurity and data-protection compliance as code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from hegui import __version__

        typer.echo(f"hegui {__version__}")
        raise typer.Exit()


@root.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_version, help="Print the version and exit."
    ),
) -> None:
    """hegui (合规): China cybersecurity and data-protection compliance as code."""


# Command modules, each exposing ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: list[str] = [
    "hegui.cli.core",
    "hegui.cli.law",
    "hegui.cli.apps",
    "hegui.cli.calendar",
    "hegui.cli.grading",
    "hegui.cli.mlps",
    "hegui.cli.developments",
    "hegui.cli.scan",
    "hegui.cli.web",
    "hegui.cli.incident",
]


_registered_on: list[typer.Typer] = []


def _register_all() -> None:
    """Register every command module on ``root`` once (main() may run many times in tests)."""
    if root in _registered_on:
        return
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(root)
    _registered_on.append(root)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    _register_all()
    try:
        root(args=argv, standalone_mode=True)
    except HeguiError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        # Safety net: a path the user gave cannot be read or written (a directory, a file where a
        # folder belongs, no permission) is an input error, not a crash with a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or exc}", err=True)
        sys.exit(2)
