"""Rules and writes for administrations (forvaltninger) and outside organisations."""
from __future__ import annotations

from sqlalchemy import select

from tracker.core.errors import ValidationError
from tracker.core.lookup import Lookup
from tracker.core.validation import check_choice, clean_text
from tracker.extensions import db
from tracker.organisation.models import ORGANISATION_KINDS, Administration, Organisation


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
            "administration", "Der er ingen forvaltninger i databasen. Kør først 'flask --app tracker seed'."
        )
