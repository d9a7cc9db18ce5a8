"""What every admin view does the same way: load a record or 404, fill an edit form, re-render a form
with 400, ask "Er du sikker?" before archiving or deactivating, and read the list filters."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request

from tracker.admin.forms import ConfirmForm
from tracker.core.errors import ValidationError
from tracker.extensions import db


def load_or_404(model, record_id: int):
    record = db.session.get(model, record_id)  # the URL's int converter bounds the id (core/web/routing.py)
    if record is None:
        abort(404)
    return record


def render_form(form, status: int = 200, **context):
    """The shared form page; a POST that failed answers 400 with every value kept."""
    if request.method == "POST" and status == 200:
        status = 400
    return render_template("admin/form.html", form=form, **context), status


def show_archived() -> bool:
    """The "Vis arkiverede" filter of the lists."""
    return request.args.get("archived") == "1"


def form_for(form_class, record):
    """The edit form: on GET filled from the record and its version, on POST from what was sent."""
    if request.method == "GET":
        return opened_form(form_class, record)
    return form_class()


def opened_form(form_class, record):
    """The edit form as it opens on the record now (what a stale save is merged with)."""
    return form_class(formdata=None, data={**form_class.record_data(record), "version": record.version})


def confirm_then(action: Callable[[], object], *, title: str, message: str, button: str, done: str,
                 next_url: str, cancel_url: str, crumbs: list, danger: bool = True):
    """GET asks "Er du sikker?"; POST runs `action`, commits and goes on to `next_url`, or shows the
    service's reason on the same page (400)."""
    form = ConfirmForm()
    status = 200
    if form.validate_on_submit():
        try:
            action()
        except ValidationError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
            status = 400
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(next_url)
    elif request.method == "POST":
        status = 400
    return render_template("admin/confirm.html", form=form, title=title, message=message, button=button,
                           danger=danger, crumbs=crumbs, cancel_url=cancel_url), status


def try_save(form, action: Callable[[], object], done: str, next_url: str):
    """Run the service call; if it succeeds, commit, flash `done` and return the redirect to `next_url`.
    If it refuses, roll back, show its message next to the field it names, and return None."""
    try:
        action()
    except ValidationError as error:
        db.session.rollback()
        form.show_error(error)
        return None
    db.session.commit()
    flash(done, "success")
    return redirect(next_url)
