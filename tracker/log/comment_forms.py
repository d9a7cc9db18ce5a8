"""The comment form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.log.comment_services import MAX_COMMENT_LENGTH


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Kommentar"), validators=[
        DataRequired(_l("Skriv en kommentar.")),
        Length(max=MAX_COMMENT_LENGTH, message=_l("En kommentar kan højst være %(max)d tegn.")),
    ])
