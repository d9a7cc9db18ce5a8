"""`flask notify send` against a real SMTP server on 127.0.0.1: who gets which e-mail, in which language, what
it lists, that a second run in the same period sends nothing, and what happens without a mail server."""
from __future__ import annotations

import socket
from datetime import date
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import func, select

from tests.seeded_app import OVERLAP_PAIR
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.models import Administration, Initiative, OverlapVerdict, ReportDeadline, SentItem, User

TODAY = "2015-01-10"
BASE_URL = "https://tvaers.kk.example"
SENDER = "tvaers@kk.example"
EXPIRED_TMF = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"  # ended 31 Dec 2014, still active


class Inbox:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def by_recipient(self) -> dict:
        return {rcpt[0]: message for rcpt, message in self.messages}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _initiative(title: str) -> Initiative:
    return db.session.scalar(select(Initiative).where(Initiative.title == title))


@pytest.fixture
def world(walk_app):
    """The seed, a follow-up TMF owns due in four days and one overdue, the 2015 report deadline, a SOF
    coordinator who wants a daily digest in English and a TMF coordinator who wants none."""
    app, _targets = walk_app
    tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
    first, second = sorted((_initiative(t) for t in OVERLAP_PAIR), key=lambda i: i.id)
    # Two more pairs for follow-ups (any two initiatives; the verdict only needs a pair in order).
    others = db.session.scalars(select(Initiative).where(Initiative.title.not_in(OVERLAP_PAIR))
                                .order_by(Initiative.id).limit(6)).all()
    soon = OverlapVerdict(first_initiative_id=others[0].id, second_initiative_id=others[1].id,
                          verdict="boer_samordnes", follow_up_administration=tmf, follow_up_due=date(2015, 1, 14))
    late = OverlapVerdict(first_initiative_id=others[2].id, second_initiative_id=others[3].id,
                          verdict="boer_samordnes", follow_up_administration=tmf, follow_up_due=date(2014, 12, 20))
    later = OverlapVerdict(first_initiative_id=others[4].id, second_initiative_id=others[5].id,
                           verdict="boer_samordnes", follow_up_administration=tmf, follow_up_due=date(2015, 3, 1))
    db.session.add_all([soon, late, later, ReportDeadline(year=2015, due_on=date(2015, 2, 1))])
    english = create_user("erik@kk.example", "Erik English", "koordinator", "en-lang-adgangskode-42",
                          administration_code="SOF")
    english.digest_frequency, english.language = "daily", "en"
    never = create_user("nina@kk.example", "Nina Never", "koordinator", "aldrig-mails-adgangskode-42",
                        administration_code="TMF")
    never.digest_frequency = "never"
    db.session.commit()
    titles = {"soon": (others[0].title, others[1].title), "late": (others[2].title, others[3].title),
              "later": (others[4].title, others[5].title), "pair": (first.title, second.title),
              "pair_ids": (first.id, second.id)}
    return app, titles


def _send(app, port: int | None):
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{port}" if port else "", MAIL_FROM=SENDER, BASE_URL=BASE_URL)
    return app.test_cli_runner().invoke(args=["notify", "send", "--today", TODAY])


def _sent_count() -> int:
    return db.session.scalar(select(func.count()).select_from(SentItem))


def test_first_run_delivers_one_digest_per_user_who_wants_one_and_the_second_run_none(world, smtp_server):
    app, titles = world
    controller, inbox = smtp_server
    result = _send(app, controller.port)
    assert result.exit_code == 0, result.output
    received = inbox.by_recipient()
    # The demo admin, steering-group member and reader belong to no administration; Nina chose "never".
    assert set(received) == {"koordinator@demo.example", "erik@kk.example"}
    assert [rcpt for rcpt, _message in inbox.messages].count(["koordinator@demo.example"]) == 1

    danish = received["koordinator@demo.example"]
    assert danish["From"] == SENDER
    assert danish["Subject"] == "Tværs: 5 punkter kræver din opmærksomhed"
    assert danish["Content-Language"] == "da"
    text = danish.get_body(("plain",)).get_content()
    html = danish.get_body(("html",)).get_content()
    assert "Hej Demo-koordinator (TMF)" in text
    assert f"{' / '.join(titles['soon'])} (frist 14. jan. 2015)" in text
    assert f"{' / '.join(titles['late'])} (frist 20. dec. 2014 – overskredet)" in text
    assert " / ".join(titles["later"]) not in text  # due in seven weeks: not yet
    assert f"{EXPIRED_TMF} (slutdato 31. dec. 2014)" in text
    assert "Nye overlapskandidater med din forvaltning" in text and " / ".join(titles["pair"]) in text
    assert "Redegørelsen for 2015 (frist 1. feb. 2015)" in text
    first_id, second_id = titles["pair_ids"]
    assert f"{BASE_URL}/overlaps/{first_id}-{second_id}" in text
    assert f'href="{BASE_URL}/initiatives/{_initiative(EXPIRED_TMF).id}"' in html
    assert f'href="{BASE_URL}/"' in html  # the overview
    assert f"{BASE_URL}/account/notifications/" in text

    english = received["erik@kk.example"]
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.get_body(("html",)).get_content()
    english_text = english.get_body(("plain",)).get_content()
    # The words as the English catalogue has them, dates as English writes them.
    with force_locale("en"):
        subject = ngettext("Tværs: %(num)s punkt kræver din opmærksomhed",
                           "Tværs: %(num)s punkter kræver din opmærksomhed", 4)
        hello = gettext("Hej %(name)s", name="Erik English")
        deadline = gettext("Redegørelsen for %(year)s", year="2015")
    assert english["Subject"] == subject
    assert hello in english_text
    # SOF's expired partnership, the two strong candidates with SOF, and the deadline: four items.
    assert "Tryghedspartnerskab med politiet i Husum/Tingbjerg og Bispebjerg (" in english_text
    assert "31 Dec 2013" in english_text
    assert " / ".join(titles["pair"]) in english_text
    assert f"{deadline} (" in english_text and "1 Feb 2015" in english_text
    assert f"{EXPIRED_TMF} (" not in english_text  # expired, but TMF's, not SOF's

    inbox.messages.clear()
    again = _send(app, controller.port)
    assert again.exit_code == 0, again.output
    assert inbox.messages == []
    assert "intet er sendt" in again.output


def test_a_user_who_chose_never_gets_nothing(world, smtp_server):
    app, _titles = world
    controller, inbox = smtp_server
    db.session.execute(User.__table__.update().values(digest_frequency="never"))
    db.session.commit()
    result = _send(app, controller.port)
    assert result.exit_code == 0, result.output
    assert inbox.messages == []
    assert _sent_count() == 0


def test_with_the_mail_server_down_the_command_fails_and_records_nothing(world):
    app, _titles = world
    result = _send(app, _free_port())  # nothing listens there
    assert result.exit_code == 1
    assert "Mailserveren 127.0.0.1:" in result.output and "kunne ikke nås" in result.output
    assert _sent_count() == 0


def test_without_smtp_configured_the_command_says_so_and_sends_nothing(world):
    app, _titles = world
    result = _send(app, None)
    assert result.exit_code == 2
    assert "Der er ikke sat en mailserver op (TRACKER_SMTP_URL), så der er intet sendt." in result.output
    assert _sent_count() == 0


def test_next_period_reminds_again_but_tells_an_overlap_candidate_only_once(world, smtp_server):
    app, titles = world
    controller, inbox = smtp_server
    assert _send(app, controller.port).exit_code == 0
    inbox.messages.clear()
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{controller.port}")
    result = app.test_cli_runner().invoke(args=["notify", "send", "--today", "2015-01-19"])  # the next week
    assert result.exit_code == 0, result.output
    text = inbox.by_recipient()["koordinator@demo.example"].get_body(("plain",)).get_content()
    assert f"{' / '.join(titles['soon'])} (frist 14. jan. 2015 – overskredet)" in text
    assert f"{EXPIRED_TMF} (slutdato" in text
    assert "Nye overlapskandidater" not in text
