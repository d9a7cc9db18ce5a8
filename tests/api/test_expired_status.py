"""The API says what every page says of an initiative past its end date: `shown_status` "expired" with the
words "Udløbet – skal status opdateres?", beside the stored `status` a change sends back; a change that
sends the status it read keeps it."""
from __future__ import annotations

from datetime import date

from tests.api.conftest import bearer
from tests.factories import make_initiative
from tracker.extensions import db


def test_an_initiative_past_its_end_date_reads_as_expired_with_its_stored_status_beside_it(app, api, token, ref):
    app.config["TODAY"] = date(2014, 2, 3)
    secret = token("tmf")
    for title, end in (("Udløbet vandring", date(2013, 12, 31)), ("Sidste dag i dag", date(2014, 2, 3))):
        make_initiative(ref, title, "TMF", status="active", end_date=end, areas=[ref.areas["norrebro"]])
    db.session.commit()
    page = api.get("/api/v1/initiatives?administration=TMF", headers=bearer(secret)).get_json()
    by_title = {item["title"]: item for item in page["items"]}
    expired, running = by_title["Udløbet vandring"], by_title["Sidste dag i dag"]
    assert (expired["status"], expired["shown_status"], expired["status_label"]) == (
        "active", "expired", "Udløbet – skal status opdateres?")
    assert (running["status"], running["shown_status"], running["status_label"]) == ("active", "active", "Aktiv")

    one = api.get(f"/api/v1/initiatives/{expired['id']}", headers=bearer(secret))
    assert one.get_json()["shown_status"] == "expired"
    kept = api.patch(f"/api/v1/initiatives/{expired['id']}", json={"status": one.get_json()["status"]},
                     headers=bearer(secret, **{"If-Match": one.headers["ETag"]}))
    assert kept.status_code == 200, kept.get_json()
    assert kept.get_json()["status"] == "active"
    english = api.get(f"/api/v1/initiatives/{expired['id']}", headers=bearer(secret, **{"Accept-Language": "en"}))
    assert english.get_json()["status_label"] != "Udløbet – skal status opdateres?"
