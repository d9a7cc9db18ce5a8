"""`flask import FILE`: the web import's preview on the command line, and with --apply the import itself."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click
from flask.cli import with_appcontext

from tracker.audit.actor import acting_as
from tracker.auth.services import user_by_email
from tracker.extensions import db
from tracker.transfer.cells import CHANGED, ERROR, NEW, UNCHANGED
from tracker.transfer.plan import PreviewChanged, apply, preview
from tracker.transfer.reading import FileProblem

# The system acting without a user (as the seed does): every record may be changed, audited as nobody.
SYSTEM = SimpleNamespace(id=None, role="admin", is_authenticated=True, administration_id=None, organisation_id=None)


def _fail(message: str) -> None:
    db.session.rollback()
    click.echo(message, err=True)
    raise click.exceptions.Exit(1)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--apply", "do_apply", is_flag=True, help="Gem ændringerne (uden: kun forhåndsvisning).")
@click.option("--as", "email", default=None, help="Importér som denne bruger (med dennes rettigheder).")
@with_appcontext
def import_command(file: Path, do_apply: bool, email: str | None) -> None:
    """Indlæs indsatser eller logposter fra en Excel- eller CSV-fil i Tværs' format."""
    user = SYSTEM
    if email:
        user = user_by_email(email)
        if user is None or not user.is_active:
            _fail(f"Intet blev gemt: der findes ingen aktiv bruger med e-mail {email}.")
    data = file.read_bytes()
    try:
        with acting_as(user.id):
            plan = apply(file.name, data, user, None, author=user if email else None) if do_apply \
                else preview(file.name, data, user)
    except FileProblem as problem:
        _fail(f"Intet blev gemt: {problem.message}")
    except PreviewChanged as changed:
        plan = changed.plan
    for row in plan.rows:
        if row.status in (NEW, CHANGED):
            what = "ny" if row.status == NEW else "ændret"
            details = "; ".join(f"{c.header}: {c.old} → {c.new}" for c in row.changes)
            click.echo(f"Række {row.number}: {what}: {row.label[:80]}{' (' + details + ')' if details else ''}")
        for problem in row.problems:
            click.echo(f"Række {row.number}, kolonne »{problem.header}«: {problem.message}", err=True)
    summary = (f"{plan.count(NEW)} nye, {plan.count(CHANGED)} ændrede, {plan.count(UNCHANGED)} uændrede, "
               f"{plan.count(ERROR)} med fejl.")
    if plan.problems:
        _fail(f"Intet blev gemt: {summary}")
    if do_apply:
        db.session.commit()
        click.echo(f"Gemt: {summary}")
    else:
        db.session.rollback()
        click.echo(f"Forhåndsvisning (intet er gemt; brug --apply): {summary}")
