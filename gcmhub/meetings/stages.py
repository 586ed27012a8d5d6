"""The validation stage: the validation meeting, its agreed changes, the final version and
the endorsements."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register


def validation_state(cycle, user) -> StageState:
    from gcmhub.documents.models import Endorsement, EndorsementResponse
    from gcmhub.meetings.models import Meeting, MeetingType, Outcome, OutcomeType
    from gcmhub.report.kind import NEEDS_ASSESSMENT

    meetings = list(
        Meeting.objects.filter(cycle=cycle, type=MeetingType.VALIDATION).order_by("starts_at")
    )
    if not meetings:
        return StageState(
            status=Status.NOT_STARTED, facts=[_("No validation meeting scheduled yet.")]
        )
    meeting = meetings[-1]
    lines = [
        _("%(title)s on %(date)s.")
        % {
            "title": meeting.title,
            "date": formats.date_format(timezone.localtime(meeting.starts_at, meeting.tz).date()),
        },
    ]
    if meeting.outcome:
        lines.append(_("Outcome: %(outcome)s.") % {"outcome": meeting.get_outcome_display()})
    open_changes = sum(
        1
        for o in Outcome.objects.filter(meeting__in=meetings, type=OutcomeType.AGREED_CHANGE)
        if o.is_open_change
    )
    lines.append(
        ngettext(
            "%(count)d agreed change still open.",
            "%(count)d agreed changes still open.",
            open_changes,
        )
        % {"count": open_changes}
    )
    final = None
    document = cycle.documents.filter(kind=NEEDS_ASSESSMENT).first()
    if document is not None:
        final = document.versions.filter(major__gte=1).first()
    if final is not None:
        endorsements = list(
            Endorsement.objects.filter(version=final).values_list("response", flat=True)
        )
        answered = sum(1 for r in endorsements if r != EndorsementResponse.PENDING)
        lines.append(
            _(
                "Final version %(number)s issued; %(answered)d of %(count)d organisations have "
                "answered the request to endorse it."
            )
            % {"number": final.number, "answered": answered, "count": len(endorsements)}
        )
    status = Status.DONE if final is not None else Status.IN_PROGRESS
    return StageState(status=status, facts=lines)


def register_stages():
    register(
        Stage(
            key="validation",
            order=50,
            label=_("Validation"),
            description=_(
                "The validation meeting on an exact version, its agreed changes, the final "
                "version, and the endorsements of the organisations."
            ),
            url_name="meeting-list",
            perm=Perm.MEETING_VIEW,
            state=validation_state,
        )
    )
