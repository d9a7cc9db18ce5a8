"""The overlap review's lazy texts, and rendering thousands of them quickly.

Each candidate's reasons, strength and evidence are lazy strings, put into words in the reader's language
when shown. Flask-Babel looks up the request's translations anew for every one of them (about 60 µs: the
locale and catalogue through Flask's context locals), which at thousands of rows was most of an export's
time. ``_l`` makes the same lazy strings (Flask-Babel's, so they behave alike, and ``pybabel extract -k _l``
finds them); inside ``translating()`` they are put into words with the translations looked up once and each
message translated once. Outside it, or outside a request, they are plain Flask-Babel lazy strings.

Unlike Flask-Babel's, these are escaped when a template shows them: their values may be names people typed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import flask_babel
from babel.numbers import format_decimal
from flask import has_request_context
from flask_babel.speaklater import LazyString
from markupsafe import escape

_translate: ContextVar[Callable[[str], str] | None] = ContextVar("overlap_translate", default=None)
_locale: ContextVar[object | None] = ContextVar("overlap_locale", default=None)


class Text(LazyString):
    __slots__ = ()

    def __init__(self, msgid: str, **variables):  # LazyString's fields, set directly (thousands per page)
        self._func, self._args, self._kwargs = flask_babel.gettext, (msgid,), variables

    def __str__(self) -> str:
        translate = _translate.get()
        if translate is None:
            return super().__str__()
        template = translate(self._args[0])
        return template % self._kwargs if self._kwargs else template

    def __html__(self) -> str:
        return str(escape(str(self)))


def _l(msgid: str, **variables) -> Text:
    return Text(msgid, **variables)


def _translator() -> Callable[[str], str]:
    translations = flask_babel.get_translations()
    memo: dict[str, str] = {}

    def translate(msgid: str) -> str:
        found = memo.get(msgid)
        if found is None:
            found = memo[msgid] = translations.ugettext(msgid)
        return found

    return translate


@contextmanager
def translating() -> Iterator[None]:
    """Within this block, overlap texts are translated with the request's translations, looked up once."""
    if not has_request_context() or _translate.get() is not None:
        yield
        return
    token, locale = _translate.set(_translator()), _locale.set(flask_babel.get_locale())
    try:
        yield
    finally:
        _translate.reset(token)
        _locale.reset(locale)


def start_translating() -> None:
    """For a whole request (the overlap blueprint's pages): ``translating()`` from here to ``stop_translating``."""
    _translate.set(_translator())
    _locale.set(flask_babel.get_locale())


def stop_translating(*_args) -> None:
    _translate.set(None)
    _locale.set(None)


def number(value: int | float) -> str:
    """A number as the reader writes it ("2,50"), with the locale looked up once per request when translating."""
    locale = _locale.get()
    if locale is None:
        return flask_babel.format_decimal(value)
    return format_decimal(value, locale=locale)
