"""Topics: several administrations on one problem in one area are one thing to judge; a verdict on the topic
is a verdict on each of its pairs, audited, and the topic returns when one of its initiatives changes."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_initiative
from tests.initiatives.conftest import initiative_form
from tests.overlaps.test_review import _as_input
from tracker.extensions import db
from tracker.initiatives.services import update_initiative
from tracker.models import AuditEvent, Initiative, OverlapVerdict

HOMEWORK = "Skoleelever får hjælp til lektier og afleveringer efter skoletid, så flere klarer afgangsprøven."


def _homework(ref, title, lead, area="husum-tingbjerg", summary=HOMEWORK):
    return make_initiative(ref, title, lead, summary=summary, start_date=date(2013, 1, 1),
                           end_date=date(2014, 12, 31), areas=[ref.areas[area]],
                           themes=[ref.themes["boern-og-unge"]])


@pytest.fixture
def topic(ref):
    """Three administrations with homework help in Tingbjerg (one topic), and two with job cafés on Amager."""
    made = [_homework(ref, "Lektiecafé i Tingbjerg", "BUF"),
            _homework(ref, "Lektiehjælp på biblioteket i Tingbjerg", "KFF"),
            _homework(ref, "Lektiestøtte for skoleelever i Tingbjerg", "SOF")]
    jobs = "Ledige beboere får hjælp til jobsøgning, cv og virksomhedspraktik i en ugentlig jobcafé."
    made += [_homework(ref, "Jobcafé i Urbanplanen", "BIF", "amager-sundby", jobs),
             _homework(ref, "Jobsøgning og praktik i Urbanplanen", "SOF", "amager-sundby", jobs)]
    db.session.commit()
    return made


def _topic_link(html: str) -> str:
    match = re.search(r'href="(/overlaps/emne/\d+-\d+)[?"]', html)
    assert match, "the list shows a topic"
    return match.group(1)


def _token(html: str) -> str:
    return re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', html).group(1)


def test_the_list_shows_the_three_homework_initiatives_as_one_strong_topic(topic, login):
    html = login("styregruppe").get("/overlaps/").get_data(as_text=True)
    assert "2 emner" in html  # the topic and the job cafés' pair, not four rows
    assert "Emne:" in html and "3 par" in html
    first = html.index("Lektiecafé i Tingbjerg")
    assert "Lektiehjælp på biblioteket i Tingbjerg" in html[first:first + 2000]
    assert "Stærk" in html and "Ukoordineret" in html


def test_a_topic_verdict_is_one_audited_verdict_per_pair_and_leads_to_the_next_open_candidate(topic, login):
    reviewer = login("styregruppe")
    link = _topic_link(reviewer.get("/overlaps/").get_data(as_text=True))
    page = reviewer.get(link).get_data(as_text=True)
    assert "Vurdering af hele emnet" in page
    response = reviewer.post(link, data={"verdict": "ikke_overlap", "comment": "Tre forskellige målgrupper.",
                                         "token": _token(page)})
    assert response.status_code == 302
    verdicts = db.session.scalars(select(OverlapVerdict)).all()
    assert len(verdicts) == 3 and {v.verdict for v in verdicts} == {"ikke_overlap"}
    audited = db.session.scalar(select(func.count()).select_from(AuditEvent)
                                .where(AuditEvent.entity_type == "overlap_verdicts"))
    assert audited == 3
    jobs = {i.id for i in topic[3:]}
    assert response.headers["Location"].startswith(f"/overlaps/{min(jobs)}-{max(jobs)}")  # the next open one
    after = reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vurderingen er gemt for alle 3 par i emnet: Ikke overlap. Her er den næste åbne kandidat." in after

    listed = reviewer.get("/overlaps/").get_data(as_text=True)
    assert "Lektiecafé i Tingbjerg" not in listed and "1 vurderet emne er ikke vist." in listed


def test_a_topic_returns_as_changed_when_one_of_its_initiatives_changes(topic, login):
    reviewer = login("styregruppe")
    link = _topic_link(reviewer.get("/overlaps/").get_data(as_text=True))
    token = _token(reviewer.get(link).get_data(as_text=True))
    reviewer.post(link, data={"verdict": "koordineret", "token": token})
    library = db.session.get(Initiative, topic[1].id)
    update_initiative(library, _as_input(library, end_date=date(2015, 6, 30)))
    db.session.commit()
    listed = reviewer.get("/overlaps/").get_data(as_text=True)
    start = listed.index("Lektiecafé i Tingbjerg")
    row = listed[listed.rfind("overlap-candidate", 0, start):]
    assert "Ændret siden vurdering" in row[:3000]
    assert "Ukoordineret" in row[:3000]  # open again, so the missing evidence shows again


def test_a_topic_verdict_from_a_stale_page_is_refused_and_changes_nothing(topic, login):
    first, second = login("styregruppe"), login("admin")
    link = _topic_link(first.get("/overlaps/").get_data(as_text=True))
    stale = _token(first.get(link).get_data(as_text=True))
    second.post(link, data={"verdict": "koordineret", "token": _token(second.get(link).get_data(as_text=True))})
    response = first.post(link, data={"verdict": "ikke_overlap", "token": stale})
    assert response.status_code == 409
    assert "Andre har vurderet eller ændret kandidater i emnet" in response.get_data(as_text=True)
    assert {v.verdict for v in db.session.scalars(select(OverlapVerdict))} == {"koordineret"}


def test_a_coordinator_saving_an_initiative_that_overlaps_sees_who_else_works_on_it(topic, login, ref):
    client = login("tmf")
    form = initiative_form(ref, title="Lektiehjælp i gårdene i Tingbjerg", summary=HOMEWORK,
                           areas=[ref.areas["husum-tingbjerg"].id], places=[], partner_administrations=[],
                           partner_organisations=[], goals=[], themes=[ref.themes["boern-og-unge"].id])
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 302 and "saved=1" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Andre forvaltninger arbejder med noget lignende her:" in page
    for other in topic[:3]:
        assert f'href="/initiatives/{other.id}"' in page
    assert "(KFF) – Stærk kandidat" in page  # who else works on it, and why it is alike
    assert re.search(r'href="/overlaps/\d+-\d+">Se kandidaten</a>', page)
    # The same page opened later, or by a reader, carries no warning.
    assert "arbejder med noget lignende" not in client.get(f"/initiatives/{topic[0].id}").get_data(as_text=True)


def test_a_coordinator_sees_no_warning_when_nothing_alike_is_going_on(topic, login, ref):
    client = login("tmf")
    response = client.post("/initiatives/new", data=initiative_form(ref))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Indsatsen »Green Teams« er oprettet." in page
    assert "arbejder med noget lignende" not in page


def test_the_api_pages_the_lists_pairs_a_topic_together_in_the_lists_order(topic, login, app):
    from tracker.api.tokens import create_token
    from tracker.models import User

    login("styregruppe")  # creates the users
    user = db.session.scalar(select(User).where(User.role == "styregruppe"))
    _token, secret = create_token(user, "Test", "read", 30)
    db.session.commit()
    api = app.test_client(use_cookies=False)
    headers = {"Authorization": f"Bearer {secret}"}
    first = api.get("/api/v1/overlaps?per_page=2", headers=headers).get_json()
    second = api.get("/api/v1/overlaps?per_page=2&page=2", headers=headers).get_json()
    assert first["total"] == 4  # the homework topic's three pairs and the job cafés' one
    pairs = [(item["first_title"], item["second_title"]) for item in first["items"] + second["items"]]
    homework = {i.title for i in topic[:3]}
    in_topic = [n for n, pair in enumerate(pairs) if set(pair) <= homework]
    assert len(in_topic) == 3 and in_topic == list(range(in_topic[0], in_topic[0] + 3)), "the topic's pairs together"
    listed = login("styregruppe").get("/overlaps/").get_data(as_text=True)
    jobs_first = listed.index("Jobcafé i Urbanplanen") < listed.index("Lektiecafé i Tingbjerg")
    assert in_topic[0] == (1 if jobs_first else 0), "in the list's order"
    assert {item["state"] for item in first["items"]} == {"open"} and first["items"][0]["strong"]


def test_a_topics_row_names_its_first_ten_initiatives_by_administration_and_title_and_counts_the_rest(ref, login):
    leads = ("BUF", "KFF", "SOF", "BIF", "SUF", "TMF")
    made = [_homework(ref, f"Lektiehjælp {n:02d} i Tingbjerg", leads[n % len(leads)]) for n in range(12)]
    db.session.commit()
    reviewer = login("styregruppe")

    def named() -> list[str]:
        html = reviewer.get("/overlaps/").get_data(as_text=True)
        assert "… og 2 indsatser mere: se emnet" in html
        return re.findall(r'<li><a href="/initiatives/\d+">(Lektiehjælp [^<]+)</a> \(', html)

    def in_order() -> list[str]:
        return [i.title for i in sorted(made, key=lambda i: (i.lead_administration_id, i.title, i.id))][:10]

    assert named() == in_order()
    made_first = next(i for i in made if i.title == in_order()[0])
    made_first.title = "Lektiehjælp 99 i Tingbjerg"  # now last of its administration's
    db.session.commit()
    assert named() == in_order()


def test_a_filtered_list_shown_before_shows_a_verdict_a_new_title_and_the_readers_language_at_once(topic, login):
    """A page of the filtered list is kept until the data changes (queries.review): a verdict, a renamed
    initiative and another reader's language show on the next look."""
    reviewer = login("styregruppe")
    area = topic[0].areas[0].id
    listed = f"/overlaps/?area={area}&show=all"
    before = reviewer.get(listed).get_data(as_text=True)
    assert "Lektiecafé i Tingbjerg" in before and "Vurderet:" not in before
    link = _topic_link(before)
    reviewer.post(link, data={"verdict": "koordineret", "token": _token(reviewer.get(link).get_data(as_text=True))})
    judged = reviewer.get(listed).get_data(as_text=True)
    assert "Vurderet: Koordineret" in judged

    library = db.session.get(Initiative, topic[1].id)
    update_initiative(library, _as_input(library, title="Lektiehjælp på Tingbjerg Bibliotek"))
    db.session.commit()
    renamed = reviewer.get(listed).get_data(as_text=True)
    assert "Lektiehjælp på Tingbjerg Bibliotek" in renamed and "Lektiehjælp på biblioteket i Tingbjerg" not in renamed

    reviewer.set_cookie("tracker_lang", "en")
    english = reviewer.get(listed).get_data(as_text=True)
    assert "Reviewed: Coordinated" in english and "Strong" in english and "Stærk" not in english
