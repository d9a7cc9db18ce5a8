"""Rules and writes for coordination bodies (samarbejdsorganer), their seats and their meetings."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from tracker.areas.models import Area, Place
from tracker.bodies.models import BODY_KINDS, BODY_LEVELS, Body, Meeting, Membership
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.validation import check_choice, check_date, check_period, clean_text
from tracker.extensions import db
from tracker.organisation.models import Administration, Organisation, Person


def body_lookup() -> Lookup[Body]:
    lookup: Lookup[Body] = Lookup("samarbejdsorgan", "body")
    for body in db.session.scalars(select(Body)):
        lookup.add(body, body.name)
    return lookup


def upsert_body(name: str, kind: str, level: str, description: str = "", area: Area | None = None,
                place: Place | None = None, start_date: date | None = None,
                end_date: date | None = None) -> Body:
    """Create the body with this name, or update it."""
    name = clean_text("name", name, 200, required=True)
    check_choice("kind", kind, BODY_KINDS)
    check_choice("level", level, BODY_LEVELS)
    check_date("start_date", start_date)
    check_date("end_date", end_date)
    check_period(start_date, end_date)
    if kind == "boligsocialt_forum" and area is None:
        raise ValidationError("area", "Et boligsocialt forum hører til et område.")
    if place is not None and area is not None and place.area is not None and place.area is not area:
        raise ValidationError("place", f"Stedet '{place.name}' ligger ikke i området '{area.name}'.")
    body = db.session.scalar(select(Body).where(Body.name == name))
    if body is None:
        body = Body(name=name)
        db.session.add(body)
    body.kind, body.level = kind, level
    body.description = clean_text("description", description, 5000)
    body.area, body.place = area, place
    body.start_date, body.end_date = start_date, end_date
    db.session.flush()
    return body


def upsert_membership(body: Body, role: str, administration: Administration | None = None,
                      organisation: Organisation | None = None, person: Person | None = None,
                      start_date: date | None = None, end_date: date | None = None) -> Membership:
    """The seat in `body` for this role and represented party, created or updated.

    A seat is identified by (body, role, administration or organisation): the same role may be
    held once for each administration or organisation it represents.
    """
    role = clean_text("role", role, 200, required=True)
    if administration is not None and organisation is not None:
        raise ValidationError("organisation", "En plads repræsenterer enten en forvaltning eller en organisation.")
    check_date("start_date", start_date)
    check_date("end_date", end_date)
    check_period(start_date, end_date)
    membership = next(
        (m for m in body.memberships
         if m.role == role and m.administration is administration and m.organisation is organisation),
        None,
    )
    if membership is None:
        membership = Membership(role=role, administration=administration, organisation=organisation)
        body.memberships.append(membership)
    membership.person = person
    membership.start_date, membership.end_date = start_date, end_date
    db.session.flush()
    return membership


def upsert_meeting(body: Body, meeting_date: date, summary: str = "",
                   administrations: Sequence[Administration] = (),
                   organisations: Sequence[Organisation] = ()) -> Meeting:
    """The meeting of `body` on this date, created or updated; attendance is replaced."""
    if meeting_date is None:
        raise ValidationError("date", "Mødet skal have en dato.")
    check_date("date", meeting_date)
    if body.start_date and meeting_date < body.start_date or body.end_date and meeting_date > body.end_date:
        raise ValidationError("date", f"Mødet {meeting_date.isoformat()} ligger uden for organets periode.")
    meeting = next((m for m in body.meetings if m.date == meeting_date), None)
    if meeting is None:
        meeting = Meeting(date=meeting_date)
        body.meetings.append(meeting)
    meeting.summary = clean_text("summary", summary, 5000)
    meeting.administrations = list(dict.fromkeys(administrations))
    meeting.organisations = list(dict.fromkeys(organisations))
    db.session.flush()
    return meeting


def meeting_of(body: Body, meeting_date: date, field: str = "meeting") -> Meeting:
    """The meeting `body` held on this date, or a ValidationError naming the field."""
    meeting = next((m for m in body.meetings if m.date == meeting_date), None)
    if meeting is None:
        raise ValidationError(field, f"'{body.name}' har intet møde den {meeting_date.isoformat()}.")
    return meeting
