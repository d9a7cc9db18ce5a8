"""The digest reminds an administration of the meeting decisions it owns that are due within a week or
overdue, with a link to each decision's follow-up page; closed, later and other administrations' decisions
stay out."""
from __future__ import annotations

from datetime import date

import pytest

from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.notify.digests import due_digests
from tracker.notify.mail import build_message

TODAY = date(2014, 2, 3)


@pytest.fixture
def decisions(app, ref):
    tmf, sof = ref.administrations["TMF"], ref.administrations["SOF"]
    forum = ref.bodies["forum-husum-tingbjerg"]
    user = create_user("tove@tmf.example", "Tove Teknik", "koordinator", "tove-adgangskode-42",
                       administration_code="TMF")
    user.digest_frequency = "weekly"

    def decision(text, owner, due, status="open"):
        entry = CooperationEntry(date=date(2013, 12, 10), kind="decision", text=text, body=forum,
                                 owner_administration=owner, due_date=due, follow_up_status=status)
        db.session.add(entry)
        return entry

    found = {
        "overdue": decision("Belysning ved skolen", tmf, date(2014, 1, 31)),
        "soon": decision("Fælles kalender", tmf, date(2014, 2, 7), "in_progress"),
        "later": decision("Ny legeplads", tmf, date(2014, 3, 1)),
        "closed": decision("Skraldespande", tmf, date(2014, 1, 15), "closed"),
        "other": decision("Sociale viceværter", sof, date(2014, 1, 20)),
    }
    db.session.commit()
    return found


def test_the_digest_lists_the_administrations_decisions_due_within_a_week_or_overdue(app, decisions):
    app.config["TODAY"] = TODAY
    (digest,) = due_digests()
    follow_ups = [item for item in digest.items if item.kind == "follow_up"]
    assert [(item.title, item.day) for item in follow_ups] == [("Belysning ved skolen", date(2014, 1, 31)),
                                                               ("Fælles kalender", date(2014, 2, 7))]
    assert follow_ups[0].key == f"decision:{decisions['overdue'].id}"
    app.config.update(BASE_URL="https://tvaers.kk.example")
    with app.test_request_context(base_url="https://tvaers.kk.example"):
        message = build_message(digest, "tvaers@kk.example", TODAY)
    text = message.get_body(("plain",)).get_content()
    assert "Belysning ved skolen (frist 31. jan. 2014 – overskredet)" in text
    assert "Fælles kalender (frist 7. feb. 2014)" in text
    assert f"https://tvaers.kk.example/entries/{decisions['overdue'].id}/follow-up" in text
    assert "Ny legeplads" not in text and "Skraldespande" not in text and "Sociale viceværter" not in text
