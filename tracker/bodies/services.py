"""Rules and writes for coordination bodies (samarbejdsorganer), their seats and their meetings."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.areas.models import Area, Place
from tracker.bodies.models import BODY_KINDS, BODY_LEVELS, Body, Meeting, Membership
from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, check_date, check_period, clean_text, message_date
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
        raise ValidationError("area", _l("Et boligsocialt forum hører til et område."))
    if place is not None and area is not None and place.area is not None and place.area is not area:
        raise ValidationError("place", _l("Stedet '%(place)s' ligger ikke i området '%(area)s'.",
                                          place=place.name, area=area.name))
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


@dataclass
class MembershipInput:
    """A seat as a person states it: the role, whom it represents, who holds it and when."""

    role: str
    administration: Administration | None = None
    organisation: Organisation | None = None
    person: Person | None = None
    start_date: date | None = None
    end_date: date | None = None


@dataclass
class MeetingInput:
    """A meeting as a person states it: when, who attended and what was said."""

    date: date | None
    summary: str = ""
    administrations: Sequence[Administration] = ()
    organisations: Sequence[Organisation] = ()


@dataclass
class DecisionInput:
    """One of a meeting's decisions as its writer states it: what was decided, which administration carries it
    out and by when, and the initiative it is about (any record with an id; the bodies know no initiatives)."""

    text: str
    owner: Administration | None = None
    due_date: date | None = None
    initiative: object | None = None


def _checked_membership(data: MembershipInput) -> str:
    """The cleaned role, once the seat's other values are known to be valid."""
    role = clean_text("role", data.role, 200, required=True)
    if data.administration is not None and data.organisation is not None:
        raise ValidationError("organisation", _l("En plads repræsenterer enten en forvaltning eller en organisation."))
    check_date("start_date", data.start_date)
    check_date("end_date", data.end_date)
    check_period(data.start_date, data.end_date)
    return role


def _same_seat(membership: Membership, role: str, data: MembershipInput) -> bool:
    return (membership.role == role and membership.administration is data.administration
            and membership.organisation is data.organisation)


def _fill_membership(membership: Membership, role: str, data: MembershipInput) -> Membership:
    membership.role = role
    membership.administration, membership.organisation = data.administration, data.organisation
    membership.person = data.person
    membership.start_date, membership.end_date = data.start_date, data.end_date
    db.session.flush()
    return membership


def _refuse_duplicate_seat(body: Body, role: str, data: MembershipInput, itself: Membership | None) -> None:
    for other in body.memberships:
        if other is not itself and other.archived_at is None and _same_seat(other, role, data):
            represented = data.administration.code if data.administration else (
                data.organisation.name if data.organisation else None)
            if represented is None:
                raise ValidationError("role", _l(
                    "Organet har allerede en plads som '%(role)s' for ingen bestemt. Ret den plads i stedet.",
                    role=role))
            raise ValidationError("role", _l(
                "Organet har allerede en plads som '%(role)s' for %(represented)s. Ret den plads i stedet.",
                role=role, represented=represented))


def upsert_membership(body: Body, role: str, administration: Administration | None = None,
                      organisation: Organisation | None = None, person: Person | None = None,
                      start_date: date | None = None, end_date: date | None = None) -> Membership:
    """The seat in `body` for this role and represented party, created or updated (the seed's upsert).

    A seat is identified by (body, role, administration or organisation): the same role may be
    held once for each administration or organisation it represents.
    """
    data = MembershipInput(role, administration, organisation, person, start_date, end_date)
    role = _checked_membership(data)
    membership = next((m for m in body.memberships if _same_seat(m, role, data)), None)
    if membership is None:
        membership = Membership()
        body.memberships.append(membership)
    return _fill_membership(membership, role, data)


def add_membership(body: Body, data: MembershipInput) -> Membership:
    """A new seat in `body`; refused when the body already has the same current seat."""
    role = _checked_membership(data)
    _refuse_duplicate_seat(body, role, data, None)
    membership = Membership()
    body.memberships.append(membership)
    return _fill_membership(membership, role, data)


def update_membership(membership: Membership, data: MembershipInput) -> Membership:
    role = _checked_membership(data)
    _refuse_duplicate_seat(membership.body, role, data, membership)
    return _fill_membership(membership, role, data)


def archive_membership(membership: Membership) -> Membership:
    """The seat ends its life in lists (and no longer gives its holders the right to log), but is kept."""
    if membership.archived_at is None:
        membership.archived_at = utcnow()
        db.session.flush()
    return membership


def restore_membership(membership: Membership) -> Membership:
    if membership.archived_at is not None:
        _refuse_duplicate_seat(membership.body, membership.role, MembershipInput(
            membership.role, membership.administration, membership.organisation), membership)
        membership.archived_at = None
        db.session.flush()
    return membership


def _checked_meeting(body: Body, data: MeetingInput, itself: Meeting | None) -> None:
    meeting_date = data.date
    if meeting_date is None:
        raise ValidationError("date", _l("Mødet skal have en dato."))
    check_date("date", meeting_date)
    if body.start_date and meeting_date < body.start_date or body.end_date and meeting_date > body.end_date:
        raise ValidationError("date", _l("Mødet %(date)s ligger uden for organets periode.",
                                          date=message_date(meeting_date)))
    other = next((m for m in body.meetings if m.date == meeting_date and m is not itself), None)
    if other is not None:
        if other.archived_at:
            raise ValidationError("date", _l("Organet har allerede et møde den %(date)s. Genskab og ret det i stedet.",
                                             date=message_date(meeting_date)))
        raise ValidationError("date", _l("Organet har allerede et møde den %(date)s. Ret det møde i stedet.",
                                         date=message_date(meeting_date)))


def _fill_meeting(meeting: Meeting, data: MeetingInput) -> Meeting:
    meeting.date = data.date
    meeting.summary = clean_text("summary", data.summary, 5000)
    meeting.administrations = list(dict.fromkeys(data.administrations))
    meeting.organisations = list(dict.fromkeys(data.organisations))
    db.session.flush()
    return meeting


def upsert_meeting(body: Body, meeting_date: date, summary: str = "",
                   administrations: Sequence[Administration] = (),
                   organisations: Sequence[Organisation] = ()) -> Meeting:
    """The meeting of `body` on this date, created or updated; attendance is replaced (the seed's upsert)."""
    data = MeetingInput(meeting_date, summary, administrations, organisations)
    meeting = next((m for m in body.meetings if m.date == meeting_date), None)
    _checked_meeting(body, data, meeting)
    if meeting is None:
        meeting = Meeting()
        body.meetings.append(meeting)
    return _fill_meeting(meeting, data)


def add_meeting(body: Body, data: MeetingInput) -> Meeting:
    """A new meeting of `body`; one meeting per body and day."""
    _checked_meeting(body, data, None)
    meeting = Meeting()
    body.meetings.append(meeting)
    return _fill_meeting(meeting, data)


def update_meeting(meeting: Meeting, data: MeetingInput) -> Meeting:
    _checked_meeting(meeting.body, data, meeting)
    return _fill_meeting(meeting, data)


def archive_meeting(meeting: Meeting) -> Meeting:
    if meeting.archived_at is None:
        meeting.archived_at = utcnow()
        db.session.flush()
    return meeting


def restore_meeting(meeting: Meeting) -> Meeting:
    if meeting.archived_at is not None:
        meeting.archived_at = None
        db.session.flush()
    return meeting


def meeting_of(body: Body, meeting_date: date, field: str = "meeting") -> Meeting:
    """The meeting `body` held on this date, or a ValidationError naming the field."""
    meeting = next((m for m in body.meetings if m.date == meeting_date), None)
    if meeting is None:
        raise ValidationError(field, _l("'%(body)s' har intet møde den %(date)s.",
                                     body=body.name, date=message_date(meeting_date)))
    return meeting
