"""Who may do what: one table from role to permissions, read by every access check.

A person's role comes from their membership of a network. Platform administrators
(superusers) may do everything everywhere. Rules that also depend on the organisation
(a focal point edits only their own organisation's records) are checked by the access
helper of that record type, on top of the permission named here.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CONSULTANT = "consultant", _("Consultant")
    FOCAL_POINT = "focal_point", _("Focal point")
    OBSERVER = "observer", _("Observer")


ROLE_PLURALS = {
    Role.COORDINATOR: _("Coordinators"),
    Role.CONSULTANT: _("Consultants"),
    Role.FOCAL_POINT: _("Focal points"),
    Role.OBSERVER: _("Observers"),
}


class Perm(StrEnum):
    NETWORK_VIEW = "network.view"
    CYCLE_VIEW = "cycle.view"
    CYCLE_MANAGE = "cycle.manage"
    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_MANAGE = "organisation.manage"
    MEMBER_VIEW = "member.view"
    MEMBER_MANAGE = "member.manage"
    HISTORY_VIEW = "history.view"
    # Needs assessment
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_MANAGE = "assessment.manage"
    INPUT_CONTRIBUTE = "input.contribute"
    INPUT_REVIEW = "input.review"
    CONSULTATION_VIEW = "consultation.view"
    CONSULTATION_MANAGE = "consultation.manage"
    # Prioritisation
    PRIORITY_VIEW = "priority.view"
    PRIORITY_SCORE = "priority.score"
    PRIORITY_RESULTS = "priority.results"
    PRIORITY_MANAGE = "priority.manage"
    # Documents and reviews
    DOCUMENT_VIEW = "document.view"
    DOCUMENT_EDIT = "document.edit"
    DOCUMENT_OUTLINE = "document.outline"
    REVIEW_MANAGE = "review.manage"
    REVIEW_COMMENT = "review.comment"
    COMMENT_DISPOSE = "comment.dispose"
    DOCUMENT_FINALISE = "document.finalise"
    ENDORSE = "document.endorse"
    # Meetings
    MEETING_VIEW = "meeting.view"
    MEETING_MANAGE = "meeting.manage"
    MEETING_SECRETARIAT = "meeting.secretariat"
    # Network coordination and the work plan
    WORKPLAN_VIEW = "workplan.view"
    WORKPLAN_MANAGE = "workplan.manage"
    PROGRESS_VIEW = "progress.view"
    PROGRESS_READ = "progress.read"  # read every organisation's progress reports once submitted
    PROGRESS_REPORT = "progress.report"
    PROGRESS_REVIEW = "progress.review"
    SOP_VIEW = "sop.view"
    SOP_MANAGE = "sop.manage"
    OBLIGATION_COMPLETE = "obligation.complete"

    TRANSLATE = "text.translate"  # write the other language's edition of the network's texts


_READ = {Perm.NETWORK_VIEW, Perm.CYCLE_VIEW, Perm.ORGANISATION_VIEW}
# What only a focal point does: speak for their organisation (not even an administrator).
_SPEAK_FOR_ORGANISATION = {
    Perm.INPUT_CONTRIBUTE,
    Perm.PRIORITY_SCORE,
    Perm.REVIEW_COMMENT,
    Perm.ENDORSE,
    Perm.PROGRESS_REPORT,
}
_ASSESS = {
    Perm.ASSESSMENT_VIEW,
    Perm.CONSULTATION_VIEW,
    Perm.PRIORITY_VIEW,
    Perm.DOCUMENT_VIEW,
    Perm.MEETING_VIEW,
    Perm.PROGRESS_VIEW,
    Perm.SOP_VIEW,
}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.COORDINATOR: frozenset(Perm) - _SPEAK_FOR_ORGANISATION,
    Role.CONSULTANT: frozenset(
        _READ
        | _ASSESS
        | {
            Perm.MEMBER_VIEW,
            Perm.INPUT_REVIEW,
            Perm.CONSULTATION_MANAGE,
            Perm.PRIORITY_RESULTS,
            Perm.DOCUMENT_EDIT,
            Perm.REVIEW_MANAGE,
            Perm.COMMENT_DISPOSE,
            Perm.MEETING_SECRETARIAT,
            Perm.WORKPLAN_VIEW,
            Perm.PROGRESS_READ,
            Perm.TRANSLATE,
        }
    ),
    Role.FOCAL_POINT: frozenset(
        _READ
        | _ASSESS
        | {Perm.MEMBER_VIEW, Perm.WORKPLAN_VIEW, Perm.OBLIGATION_COMPLETE}
        | _SPEAK_FOR_ORGANISATION
    ),
    # Observers read what the network publishes: the final report and the work plan.
    Role.OBSERVER: frozenset(_READ | {Perm.WORKPLAN_VIEW}),
}


def role_has_perm(role: str | None, perm: Perm) -> bool:
    return perm in ROLE_PERMS.get(role or "", frozenset())


def user_has_perm(user, perm: Perm, *, network) -> bool:
    """Tell whether `user` holds `perm` in `network` (reached through an access helper)."""
    if not user.is_authenticated:
        return False
    return Actor(role=network.user_role, is_admin=user.is_superuser).has(perm)


@dataclass(frozen=True)
class Actor:
    """Who acts in a network: their role, the organisation they speak for, administrator or not."""

    role: str | None
    organisation_id: int | None = None
    is_admin: bool = False

    def has(self, perm: Perm) -> bool:
        """Whether the actor holds `perm` (the same answer as `user_has_perm`)."""
        if self.is_admin:
            return perm not in _SPEAK_FOR_ORGANISATION
        return role_has_perm(self.role, perm)

    def speaks_for(self, organisation_id: int | None) -> bool:
        """Whether the actor is a focal point of this organisation."""
        return (
            self.role == Role.FOCAL_POINT
            and organisation_id is not None
            and self.organisation_id == organisation_id
        )
