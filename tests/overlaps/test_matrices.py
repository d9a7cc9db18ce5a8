"""The overlap matrices: who works where (area × administration) and on what (area × theme)."""
from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tests.factories import add_initiatives, make_initiative
from tests.seeded_app import sign_in
from tracker.auth.services import create_user
from tracker.core.changes import CACHE_KEY
from tracker.extensions import db
from tracker.models import Administration, Area, Initiative
from tracker.overlaps.review.matrices import administration_matrix, theme_matrix

PASSWORD = "styregruppe-adgangskode"
ADMINISTRATIONS = "/overlaps/matrix/administrations"
THEMES = "/overlaps/matrix/themes"


def _sign_in(client, role: str) -> None:
    create_user(f"{role}@kk.example", f"En {role}", role, PASSWORD,
                administration_code="TMF" if role == "koordinator" else None)
    db.session.commit()
    response = client.post("/login", data={"email": f"{role}@kk.example", "password": PASSWORD})
    assert response.status_code == 302


def _cell(html: str, **data) -> str:
    """The text of the table cell with these data attributes, tags removed."""
    attributes = "".join(f' data-{name}="{value}"' for name, value in data.items())
    match = re.search(rf'<td class="[^"]*"{attributes}>(.*?)</td>', html, re.S)
    assert match, f"no cell {data}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _hand_built(ref):
    """Two TMF-led and one SOF-led active initiative in Husum/Tingbjerg (one through its place), and noise."""
    husum, tingbjerg = ref.areas["husum-tingbjerg"], ref.places["Tingbjerg"]
    tryghed = ref.themes["tryghed"]
    make_initiative(ref, "Tryghedsvandringer", "TMF", areas=[husum], themes=[tryghed],
                    partner_administrations=[ref.administrations["SOF"]])
    make_initiative(ref, "Belysning", "TMF", places=[tingbjerg], themes=[tryghed])
    make_initiative(ref, "Gadeplan", "SOF", areas=[husum], themes=[tryghed],
                    partner_administrations=[ref.administrations["TMF"], ref.administrations["BIF"]])
    # Not counted: planned, finished, archived.
    make_initiative(ref, "Planlagt", "TMF", areas=[husum], themes=[tryghed], status="planned")
    make_initiative(ref, "Afsluttet", "BUF", areas=[husum], themes=[tryghed], status="finished")
    make_initiative(ref, "Arkiveret", "KFF", areas=[husum], themes=[tryghed],
                    archived_at=datetime(2014, 1, 1, tzinfo=UTC))
    # One administration alone on a theme in an area: no overlap.
    make_initiative(ref, "Jobcenter i Urbanplanen", "BIF", areas=[ref.areas["amager-sundby"]],
                    themes=[ref.themes["beskaeftigelse"]])
    db.session.commit()


def test_administration_matrix_counts_active_initiatives_as_lead_and_as_partner(app, client, ref):
    _hand_built(ref)
    husum = ref.areas["husum-tingbjerg"].id
    matrix = administration_matrix()
    assert matrix.cell(husum, ref.administrations["TMF"].id) == (2, 1)
    assert matrix.cell(husum, ref.administrations["SOF"].id) == (1, 1)
    assert matrix.cell(husum, ref.administrations["BIF"].id) == (0, 1)
    assert matrix.cell(husum, ref.administrations["BUF"].id) == (0, 0)
    _sign_in(client, "styregruppe")
    html = client.get(ADMINISTRATIONS).get_data(as_text=True)
    assert _cell(html, area="husum-tingbjerg", administration="TMF") == "2 / 1"
    lead_link = re.search(r'href="(/initiatives/\?[^"]*administration=TMF[^"]*role=lead[^"]*)"', html)
    assert lead_link and "area=husum-tingbjerg" in lead_link.group(1) and "status=active" in lead_link.group(1)
    listed = client.get(lead_link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "Tryghedsvandringer" in listed and "Belysning" in listed and "Gadeplan" not in listed


def test_theme_matrix_marks_only_cells_where_three_administrations_meet_and_explains_the_mark(app, client, ref):
    _hand_built(ref)
    # Two administrations on safety in Bispebjerg: counted, but under the threshold, so not marked.
    make_initiative(ref, "Tryg Bispebjerg", "SOF", areas=[ref.areas["bispebjerg"]], themes=[ref.themes["tryghed"]],
                    partner_administrations=[ref.administrations["TMF"]])
    db.session.commit()
    matrix = theme_matrix()
    husum, amager = ref.areas["husum-tingbjerg"].id, ref.areas["amager-sundby"].id
    assert matrix.count(husum, ref.themes["tryghed"].id) == 3  # TMF, SOF and BIF
    assert matrix.is_potential_overlap(husum, ref.themes["tryghed"].id)
    assert matrix.count(ref.areas["bispebjerg"].id, ref.themes["tryghed"].id) == 2
    assert not matrix.is_potential_overlap(ref.areas["bispebjerg"].id, ref.themes["tryghed"].id)
    assert matrix.count(amager, ref.themes["beskaeftigelse"].id) == 1
    assert not matrix.is_potential_overlap(amager, ref.themes["beskaeftigelse"].id)
    _sign_in(client, "styregruppe")
    html = client.get(THEMES).get_data(as_text=True)
    highlighted = _cell(html, area="husum-tingbjerg", theme="tryghed")
    assert highlighted.startswith("3") and "Muligt overlap" in highlighted  # said in words, not by colour
    assert 'href="/overlaps/?area=husum-tingbjerg&amp;theme=tryghed"' in html  # the candidates of that cell
    assert _cell(html, area="bispebjerg", theme="tryghed") == "2"
    assert _cell(html, area="amager-sundby", theme="beskaeftigelse") == "1"
    assert html.count('class="cell-numeric matrix-marked"') == 1
    assert "Muligt overlap: 3 eller flere forvaltninger arbejder med samme tema i samme område." in html  # legend


def test_matrices_are_tables_with_captions_and_header_scopes(app, client, ref):
    _sign_in(client, "admin")
    for path in (ADMINISTRATIONS, THEMES):
        html = client.get(path).get_data(as_text=True)
        assert "<caption" in html and 'th scope="col"' in html and 'th scope="row"' in html


@pytest.mark.parametrize("role", ["laeser", "koordinator"])
def test_only_the_steering_group_and_admins_see_the_matrices(app, client, ref, role):
    _sign_in(client, role)
    assert client.get(ADMINISTRATIONS).status_code == 403
    assert client.get(THEMES).status_code == 403


def test_seed_matrix_shows_tmfs_active_work_per_area(walk_app):
    app, _targets = walk_app
    app.config["TODAY"] = date(2013, 12, 31)  # the seed's year, before its initiatives' end dates pass
    initiatives = db.session.scalars(
        select(Initiative).where(Initiative.status == "active", Initiative.archived_at.is_(None))
        .options(selectinload(Initiative.areas), selectinload(Initiative.places),
                 selectinload(Initiative.partner_administrations))).all()
    tmf = db.session.scalar(select(Administration).where(Administration.code == "TMF"))
    lead, partner = Counter(), Counter()
    for initiative in initiatives:
        areas = {a.id for a in initiative.areas} | {p.area_id for p in initiative.places if p.area_id}
        for area_id in areas:
            lead[area_id] += initiative.lead_administration_id == tmf.id
            partner[area_id] += tmf in initiative.partner_administrations
    assert sum(lead.values()) + sum(partner.values()) > 0, "the seed has active TMF work"
    client = app.test_client()
    sign_in(client, "styregruppe")
    html = client.get(ADMINISTRATIONS).get_data(as_text=True)
    for area in db.session.scalars(select(Area)):
        assert _cell(html, area=area.slug, administration="TMF") == f"{lead[area.id]} / {partner[area.id]}"


def _count(app, client, count_queries, path) -> int:
    """The queries of a look at the matrix after a change (what it keeps until the data changes let go)."""
    assert client.get(path).status_code == 200
    db.session.expire_all()
    app.extensions.pop(CACHE_KEY, None)
    with count_queries() as queries:
        assert client.get(path).status_code == 200
    return queries.count


def test_matrices_run_a_fixed_number_of_queries(app, client, ref, count_queries):
    _sign_in(client, "styregruppe")
    add_initiatives(ref, 100)
    db.session.commit()
    small = {path: _count(app, client, count_queries, path) for path in (ADMINISTRATIONS, THEMES)}
    add_initiatives(ref, 2000, start=100)
    db.session.commit()
    large = {path: _count(app, client, count_queries, path) for path in (ADMINISTRATIONS, THEMES)}
    assert large == small
    # the user, areas, administrations or themes, the change token and the GROUP BY counts
    assert large == {ADMINISTRATIONS: 6, THEMES: 5}


def test_a_new_active_initiative_is_counted_on_the_next_look_at_the_matrix(app, client, ref):
    _sign_in(client, "styregruppe")
    area = ref.areas["norrebro"]

    def led() -> int:
        html = client.get(ADMINISTRATIONS).get_data(as_text=True)
        return int(_cell(html, area=area.slug, administration="TMF").split(" / ")[0])

    before = led()
    make_initiative(ref, "Gårdmand i Mjølnerparken", "TMF", areas=[area])
    db.session.commit()
    assert led() == before + 1
