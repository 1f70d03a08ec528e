"""Commands of the compliance register: serve, createuser, register export/import/load-example,
audit verify. Django is set up lazily so the rest of the CLI does not need it installed.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from hegui.cli.options import AsOf, parse_date
from hegui.errors import HeguiError

if TYPE_CHECKING:
    from hegui.web.register.models import Assessment

register_app = typer.Typer(help="The compliance register's data: backup, restore, example.")
audit_app = typer.Typer(help="The register's hash-chained audit log.")


def _django(migrate: bool = False) -> None:
    """Set up Django with the register settings (and bring the database schema up to date)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hegui.web.settings")
    try:
        import django
    except ImportError as exc:  # pragma: no cover - depends on the install extras
        raise HeguiError("the register needs the 'web' extra: pip install 'hegui[web]'") from exc
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (localhost by default)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on (1-65535)."),
) -> None:
    """Apply database migrations, then run the register at http://HOST:PORT/."""
    _django(migrate=True)
    from django.core.management import call_command

    typer.echo(f"hegui register: http://{host}:{port}/  (Ctrl-C to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)


def createuser(
    username: str = typer.Argument(..., help="Login name."),
    org: str | None = typer.Option(None, help="Organisation slug to join (created if missing)."),
    role: str = typer.Option("viewer", help="Role in --org: viewer, editor or admin."),
    superuser: bool = typer.Option(False, help="May use the Django admin (/admin/)."),
    token: str | None = typer.Option(None, help="Also issue an API token with this name."),
    password_env: str = typer.Option(
        "HEGUI_PASSWORD", help="Read the password from this environment variable if set."
    ),
) -> None:
    """Create a user (or update the password and role of an existing one)."""
    _django(migrate=True)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from hegui.web.accounts.models import ROLE_VALUES, ApiToken, Membership
    from hegui.web.register.audit import actor_context
    from hegui.web.register.models import Organisation

    if role not in ROLE_VALUES:
        raise HeguiError(f"unknown role {role!r}; use viewer, editor or admin", field="role")
    _check_username(username, field="username")
    if org is not None:
        _check_slug(org, field="org")
    password = os.environ.get(password_env) or _prompt_password(password_env)
    # Validated against the user (new or existing), so the similarity check sees its attributes.
    existing = get_user_model().objects.filter(username=username).first()
    try:
        validate_password(password, user=existing or get_user_model()(username=username))
    except ValidationError as exc:
        raise HeguiError("; ".join(exc.messages), field="password") from exc
    with actor_context("cli:createuser"), transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        user.is_staff = user.is_superuser = superuser or user.is_superuser
        user.save()
        if org:
            organisation, _ = Organisation.objects.get_or_create(slug=org, defaults={"name": org})
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
        typer.echo(f"{'created' if created else 'updated'} user {username}")
        if token:
            _, key = ApiToken.issue(user, token)
            typer.echo(f"API token (shown once): {key}")


@register_app.command("export")
def export_cmd(file: Path = typer.Argument(..., help="Backup file to write (JSON).")) -> None:
    """Write a full backup: users, roles, tokens, every record, evidence and the audit log."""
    if file.is_dir():
        raise HeguiError("is a directory: give the name of the backup file to write", path=file)
    _django(migrate=True)
    from hegui.web.register import backup

    count = backup.export_file(file)
    typer.echo(f"exported {count} objects to {file}")


@register_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="Backup file written by 'hegui register export'."),
    replace: bool = typer.Option(False, help="Wipe a non-empty register first."),
) -> None:
    """Restore a full backup into an empty register and verify its audit log."""
    _django(migrate=True)
    from hegui.web.register import backup

    count = backup.import_file(file, replace=replace)
    typer.echo(f"restored {count} objects from {file}; audit log verified")


@register_app.command("load-example")
def load_example(
    profile: Path = typer.Argument(Path("examples/acme/profile.yaml"), help="Profile YAML."),
    slug: str = typer.Option("acme", help="Organisation slug."),
    as_of: AsOf = None,
    user: str = typer.Option("demo", help="Demo admin user to create if missing."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port shown in the printed URL."),
) -> None:
    """Load an example organisation into the register, assess it, and print where to look."""
    day = parse_date(as_of)
    _django(migrate=True)
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from hegui.web.accounts.models import Membership, Role
    from hegui.web.register import services
    from hegui.web.register.audit import actor_context
    from hegui.web.register.models import Organisation

    _check_slug(slug, field="slug")
    _check_username(user, field="user")
    text = services.flatten_profile_file(profile)
    with actor_context("cli:load-example"), transaction.atomic():
        name = _profile_name(text) or slug
        org, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
        current = org.current_profile()
        if current is None or current.yaml_text != text:
            services.save_profile(org, text, note=f"loaded from {profile}", actor="cli")
        done = services.run_assessment(org, as_of=day, actor="cli")
        typer.echo(f"assessment #{done.pk}: {len(done.findings)} findings")
        users = get_user_model().objects
        password = None
        if not users.filter(username=user).exists():
            password = secrets.token_urlsafe(12)
            users.create_user(username=user, password=password)
        Membership.objects.get_or_create(
            user=users.get(username=user), organisation=org, defaults={"role": Role.ADMIN}
        )
    typer.echo(f"register: http://127.0.0.1:{port}/o/{slug}/  (start it with: hegui serve)")
    if password:
        typer.echo(f"log in as {user} with password {password}")


@register_app.command("assess")
def assess_cmd(
    slug: str = typer.Argument(..., help="Organisation slug in the register."),
    profile: Annotated[
        Path | None,
        typer.Option("--profile", "-p", help="Save this profile as a new version first."),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Assess an organisation's current profile and store the result in the register."""
    done = assess_in_register(slug, profile, parse_date(as_of), actor="cli:register-assess")
    echo_stored(slug, done)


def assess_in_register(
    slug: str, profile: Path | None, as_of: dt.date | None, *, actor: str
) -> Assessment:
    """Store ``profile`` (if given) as a new version of organisation ``slug``, assess, store.

    The one code path behind ``hegui register assess`` and ``hegui assess --save``. The profile
    is read before the slug is looked up, so a bad file is reported as such.
    """
    _django(migrate=True)
    from django.db import transaction

    from hegui.web.register import services
    from hegui.web.register.audit import actor_context
    from hegui.web.register.models import Organisation

    text = services.flatten_profile_file(profile) if profile is not None else None
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise HeguiError(
            f"no organisation {slug!r} in the register (create it with "
            "'hegui register load-example' or 'hegui createuser --org')",
            field="slug",
        )
    with actor_context(actor), transaction.atomic():
        if text is not None:
            services.save_profile(org, text, note=f"from {profile}", actor="cli")
        return services.run_assessment(org, as_of=as_of, actor="cli")


def echo_stored(slug: str, done: Assessment, *, err: bool = False) -> None:
    """Print one line about a stored assessment: its number, date and finding counts."""
    from hegui.web.register import services

    open_count = sum(1 for f in done.findings if services.is_open(f["status"]))
    typer.echo(
        f"assessment #{done.pk} of {slug} as of {done.as_of}: "
        f"{len(done.findings)} findings, {open_count} open",
        err=err,
    )


def _check_slug(slug: str, *, field: str) -> None:
    """Refuse an organisation slug the register's URLs and database could not hold."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug

    from hegui.web.register.models import Organisation

    limit = Organisation._meta.get_field("slug").max_length or 0
    try:
        validate_slug(slug)
    except ValidationError:
        raise HeguiError(
            f"invalid organisation slug {slug!r}: use only ASCII letters, digits, '-' and '_'",
            field=field,
        ) from None
    if len(slug) > limit:
        raise HeguiError(
            f"organisation slug is {len(slug)} characters long; at most {limit} are allowed",
            field=field,
        )


def _check_username(name: str, *, field: str) -> None:
    """Refuse a user name Django's own forms would refuse (empty, too long, bad characters)."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    model: Any = get_user_model()
    limit = model._meta.get_field(model.USERNAME_FIELD).max_length
    if not name.strip():
        raise HeguiError("the user name is empty", field=field)
    if len(name) > limit:
        raise HeguiError(
            f"user name is {len(name)} characters long; at most {limit} are allowed", field=field
        )
    try:
        model.username_validator(name)
    except ValidationError as exc:
        raise HeguiError(
            f"invalid user name {name!r}: {' '.join(exc.messages)}", field=field
        ) from None


def _prompt_password(env: str) -> str:
    try:
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    except (typer.Abort, click.exceptions.Abort, EOFError):
        # Input ended (a script, a pipe) or Ctrl-C: say where a password can come from instead
        # of click's bare "Aborted!" with exit 1.
        raise HeguiError(
            f"no password given: set the environment variable {env} "
            "(or name another one with --password-env) or type it at the prompt",
            field="password",
        ) from None


def _profile_name(text: str) -> str | None:
    import yaml

    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    org = data.get("organisation") if isinstance(data, dict) else None
    if isinstance(org, dict):
        org = org.get("name")
    return str(org)[:200] if org else None


@audit_app.command("head")
def head_cmd() -> None:
    """Print the newest entry as SEQ:HASH: record it outside the database as an anchor."""
    _django(migrate=True)
    from hegui.web.register import audit

    anchor = audit.head()
    if anchor is None:
        raise HeguiError("the audit log is empty: nothing to anchor yet")
    typer.echo(str(anchor))


@audit_app.command("verify")
def verify_cmd(
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            help="SEQ:HASH printed earlier by 'hegui audit head' (repeatable): that entry must "
            "still be there, unchanged."
        ),
    ] = None,
    data: bool = typer.Option(
        False,
        "--data",
        help="Also compare every row with its newest snapshot in the log (changes made "
        "outside hegui) and evidence bytes with their SHA-256.",
    ),
) -> None:
    """Check the audit log's hash chain (and anchors); exit 1 naming the first problem."""
    from hegui.web.register.audit import Anchor

    anchors = [Anchor.parse(text) for text in anchor or []]
    _django(migrate=True)
    from hegui.web.register import audit, audit_data

    result = audit.verify(anchors)
    if not result.ok:
        typer.echo(
            f"audit log TAMPERED after {result.checked} good entries: {result.problem}", err=True
        )
        raise typer.Exit(1)
    checked = f", {len(anchors)} anchor(s) match" if anchors else ""
    typer.echo(f"audit log OK: {result.checked} entries, chain intact{checked}")
    if data:
        rows = audit_data.check_data()
        for problem in rows.problems:
            typer.echo(f"DATA CHANGED OUTSIDE HEGUI: {problem}", err=True)
        if not rows.ok:
            raise typer.Exit(1)
        typer.echo(f"data OK: {rows.checked} rows match their newest logged snapshot")


def register(app: typer.Typer) -> None:
    """Add the register commands to the ``hegui`` CLI."""
    app.command("serve")(serve)
    app.command("createuser")(createuser)
    app.add_typer(register_app, name="register")
    app.add_typer(audit_app, name="audit")
