"""Who may change an initiative: the one place these rules are written."""
from __future__ import annotations

from collections.abc import Iterable

from tracker.auth.permissions import is_admin, is_coordinator, represents_any
from tracker.initiatives.models import Initiative
from tracker.organisation.models import Administration, Organisation


def can_edit_initiative(user, initiative: Initiative) -> bool:
    """Admins; coordinators whose administration or organisation leads or partners the initiative. Only a
    coordinator's answer reads the partners, which a log's rows therefore load for coordinators alone."""
    if not is_coordinator(user):
        return is_admin(user)
    return can_edit_participants(
        user,
        [initiative.lead_administration_id, *(a.id for a in initiative.partner_administrations)],
        [o.id for o in initiative.partner_organisations],
    )


def can_edit_participants(user, administration_ids: Iterable[int | None],
                          organisation_ids: Iterable[int | None]) -> bool:
    """Whether the user could edit an initiative with these administrations (lead and partners) and
    partner organisations: a coordinator may only save an initiative they can still edit afterwards."""
    if is_admin(user):
        return True
    return is_coordinator(user) and represents_any(user, administration_ids, organisation_ids)


def leads_initiative(user, initiative: Initiative) -> bool:
    """Admins, and coordinators of the lead administration: those who steer the initiative as a whole."""
    if is_admin(user):
        return True
    return is_coordinator(user) and user.administration_id is not None \
        and user.administration_id == initiative.lead_administration_id


def can_change_lead(user, initiative: Initiative) -> bool:
    """Handing the lead on is the lead's decision, so that a partner cannot take the initiative over."""
    return leads_initiative(user, initiative)


def can_remove_partner(user, initiative: Initiative, partner: Administration | Organisation) -> bool:
    """The lead removes any partner; a partner's coordinator removes only their own administration or
    organisation (leaving), since the others would lose their right to edit."""
    if leads_initiative(user, initiative):
        return True
    return is_coordinator(user) and is_own(user, partner)


def can_leave_initiative(user, initiative: Initiative) -> bool:
    """A partner's coordinator may take their administration or organisation off the initiative, and so
    lose the right to edit it; the lead cannot leave (it hands the lead on instead)."""
    return can_edit_initiative(user, initiative) and not leads_initiative(user, initiative)


def can_archive_initiative(user, initiative: Initiative) -> bool:
    """Archiving (and restoring) hides the initiative from everyone's lists: the lead's decision."""
    return leads_initiative(user, initiative)


def can_mark_finished(user, initiative: Initiative) -> bool:
    """Closing an initiative whose end date has passed is the owner's call: the lead's coordinators, admins."""
    return leads_initiative(user, initiative)


def is_own(user, party: Administration | Organisation) -> bool:
    """Whether the user belongs to this administration or organisation."""
    if isinstance(party, Administration):
        return user.administration_id is not None and user.administration_id == party.id
    return user.organisation_id is not None and user.organisation_id == party.id
