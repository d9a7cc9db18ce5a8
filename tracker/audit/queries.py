"""Reading the audit trail: the history of one record, with the changes of its parts."""
from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from tracker.audit.models import AuditEvent
from tracker.extensions import db


def history_page(record, page: int, per_page: int = 50):
    """A page of the record's history, newest first: its own events and those of its parts."""
    table, record_id = record.__tablename__, record.id
    stmt = (
        select(AuditEvent)
        .where(or_(and_(AuditEvent.entity_type == table, AuditEvent.entity_id == record_id),
                   and_(AuditEvent.parent_type == table, AuditEvent.parent_id == record_id)))
        .options(joinedload(AuditEvent.user))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
