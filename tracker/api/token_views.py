"""The user's own API tokens at /account/tokens: the list, creating one (its secret shown once), revoking one."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.api.token_forms import RevokeForm, TokenForm
from tracker.api.tokens import create_token, own_token, revoke_token, tokens_of
from tracker.core.errors import ValidationError
from tracker.core.web.forms import show_error
from tracker.extensions import db

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


def _render(form: TokenForm, secret: str | None = None, status: int = 200):
    return render_template("api/tokens.html", form=form, tokens=tokens_of(current_user), secret=secret,
                           revoke_form=RevokeForm()), status


@bp.route("/", methods=["GET", "POST"])
def token_list():
    form = TokenForm()
    if not form.is_submitted():
        return _render(form)
    if not form.validate():
        return _render(form, status=400)
    try:
        token, secret = create_token(current_user, form.name.data, form.scope.data, form.days.data)
        db.session.commit()
    except ValidationError as error:
        db.session.rollback()
        show_error(form, error)
        return _render(form, status=400)
    flash(_("API-nøglen »%(name)s« er oprettet.", name=token.name), "success")
    # The secret is on this page only: it is not stored, and it is not put in a redirect.
    return _render(TokenForm(formdata=None), secret=secret, status=201)


@bp.route("/revoke", methods=["POST"])
def revoke():
    """First post: the question; the post with `confirm`: the token stops working at once."""
    form = RevokeForm()
    if not form.validate() or not (form.token.data or "").isdecimal() or len(form.token.data) > 9:
        flash(_("Vælg den nøgle, der skal tilbagekaldes."), "error")
        return _render(TokenForm(formdata=None), status=400)
    token = own_token(current_user, int(form.token.data))
    if token is None:
        abort(404)
    if form.confirm.data != "1":
        return render_template("api/revoke.html", token=token, form=RevokeForm(formdata=None, token=token.id))
    revoke_token(token)
    db.session.commit()
    flash(_("API-nøglen »%(name)s« er tilbagekaldt og virker ikke længere.", name=token.name), "success")
    return redirect(url_for(".token_list"))
