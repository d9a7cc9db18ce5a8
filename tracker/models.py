"""Every domain's models in one place, so Alembic and relationship strings see them all."""
from tracker.api.models import ApiToken
from tracker.areas.models import Area, Goal, Place, Udviklingsplan
from tracker.audit.models import AuditEvent
from tracker.auth.models import User
from tracker.bodies.models import Body, Meeting, Membership
from tracker.initiatives.models import Initiative, KeyFigure, PolicyArea, Theme
from tracker.log.models import Comment, CooperationEntry
from tracker.notify.models import SentItem
from tracker.organisation.models import Administration, Organisation, Person
from tracker.overlaps.models import OverlapVerdict
from tracker.reports.models import Report, ReportDeadline, ReportSnapshot, ReportText, ReportVersion
from tracker.search import models as search_models  # noqa: F401  (the search index's tables)

__all__ = [
    "Administration", "ApiToken", "Area", "AuditEvent", "Body", "Comment", "CooperationEntry", "Goal", "Initiative", "KeyFigure", "Meeting",
    "Membership", "Organisation", "OverlapVerdict", "Person", "Place", "PolicyArea", "Report", "ReportDeadline", "ReportSnapshot", "SentItem",
    "ReportText", "ReportVersion", "Theme", "Udviklingsplan", "User",
]
