"""Comments on an initiative: steering-group members and editors remark on it; nothing is deleted."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import is_admin, require
from tracker.core.errors import ValidationError
from tracker.core.web.forms import show_error
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.comment_forms import CommentForm
from tracker.log.comment_services import add_comment, archive_comment
from tracker.log.models import Comment
from tracker.log.permissions import can_comment_on_initiative

bp = Blueprint("comments", __name__)


def _comment_or_404(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    if comment.archived_at is not None:
        abort(404)
    return comment


@bp.route("/initiatives/<int:initiative_id>/comments", methods=["POST"])
def add(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    require(can_comment_on_initiative(current_user, initiative), _("Din rolle kan ikke kommentere indsatser."))
    form = CommentForm()
    if not form.validate_on_submit():
        return render_template("comments/form.html", form=form, initiative=initiative), 400
    try:
        add_comment(initiative, current_user, form.text.data)
    except ValidationError as error:  # the service's own rules (text that is empty once cleaned)
        db.session.rollback()
        show_error(form, error)
        return render_template("comments/form.html", form=form, initiative=initiative), 400
    db.session.commit()
    flash(_("Kommentaren er gemt."), "success")
    return redirect(url_for("initiatives.initiative_detail", initiative_id=initiative.id, _anchor="kommentarer"))


@bp.route("/comments/<int:comment_id>/archive", methods=["GET", "POST"])
def archive(comment_id: int):
    comment = _comment_or_404(comment_id)
    require(is_admin(current_user) or comment.author_id == current_user.id,
            _("Kun den, der skrev kommentaren, eller en administrator kan fjerne den."))
    if request.method == "POST":  # CSRFProtect has checked the token
        archive_comment(comment)
        db.session.commit()
        flash(_("Kommentaren er fjernet. Den findes stadig i indsatsens historik."), "success")
        return redirect(url_for("initiatives.initiative_detail", initiative_id=comment.initiative_id))
    return render_template("comments/archive.html", comment=comment)
