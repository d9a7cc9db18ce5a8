"""The overlap review's blueprint, shared by its view modules."""
from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.permissions import can_read_candidate, can_read_overlaps, can_review_overlaps, require
from tracker.overlaps.review.queries import strong_candidates_of
from tracker.overlaps.texts import start_translating, stop_translating

bp = Blueprint("overlaps", __name__, url_prefix="/overlaps")
bp.add_app_template_global(can_review_overlaps, "can_review_overlaps")
bp.add_app_template_global(can_read_overlaps, "can_read_overlaps")
# A list, a topic or a paper puts hundreds to thousands of reasons into words: translations looked up once.
bp.before_request(start_translating)
bp.teardown_request(stop_translating)


def require_reviewer() -> None:
    """Every overlap page is for the steering group and admins; one check, one reason."""
    require(can_review_overlaps(current_user), _("Kun styregruppen og administratorer kan se overlapsvurderingen."))


def require_reader() -> None:
    """The list and candidate pages are also open to coordinators, for their own administration's candidates."""
    require(can_read_overlaps(current_user), _("Kun styregruppen, administratorer og koordinatorer kan se "
                                               "overlapskandidater."))


@bp.app_template_global("similar_work")
def similar_work(initiative) -> list[tuple]:
    """The strong candidates an initiative forms, as (candidate, the other initiative's record, its lead
    administration's code), for the warning shown after it is saved; empty for those who may not read them."""
    if not can_read_overlaps(current_user):
        return []
    found = []
    candidates, codes = strong_candidates_of(initiative.id)
    for candidate in candidates:
        if not can_read_candidate(current_user, (candidate.first.lead_administration_id,
                                                 candidate.second.lead_administration_id)):
            continue
        other = candidate.second if candidate.first.id == initiative.id else candidate.first
        found.append((candidate, other, codes.get(other.lead_administration_id, "")))
    return found
