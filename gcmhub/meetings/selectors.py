"""Reads of meetings, and the rules of the validation stage that other apps ask about."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.directory.models import Organisation
from gcmhub.documents.models import Document, Review, ReviewStatus
from gcmhub.meetings.models import (
    Attendee,
    Meeting,
    MeetingType,
    Outcome,
    OutcomeType,
    Presence,
    ValidationOutcome,
)


def meetings_of(cycle) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(cycle=cycle)
        .select_related("version__document", "cycle__network")
        .defer("version__content")
        .annotate(
            invited=Count("invitations", distinct=True),
            present=Count(
                "attendees", filter=Q(attendees__presence=Presence.PRESENT), distinct=True
            ),
        )
        .order_by("-starts_at")
    )


def meeting_for_page(cycle, pk: int) -> Meeting:
    """The meeting with what every meeting page shows (its version's number and hash)."""
    return (
        Meeting.objects.select_related("cycle__network", "version__document")
        .defer("version__content")
        .get(cycle=cycle, pk=pk)
    )


def agenda_of(meeting: Meeting):
    return meeting.agenda_items.prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.select_related("resolved_in").order_by("pk"))
    ).order_by("order", "pk")


def register_of(meeting: Meeting) -> QuerySet[Attendee]:
    return meeting.attendees.select_related("organisation").order_by(
        "organisation__name", "organisation_name", "name"
    )


def validation_meetings(document: Document) -> QuerySet[Meeting]:
    return Meeting.objects.filter(type=MeetingType.VALIDATION, version__document=document).order_by(
        "starts_at"
    )


def open_changes(document: Document) -> QuerySet[Outcome]:
    """Agreed changes of the document's validation meetings not yet made in a version."""
    return Outcome.objects.filter(
        meeting__version__document=document,
        type=OutcomeType.AGREED_CHANGE,
        resolved_in__isnull=True,
        resolve_in_next=False,
    ).select_related("meeting")


def finalisation_blockers(document: Document) -> list[str]:
    """What stands between the document and its final version, in words for the coordinator."""
    blockers = []
    meeting = validation_meetings(document).exclude(outcome="").last()
    if meeting is None:
        blockers.append(
            _("Record the outcome of a validation meeting on a version of the document first.")
        )
    elif meeting.outcome == ValidationOutcome.NOT_VALIDATED:
        blockers.append(
            _(
                "The last validation meeting did not validate the document: hold another one "
                "on a revised version."
            )
        )
    count = open_changes(document).count()
    if count:
        blockers.append(
            ngettext(
                "%(count)d agreed change of the validation meeting is still open: resolve it "
                "in a version first.",
                "%(count)d agreed changes of the validation meeting are still open: resolve "
                "them in a version first.",
                count,
            )
            % {"count": count}
        )
    if Review.objects.filter(version__document=document, status=ReviewStatus.OPEN).exists():
        blockers.append(_("A review is still open: close it first."))
    return blockers


def validation_organisations(document: Document) -> QuerySet[Organisation]:
    """The organisations invited to the document's validation meetings: asked to endorse."""
    return Organisation.objects.filter(
        pk__in=validation_meetings(document).values("invitations__organisation")
    ).order_by("name")
