"""The readiness page: before generating, what a committee's draft will stand on and what to mend first."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from tracker.core.changes import cached
from tracker.core.clock import today
from tracker.organisation.queries import all_administrations
from tracker.reports import services
from tracker.reports.permissions import can_read_reports
from tracker.reports.readiness import mend_url, readiness, record_url
from tracker.reports.web.blueprint import bp
from tracker.reports.web.forms import GenerateForm

bp.add_app_template_global(mend_url, "readiness_mend_url")
bp.add_app_template_global(record_url, "readiness_record_url")


@bp.route("/readiness")
def readiness_page():
    if not can_read_reports(current_user):
        abort(403)
    administrations = all_administrations()
    if request.args:
        form = GenerateForm(administrations, administrations, formdata=request.args, meta={"csrf": False})
    else:
        own = current_user.administration_id or ""
        form = GenerateForm(administrations, administrations, formdata=None, meta={"csrf": False},
                            data={"administration": str(own), "year": str(today().year)})
    if not request.args and not current_user.administration_id:
        # Nothing chosen yet and no committee of one's own: the form alone, without complaints.
        return render_template("reports/readiness.html", form=form, readiness=None, year=None)
    form.validate()
    data = form.to_input()
    form.show_problems(services.check_generate(data))
    found = None
    if not form.error_list():
        start, end = services.resolved_period(data)
        # The same for every reader until the data changes (or the day does: what is past its date).
        on = today()
        key = ("reports.readiness", data.administration.id, data.year, start, end, on)
        found = cached(key, lambda: readiness(data.administration.id, data.year, start, end, today=on))
    status = 400 if request.args and form.error_list() else 200
    return render_template("reports/readiness.html", form=form, readiness=found, year=data.year), status
