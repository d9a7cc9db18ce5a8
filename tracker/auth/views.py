"""Login, logout, logging out everywhere, and changing one's own password."""
from __future__ import annotations

import hashlib
import math
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user

from tracker.api.tokens import revoke_all_tokens
from tracker.auth.forms import ChangePasswordForm, LoginForm, LogoutEverywhereForm
from tracker.auth.services import authenticate, change_own_password, end_all_sessions, normalise_email
from tracker.core.errors import ValidationError
from tracker.core.web.forms import show_error
from tracker.extensions import db, limiter
from tracker.main.errors import render_error

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """Follow `next` only to a path inside this app; anything else goes to the front page."""
    if target:
        parts = urlsplit(target)
        if (not parts.scheme and not parts.netloc and target.startswith("/")
                and not target.startswith("//") and "\\" not in target):
            return target
    return url_for("main.index")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _failed(response) -> bool:
    """Only failed attempts count towards the limit; a successful login redirects."""
    return response.status_code == 400


def _account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _account_named() -> str:
    """The account an attempt names, whether it exists or not, so attempts from many addresses add up.
    Hashed: the limiter's storage holds no e-mail addresses, and a long one takes no more room."""
    email = normalise_email(request.form.get("email", ""))
    return "account-" + hashlib.sha256(email.encode()).hexdigest()


def _password_change_limit() -> str:
    return current_app.config["PASSWORD_CHANGE_RATE_LIMIT"]


def _signed_in_account() -> str:
    """Per account, not per address: a stolen session's guesses add up from wherever they are sent."""
    return f"password-change-{getattr(current_user, 'id', None) or 'anonymous'}"


def _wrong_current_password(response) -> bool:
    """Only a wrong current password counts: it is the guess. A new password the rules refuse does not,
    so a user struggling with them is not locked out."""
    return response.status_code == 400 and g.pop("wrong_current_password", False)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, key_func=_account_named, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except ValidationError as refusal:  # a demo account under TRACKER_ENV=production
            form.form_errors.append(refusal.message)
        else:
            if user is not None:
                # Nothing set in the session before the login (by anyone who had this browser) carries over.
                session.clear()
                login_user(user, remember=form.remember.data)
                if user.must_change_password:
                    return redirect(url_for("auth.change_password"))
                return redirect(safe_next(request.args.get("next")))
            form.form_errors.append(_("Forkert e-mail eller adgangskode."))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.errorhandler(RateLimitExceeded)
def too_many_attempts(error: RateLimitExceeded):
    """The page of the form again: the login with one message whether the address or the account is paused
    and whether or not the account exists; the password change with how long its account must wait."""
    if request.endpoint == "auth.change_password":
        minutes = math.ceil(error.limit.limit.get_expiry() / 60)
        return _change_password_page(ChangePasswordForm(formdata=None), 429, refusal=ngettext(
            "Adgangskoden er ikke skiftet: for mange forsøg med en forkert nuværende adgangskode. "
            "Vent op til %(num)s minut, og prøv så igen.",
            "Adgangskoden er ikke skiftet: for mange forsøg med en forkert nuværende adgangskode. "
            "Vent op til %(num)s minutter, og prøv så igen.", minutes))
    if request.endpoint != "auth.login":
        return render_error(429)
    form = LoginForm()
    form.form_errors.append(_("For mange forsøg på at logge ind. Vent et par minutter, og prøv så igen."))
    return render_template("auth/login.html", form=form), 429


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    _end_this_session()
    flash(_("Du er logget ud."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """Every session and every API token of the account: whoever presses it has lost a device and expects
    everything to stop. The tokens are the API's, so it revokes them itself."""
    user = current_user._get_current_object()
    end_all_sessions(user)
    revoked = revoke_all_tokens(user)
    db.session.commit()
    _end_this_session()
    if revoked:
        flash(ngettext("Du er logget ud overalt: på denne og alle andre computere og telefoner. "
                       "%(num)s API-nøgle er tilbagekaldt og virker ikke længere.",
                       "Du er logget ud overalt: på denne og alle andre computere og telefoner. "
                       "%(num)s API-nøgler er tilbagekaldt og virker ikke længere.", revoked), "info")
    else:
        flash(_("Du er logget ud overalt: på denne og alle andre computere og telefoner."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(_password_change_limit, key_func=_signed_in_account, methods=["POST"],
               deduct_when=_wrong_current_password)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_own_password(user, form.current_password.data, form.new_password.data)
        except ValidationError as error:
            db.session.rollback()
            g.wrong_current_password = error.field == "current_password"
            show_error(form, error)
        else:
            db.session.commit()
            # The new token ended every session, this one too: sign this browser in again under it, and
            # renew its remember cookie if it had one.
            remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            session.clear()
            login_user(user, remember=remember)
            flash(_("Din adgangskode er skiftet. Andre steder, hvor du var logget ind, er du nu logget ud."),
                  "success")
            return redirect(url_for("main.index"))
    return _change_password_page(form, 400 if request.method == "POST" else 200)


def _change_password_page(form: ChangePasswordForm, status: int, refusal: str | None = None):
    return render_template("auth/change_password.html", form=form, logout_form=LogoutEverywhereForm(),
                           refusal=refusal), status


def _end_this_session() -> None:
    # Cleared first: logout_user then marks the remember cookie for deletion in the fresh session.
    session.clear()
    logout_user()
