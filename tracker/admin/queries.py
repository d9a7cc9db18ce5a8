"""Read-side queries of the admin pages: paged lists of users, persons and organisations, and plans."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.areas.models import Area, Goal, Udviklingsplan
from tracker.auth.models import User
from tracker.extensions import db
from tracker.organisation.models import Organisation, Person

USER_STATUSES = ("active", "inactive", "all")


def users_page(status: str, page: int, per_page: int):
    stmt = select(User).options(joinedload(User.administration), joinedload(User.organisation))
    if status == "active":
        stmt = stmt.where(User.active.is_(True))
    elif status == "inactive":
        stmt = stmt.where(User.active.is_(False))
    return db.paginate(stmt.order_by(func.lower(User.name), User.id), page=page, per_page=per_page,
                       error_out=False)


def persons_page(show_archived: bool, page: int, per_page: int):
    stmt = select(Person).options(joinedload(Person.administration), joinedload(Person.organisation))
    if not show_archived:
        stmt = stmt.where(Person.archived_at.is_(None))
    return db.paginate(stmt.order_by(func.lower(Person.name), Person.id), page=page, per_page=per_page,
                       error_out=False)


def organisations_page(show_archived: bool, page: int, per_page: int):
    stmt = select(Organisation)
    if not show_archived:
        stmt = stmt.where(Organisation.archived_at.is_(None))
    return db.paginate(stmt.order_by(func.lower(Organisation.name), Organisation.id), page=page,
                       per_page=per_page, error_out=False)


def current_organisations(keep: Organisation | None = None) -> list[Organisation]:
    """The organisations to choose from: those not archived, and the one already chosen."""
    found = list(db.session.scalars(select(Organisation).where(Organisation.archived_at.is_(None))
                                    .order_by(func.lower(Organisation.name))))
    if keep is not None and keep not in found:
        found.append(keep)
    return found


def plans(show_archived: bool) -> list[Udviklingsplan]:
    """Every development plan with its area and goals, by area name and title."""
    stmt = (select(Udviklingsplan).join(Udviklingsplan.area)
            .options(joinedload(Udviklingsplan.area), selectinload(Udviklingsplan.goals))
            .order_by(Area.name, Udviklingsplan.title))
    if not show_archived:
        stmt = stmt.where(Udviklingsplan.archived_at.is_(None))
    return list(db.session.scalars(stmt).unique())


def plan_by_id(plan_id: int) -> Udviklingsplan | None:
    return db.session.scalar(select(Udviklingsplan).where(Udviklingsplan.id == plan_id)
                             .options(joinedload(Udviklingsplan.area), selectinload(Udviklingsplan.goals)))


def goal_by_id(goal_id: int) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.id == goal_id)
                             .options(joinedload(Goal.plan).selectinload(Udviklingsplan.goals)))


def counts() -> dict[str, int]:
    """How many users, persons, organisations and plans there are (active / not archived)."""
    def count(stmt) -> int:
        return db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    return {
        "users": count(select(User.id).where(User.active.is_(True))),
        "persons": count(select(Person.id).where(Person.archived_at.is_(None))),
        "organisations": count(select(Organisation.id).where(Organisation.archived_at.is_(None))),
        "plans": count(select(Udviklingsplan.id).where(Udviklingsplan.archived_at.is_(None))),
    }
