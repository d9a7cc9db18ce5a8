"""Command-line tools: seed, synth and users. Each command commits once at the end; services only flush."""
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from flask_babel import lazy_gettext as _l

from tracker.auth.services import create_user, normalise_email, set_user_password, user_by_email
from tracker.backup.cli import backup_group
from tracker.core.errors import ValidationError, render_message
from tracker.extensions import db
from tracker.overlaps.cli import overlaps_group
from tracker.search.cli import search_group
from tracker.search.index import rebuild as rebuild_search_index
from tracker.seeding import SeedError, default_seed_files, load_seed
from tracker.seeding.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts
from tracker.seeding.synth import MODES, synthesise
from tracker.transfer.cli import import_command

SUMMARY_LABELS = (
    ("administrations", "forvaltninger"), ("policy_areas", "indsatsområder"), ("themes", "temaer"),
    ("areas", "områder"), ("places", "steder"), ("organisations", "organisationer"),
    ("plans", "udviklingsplaner"), ("bodies", "samarbejdsorganer"), ("memberships", "pladser"),
    ("meetings", "møder"), ("initiatives", "indsatser"), ("key_figures", "nøgletal"), ("entries", "logposter"),
)


def _fail(message: str) -> None:
    db.session.rollback()
    click.echo(message, err=True)
    raise click.exceptions.Exit(1)


@click.command("seed")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--demo", is_flag=True, help="Opret også demo-konti (aldrig i produktion).")
@with_appcontext
def seed_command(files: tuple[Path, ...], demo: bool) -> None:
    """Indlæs seed-filer (uden FILE: alle seed/*.yaml i navneorden) i én transaktion."""
    if demo and current_app.config["TRACKER_ENV"] == "production":
        _fail("Afvist: demo-konti oprettes ikke, når TRACKER_ENV=production.")
    paths = list(files) or default_seed_files()
    if not paths:
        _fail("Ingen seed-filer fundet.")
    try:
        counts = load_seed(paths)
        accounts = ensure_demo_accounts() if demo else []
        rebuild_search_index(moves_token=False)  # seeding again changes nothing, the change token included
    except SeedError as error:
        _fail("Intet blev gemt:\n" + "\n".join(error.messages))
    except ValidationError as error:
        _fail(f"Intet blev gemt: {error.field}: {error.message}")
    db.session.commit()
    summary = ", ".join(f"{counts[key]} {label}" for key, label in SUMMARY_LABELS if counts[key])
    click.echo(f"Indlæst {len(paths)} fil(er): {summary or 'ingen poster'}.")
    if accounts:
        click.echo(f"Demo-konti (adgangskode '{DEMO_PASSWORD}'):")
        for email, _name, role, code in DEMO_ACCOUNTS:
            click.echo(f"  {email:28} {role}{f' ({code})' if code else ''}")


@click.command("synth")
@click.option("--initiatives", "initiative_count", type=click.IntRange(min=0), required=True,
              help="Antal syntetiske indsatser i alt (de plantede overlap medregnet).")
@click.option("--entries", "entry_count", type=click.IntRange(min=0), default=0, show_default=True,
              help="Antal syntetiske logposter i alt.")
@click.option("--seed", "random_seed", type=int, default=0, show_default=True, help="Frø til tilfældighed.")
@click.option("--planted", "planted_count", type=click.IntRange(min=0), default=None,
              help="Antal plantede overlap mellem forvaltninger (standard: ét pr. 12 indsatser).")
@click.option("--truth", "truth_file", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Skriv facit (hver indsats' problem og de plantede overlap) som JSON hertil.")
@click.option("--mode", type=click.Choice(MODES), default="realistic", show_default=True,
              help="realistic: forvaltninger arbejder på deres egne problemer; random: alt tilfældigt.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Datoen, perioder og status regnes fra (standard: i dag), så kørsler kan gentages.")
@with_appcontext
def synth_command(initiative_count: int, entry_count: int, random_seed: int, planted_count: int | None,
                  truth_file: Path | None, mode: str, today: datetime | None) -> None:
    """Tilføj syntetiske indsatser og logposter (samme frø og dato giver samme data)."""
    try:
        made = synthesise(initiative_count, entry_count, random_seed, planted=planted_count, mode=mode,
                          today=today.date() if today else None)
        rebuild_search_index()  # synth inserts in bulk, past the unit of work that keeps the index
        if truth_file:
            truth_file.write_text(json.dumps(made.truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except ValidationError as error:
        _fail(render_message(_l("Intet blev gemt: %(message)s", message=error.message)))
    except OSError as error:
        _fail(render_message(_l("Intet blev gemt: facit kunne ikke skrives (%(error)s).",
                                error=error.strerror or str(error))))
    db.session.commit()
    click.echo(render_message(_l(
        "Tilføjet %(initiatives)s indsatser, heraf %(planted)s plantede overlap, og %(entries)s logposter "
        "(frø %(seed)s, tilstanden %(mode)s).", initiatives=made.initiatives, planted=made.planted,
        entries=made.entries, seed=random_seed, mode=mode)))
    if truth_file:
        click.echo(render_message(_l("Facit skrevet til %(path)s.", path=str(truth_file))))


users_group = AppGroup("users", help="Brugerkonti.")


def _read_password() -> str:
    if not sys.stdin.isatty():
        # Scripts pipe the password in, so it never appears in the process list or shell history.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Adgangskode", hide_input=True, confirmation_prompt="Gentag adgangskoden")


@users_group.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Fulde navn.")
@click.option("--role", required=True, help="admin, koordinator, styregruppe eller laeser.")
@click.option("--administration", "administration_code", default=None, help="Forvaltningens kode, fx TMF.")
def create_user_command(email: str, name: str, role: str, administration_code: str | None) -> None:
    """Opret en bruger; adgangskoden læses fra stdin eller spørges om to gange."""
    password = _read_password()
    try:
        user = create_user(email, name, role, password, administration_code=administration_code)
    except ValidationError as error:
        _fail(f"Brugeren blev ikke oprettet: {error.field}: {error.message}")
    db.session.commit()
    click.echo(f"Oprettet {user.email} ({user.role}).")


@users_group.command("set-password")
@click.argument("email")
@click.option("--one-time", is_flag=True,
              help="Brugeren skal vælge sin egen adgangskode ved næste login.")
def set_password_command(email: str, one_time: bool) -> None:
    """Sæt en brugers adgangskode (fra stdin eller spurgt om to gange); brugeren logges ud alle steder."""
    user = user_by_email(email)
    if user is None:
        _fail(f"Adgangskoden blev ikke sat: der findes ingen bruger med e-mail {normalise_email(email)}.")
    password = _read_password()
    try:
        set_user_password(user, password, one_time=one_time)
    except ValidationError as error:
        _fail(f"Adgangskoden blev ikke sat: {error.message}")
    db.session.commit()
    after = " Brugeren skal vælge en ny ved næste login." if one_time else ""
    click.echo(f"Ny adgangskode sat for {user.email}; brugeren er logget ud alle steder.{after}")


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(synth_command)
    app.cli.add_command(users_group)
    app.cli.add_command(backup_group)
    app.cli.add_command(import_command)
    app.cli.add_command(search_group)
    app.cli.add_command(overlaps_group)
