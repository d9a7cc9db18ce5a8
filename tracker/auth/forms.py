"""The login form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Skriv din e-mail.")), Length(max=254)])
    password = PasswordField(_l("Adgangskode"),
                             validators=[DataRequired(_l("Skriv din adgangskode.")), Length(max=500)])
    remember = BooleanField(_l("Husk mig på denne computer"))
