"""The report editor over HTTP: who may do what, bad input refused with nothing saved, a stale save shown as a
conflict with both texts, saving over the limit as a draft, and a final version that always fits."""
from __future__ import annotations

import html
import re
from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import func, select

from tests.factories import reference_data
from tests.seeded_app import REPORT_YEAR, sign_in
from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.models import Administration
from tracker.reports import queries
from tracker.reports.models import Report, ReportVersion
from tracker.reports.services import TEXT_MAX

SOF_PASSWORD = "sof-koordinator-adgangskode"


@pytest.fixture
def seeded(walk_app):
    app, targets = walk_app
    return app, db.session.get(Report, targets.values["report_id"])


def _client(app, role: str):
    client = app.test_client()
    sign_in(client, role)
    return client


def _sof_client(app):
    create_user("sof@kk.example", "Søren Social", "koordinator", SOF_PASSWORD, administration_code="SOF")
    db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": "sof@kk.example", "password": SOF_PASSWORD}).status_code == 302
    return client


def _form(based_on: ReportVersion, **changes) -> dict:
    """The editor's form as it was opened on `based_on`, with some fields changed."""
    data = {f"text_{number}": text for number, text in based_on.text_map().items()}
    data["version"] = str(based_on.number)
    data.update(changes)
    return data


def _versions() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(ReportVersion))


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _tmf_id() -> int:
    return db.session.scalar(select(Administration.id).where(Administration.code == "TMF"))


@pytest.mark.parametrize("role", ["admin", "koordinator", "styregruppe", "laeser"])
def test_everyone_signed_in_reads_the_list_the_report_and_its_versions(seeded, role):
    app, report = seeded
    client = _client(app, role)
    for path in ("/reports/", f"/reports/{report.id}", f"/reports/{report.id}/versions",
                 f"/reports/{report.id}/versions/1", f"/reports/{report.id}/versions/1/diff-draft",
                 f"/reports/{report.id}/versions/1/diff-last-year"):
        assert client.get(path).status_code == 200, path
    listing = _text(client.get("/reports/"))
    assert "Teknik- og Miljøudvalget" in listing
    writer = role in ("admin", "koordinator")
    assert ("Generér udkast" in listing) is writer
    editor = _text(client.get(f"/reports/{report.id}"))
    assert ('name="text_3"' in editor) is writer
    assert ("Markér version 1 som endelig" in editor) is writer
    assert ("Generér igen" in editor) is writer


def test_the_generate_form_offers_a_coordinator_only_their_own_committee(seeded):
    app, _report = seeded
    page = _text(_client(app, "koordinator").get("/reports/"))
    assert re.findall(r'<option[^>]*value="(\d+)"', page) == [str(_tmf_id())]
    admin_page = _text(_client(app, "admin").get("/reports/"))
    assert len(re.findall(r'<option[^>]*value="\d+"', admin_page)) == 7


@pytest.mark.parametrize("role", ["styregruppe", "laeser"])
def test_readers_cannot_write(seeded, role):
    app, report = seeded
    client = _client(app, role)
    before = _versions()
    latest = queries.latest_version(report)
    for path, data in (("/reports/generate", {"administration": str(_tmf_id()), "year": "2013"}),
                       (f"/reports/{report.id}/save", _form(latest, text_3="Læserens tekst")),
                       (f"/reports/{report.id}/regenerate", {}),
                       (f"/reports/{report.id}/versions/1/final", {})):
        assert client.post(path, data=data).status_code == 403, path
    assert _versions() == before and report.final_number is None


def test_a_coordinator_of_another_administration_is_refused(seeded):
    app, report = seeded
    client = _sof_client(app)
    before = _versions()
    latest = queries.latest_version(report)
    assert "Markér version" not in _text(client.get(f"/reports/{report.id}"))
    for path, data in ((f"/reports/{report.id}/save", _form(latest, text_3="SOF skriver TMF's tekst")),
                       (f"/reports/{report.id}/regenerate", {}),
                       (f"/reports/{report.id}/versions/1/final", {}),
                       ("/reports/generate", {"administration": str(_tmf_id()), "year": "2014"})):
        response = client.post(path, data=data)
        assert response.status_code == 403, path
        assert "koordinatorer i Teknik- og Miljøforvaltningen" in _text(response) or "egen forvaltning" in _text(response)
    assert _versions() == before and report.final_number is None
    assert db.session.scalar(select(func.count()).select_from(Report)) == 1


def test_generating_creates_the_report_and_opens_the_editor(seeded):
    app, _report = seeded
    client = _sof_client(app)
    sof = db.session.scalar(select(Administration.id).where(Administration.code == "SOF"))
    response = client.post("/reports/generate", data={"administration": str(sof), "year": "2013"})
    assert response.status_code == 302
    editor = _text(client.get(response.headers["Location"]))
    assert "Socialudvalgets årlige statusredegørelse for inklusionsindsatsen i forvaltningen 2013" in editor
    assert "Udkastet er genereret som version 1" in editor
    assert 'data-char-limit="1500"' in editor and 'data-counter-text="{count} af {limit} anslag"' in editor


@pytest.mark.parametrize(("data", "message"), [
    ({"year": "2013"}, "Vælg det udvalg"),
    ({"year": "tretten"}, "Skriv året med fire cifre"),
    ({"year": ""}, "Skriv redegørelsens år"),
    ({"year": "1066"}, "Årstallet skal være mellem"),
    ({"year": "2013", "period_start": "2013-02-30"}, "Skriv datoen som åååå-mm-dd"),
    ({"year": "2013", "period_start": "2013-06-01", "period_end": "2013-01-01"}, "Slutdatoen kan ikke ligge før"),
])
def test_bad_generate_input_is_shown_in_danish_and_nothing_is_made(seeded, data, message):
    app, _report = seeded
    client = _client(app, "admin")
    if "Vælg" not in message:
        data = {"administration": str(_tmf_id()), **data}
    before = _versions()
    response = client.post("/reports/generate", data=data)
    assert response.status_code == 400
    page = _text(response)
    assert message in page and "fejl i formularen" in page
    assert _versions() == before


def test_saving_makes_a_new_version_with_the_author_and_the_counter_follows(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    latest = queries.latest_version(report)
    shorter = latest.text_map()[3].split("\n\n")[0]
    response = client.post(f"/reports/{report.id}/save", data=_form(latest, text_3=shorter))
    assert response.status_code == 302
    editor = _text(client.get(f"/reports/{report.id}"))
    assert "Gemt som version 2." in editor
    assert f"{len(shorter)} af 1.500 anslag" in editor
    version = queries.latest_version(report)
    assert (version.number, version.origin, version.author.email) == (2, "edited", "koordinator@demo.example")
    assert version.text_map()[3] == shorter


def test_saving_over_the_limit_is_kept_as_a_draft_with_a_warning(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    response = client.post(f"/reports/{report.id}/save",
                           data=_form(queries.latest_version(report), text_3="æ" * 1510), follow_redirects=True)
    page = _text(response)
    assert response.status_code == 200 and "Gemt som version 2 (kladde)" in page
    assert "3) Eventuelt samarbejde på tværs i kommunen har 1.510 anslag – 10 for mange" in page
    assert "1.510 af 1.500 anslag – 10 for mange" in page
    assert "kan ikke markeres som endelig" in page


def test_a_text_far_too_long_or_a_missing_section_is_refused_and_nothing_is_saved(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    latest = queries.latest_version(report)
    before = _versions()
    response = client.post(f"/reports/{report.id}/save", data=_form(latest, text_1="x" * (TEXT_MAX + 1)))
    assert response.status_code == 400
    assert "Afsnittet er alt for langt til at gemme" in _text(response)
    assert "x" * 100 in _text(response)  # what was typed is given back, not lost
    incomplete = _form(latest)
    del incomplete["text_2"]
    response = client.post(f"/reports/{report.id}/save", data=incomplete)
    assert response.status_code == 400 and "manglede et eller flere afsnit" in _text(response)
    assert _versions() == before


def test_a_save_based_on_an_older_version_shows_both_texts_and_saves_nothing(seeded):
    app, report = seeded
    first = queries.latest_version(report)
    admin, koordinator = _client(app, "admin"), _client(app, "koordinator")
    assert admin.post(f"/reports/{report.id}/save", data=_form(first, text_3="Administratorens tekst.")).status_code == 302
    before = _versions()
    response = koordinator.post(f"/reports/{report.id}/save", data=_form(first, text_3="Koordinatorens tekst."))
    assert response.status_code == 409
    page = _text(response)
    assert "Administratorens tekst." in page and "Koordinatorens tekst." in page
    assert 'name="version" value="2"' in page  # "Gem min version" saves over the version now shown
    assert _versions() == before
    resubmitted = koordinator.post(f"/reports/{report.id}/save",
                                   data=_form(first, version="2", text_3="Koordinatorens tekst."))
    assert resubmitted.status_code == 302
    assert queries.latest_version(report).text_map()[3] == "Koordinatorens tekst."


def test_a_version_over_its_limit_cannot_be_marked_final_over_http(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    client.post(f"/reports/{report.id}/save", data=_form(queries.latest_version(report), text_1="ø" * 2001))
    response = client.post(f"/reports/{report.id}/versions/2/final")
    assert response.status_code == 400
    page = _text(response)
    assert "Version 2 kan ikke markeres som endelig" in page
    assert "1) Status for handleplan har 2.001 anslag – 1 for mange" in page
    db.session.expire_all()
    assert report.final_number is None
    assert db.session.scalar(select(ReportVersion.finalised_at).where(ReportVersion.report_id == report.id,
                                                                      ReportVersion.number == 2)) is None


def test_marking_final_shows_the_badge_and_the_word_document_loses_its_draft_mark(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    response = client.post(f"/reports/{report.id}/versions/1/final", follow_redirects=True)
    assert response.status_code == 200
    assert "Version 1 er nu den endelige redegørelse." in _text(response)
    assert "Endelig" in _text(client.get("/reports/"))
    db.session.expire_all()
    assert report.final_number == 1
    text = client.get(f"/reports/{report.id}/versions/1/redegoerelse.txt").get_data(as_text=True)
    assert "KLADDE" not in text


def test_generating_again_keeps_the_edits_as_their_own_version(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    client.post(f"/reports/{report.id}/save", data=_form(queries.latest_version(report), text_3="Mine ord."))
    response = client.post(f"/reports/{report.id}/regenerate", follow_redirects=True)
    assert "Et nyt udkast er genereret som version 3" in _text(response)
    db.session.expire_all()
    assert queries.version_or_404(report, 2).text_map()[3] == "Mine ord."
    assert queries.latest_version(report).origin == "generated"


def test_the_diff_to_the_draft_marks_deleted_and_inserted_words(seeded):
    app, report = seeded
    client = _client(app, "koordinator")
    draft_text = queries.latest_version(report).text_map()[3]
    first_word = draft_text.split()[0]
    client.post(f"/reports/{report.id}/save",
                data=_form(queries.latest_version(report), text_3=draft_text.replace(first_word, "Udvalget", 1)))
    page = client.get(f"/reports/{report.id}/versions/2/diff-draft").get_data(as_text=True)
    assert re.search(rf"<del><span class=\"sr-only\">\[slettet: </span>{re.escape(first_word)}", page)
    assert re.search(r"<ins><span class=\"sr-only\">\[indsat: </span>Udvalget", page)
    assert "<del>Slettet tekst</del> er gennemstreget på rød baggrund, <ins>indsat tekst</ins> står med fed" in page


def test_the_diff_to_last_year_says_when_there_is_nothing_to_compare_with(seeded):
    app, report = seeded
    client = _client(app, "admin")
    page = _text(client.get(f"/reports/{report.id}/versions/1/diff-last-year"))
    assert f"Der er ingen endelig tekst fra Teknik- og Miljøudvalget for {REPORT_YEAR - 1}" in page
    response = client.post("/reports/generate", data={"administration": str(_tmf_id()), "year": str(REPORT_YEAR - 1)})
    previous = response.headers["Location"]
    db.session.expire_all()
    previous_report = db.session.scalar(select(Report).where(Report.year == REPORT_YEAR - 1))
    client.post(f"{previous}/save", data={**_form(queries.latest_version(previous_report)),
                                          "text_3": "Sidste års afsnit om samarbejdet."})
    assert client.post(f"{previous}/versions/2/final").status_code == 302
    page = client.get(f"/reports/{report.id}/versions/1/diff-last-year").get_data(as_text=True)
    assert "Endelig tekst for 2012" in html.unescape(page)
    assert re.search(r"<del><span class=\"sr-only\">\[slettet: </span>Sidste års afsnit", html.unescape(page))


def test_downloads_have_the_text_and_never_the_sources(seeded):
    app, report = seeded
    client = _client(app, "laeser")
    version = queries.latest_version(report)
    text = client.get(f"/reports/{report.id}/versions/1/redegoerelse.txt?section=3")
    assert text.status_code == 200 and text.mimetype == "text/plain"
    assert text.get_data(as_text=True).strip() == version.text_map()[3].replace("\n\n", "\n\n").strip()
    markdown = client.get(f"/reports/{report.id}/versions/1/redegoerelse.md").get_data(as_text=True)
    assert markdown.startswith("# Teknik- og Miljøudvalgets årlige statusredegørelse")
    assert "Kilder:" not in markdown and "KLADDE" in markdown
    docx = client.get(f"/reports/{report.id}/versions/1/redegoerelse.docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    assert "redegoerelse-TMF-2013-v1.docx" in docx.headers["Content-Disposition"]
    client_writer = _client(app, "koordinator")
    client_writer.post(f"/reports/{report.id}/save", data=_form(version, text_3="å" * 1600))
    over = Document(BytesIO(client.get(f"/reports/{report.id}/versions/2/redegoerelse.docx").data))
    first_page = "\n".join(paragraph.text for paragraph in over.paragraphs[:5])
    assert "Advarsel" in first_page and "100 for mange" in first_page
    for bad in ("9", "0", "tre", "-1"):
        assert client.get(f"/reports/{report.id}/versions/1/redegoerelse.txt?section={bad}").status_code == 400
    assert client.get(f"/reports/{report.id}/versions/7/redegoerelse.docx").status_code == 404
    assert client.get("/reports/999999").status_code == 404


def test_generating_needs_the_forms_csrf_token(csrf_app):
    reference_data()
    create_user("anna@kk.example", "Anna Admin", "admin", SOF_PASSWORD)
    db.session.commit()
    client = csrf_app.test_client()
    token = _csrf_token(client.get("/login"))
    client.post("/login", data={"email": "anna@kk.example", "password": SOF_PASSWORD, "csrf_token": token})
    page = client.get("/reports/")
    data = {"administration": str(_tmf_id()), "year": "2013"}
    assert client.post("/reports/generate", data=data).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert client.post("/reports/generate", data={**data, "csrf_token": _csrf_token(page)}).status_code == 302


def _csrf_token(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True)).group(1)
