"""Command-line tools: seed, synth and users. Each command commits once at the end; services only flush."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from tracker.auth.services import create_user
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.seeding import SeedError, default_seed_files, load_seed
from tracker.seeding.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts
from tracker.seeding.synth import synthesise

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
              help="Antal syntetiske indsatser.")
@click.option("--entries", "entry_count", type=click.IntRange(min=0), default=0, show_default=True,
              help="Antal syntetiske logposter.")
@click.option("--seed", "random_seed", type=int, default=0, show_default=True, help="Frø til tilfældighed.")
@with_appcontext
def synth_command(initiative_count: int, entry_count: int, random_seed: int) -> None:
    """Tilføj syntetiske indsatser og logposter (samme frø giver samme data)."""
    try:
        made, logged = synthesise(initiative_count, entry_count, random_seed)
    except ValidationError as error:
        _fail(f"Intet blev gemt: {error.message}")
    db.session.commit()
    click.echo(f"Tilføjet {made} indsatser og {logged} logposter (frø {random_seed}).")


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


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(synth_command)
    app.cli.add_command(users_group)
