"""Search finds Danish word forms, ranks title hits first, leaves archived records out unless asked, shows
only what the user may read, highlights safely and runs a fixed number of queries."""
from __future__ import annotations

import re
from datetime import date

from tests.factories import add_initiatives, make_initiative
from tracker.extensions import db
from tracker.log.models import CooperationEntry
from tracker.organisation.models import Organisation, Person
from tracker.search.index import rebuild


def _titles(response) -> list[str]:
    """The results' headings, in order, as the user reads them."""
    html = response.get_data(as_text=True)
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'search-result__title"><a [^>]*>(.*?)</a>', html, re.S)]


def test_an_inflected_form_finds_the_base_form(login, ref):
    response = login("laeser").get("/search?q=tryghedsvandringerne&kind=initiative")
    assert response.status_code == 200
    assert _titles(response) == ["Tryghedsvandringer"]


def test_the_base_form_finds_an_inflected_one_in_a_log_entry(login, ref):
    db.session.add(CooperationEntry(date=date(2013, 5, 1), kind="joint_activity", initiative=ref.initiatives["lab"],
                                    text="Tryghedsvandringen i Bispebjerg samlede 40 beboere."))
    db.session.commit()
    html = login("laeser").get("/search?q=tryghedsvandring&kind=entry").get_data(as_text=True)
    assert "<mark>Tryghedsvandringen</mark> i Bispebjerg" in html
    assert "Lab2700" in html  # where the entry belongs


def test_a_title_hit_ranks_above_a_summary_hit(login, ref):
    make_initiative(ref, "Lektiecafé i Husum", "BIF", summary="Lektiehjælp hver uge; " + "gårdmiljø " * 5)
    make_initiative(ref, "Gårdmiljø i Tingbjerg", "TMF", summary="Nye bede.")
    make_initiative(ref, "Grønne gårde", "KFF", summary="Gårdmiljøer og gårdmiljøet bliver grønnere.")
    db.session.commit()
    titles = _titles(login("laeser").get("/search?q=gårdmiljø&kind=initiative"))
    assert titles[0] == "Gårdmiljø i Tingbjerg"
    assert set(titles[1:]) == {"Lektiecafé i Husum", "Grønne gårde"}


def test_archived_records_are_left_out_unless_asked_for(login, ref):
    make_initiative(ref, "Gammel tryghedsvandring", "TMF", archived_at=date(2014, 1, 1))
    db.session.commit()
    client = login("laeser")
    assert _titles(client.get("/search?q=tryghedsvandring&kind=initiative")) == ["Tryghedsvandringer"]
    both = client.get("/search?q=tryghedsvandring&kind=initiative&archived=1")
    assert sorted(_titles(both)) == ["Gammel tryghedsvandring", "Tryghedsvandringer"]
    assert "Arkiveret" in both.get_data(as_text=True)


def test_organisations_and_persons_are_found_by_admins_only(login, ref):
    db.session.add(Organisation(name="Boligselskabet Tingbo", kind="housing_association", description=""))
    db.session.add(Person(name="Tina Tingbo", title="Boligsocial leder"))
    db.session.commit()
    assert _titles(login("laeser").get("/search?q=tingbo")) == []
    assert _titles(login("tmf").get("/search?q=tingbo&kind=person")) == []
    assert sorted(_titles(login("admin").get("/search?q=tingbo"))) == ["Boligselskabet Tingbo", "Tina Tingbo"]


def test_highlighting_escapes_what_the_record_says(login, ref):
    make_initiative(ref, "<script>alert(1)</script> tryghed & ro", "TMF", summary="<b>tryghed</b>")
    db.session.commit()
    html = login("laeser").get("/search?q=tryghed").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>tryghed</mark> &amp; ro" in html
    assert "&lt;b&gt;<mark>tryghed</mark>&lt;/b&gt;" in html


def test_filters_by_kind_and_area(login, ref):
    db.session.add(CooperationEntry(date=date(2013, 5, 1), kind="joint_activity", text="Lab2700 holdt åbent hus.",
                                    areas=[ref.areas["bispebjerg"]]))
    db.session.commit()
    client = login("laeser")
    assert _titles(client.get("/search?q=lab2700&kind=initiative")) == ["Lab2700"]
    assert len(_titles(client.get("/search?q=lab2700&kind=entry"))) == 1
    assert _titles(client.get("/search?q=lab2700&area=husum-tingbjerg")) == []
    assert len(_titles(client.get("/search?q=lab2700&area=bispebjerg"))) == 2


def test_an_empty_search_says_what_to_do(login, ref):
    client = login("laeser")
    assert "Skriv et eller flere ord" in client.get("/search").get_data(as_text=True)
    assert "Intet passer til søgningen" in client.get("/search?q=zzzyx").get_data(as_text=True)
    assert client.get("/search?q=%00%27%22&kind=nope&area=nope&page=99999999999").status_code == 200


def test_the_header_has_one_search_field(login, ref):
    html = login("laeser").get("/").get_data(as_text=True)
    assert html.count('role="search"') == 1
    assert 'label class="form-label" for="header-search-q"' in html


def test_records_inserted_in_bulk_are_found_after_a_rebuild(login, ref):
    add_initiatives(ref, 30)
    db.session.commit()
    client = login("laeser")
    assert _titles(client.get("/search?q=indsats+00017")) == []
    rebuild()
    db.session.commit()
    assert _titles(client.get("/search?q=indsats+00017")) == ["Indsats 00017"]


def test_a_search_runs_a_fixed_number_of_queries(login, ref, count_queries):
    client = login("laeser")
    add_initiatives(ref, 60)
    rebuild()
    db.session.commit()

    def count(path: str) -> int:
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get(path).status_code == 200
        return queries.count

    small = count("/search?q=indsats")
    add_initiatives(ref, 600, start=60)
    rebuild()
    db.session.commit()
    # user, change token, areas (filter), count, hits, and the entries and meetings on the page (one each); on
    # PostgreSQL the search's planning set and set back
    assert count("/search?q=indsats") == small <= (10 if db.engine.dialect.name == "postgresql" else 8)


def test_a_meeting_follows_its_body_to_another_area_and_a_new_meeting_beside_a_body_change_is_kept(login, ref):
    from tracker.bodies.models import Meeting, Membership

    forum = ref.bodies["forum-norrebro"]
    db.session.add(Meeting(body=forum, date=date(2013, 4, 10), summary="Byrumsønskerne samles"))
    db.session.commit()
    client = login("laeser")
    assert len(_titles(client.get("/search?q=byrumsønskerne&kind=meeting&area=norrebro"))) == 1

    # a seat added and a meeting recorded in one flush: the meeting is indexed once, nothing is loaded twice
    forum.memberships.append(Membership(role="Leder", administration=ref.administrations["TMF"]))
    db.session.add(Meeting(body=forum, date=date(2013, 5, 10), summary="Byrumsønskerne prioriteres"))
    db.session.commit()
    assert len(_titles(client.get("/search?q=byrumsønskerne&kind=meeting&area=norrebro"))) == 2

    forum.area = ref.areas["bispebjerg"]
    db.session.commit()
    assert _titles(client.get("/search?q=byrumsønskerne&kind=meeting&area=norrebro")) == []
    assert len(_titles(client.get("/search?q=byrumsønskerne&kind=meeting&area=bispebjerg"))) == 2
