"""The login form and the forms for changing one's own password and logging out everywhere."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from tracker.auth.services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Skriv din e-mail.")), Length(max=254)])
    password = PasswordField(_l("Adgangskode"),
                             validators=[DataRequired(_l("Skriv din adgangskode.")), Length(max=500)])
    remember = BooleanField(_l("Husk mig på denne computer"))


class ChangePasswordForm(FlaskForm):
    """The rules for the new password are the service's; the form only asks for it twice. A password of
    spaces counts as typed (InputRequired), so the service can say what is wrong with it."""

    current_password = PasswordField(_l("Nuværende adgangskode"),
                                     validators=[InputRequired(_l("Skriv din nuværende adgangskode."))])
    new_password = PasswordField(_l("Ny adgangskode"),
                                 description=_l("Mindst %(min)s tegn.", min=MIN_PASSWORD_LENGTH),
                                 validators=[InputRequired(_l("Skriv en ny adgangskode."))])
    confirm_password = PasswordField(_l("Gentag den nye adgangskode"), validators=[
        InputRequired(_l("Skriv den nye adgangskode en gang til.")),
        EqualTo("new_password", _l("De to nye adgangskoder er ikke ens."))])


class LogoutEverywhereForm(FlaskForm):
    """Only the CSRF token: the button that ends every session of the account."""
