"""`flask notify send`: the daily run (cron or a systemd timer) that e-mails each user their digest.

Exit codes: 0 when every digest due was delivered (or none was due), 1 when the mail server could not be
reached or refused a message (what was delivered before is recorded, the rest is tried again next run),
2 when mail is not configured (nothing is sent or recorded).
"""
from __future__ import annotations

import smtplib
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from tracker.core.clock import today as today_in_city
from tracker.core.errors import render_message
from tracker.extensions import db
from tracker.notify.digests import due_digests, record_sent
from tracker.notify.mail import MailSettingsError, build_message, connect, smtp_settings

notify_group = AppGroup("notify", help="E-mail-oversigter til brugerne.")

NOT_CONFIGURED = 2
NOT_DELIVERED = 1


def _stop(message, code: int) -> None:
    db.session.rollback()
    click.echo(render_message(message), err=True)
    raise click.exceptions.Exit(code)


@notify_group.command("send")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Datoen, frister regnes fra (standard: i dag).")
def send_command(today: datetime | None) -> None:
    """Send hver bruger, der ønsker det, én e-mail med det, der kræver opmærksomhed."""
    config = current_app.config
    if not config.get("SMTP_URL"):
        _stop(_l("Der er ikke sat en mailserver op (TRACKER_SMTP_URL), så der er intet sendt."), NOT_CONFIGURED)
    if not config.get("MAIL_FROM") or not config.get("BASE_URL"):
        _stop(_l("Sæt både TRACKER_MAIL_FROM (afsender) og TRACKER_BASE_URL (adressen, links begynder med); "
                 "intet er sendt."), NOT_CONFIGURED)
    try:
        settings = smtp_settings(config["SMTP_URL"])
    except MailSettingsError as error:
        _stop(_l("%(problem)s Intet er sendt.", problem=render_message(error.args[0])), NOT_CONFIGURED)
    day = today.date() if today else None
    digests = due_digests(day)
    if not digests:
        click.echo(render_message(_l("Ingen har noget nyt at få at vide; intet er sendt.")))
        return
    sent = 0
    # The links start with the configured address, whatever host the command runs on.
    with current_app.test_request_context(base_url=config["BASE_URL"]):
        messages = [(digest, build_message(digest, config["MAIL_FROM"], day or today_in_city()))
                    for digest in digests]
    try:
        server = connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        _stop(_l("Mailserveren %(host)s:%(port)s kunne ikke nås (%(error)s); intet er sendt.",
                 host=settings.host, port=settings.port, error=str(error) or type(error).__name__), NOT_DELIVERED)
    try:
        for digest, message in messages:
            server.send_message(message)
            # Recorded as soon as the server has accepted it, so a failure later does not send it twice.
            record_sent(digest)
            db.session.commit()
            sent += 1
    except (OSError, smtplib.SMTPException) as error:
        _stop(_l("Afsendelsen stoppede efter %(sent)s af %(total)s e-mails (%(error)s); resten sendes ved næste "
                 "kørsel.", sent=sent, total=len(messages), error=str(error) or type(error).__name__),
              NOT_DELIVERED)
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            pass
    click.echo(render_message(_l("Sendt %(count)s e-mails.", count=sent)))
