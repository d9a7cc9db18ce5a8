"""Issue 15, acceptance 4: every page that shows dates writes them one way per language, through Babel with
the reader's locale in Copenhagen time. Danish: "1. dec. 2026" and "1. dec. 2026 kl. 08.21"; English:
"1 Dec 2026" and "1 Dec 2026, 08:21"."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker import create_app
from tracker.api.tokens import create_token
from tracker.core.dates import format_day, format_moment
from tracker.extensions import db
from tracker.models import Administration, Initiative, User
from tracker.overlaps.review.services import VerdictInput, record_verdict
from tracker.reports.models import ReportDeadline

MONTHS = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_FULL = ("januar", "februar", "marts", "april", "juni", "juli", "august", "september", "oktober", "november",
         "december", "january", "february", "march", "june", "july", "october")
# Longest first, so "1. december 2026" is read as a whole, not as "1. dec".
_MONTH = "|".join(re.escape(m) for m in sorted({*_FULL, *MONTHS["da"], *MONTHS["en"]}, key=len, reverse=True))
# Anything that looks like a date in any of the formats Babel or Python could write, with a time after it if
# there is one: 01.12.2026, 12/1/26, 2026-12-01, 1. dec. 2026, 1 Dec 2026, Dec 1, 2026, 1. december 2026 …
_ANY_DATE = (rf"\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b"
             rf"|\b\d{{1,2}}\.? (?:{_MONTH})(?: \d{{4}})?|\b(?:{_MONTH}) \d{{1,2}}, \d{{4}}")
_TIME = r"(?:,? (?:kl\. )?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:\s?[AP]M)?)?"
ANY_DATE = re.compile(rf"(?:{_ANY_DATE}){_TIME}", re.IGNORECASE)
_DA, _EN = ("|".join(map(re.escape, MONTHS[language])) for language in ("da", "en"))
ALLOWED = {
    "da": re.compile(rf"\d{{1,2}}\. (?:{_DA}) \d{{4}}(?: kl\. \d{{2}}\.\d{{2}})?"),
    "en": re.compile(rf"\d{{1,2}} (?:{_EN}) \d{{4}}(?:, \d{{2}}:\d{{2}})?"),
}


class _Shown(HTMLParser):
    """The text a reader sees or hears: text outside scripts, styles and form values, and the accessible names
    in aria-label and title attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in ("aria-label", "title") and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


# The report's own text (the draft's sentences, a version's paragraphs, their differences) is Danish prose as it
# is printed, whatever the page's language; its dates are the writer's words, not the app's format.
REPORT_PROSE = re.compile(r'<(\w+)[^>]*class="[^"]*\breport-prose\b[^"]*"[^>]*>.*?</\1>', re.S)


def shown_text(html: str) -> str:
    parser = _Shown()
    parser.feed(REPORT_PROSE.sub(" ", html))
    return " ".join(" ".join(parser.parts).split())


def date_problems(text: str, language: str) -> tuple[list[str], list[str]]:
    """(the dates written the language's way, anything else that looks like a date)."""
    good, bad = [], []
    for found in ANY_DATE.finditer(text):
        (good if ALLOWED[language].fullmatch(found.group(0)) else bad).append(found.group(0))
    return good, bad


def test_the_check_tells_the_one_format_from_the_others():
    good, bad = date_problems("Frist 1. dec. 2026 · Gemt 1. dec. 2026 kl. 08.21 · 01.12.2026 08.21 · 2026-12-01 · "
                              "12/1/26, 8:21 AM · 1. december 2026 · 1. dec. 2026 08.21.00", "da")
    assert good == ["1. dec. 2026", "1. dec. 2026 kl. 08.21"]
    assert bad == ["01.12.2026 08.21", "2026-12-01", "12/1/26, 8:21 AM", "1. december 2026", "1. dec. 2026 08.21.00"]
    good, bad = date_problems("Due 1 Dec 2026 · saved 1 Dec 2026, 08:21 · Dec 1, 2026, 8:21:00 AM · 1. dec. 2026",
                              "en")
    assert good == ["1 Dec 2026", "1 Dec 2026, 08:21"]
    assert bad == ["Dec 1, 2026, 8:21:00 AM", "1. dec. 2026"]
    assert date_problems("Tryghedsvandringer 2013-2014, 1.100 flere i job, −10.1 procentpoint", "da") == ([], [])


def test_the_helpers_write_copenhagen_time_in_the_readers_language():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "dates"})
    moment = datetime(2026, 12, 1, 7, 21, tzinfo=UTC)  # 08.21 in Copenhagen (CET)
    with app.test_request_context(headers={"Cookie": "tracker_lang=da"}):
        assert (format_day(date(2026, 12, 1)), format_moment(moment)) == ("1. dec. 2026", "1. dec. 2026 kl. 08.21")
        assert format_day(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == "1. jul. 2026"  # already July in Copenhagen
    with app.test_request_context(headers={"Cookie": "tracker_lang=en"}):
        assert (format_day(date(2026, 12, 1)), format_moment(moment)) == ("1 Dec 2026", "1 Dec 2026, 08:21")
        assert format_moment(moment.replace(tzinfo=None)) == "1 Dec 2026, 08:21"  # a stored time without zone is UTC


def _dated_records(values: dict) -> dict[str, str]:
    """A verdict with a follow-up, an API token and a report deadline, so every kind of dated row is on a page;
    the pages to read, by the role that sees their dates."""
    first, second = (db.session.get(Initiative, values[key]) for key in ("first_id", "second_id"))
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
    record_verdict(first, second, VerdictInput("boer_samordnes", "Tal sammen.", tmf, date(2014, 3, 1)), admin)
    create_token(admin, "Dashboard", "read", 30)
    db.session.add(ReportDeadline(year=2014, due_on=date(2014, 2, 1)))
    db.session.commit()
    report, initiative, body = values["report_id"], values["initiative_id"], values["body_id"]
    return {
        "/": "koordinator",
        "/areas/husum-tingbjerg": "admin",
        "/administrations/TMF": "admin",
        f"/initiatives/{initiative}": "admin",
        f"/initiatives/{initiative}/history": "admin",
        f"/entries/{values['entry_id']}/history": "admin",
        "/bodies/": "admin",
        f"/bodies/{body}": "admin",
        f"/bodies/{body}/history": "admin",
        "/reports/": "admin",
        f"/reports/{report}": "admin",
        f"/reports/{report}/versions": "admin",
        f"/reports/{report}/versions/1": "admin",
        f"/reports/{report}/versions/1/diff-draft": "admin",
        f"/reports/readiness?administration={tmf.id}&year=2013": "admin",
        "/overlaps/": "admin",
        f"/overlaps/{values['first_id']}-{values['second_id']}": "admin",
        f"/admin/plans/{values['plan_id']}/history": "admin",
        f"/admin/users/{values['user_id']}/history": "admin",
        "/admin/report-deadlines/": "admin",
        "/account/tokens/": "admin",
        "/search?q=tryghed": "admin",
    }


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_with_dates_writes_them_one_way(walk_app, language):
    app, targets = walk_app
    pages = _dated_records(targets.values)
    clients = {}
    for role in set(pages.values()):
        clients[role] = app.test_client()
        sign_in(clients[role], role)
        clients[role].set_cookie("tracker_lang", language)
    written, wrong = {}, {}
    for path, role in pages.items():
        response = clients[role].get(path)
        assert response.status_code == 200, path
        good, bad = date_problems(shown_text(response.get_data(as_text=True)), language)
        written[path] = good
        if bad:
            wrong[path] = bad
    assert wrong == {}
    without = [path for path, good in written.items() if not good]
    assert without == [], "these pages were chosen for their dates but show none"
    moments = [found for good in written.values() for found in good if ("kl." if language == "da" else ",") in found]
    assert len(moments) >= 10  # history, versions, comments, tokens: date and time together
