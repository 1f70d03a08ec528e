"""Every translatable literal of the register's UI has a Simplified Chinese translation.

The msgids are read from the sources themselves (``ast`` for Python, a regex for templates), not
from the catalogue, so a message marked for translation but never added to ``django.po`` fails
here instead of showing up in English on a Chinese page. No gettext tools are needed: the compiled
``django.mo`` is committed and read with the standard library.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import hegui.web

WEB = Path(hegui.web.__file__).parent
CATALOGUE = WEB / "locale" / "zh_Hans" / "LC_MESSAGES"
# Names the sources use for gettext and friends, with the index of each msgid argument.
_SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
_PLURAL = {"ngettext", "ngettext_lazy"}
_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<id>.*?)(?P=q)""")
_BLOCK = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)\b(?P<opts>[^%]*)%}(?P<body>.*?)"
    r"(?:{%\s*plural\s*%}(?P<plural>.*?))?{%\s*(?:endblocktranslate|endblocktrans)\s*%}",
    re.S,
)
_VAR = re.compile(r"{{\s*(\w+)\s*}}")


# A message: its msgid, or (singular, plural) for a message with plural forms.
Msg = str | tuple[str, str]


def _python_msgids(path: Path) -> set[Msg]:
    """Literal msgids of gettext calls in one Python file."""
    found: set[Msg] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        # A non-literal argument (a variable) is translated where its text was marked.
        texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
        if name in _SINGULAR and texts and isinstance(texts[0], str):
            found.add(texts[0])
        elif name in _PLURAL and len(texts) == 2 and all(isinstance(t, str) for t in texts):
            found.add((texts[0], texts[1]))
    return found


def _block_msgid(body: str, opts: str) -> str:
    """The msgid Django builds from a blocktranslate body: {{ x }} becomes %(x)s."""
    text = body.replace("%", "%%")
    if "trimmed" in opts.split():
        text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return _VAR.sub(r"%(\1)s", text)


def _template_msgids(path: Path) -> set[Msg]:
    """Literal msgids of {% translate %} and {% blocktranslate %} in one template."""
    text = path.read_text(encoding="utf-8")
    found: set[Msg] = {m["id"] for m in _TAG.finditer(text)}
    for m in _BLOCK.finditer(text):
        singular = _block_msgid(m["body"], m["opts"])
        if m["plural"] is None:
            found.add(singular)
        else:
            found.add((singular, _block_msgid(m["plural"], m["opts"])))
    return found


def _source_msgids() -> dict[Msg, str]:
    """Every literal msgid of hegui/web, with one file that uses it."""
    where: dict[Msg, str] = {}
    for path in sorted(WEB.rglob("*.py")):
        if "migrations" not in path.parts:
            where.update(dict.fromkeys(_python_msgids(path) - where.keys(), str(path)))
    for path in sorted((WEB / "templates").rglob("*.html")):
        where.update(dict.fromkeys(_template_msgids(path) - where.keys(), str(path)))
    return where


def _translation(catalogue: gettext.GNUTranslations, msg: Msg) -> str:
    """The msgstr (the first plural form for a plural message); "" when absent."""
    key = (msg[0], 0) if isinstance(msg, tuple) else msg
    return str(catalogue._catalog.get(key, ""))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def catalogue() -> gettext.GNUTranslations:
    with (CATALOGUE / "django.mo").open("rb") as fh:
        return gettext.GNUTranslations(fh)


def test_the_walker_finds_messages_of_every_kind(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "_('a %(x)s')\ngettext_lazy('b')\nngettext('c', 'cs', n)\n_(name)\nprint('d')\n",
        encoding="utf-8",
    )
    assert _python_msgids(source) == {"a %(x)s", "b", ("c", "cs")}
    page = tmp_path / "p.html"
    page.write_text(
        "{% translate \"Save\" %} {% trans 'Undo' %} {% blocktranslate trimmed with n=x %}\n"
        "  {{ n }} left, 100%\n  now{% plural %}{{ n }} lefts{% endblocktranslate %}",
        encoding="utf-8",
    )
    assert _template_msgids(page) == {"Save", "Undo", ("%(n)s left, 100%% now", "%(n)s lefts")}


def test_every_marked_message_is_translated(catalogue: gettext.GNUTranslations) -> None:
    msgids = _source_msgids()
    assert len(msgids) > 250  # the walk reached the sources
    missing = sorted(
        f"{where.split('hegui/web/')[-1]}: {msg!r}"
        for msg, where in msgids.items()
        if msg and not _translation(catalogue, msg)
    )
    assert not missing, "untranslated (add to django.po, compile django.mo):\n" + "\n".join(missing)


def _chinese(client: Client) -> Client:
    """``client`` switched to the Chinese UI the way a user does (the language form)."""
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/o/acme/"})
    return client


@pytest.mark.django_db
def test_stale_edit_error_is_shown_in_chinese(world, records) -> None:
    from hegui.web.register.forms import FilingForm

    filing = records[0].filing
    url = reverse("register:filing", args=["acme", filing.pk])
    client = _chinese(world.client("editor"))
    opened = FilingForm.fingerprint_of(filing)
    filing.reference = "F-1"  # someone else saves in between (logged, so the actor is named)
    filing.save()
    from hegui.web.register.models import AuditEntry

    assert AuditEntry.objects.filter(model="register.filing", object_id=str(filing.pk)).exists()
    page = client.post(
        url,
        {
            "kind": filing.kind,
            "title": filing.title,
            "state": "submitted",
            "fingerprint": opened,
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "您打开此页面后" in html and "已于" in html and "请重新加载页面后再次编辑" in html
    assert "reload the page" not in html


@pytest.mark.django_db
def test_date_order_error_is_shown_in_chinese(world, records) -> None:
    client = _chinese(world.client("editor"))
    filing = records[0].filing
    page = client.post(
        reverse("register:filing", args=["acme", filing.pk]),
        {
            "kind": filing.kind,
            "title": filing.title,
            "state": filing.state,
            "submitted_on": "2026-11-30",
            "valid_until": "2026-11-01",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    # The field label inside the message is translated too (提交日期 = "submitted on").
    assert "不得早于“提交日期”（2026-11-30）" in html
    assert "must not be before" not in html


@pytest.mark.django_db
def test_upload_error_is_shown_in_chinese(world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _chinese(world.client("editor"))
    upload = SimpleUploadedFile("scan.json", b"[1, 2]", content_type="application/json")
    page = client.post(
        reverse("register:scans", args=["acme"]),
        {"kind": "table", "name": "crm", "file": upload},
    )
    assert "扫描结果须为 JSON 对象" in page.content.decode()


@pytest.mark.django_db
def test_charts_and_deadline_kinds_are_shown_in_chinese(world, records) -> None:
    client = _chinese(world.client("viewer"))
    profile = client.get(reverse("register:profile", args=["acme"])).content.decode()
    assert "数据流图" in profile and "数据集" in profile and "Data-flow map" not in profile
    calendar = client.get(reverse("register:calendar", args=["acme"])).content.decode()
    assert "<td>义务</td>" in calendar and "<td>obligation</td>" not in calendar
