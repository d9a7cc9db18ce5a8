"""Read in English, every read page shows English: no visible text is a Danish message of the catalog.

A page is parsed into its visible text nodes and the aria-label, placeholder and title attributes (script and
style skipped). None of them may equal a Danish msgid whose English translation differs from it. Data (area
names, body names, roles …) is Danish in both languages, so strings stored in the database are allowed.
The same page in Danish must show some of those msgids, so the check can fail.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import refresh
from sqlalchemy import String, Text, select

from tests.factories import add_initiatives
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.reports import services as report_services

CATALOG = Path(__file__).resolve().parents[2] / "tracker" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
ATTRIBUTES = {"aria-label", "placeholder", "title"}
SEPARATOR = re.compile(r"\s+·\s+")  # the templates join short pieces (title, metadata) with " · "


def danish_only_messages() -> set[str]:
    """Every Danish msgid (singular and plural) whose English translation is a different string."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    messages = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        messages.update(msgid for msgid in ids if msgid not in strings)
    return messages


DANISH = danish_only_messages()


class VisibleText(HTMLParser):
    """Stripped text nodes and the labelling attributes of a page, outside <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self._add(value)

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self._add(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._add(data)

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.texts.append(text)


def texts_of(html: str) -> set[str]:
    """Each text, its " · "-separated pieces, and each without a trailing colon."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    texts = set()
    for text in parser.texts:
        for piece in [text, *SEPARATOR.split(text)]:
            texts.update({piece, piece.rstrip(":").rstrip()})
    return texts


def stored_strings() -> set[str]:
    """Every string value in the database: data that is Danish whatever the reader's language."""
    values = set()
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if isinstance(column.type, String | Text)]
        if columns:
            for row in db.session.execute(select(*columns)):
                values.update(" ".join(value.split()) for value in row if isinstance(value, str))
    return values


def danish_messages_on(html: str, data: set[str]) -> set[str]:
    return (texts_of(html) & DANISH) - data


def get_page(client, path: str, language: str, status: int = 200) -> str:
    # The fixtures keep one app context open, which the requests share; Flask-Babel caches the locale there.
    refresh()
    client.set_cookie("tracker_lang", language, domain="localhost")
    response = client.get(path)
    assert response.status_code == status, path
    return response.get_data(as_text=True)


def assert_english(client, path: str, status: int = 200) -> None:
    data = stored_strings()
    danish_html = get_page(client, path, "da", status)
    assert danish_messages_on(danish_html, data), f"{path}: the Danish page shows no catalog message"
    html = get_page(client, path, "en", status)
    assert '<html lang="en">' in html, path
    assert danish_messages_on(html, data) == set(), f"{path}: Danish text on the English page"


PAGES = ["/", "/areas/norrebro", "/administrations/", "/administrations/TMF", "/bodies/", "/bodies/{team}",
         "/bodies/{forum}", "/bodies/{renewal}", "/initiatives/", "/initiatives/?page=2",
         "/initiatives/?area=norrebro&administration=TMF&role=lead&theme=tryghed&status=active&year=2013",
         "/initiatives/{initiative}", "/initiatives/{archived}"]


@pytest.mark.parametrize("path", PAGES)
def test_read_page_in_english_shows_no_danish_ui_text(reader, ref, path):
    ids = add_initiatives(ref, 60)
    db.session.commit()
    assert_english(reader, path.format(team=ref.bodies["team"].id, forum=ref.bodies["forum-norrebro"].id,
                                       renewal=ref.bodies["fuglekvarteret"].id, initiative=ids[0],
                                       archived=ids[49]))


@pytest.mark.parametrize("path", ["/", "/areas/norrebro", "/administrations/TMF", "/bodies/{team}",
                                  "/initiatives/", "/initiatives/?area=nowhere&year=1800"])
def test_read_page_without_initiatives_in_english_shows_no_danish_ui_text(reader, ref, path):
    assert_english(reader, path.format(team=ref.bodies["team"].id))


def test_login_page_in_english_shows_no_danish_ui_text(client):
    assert_english(client, "/login")


def test_login_errors_in_english_show_no_danish_ui_text(client):
    refresh()
    client.set_cookie("tracker_lang", "en", domain="localhost")
    html = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert danish_messages_on(html, set()) == set()
    assert "Enter your email." in html
    html = client.post("/login", data={"email": "x@kk.example", "password": "forkert"}).get_data(as_text=True)
    assert danish_messages_on(html, set()) == set()
    assert "Wrong email or password." in html


def test_error_page_in_english_shows_no_danish_ui_text(reader):
    assert_english(reader, "/initiatives/999999", status=404)


def test_the_check_sees_danish_text(reader, ref):
    """The parser finds a Danish msgid in a text node, an attribute and a " · " piece."""
    html = '<p>Log ud</p><a aria-label="Hovedmenu">x</a><title>Forside · Tværs</title><script>"Luk"</script>'
    assert danish_messages_on(html, set()) == {"Log ud", "Hovedmenu", "Forside"}


REPORT_PAGES = ["/reports/", "/reports/{report}", "/reports/{report}/versions", "/reports/{report}/versions/1",
                "/reports/{report}/versions/2", "/reports/{report}/versions/2/diff-draft",
                "/reports/{report}/versions/2/diff-last-year"]


@pytest.mark.parametrize("role", ["laeser", "admin"])
def test_report_pages_in_english_show_no_danish_ui_text(client, ref, role):
    """Read-only for a læser, the editor for an admin; the report's own text stays Danish (it is data)."""
    create_user(f"{role}@kk.example", role, role, "en-adgangskode-til-rapporter")
    add_initiatives(ref, 20)
    first = report_services.generate(
        report_services.GenerateInput(administration=ref.administrations["TMF"], year=2013), None)
    report_services.save_edit(first.report, first, {**first.text_map(), 3: "For lang tekst. " * 120}, None)
    db.session.commit()
    assert client.post("/login", data={"email": f"{role}@kk.example",
                                       "password": "en-adgangskode-til-rapporter"}).status_code == 302
    for path in REPORT_PAGES:
        assert_english(client, path.format(report=first.report.id))
