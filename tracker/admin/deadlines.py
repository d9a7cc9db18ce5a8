"""The admin page for the reports' deadlines: each year's deadline listed, and set or moved."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.admin.blueprint import bp
from tracker.admin.formtools import AdminForm, YearField
from tracker.auth.permissions import can_manage_reference_data, require
from tracker.core.errors import ValidationError
from tracker.core.web.forms import DateInput
from tracker.extensions import db
from tracker.reports.deadlines import all_deadlines, set_deadline


class DeadlineForm(AdminForm):
    year = YearField(_l("År"))
    due_on = DateInput(_l("Frist"), description=_l("Skriv datoen som åååå-mm-dd. Findes året, flyttes fristen."))


@bp.route("/report-deadlines/", methods=["GET", "POST"])
def report_deadlines():
    require(can_manage_reference_data(current_user), _("Kun administratorer kan sætte frister for redegørelser."))
    form = DeadlineForm()
    if request.method == "POST":
        if form.validate():
            try:
                deadline = set_deadline(form.year.data, form.due_on.data)
                db.session.commit()
            except ValidationError as error:
                db.session.rollback()
                form.show_error(error)
            else:
                flash(_("Fristen for redegørelsen for %(year)s er sat.", year=deadline.year), "success")
                return redirect(url_for(".report_deadlines"))
        return _render(form, 400)
    return _render(form)


def _render(form: DeadlineForm, status: int = 200):
    return render_template("admin/report_deadlines.html", form=form, deadlines=all_deadlines()), status
