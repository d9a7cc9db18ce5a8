"""The JSON API's blueprint, shared by its view modules: problem+json for every error, pages and ETags of
answers, and the records an input names."""
from __future__ import annotations

from flask import Blueprint, jsonify
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from tracker.api import schemas as s
from tracker.api.problems import ApiProblem, field_error, problem, validation_problem
from tracker.core.errors import ValidationError
from tracker.extensions import csrf, db

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token requests never need CSRF; a session's writes are checked in tracker/api/requests.py.
csrf.exempt(bp)


@bp.errorhandler(ApiProblem)
def api_problem(error: ApiProblem):
    return problem(error.status, error.detail, error.errors, error.headers)


@bp.errorhandler(ValidationError)
def domain_problem(error: ValidationError):
    db.session.rollback()
    return validation_problem([error])


@bp.errorhandler(StaleDataError)
def stale_write(_error: StaleDataError):
    """Someone else saved the record between the client's If-Match read and this write: nothing is saved."""
    db.session.rollback()
    return problem(412)


@bp.errorhandler(HTTPException)
def http_problem(error: HTTPException):
    custom = error.description if error.description != type(error).description else None
    return problem(error.code or 500, custom)


def page_json(pagination, model, **extra):
    return jsonify(model(items=pagination.items, page=pagination.page, per_page=pagination.per_page,
                         total=pagination.total or 0, pages=pagination.pages, **extra).model_dump(mode="json"))


def paginate(stmt, query: s.PageQuery):
    return db.paginate(stmt, page=query.page, per_page=query.per_page, error_out=False)


def with_etag(payload, version: int, status: int = 200, location: str | None = None):
    response = jsonify(payload.model_dump(mode="json"))
    response.status_code = status
    response.set_etag(str(version))
    if location:
        response.headers["Location"] = location
    return response


class References:
    """The records an input names, each kind in one query; what does not exist is a problem by field."""

    def __init__(self):
        self.problems: list[dict] = []

    def many(self, field: str, model, column: str, values, *options) -> list:
        wanted = list(dict.fromkeys(values))
        if not wanted:
            return []
        attribute = getattr(model, column)
        found = {getattr(r, column): r for r in db.session.scalars(select(model).where(attribute.in_(wanted))
                                                                   .options(*options))}
        missing = [str(value) for value in wanted if value not in found]
        if missing:
            self.problems.append(field_error(field, _("Findes ikke: %(values)s.", values=", ".join(missing))))
        return [found[value] for value in wanted if value in found]

    def one(self, field: str, model, column: str, value):
        if value is None:
            return None
        found = self.many(field, model, column, [value])
        return found[0] if found else None
