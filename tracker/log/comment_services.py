"""Comments on initiatives: adding, listing and archiving them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.core.errors import ValidationError
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.log.models import Comment

MAX_COMMENT_LENGTH = 2000


def add_comment(initiative: Initiative, author, text: str) -> Comment:
    text = (text or "").replace("\x00", "").strip()  # no database stores NUL; PostgreSQL refuses it
    if not text:
        raise ValidationError("text", _l("Skriv en kommentar."))
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError("text", _l("En kommentar kan højst være %(max)s tegn.", max=MAX_COMMENT_LENGTH))
    comment = Comment(initiative=initiative, author=author, text=text)
    db.session.add(comment)
    db.session.flush()
    return comment


def archive_comment(comment: Comment) -> None:
    comment.archived_at = utcnow()
    db.session.flush()


def comments_on(initiative: Initiative) -> list[Comment]:
    """The initiative's comments, oldest first, with their authors, in one query."""
    return list(db.session.scalars(
        select(Comment).where(Comment.initiative_id == initiative.id, Comment.archived_at.is_(None))
        .options(joinedload(Comment.author)).order_by(Comment.created_at, Comment.id)
    ))
