"""Issue 15, acceptance 5: the front page, each area page and the filtered initiative list give the same number
of active initiatives, because all three count with `counts_as_active` (active, not past its end date, not
archived). In the seed the front page once said 11 for Husum/Tingbjerg, its area page 15 and the list 10."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.models import Area, Initiative


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def _front_totals(html: str) -> dict[str, int]:
    found = re.findall(r'aria-label="(\d[\d.]*) aktive? indsats(?:er)? i ([^"]+) i alt"', html)
    return {area: _number(n) for n, area in found}


def _area_active(html: str) -> int:
    match = re.search(r"Heraf (\d[\d.]*) aktive? indsats", html)
    return _number(match.group(1)) if match else 0


def _list_total(html: str) -> int:
    match = re.search(r'<h2 class="h3" id="resultat">(\d[\d.]*) indsats', html)
    assert match, "the list says how many it found"
    return _number(match.group(1))


def test_front_area_pages_and_filtered_list_agree_on_active_initiatives(walk_app):
    app, _targets = walk_app
    app.config["TODAY"] = date(2013, 12, 31)  # the seed's year: many active, some already past their end
    husum = db.session.scalar(select(Area).where(Area.slug == "husum-tingbjerg"))
    # What made the pages disagree: an archived active initiative, and one still "active" past its end date.
    archived = db.session.scalar(select(Initiative).where(Initiative.title == "Green Teams"))
    archived.archived_at = datetime(2013, 6, 1, tzinfo=UTC)
    db.session.commit()

    client = app.test_client()
    sign_in(client, "laeser")
    front = _front_totals(client.get("/").get_data(as_text=True))
    areas = list(db.session.scalars(select(Area)))
    assert set(front) == {area.name for area in areas}
    assert front["Husum/Tingbjerg"] > 0
    for area in areas:
        area_page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
        listed = client.get(f"/initiatives/?area={area.slug}&status=active").get_data(as_text=True)
        assert (area.name, _area_active(area_page), _list_total(listed)) == (area.name, front[area.name],
                                                                             front[area.name])
    # The area page's heading counts every initiative in the area; the active ones are a part of them, and the
    # link from that sentence leads to exactly that list.
    page = client.get(f"/areas/{husum.slug}").get_data(as_text=True)
    heading = re.search(r'id="indsatser">Indsatser i området <span class="count-badge">(\d+)</span>', page)
    assert heading and int(heading.group(1)) > front["Husum/Tingbjerg"]
    assert 'href="/initiatives/?area=husum-tingbjerg&amp;status=active">Heraf' in page


def test_each_administrations_cell_on_the_front_page_matches_its_filtered_list(walk_app):
    app, _targets = walk_app
    app.config["TODAY"] = date(2013, 12, 31)
    client = app.test_client()
    sign_in(client, "laeser")
    front = client.get("/").get_data(as_text=True)
    cells = re.findall(r'href="(/initiatives/\?area=[^"]+&amp;administration=[A-ZØÆÅ]+&amp;status=active)" '
                       r'aria-label="[^"]*">(\d+)</a>', front)
    assert len(cells) >= 10
    for link, shown in cells:
        assert _list_total(client.get(link.replace("&amp;", "&")).get_data(as_text=True)) == int(shown), link
