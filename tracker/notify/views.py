"""The user's own page for the e-mail digest at /account/notifications."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.core.errors import ValidationError
from tracker.core.web.forms import show_error
from tracker.extensions import db
from tracker.notify.forms import DigestSettingsForm
from tracker.notify.services import set_digest_settings

bp = Blueprint("notify", __name__, url_prefix="/account/notifications")


@bp.route("/", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = DigestSettingsForm(data={"frequency": user.digest_frequency, "language": user.language or ""})
    if not form.is_submitted():
        return _render(form)
    if not form.validate():
        return _render(form, 400)
    try:
        set_digest_settings(user, form.frequency.data, form.language.data or None)
        db.session.commit()
    except ValidationError as error:
        db.session.rollback()
        show_error(form, error)
        return _render(form, 400)
    flash(_("Dine valg for e-mails er gemt."), "success")
    return redirect(url_for(".settings"))


def _render(form: DigestSettingsForm, status: int = 200):
    return render_template("notify/settings.html", form=form,
                           has_administration=current_user.administration_id is not None), status
