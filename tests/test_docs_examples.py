"""The commands shown in the docs work as written.

Every ``hegui`` line of the ```sh and ```console blocks of the pages below is run, in order, from a
temporary copy of ``examples/`` (commands that write files write there). ``[optional]`` parts of a
usage line are dropped; ``> FILE`` redirects stdout. A command must exit 0, or 1 when it carries
``--fail-on``. In ```console blocks the output shown under ``$ hegui ...`` must be the real output.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from hegui.cli import main

ROOT = Path(__file__).parents[1]
PAGES = [
    "README.md",
    "docs/assess.md",
    "docs/calendar.md",
    "docs/law-data.md",
    "docs/profile.md",
    "docs/app-scanning.md",
    "docs/incidents.md",
]
# Commands that need a server or the network are documented but not run here.
NOT_RUN = ("hegui serve",)

_FENCE = re.compile(r"^```(\w*)\s*$")
_OPTIONAL = re.compile(r"\[[^\[\]]*\]")


@dataclass
class Example:
    line: int
    command: str
    expected: list[str] | None  # output shown under a ``$`` line of a console block


def examples(page: str) -> list[Example]:
    """The runnable ``hegui`` commands of a page, with the output shown for console examples."""
    out: list[Example] = []
    lang: str | None = None
    current: Example | None = None
    for no, raw in enumerate((ROOT / page).read_text(encoding="utf-8").splitlines(), start=1):
        fence = _FENCE.match(raw)
        if fence:
            lang = (fence.group(1) or "text") if lang is None else None
            current = None
            continue
        if lang not in ("sh", "console"):
            continue
        text = raw.strip()
        if lang == "console" and not text.startswith("$ "):
            if current is not None and current.expected is not None:
                current.expected.append(raw.rstrip())
            continue
        text = text.removeprefix("$ ").removeprefix(".venv/bin/")
        if not text.startswith("hegui ") or text.startswith(NOT_RUN):
            current = None
            continue
        current = Example(no, text, [] if lang == "console" else None)
        out.append(current)
    return out


def _argv(command: str) -> tuple[list[str], str | None]:
    """Drop ``[optional]`` parts and comments; split off a ``> FILE`` redirect."""
    while _OPTIONAL.search(command):
        command = _OPTIONAL.sub("", command)
    words = shlex.split(command, comments=True)[1:]
    if ">" in words:
        i = words.index(">")
        return words[:i], words[i + 1]
    return words, None


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", PAGES)
def test_page_has_examples(page: str) -> None:
    assert examples(page), f"{page}: no hegui commands found in its ```sh/```console blocks"


@pytest.mark.parametrize("page", PAGES)
def test_documented_commands_work_as_written(
    page: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failures = []
    for ex in examples(page):
        argv, redirect = _argv(ex.command)
        with pytest.raises(SystemExit) as info:
            main(argv)
        code = int(info.value.code or 0)
        out, err = capsys.readouterr()
        allowed = {0, 1} if "--fail-on" in argv else {0}
        if code not in allowed:
            failures.append(f"{page}:{ex.line}: `{ex.command}` exited {code}: {err.strip()}")
            continue
        if redirect:
            (workspace / redirect).write_text(out, encoding="utf-8")
        if ex.expected is not None:
            shown = "\n".join(ex.expected).strip()
            if shown != out.strip():
                failures.append(f"{page}:{ex.line}: `{ex.command}` printed\n{out}\nnot\n{shown}")
    assert not failures, "\n".join(failures)


def test_redirected_output_is_what_the_page_says(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``hegui schema > profile.schema.json`` (docs/profile.md) writes a JSON Schema."""
    import json

    argv, redirect = _argv("hegui schema > profile.schema.json")
    assert (argv, redirect) == (["schema"], "profile.schema.json")
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code in (0, None)
    schema = json.loads(capsys.readouterr().out)
    assert "properties" in schema and "entities" in schema["properties"]
