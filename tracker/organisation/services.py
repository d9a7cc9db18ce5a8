"""Rules and writes for administrations (forvaltninger), outside organisations and persons."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.models import utcnow
from tracker.core.validation import check_choice, clean_text
from tracker.extensions import db
from tracker.organisation.models import ORGANISATION_KINDS, Administration, Organisation, Person


def administration_lookup() -> Lookup[Administration]:
    """Every administration by code and by name, from one query."""
    lookup: Lookup[Administration] = Lookup("forvaltning", "administration")
    for administration in db.session.scalars(select(Administration)):
        lookup.add(administration, administration.code, administration.name)
    return lookup


def organisation_lookup() -> Lookup[Organisation]:
    lookup: Lookup[Organisation] = Lookup("organisation", "organisation")
    for organisation in db.session.scalars(select(Organisation)):
        lookup.add(organisation, organisation.name)
    return lookup


def upsert_administration(code: str, name: str, committee: str) -> Administration:
    """Create the administration with this code, or bring its name and committee up to date."""
    code = clean_text("code", code, 10, required=True).upper()
    name = clean_text("name", name, 200, required=True)
    committee = clean_text("committee", committee, 200, required=True)
    administration = db.session.scalar(select(Administration).where(Administration.code == code))
    if administration is None:
        administration = Administration(code=code)
        db.session.add(administration)
    administration.name = name
    administration.committee = committee
    db.session.flush()
    return administration


def upsert_organisation(name: str, kind: str, description: str = "") -> Organisation:
    """Create the outside organisation with this name, or update its kind and description."""
    name = clean_text("name", name, 200, required=True)
    check_choice("kind", kind, ORGANISATION_KINDS)
    description = clean_text("description", description, 5000)
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name)
        db.session.add(organisation)
    organisation.kind = kind
    organisation.description = description
    db.session.flush()
    return organisation


def require_administrations_exist() -> None:
    """Refuse work that needs the reference data before it has been seeded."""
    if db.session.scalar(select(Administration.id).limit(1)) is None:
        raise ValidationError(
            "administration", _l("Der er ingen forvaltninger i databasen. Kør først 'flask --app tracker seed'.")
        )


def create_organisation(name: str, kind: str, description: str = "") -> Organisation:
    name, kind, description = _organisation_fields(None, name, kind, description)
    organisation = Organisation(name=name, kind=kind, description=description)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(organisation: Organisation, name: str, kind: str, description: str = "") -> Organisation:
    organisation.name, organisation.kind, organisation.description = _organisation_fields(
        organisation, name, kind, description)
    db.session.flush()
    return organisation


def _organisation_fields(organisation: Organisation | None, name: str, kind: str,
                         description: str) -> tuple[str, str, str]:
    """The cleaned fields; the name is unique regardless of case."""
    name = clean_text("name", name, 200, required=True)
    check_choice("kind", kind, ORGANISATION_KINDS)
    description = clean_text("description", description, 5000)
    stmt = select(Organisation).where(func.lower(Organisation.name) == name.lower())
    if organisation is not None:
        stmt = stmt.where(Organisation.id != organisation.id)
    clash = db.session.scalar(stmt)
    if clash is not None:
        raise ValidationError("name", _l("Der findes allerede en organisation med navnet '%(name)s'.", name=clash.name))
    return name, kind, description


def archive_organisation(organisation: Organisation) -> None:
    organisation.archived_at = organisation.archived_at or utcnow()
    db.session.flush()


def restore_organisation(organisation: Organisation) -> None:
    organisation.archived_at = None
    db.session.flush()


def create_person(name: str, title: str = "", email: str | None = None, administration: Administration | None = None,
                  organisation: Organisation | None = None) -> Person:
    person = Person(**_person_fields(None, name, title, email, administration, organisation))
    db.session.add(person)
    db.session.flush()
    return person


def update_person(person: Person, name: str, title: str = "", email: str | None = None,
                  administration: Administration | None = None,
                  organisation: Organisation | None = None) -> Person:
    for key, value in _person_fields(person, name, title, email, administration, organisation).items():
        setattr(person, key, value)
    db.session.flush()
    return person


def _person_fields(person: Person | None, name: str, title: str, email: str | None,
                   administration: Administration | None, organisation: Organisation | None) -> dict:
    """A person works in one administration or for one outside organisation (or neither is known);
    an e-mail address belongs to one person."""
    name = clean_text("name", name, 200, required=True)
    title = clean_text("title", title, 200)
    email = clean_text("email", email, 254).lower() or None
    if email is not None and ("@" not in email or any(c.isspace() for c in email)):
        raise ValidationError("email", _l("Ugyldig e-mailadresse."))
    if administration is not None and organisation is not None:
        raise ValidationError("organisation", _l("Vælg enten en forvaltning eller en organisation, ikke begge."))
    if email is not None:
        stmt = select(Person).where(func.lower(Person.email) == email)
        if person is not None:
            stmt = stmt.where(Person.id != person.id)
        clash = db.session.scalar(stmt)
        if clash is not None:
            raise ValidationError("email", _l("E-mailadressen bruges allerede af %(name)s.", name=clash.name))
    return {"name": name, "title": title, "email": email, "administration": administration,
            "organisation": organisation}


def archive_person(person: Person) -> None:
    person.archived_at = person.archived_at or utcnow()
    db.session.flush()


def restore_person(person: Person) -> None:
    person.archived_at = None
    db.session.flush()
