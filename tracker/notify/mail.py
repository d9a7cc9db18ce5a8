"""Sending the digests with the standard library: the SMTP settings from one URL, one connection per run, and
each digest as an e-mail with a text and an HTML part in the user's language."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l

from tracker.notify.digests import Digest

SMTP_TIMEOUT_SECONDS = 30
TRUE = ("1", "true", "yes", "on")


class MailSettingsError(ValueError):
    """The SMTP settings are missing or cannot be read."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool  # implicit TLS from the first byte (smtps://)
    starttls: bool  # plain connection upgraded with STARTTLS (smtp://…?starttls=true)


def smtp_settings(url: str) -> SmtpSettings:
    """smtp://user:pass@host:port[?starttls=true] or smtps://user:pass@host:port."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailSettingsError(_l("TRACKER_SMTP_URL skal have formen smtp://bruger:kode@vært:port, ikke "
                                   "%(url)s.", url=repr(url)))
    try:
        port = parts.port
    except ValueError:
        raise MailSettingsError(_l("TRACKER_SMTP_URL har et ugyldigt portnummer: %(url)s.", url=repr(url))) from None
    tls = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", ["false"])[0].lower() in TRUE
    return SmtpSettings(host=parts.hostname, port=port or (465 if tls else 25),
                        username=unquote(parts.username) if parts.username else None,
                        password=unquote(parts.password) if parts.password else None, tls=tls, starttls=starttls)


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.tls:
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS,
                                                context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS)
        if settings.starttls:
            server.starttls(context=context)
    if settings.username:
        server.login(settings.username, settings.password or "")
    return server


def language_of(user) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.language if user.language in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _absolute(endpoint: str, **args) -> str:
    """The page's address under TRACKER_BASE_URL (whose path, if any, is the request context's script root)."""
    parts = urlsplit(current_app.config["BASE_URL"])
    return f"{parts.scheme}://{parts.netloc}{url_for(endpoint, **args)}"


def build_message(digest: Digest, sender: str, today: date) -> EmailMessage:
    """The digest as an e-mail in its user's language; needs a request context whose base URL is the
    configured TRACKER_BASE_URL, so the links are absolute."""
    language = language_of(digest.user)
    with force_locale(language):
        count = len(digest.items)
        subject = ngettext("Tværs: %(num)s punkt kræver din opmærksomhed",
                           "Tværs: %(num)s punkter kræver din opmærksomhed", count)
        links = {item.key: _absolute(item.endpoint, **dict(item.args)) for item in digest.items}
        context = {"digest": digest, "links": links, "today": today, "language": language,
                   "overview_url": _absolute("main.index"), "settings_url": _absolute("notify.settings")}
        text = render_template("notify/digest.txt", **context)
        html = render_template("notify/digest.html", **context)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = digest.user.email
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    # After the parts: setting the content moves Content-* headers into them.
    message["Content-Language"] = language
    return message
