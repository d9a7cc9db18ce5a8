"""The facts a committee's report is drafted from: one JSON-serialisable snapshot per administration and period.

The snapshot is stored with every generated draft, so the drafting functions read nothing but this dict and a
final report can be reproduced after the initiatives have changed. Every list is sorted, so the same data
always gives the same snapshot. The queries are a fixed number whatever the amount of data: each one selects
by a subquery (never by a list of ids, which SQLAlchemy would split into batches).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date
from decimal import Decimal

from flask_babel import get_timezone
from sqlalchemy import and_, exists, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from tracker.areas.models import Area, Place
from tracker.bodies.models import BODY_KINDS, Body, Meeting, Membership, meeting_administrations
from tracker.core.errors import ValidationError
from tracker.core.lookup import unknown_message
from tracker.core.validation import check_period
from tracker.extensions import db
from tracker.initiatives.models import (
    Initiative,
    KeyFigure,
    PolicyArea,
    Theme,
    initiative_areas,
    initiative_organisations,
    initiative_partner_administrations,
    initiative_places,
    initiative_policy_areas,
    initiative_themes,
)
from tracker.log.models import CooperationEntry, entry_administrations
from tracker.organisation.models import Administration, Organisation

# The log entries the report draws on: what was decided and done together, what came of the work, what stands
# in its way, what should change. Meeting notes are not quoted: what a meeting decided is logged as a decision.
REPORT_ENTRY_KINDS = ("decision", "joint_activity", "result", "challenge", "recommendation")


def default_period(year: int, today: date | None = None) -> tuple[date, date]:
    """The report for year Y is written in the spring of Y: it covers Y-1 and Y up to today."""
    today = today or date.today()
    return date(year - 1, 1, 1), min(today, date(year, 12, 31))


def gather_facts(administration_id: int, period_start: date, period_end: date) -> dict:
    """Everything the four sections of one administration's report draw on, as plain data."""
    administration = db.session.get(Administration, administration_id)
    if administration is None:
        raise ValidationError("administration", unknown_message("forvaltning", administration_id))
    check_period(period_start, period_end, "period_end")
    return {
        "administration": {"id": administration.id, "code": administration.code, "name": administration.name,
                           "committee": administration.committee},
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        **_reference(),
        "bodies": _bodies(administration_id, period_start, period_end),
        "initiatives": _initiatives(administration_id, period_start),
        "entries": _entries(administration_id, period_start, period_end),
    }


def _by_name(name: str) -> tuple[str, str]:
    # Sorted here rather than by the database, whose collation differs between SQLite and PostgreSQL:
    # the same data gives the same snapshot on either engine.
    return name.casefold(), name


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal) -> str:
    """"300" rather than "300.00", "-10.1" rather than "-10.10": the figure as a person wrote it."""
    return format(value.normalize(), "f")


def entry_is_current():
    """An entry counts only while neither it nor what it hangs off (its initiative, body or meeting) is
    archived: a draft never quotes archived work. The one place the report reads this rule."""
    def archived(parent, key):
        # Correlated to the entry only, so the parent is looked up here even where the query also joins it.
        return exists().where(parent.id == key, parent.archived_at.is_not(None)).correlate(CooperationEntry)

    return and_(CooperationEntry.archived_at.is_(None),
                ~archived(Initiative, CooperationEntry.initiative_id),
                ~archived(Body, CooperationEntry.body_id),
                ~archived(Meeting, CooperationEntry.meeting_id))


def _not_over_before(end_column, period_start: date):
    # Work that ended before the period is not part of the report; work starting later is (as what is planned).
    return or_(end_column.is_(None), end_column >= period_start)


def _reference() -> dict:
    """How many areas and administrations there are, so a draft can say "alle seks" or "alle syv", and their
    names, so a sentence naming an administration or an area can be checked against its sources."""
    # One query for both: the number of queries stays the same whatever the data.
    rows = db.session.execute(union_all(
        select(literal("administration"), Administration.id, Administration.code, Administration.name),
        select(literal("area"), Area.id, Area.name, Area.name))).all()
    administrations = sorted(({"id": id_, "code": code, "name": name_}
                              for kind, id_, code, name_ in rows if kind == "administration"),
                             key=lambda a: _by_name(a["code"]))
    areas = sorted((name_ for kind, _, _, name_ in rows if kind == "area"), key=_by_name)
    return {"totals": {"areas": len(areas), "administrations": len(administrations)},
            "administrations": administrations, "areas": areas}


# --- bodies -------------------------------------------------------------------------------------------


def seated_bodies(administration_id: int, period_start: date):
    """Ids of the bodies where the administration holds a seat that has not ended before the period."""
    return (
        select(Membership.body_id)
        .join(Body, Body.id == Membership.body_id)
        .where(Membership.administration_id == administration_id, Membership.archived_at.is_(None),
               _not_over_before(Membership.end_date, period_start),
               Body.archived_at.is_(None), _not_over_before(Body.end_date, period_start))
    )


def _bodies(administration_id: int, period_start: date, period_end: date) -> list[dict]:
    seated = seated_bodies(administration_id, period_start)
    rows = db.session.execute(
        select(Body, Area.name, Place.name)
        .outerjoin(Area, Area.id == Body.area_id)
        .outerjoin(Place, Place.id == Body.place_id)
        .where(Body.id.in_(seated))
    ).all()
    rows.sort(key=lambda row: (BODY_KINDS.index(row[0].kind), _by_name(row[0].name), row[0].id))
    seats = _seats(seated, period_start)
    meetings = _meetings(administration_id, seated, period_start, period_end)
    bodies = []
    for body, area_name, place_name in rows:
        body_seats = seats[body.id]
        attended = [m for m in meetings[body.id] if m["attended"]]
        bodies.append({
            "id": body.id, "name": body.name, "kind": body.kind, "level": body.level,
            "area": area_name, "place": place_name,
            "start_date": _iso(body.start_date), "end_date": _iso(body.end_date),
            "seat_start": _seat_start([s for s in body_seats if s["administration_id"] == administration_id]),
            "roles": sorted({s["role"] for s in body_seats if s["administration_id"] == administration_id},
                            key=_by_name),
            "member_administrations": sorted({s["code"] for s in body_seats if s["code"]}),
            "member_organisations": [
                {"name": name, "kind": kind} for name, kind in
                sorted({(s["organisation"], s["organisation_kind"]) for s in body_seats if s["organisation"]},
                       key=lambda pair: _by_name(pair[0]))
            ],
            "other_seats": sum(1 for s in body_seats if not s["code"] and not s["organisation"]),
            "meetings_held": len(meetings[body.id]),
            "meetings_attended": len(attended),
            "meetings": [{"id": m["id"], "date": m["date"]} for m in attended],
        })
    return bodies


def _seats(seated, period_start: date) -> dict[int, list[dict]]:
    """Every current seat in those bodies: whom each represents."""
    rows = db.session.execute(
        select(Membership.body_id, Membership.role, Membership.administration_id, Administration.code,
               Organisation.name, Organisation.kind, Membership.start_date)
        .outerjoin(Administration, Administration.id == Membership.administration_id)
        .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.body_id.in_(seated), Membership.archived_at.is_(None),
               _not_over_before(Membership.end_date, period_start))
    ).all()
    seats: dict[int, list[dict]] = defaultdict(list)
    for body_id, role, administration_id, code, organisation, kind, start in rows:
        seats[body_id].append({"role": role, "administration_id": administration_id, "code": code,
                               "organisation": organisation, "organisation_kind": kind, "start": start})
    return seats


def _seat_start(own_seats: list[dict]) -> str | None:
    """When the administration's first seat in the body began (None: from the body's start): a seat that
    begins after the period is told as coming."""
    starts = [s["start"] for s in own_seats]
    if not starts or None in starts:
        return None
    return min(starts).isoformat()


def _meetings(administration_id: int, seated, period_start: date, period_end: date) -> dict[int, list[dict]]:
    """The bodies' meetings in the period, each marked attended or not by the administration."""
    attended = exists().where(meeting_administrations.c.meeting_id == Meeting.id,
                              meeting_administrations.c.administration_id == administration_id)
    rows = db.session.execute(
        select(Meeting.id, Meeting.body_id, Meeting.date, attended.label("attended"))
        .where(Meeting.body_id.in_(seated), Meeting.archived_at.is_(None),
               Meeting.date >= period_start, Meeting.date <= period_end)
        .order_by(Meeting.date, Meeting.id)
    ).all()
    meetings: dict[int, list[dict]] = defaultdict(list)
    for meeting_id, body_id, meeting_date, was_there in rows:
        meetings[body_id].append({"id": meeting_id, "date": meeting_date.isoformat(), "attended": bool(was_there)})
    return meetings


# --- initiatives ----------------------------------------------------------------------------------------


def taking_part(administration_id: int, period_start: date):
    """Ids of the initiatives the administration leads or joins, not archived, not over before the period."""
    partner_in = select(initiative_partner_administrations.c.initiative_id).where(
        initiative_partner_administrations.c.administration_id == administration_id)
    return select(Initiative.id).where(
        Initiative.archived_at.is_(None),
        or_(Initiative.lead_administration_id == administration_id, Initiative.id.in_(partner_in)),
        _not_over_before(Initiative.end_date, period_start),
    )


def _initiatives(administration_id: int, period_start: date) -> list[dict]:
    ids = taking_part(administration_id, period_start)
    rows = db.session.execute(
        select(Initiative, Administration.code, Administration.name)
        .join(Administration, Administration.id == Initiative.lead_administration_id)
        .where(Initiative.id.in_(ids))
    ).all()
    rows.sort(key=lambda row: (_by_name(row[0].title), row[0].id))
    links = _initiative_links(ids)
    initiatives = []
    for initiative, lead_code, lead_name in rows:
        own = links[initiative.id]
        initiatives.append({
            "id": initiative.id, "title": initiative.title, "summary": initiative.summary or "",
            "status": initiative.status,
            "start_date": _iso(initiative.start_date), "end_date": _iso(initiative.end_date),
            "role": "lead" if initiative.lead_administration_id == administration_id else "partner",
            "lead": {"id": initiative.lead_administration_id, "code": lead_code, "name": lead_name},
            "partner_administrations": own["partners"],
            "outside_partners": own["organisations"],
            "areas": own["areas"],
            "places": own["places"],
            "themes": own["themes"],
            "policy_areas": own["policy_areas"],
            "key_figures": own["key_figures"],
            "results": own["results"],
        })
    return initiatives


def _initiative_links(ids) -> dict[int, dict[str, list]]:
    """Partners, areas, places, themes, indsatsområder, key figures and results of those initiatives:
    one query each."""
    links: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    link = initiative_partner_administrations.c
    for initiative_id, admin_id, code, name in db.session.execute(
        select(link.initiative_id, Administration.id, Administration.code, Administration.name)
        .join(Administration, Administration.id == link.administration_id)
        .where(link.initiative_id.in_(ids))
    ):
        links[initiative_id]["partners"].append({"id": admin_id, "code": code, "name": name})
    link = initiative_organisations.c
    for initiative_id, org_id, name, kind in db.session.execute(
        select(link.initiative_id, Organisation.id, Organisation.name, Organisation.kind)
        .join(Organisation, Organisation.id == link.organisation_id)
        .where(link.initiative_id.in_(ids))
    ):
        links[initiative_id]["organisations"].append({"id": org_id, "name": name, "kind": kind})
    link = initiative_areas.c
    for initiative_id, name in db.session.execute(
        select(link.initiative_id, Area.name).join(Area, Area.id == link.area_id)
        .where(link.initiative_id.in_(ids))
    ):
        links[initiative_id]["areas"].append(name)
    link = initiative_places.c
    for initiative_id, name, area_name in db.session.execute(
        select(link.initiative_id, Place.name, Area.name).join(Place, Place.id == link.place_id)
        .outerjoin(Area, Area.id == Place.area_id)
        .where(link.initiative_id.in_(ids))
    ):
        links[initiative_id]["places"].append({"name": name, "area": area_name})
    link = initiative_themes.c
    for initiative_id, name in db.session.execute(
        select(link.initiative_id, Theme.name).join(Theme, Theme.id == link.theme_id)
        .where(link.initiative_id.in_(ids))
    ):
        links[initiative_id]["themes"].append(name)
    link = initiative_policy_areas.c
    for initiative_id, number, name in db.session.execute(
        select(link.initiative_id, PolicyArea.number, PolicyArea.name)
        .join(PolicyArea, PolicyArea.id == link.policy_area_id)
        .where(link.initiative_id.in_(ids)).order_by(PolicyArea.number)
    ):
        links[initiative_id]["policy_areas"].append({"number": number, "name": name})
    for figure in db.session.scalars(
        select(KeyFigure).where(KeyFigure.initiative_id.in_(ids)).order_by(KeyFigure.year, KeyFigure.id)
    ):
        links[figure.initiative_id]["key_figures"].append({
            "id": figure.id, "label": figure.label, "value": _number(figure.value), "unit": figure.unit or "",
            "year": figure.year})
    for entry_id, initiative_id, entry_date, text in db.session.execute(
        select(CooperationEntry.id, CooperationEntry.initiative_id, CooperationEntry.date, CooperationEntry.text)
        .where(CooperationEntry.initiative_id.in_(ids), CooperationEntry.kind == "result", entry_is_current())
        .order_by(CooperationEntry.date, CooperationEntry.id)
    ):
        links[initiative_id]["results"].append({"id": entry_id, "date": entry_date.isoformat(), "text": text})
    for own in links.values():
        own["partners"].sort(key=lambda a: _by_name(a["code"]))
        own["organisations"].sort(key=lambda o: (_by_name(o["name"]), o["id"]))
        own["areas"].sort(key=_by_name)
        own["places"].sort(key=lambda p: _by_name(p["name"]))
        own["themes"].sort(key=_by_name)
    return links


# --- the cooperation log --------------------------------------------------------------------------------


def concerning_entries(administration_id: int, period_start: date, period_end: date):
    """Ids of the period's log entries of the report's kinds that concern the administration: it is named on
    the entry, or the entry is about an initiative it leads or joins."""
    tagged = select(entry_administrations.c.entry_id).where(
        entry_administrations.c.administration_id == administration_id)
    return (
        select(CooperationEntry.id)
        .where(CooperationEntry.kind.in_(REPORT_ENTRY_KINDS), entry_is_current(),
               CooperationEntry.date >= period_start, CooperationEntry.date <= period_end,
               or_(CooperationEntry.id.in_(tagged),
                   CooperationEntry.initiative_id.in_(taking_part(administration_id, period_start))))
    )


def _entries(administration_id: int, period_start: date, period_end: date) -> list[dict]:
    """Results, challenges and recommendations of the period that concern the administration: it is named on
    the entry, or the entry is about an initiative it leads or joins."""
    concerning = concerning_entries(administration_id, period_start, period_end)
    owner = aliased(Administration)
    rows = db.session.execute(
        select(CooperationEntry, Initiative.title, Body.name, owner.code)
        .outerjoin(Initiative, Initiative.id == CooperationEntry.initiative_id)
        .outerjoin(Body, Body.id == CooperationEntry.body_id)
        .outerjoin(owner, owner.id == CooperationEntry.owner_administration_id)
        .where(CooperationEntry.id.in_(concerning))
        .order_by(CooperationEntry.date, CooperationEntry.id)
    ).all()
    codes: dict[int, list[str]] = defaultdict(list)
    for entry_id, code in db.session.execute(
        select(entry_administrations.c.entry_id, Administration.code)
        .join(Administration, Administration.id == entry_administrations.c.administration_id)
        .where(entry_administrations.c.entry_id.in_(concerning))
    ):
        codes[entry_id].append(code)
    for entry_codes in codes.values():
        entry_codes.sort(key=_by_name)
    return [
        {"id": entry.id, "date": entry.date.isoformat(), "kind": entry.kind, "text": entry.text,
         "initiative_id": entry.initiative_id, "initiative_title": initiative_title,
         "body_id": entry.body_id, "body_name": body_name, "meeting_id": entry.meeting_id,
         "administrations": codes[entry.id], **_follow_up(entry, owner_code)}
        for entry, initiative_title, body_name, owner_code in rows
    ]


def _follow_up(entry: CooperationEntry, owner_code: str | None) -> dict:
    """A decision's follow-up as it stands when the facts are read: who owns it, by when, its status, and
    the day (in the city's time zone) and note it was closed with. Other entries carry none."""
    if entry.kind != "decision" or entry.follow_up_status is None:
        return {}
    closed_on = None
    if entry.follow_up_status == "closed" and entry.closed_at is not None:
        closed_at = entry.closed_at if entry.closed_at.tzinfo else entry.closed_at.replace(tzinfo=UTC)
        closed_on = closed_at.astimezone(get_timezone()).date().isoformat()
    return {"follow_up": {"owner": owner_code, "due_date": _iso(entry.due_date), "status": entry.follow_up_status,
                          "closed_on": closed_on, "closing_note": entry.closing_note or ""}}
