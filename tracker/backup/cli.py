"""`flask --app tracker backup create|restore FILE`: the whole database to one file and back."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale, format_decimal, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError

from tracker.backup.services import BackupError, create_backup, restore_backup
from tracker.core.errors import render_message

backup_group = AppGroup("backup", help="Sikkerhedskopier af hele databasen.")


def _refuse(error: BackupError | OperationalError) -> None:
    if isinstance(error, OperationalError):
        error = BackupError(_l("Databasen kunne ikke nås, og intet blev ændret: %(error)s",
                               error=str(error.orig).strip()))
    click.echo(error.message, err=True)
    raise click.exceptions.Exit(1)


@backup_group.command("create")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overskriv FILE, hvis den findes.")
def create_command(file: Path, force: bool) -> None:
    """Gem hele databasen i FILE (PostgreSQL: pg_dump i custom-format; SQLite: en kopi af databasen)."""
    try:
        backup = create_backup(file, force=force)
    except (BackupError, OperationalError) as error:
        _refuse(error)
    # The command line has no request to choose a language from: Danish, the default, as render_message does.
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "da")):
        click.echo(gettext("Sikkerhedskopi gemt i %(path)s (%(size)s bytes, skemaversion %(revision)s).",
                           path=str(backup.path), size=format_decimal(backup.size), revision=backup.revision))


@backup_group.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Erstat indholdet, også når databasen ikke er tom.")
def restore_command(file: Path, force: bool) -> None:
    """Erstat hele databasen med sikkerhedskopien i FILE; en database med indhold kun med --force."""
    try:
        restored = restore_backup(file, force=force)
    except (BackupError, OperationalError) as error:
        _refuse(error)
    click.echo(render_message(_l("Gendannet fra %(path)s: databasen har nu skemaversion %(revision)s.",
                                 path=str(restored.path), revision=restored.revision)))
    if restored.needs_upgrade:
        click.echo(render_message(_l(
            "Sikkerhedskopien har en ældre skemaversion end koden (%(code)s). Kør 'flask --app tracker db "
            "upgrade', før appen startes.", code=", ".join(restored.code_revisions))))
