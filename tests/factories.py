"""Test data builders: reference data through the ORM, and thousands of initiatives through bulk inserts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from tracker.auth.services import create_user
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    initiative_areas,
    initiative_goals,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.log.models import CooperationEntry, entry_administrations, entry_areas
from tracker.models import (
    Administration,
    Area,
    Body,
    Goal,
    Meeting,
    Membership,
    Organisation,
    Person,
    Place,
    PolicyArea,
    Theme,
    Udviklingsplan,
)

AREAS = [
    ("Nørrebro", "norrebro", ["Ydre Nørrebro"], "Nørrebro", ["Mjølnerparken", "Blågården"]),
    ("Amager/Sundby", "amager-sundby", ["Amager"], "Amager Øst", ["Urbanplanen", "Hørgården"]),
    ("Bispebjerg", "bispebjerg", ["Bispebjerg/Nordvest"], "Bispebjerg", ["Bispeparken", "Fuglekvarteret"]),
    ("Vesterbro/Sydhavnen", "vesterbro-sydhavnen", ["Vesterbro/Kgs. Enghave"], "Kongens Enghave",
     ["Sydhavnen", "Kongens Enghave"]),
    ("Husum/Tingbjerg", "husum-tingbjerg", ["Tingbjerg/Husum"], "Brønshøj-Husum", ["Tingbjerg", "Husum"]),
    ("Valby/Vigerslev", "valby-vigerslev", [], "Valby", ["Folehaven", "Akacieparken"]),
]
ADMINISTRATIONS = [
    ("ØKF", "Økonomiforvaltningen", "Økonomiudvalget"),
    ("BUF", "Børne- og Ungdomsforvaltningen", "Børne- og Ungdomsudvalget"),
    ("KFF", "Kultur- og Fritidsforvaltningen", "Kultur- og Fritidsudvalget"),
    ("SUF", "Sundheds- og Omsorgsforvaltningen", "Sundheds- og Omsorgsudvalget"),
    ("SOF", "Socialforvaltningen", "Socialudvalget"),
    ("TMF", "Teknik- og Miljøforvaltningen", "Teknik- og Miljøudvalget"),
    ("BIF", "Beskæftigelses- og Integrationsforvaltningen", "Beskæftigelses- og Integrationsudvalget"),
]
THEMES = [("tryghed", "Tryghed", "Safety"), ("beskaeftigelse", "Beskæftigelse", "Employment"),
          ("boern-og-unge", "Børn og unge", "Children and young people")]
STATUSES = ("active", "planned", "finished", "stopped")


@dataclass
class Reference:
    """The reference data a test builds on, by the keys a test would use."""

    areas: dict[str, Area] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    administrations: dict[str, Administration] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    policy_areas: list[PolicyArea] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)


def reference_data() -> Reference:
    """Six areas with places and plans, seven administrations, partners, themes and the bodies."""
    ref = Reference()
    for name, slug, aliases, bydel, places in AREAS:
        area = Area(name=name, slug=slug, aliases=aliases, bydel=bydel, description=f"Beskrivelse af {name}.")
        plan = Udviklingsplan(area=area, title=f"Udviklingsplan for {name}", status="adopted", year_adopted=2012,
                              period_start=2012, period_end=2016)
        plan.goals = [Goal(position=1, title=f"Et trygt {name}"), Goal(position=2, title=f"Flere i job i {name}")]
        ref.goals.extend(plan.goals)
        ref.areas[slug] = area
        for place in places:
            ref.places[place] = Place(name=place, kind="estate", area=area)
    ref.places["Indre Nørrebro"] = Place(name="Indre Nørrebro", kind="neighbourhood")  # outside the six areas
    for code, name, committee in ADMINISTRATIONS:
        ref.administrations[code] = Administration(code=code, name=name, committee=committee)
    ref.organisations = {
        "fsb": Organisation(name="fsb", kind="housing_association"),
        "SAB": Organisation(name="SAB", kind="housing_association"),
        "Københavns Politi": Organisation(name="Københavns Politi", kind="police"),
    }
    ref.themes = {slug: Theme(slug=slug, name=name, name_en=name_en) for slug, name, name_en in THEMES}
    ref.policy_areas = [PolicyArea(number=1, name="Alle børn og unge skal have en god start på livet"),
                        PolicyArea(number=2, name="Inklusion på arbejdsmarkedet")]
    db.session.add_all([*ref.areas.values(), *ref.places.values(), *ref.administrations.values(),
                        *ref.organisations.values(), *ref.themes.values(), *ref.policy_areas])
    _bodies(ref)
    db.session.flush()
    return ref


def _bodies(ref: Reference) -> None:
    team = Body(name="Tværkommunalt Team", kind="tvaerkommunalt_team", level="staff")
    team.memberships = [Membership(role="Medarbejderrepræsentant", administration=admin)
                        for admin in ref.administrations.values()]
    team.memberships[5].person = Person(name="Tove Teknik", title="Specialkonsulent")
    team.meetings = [Meeting(date=date(2013, 3, 1), summary="Status på tryghedsvandringer",
                             administrations=[ref.administrations["TMF"], ref.administrations["BIF"]],
                             organisations=[ref.organisations["fsb"]])]
    ref.bodies["team"] = team
    ref.bodies["styregruppe"] = Body(name="Den Tværkommunale Styregruppe", kind="tvaerkommunal_styregruppe",
                                     level="chief")
    for slug, area in ref.areas.items():
        forum = Body(name=f"Boligsocialt forum {area.name}", kind="boligsocialt_forum", level="leader", area=area)
        forum.memberships = [Membership(role="Koordinator", organisation=ref.organisations["fsb"]),
                             Membership(role="Leder", administration=ref.administrations["SOF"])]
        ref.bodies[f"forum-{slug}"] = forum
    ref.bodies["fuglekvarteret"] = Body(name="Områdefornyelsen Fuglekvarteret", kind="omraadefornyelse_styregruppe",
                                        level="staff", place=ref.places["Fuglekvarteret"],
                                        start_date=date(2013, 1, 1), end_date=date(2018, 12, 31))
    ref.bodies["indre-norrebro"] = Body(name="Områdefornyelsen Indre Nørrebro",
                                        kind="omraadefornyelse_styregruppe", level="staff",
                                        place=ref.places["Indre Nørrebro"])
    db.session.add_all(ref.bodies.values())


def add_initiatives(ref: Reference, count: int, start: int = 0) -> list[int]:
    """`count` initiatives spread over areas, administrations, themes and statuses, by bulk insert.

    Every 50th is archived and every 40th lies only outside the six areas. Each has two key figures
    and one cooperation entry. Returns the new ids in order.
    """
    admins = list(ref.administrations.values())
    areas = list(ref.areas.values())
    places = list(ref.places.values())
    orgs = list(ref.organisations.values())
    themes = list(ref.themes.values())
    rows = []
    for n in range(start, start + count):
        begin = date(2010 + n % 6, 1 + n % 12, 1)
        rows.append({
            "title": f"Indsats {n:05d}", "summary": f"Resumé af indsats {n}.", "status": STATUSES[n % 4],
            "start_date": begin, "end_date": None if n % 3 == 0 else begin + timedelta(days=365 * (1 + n % 4)),
            "lead_administration_id": admins[n % 7].id, "version": 1,
            "archived_at": datetime(2014, 1, 1, tzinfo=UTC) if n % 50 == 49 else None,
        })
    ids = list(db.session.scalars(insert(Initiative).returning(Initiative.id, sort_by_parameter_order=True), rows))
    links: dict = {table: [] for table in (initiative_partner_administrations, initiative_organisations,
                                           initiative_areas, initiative_places, initiative_themes,
                                           initiative_goals, initiative_policy_areas)}
    figures, entries = [], []
    for n, initiative_id in zip(range(start, start + count), ids, strict=True):
        for partner in (admins[(n + 1) % 7], admins[(n + 3) % 7]):
            links[initiative_partner_administrations].append(
                {"initiative_id": initiative_id, "administration_id": partner.id})
        links[initiative_organisations].append({"initiative_id": initiative_id, "organisation_id": orgs[n % 3].id})
        if n % 40 == 39:
            links[initiative_places].append({"initiative_id": initiative_id,
                                             "place_id": ref.places["Indre Nørrebro"].id})
        else:
            links[initiative_areas].append({"initiative_id": initiative_id, "area_id": areas[(n // 4) % 6].id})
            links[initiative_places].append({"initiative_id": initiative_id,
                                             "place_id": places[(n // 4) % 6 * 2].id})
            links[initiative_goals].append({"initiative_id": initiative_id,
                                            "goal_id": ref.goals[(n // 4) % 6 * 2].id})
        links[initiative_themes].append({"initiative_id": initiative_id, "theme_id": themes[n % 3].id})
        links[initiative_policy_areas].append({"initiative_id": initiative_id,
                                               "policy_area_id": ref.policy_areas[n % 2].id})
        figures += [{"initiative_id": initiative_id, "label": "Deltagere", "value": Decimal(n % 300),
                     "unit": "personer", "year": 2012},
                    {"initiative_id": initiative_id, "label": "Beboere på overførselsindkomst",
                     "value": Decimal("-10.1"), "unit": "procentpoint", "year": 2013}]
        entries.append({"initiative_id": initiative_id, "date": date(2013, 1 + n % 12, 1 + n % 28),
                        "kind": "joint_activity", "text": f"Fælles aktivitet i indsats {n}.", "version": 1})
    for table, link_rows in links.items():
        if link_rows:
            db.session.execute(insert(table), link_rows)
    db.session.execute(insert(KeyFigure), figures)
    entry_ids = list(db.session.scalars(
        insert(CooperationEntry).returning(CooperationEntry.id, sort_by_parameter_order=True), entries))
    db.session.execute(insert(entry_administrations), [
        {"entry_id": entry_id, "administration_id": admins[n % 7].id}
        for n, entry_id in zip(range(start, start + count), entry_ids, strict=True)])
    db.session.execute(insert(entry_areas), [
        {"entry_id": entry_id, "area_id": areas[(n // 4) % 6].id}
        for n, entry_id in zip(range(start, start + count), entry_ids, strict=True)])
    return ids


def add_meetings(body: Body, administrations: list[Administration], count: int, start: int = 0) -> None:
    """`count` meetings of one body, each attended by the given administrations, by bulk insert."""
    rows = [{"body_id": body.id, "date": date(2010, 1, 1) + timedelta(days=7 * n), "summary": f"Møde {n}"}
            for n in range(start, start + count)]
    ids = list(db.session.scalars(insert(Meeting).returning(Meeting.id, sort_by_parameter_order=True), rows))
    db.session.execute(insert(Meeting.administrations.property.secondary), [
        {"meeting_id": meeting_id, "administration_id": admin.id} for meeting_id in ids for admin in administrations])


def make_initiative(ref: Reference, title: str, lead: str, **fields) -> Initiative:
    """One initiative through the ORM, for tests that look at a particular one."""
    initiative = Initiative(title=title, lead_administration=ref.administrations[lead],
                            status=fields.pop("status", "active"), **fields)
    db.session.add(initiative)
    db.session.flush()
    return initiative


def add_entries(initiative_id: int, administrations: list[Administration], count: int) -> None:
    """`count` cooperation entries about one initiative, by bulk insert."""
    rows = [{"initiative_id": initiative_id, "date": date(2011, 1, 1) + timedelta(days=n), "kind": "meeting",
             "text": f"Møde om indsatsen {n}.", "version": 1} for n in range(count)]
    ids = list(db.session.scalars(
        insert(CooperationEntry).returning(CooperationEntry.id, sort_by_parameter_order=True), rows))
    db.session.execute(insert(entry_administrations), [
        {"entry_id": entry_id, "administration_id": admin.id} for entry_id in ids for admin in administrations])


def sign_in_new_user(client, email: str, role: str = "laeser") -> None:
    """A new account with this role (its name from the address), signed in through the login form."""
    create_user(email, email.split("@")[0].title(), role, "adgangskode-til-test")
    db.session.commit()
    assert client.post("/login", data={"email": email, "password": "adgangskode-til-test"}).status_code == 302
