"""Reads of meetings, and the rules of the validation stage that other apps ask about."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.directory.models import Organisation
from gcmhub.documents.models import Document, Review, ReviewStatus
from gcmhub.meetings.models import (
    Attendee,
    Meeting,
    MeetingInvitation,
    MeetingType,
    Outcome,
    OutcomeType,
    Presence,
    Reply,
    ValidationOutcome,
)


def _count(queryset) -> Subquery:
    """The number of rows of `queryset` (filtered on OuterRef), as a subquery: two counts
    joined in one query would count the rows of their product."""
    return Coalesce(
        Subquery(queryset.order_by().values("meeting_id").annotate(n=Count("pk")).values("n")),
        0,
    )


def meetings_of(cycle) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(cycle=cycle)
        .select_related("version__document", "cycle__network")
        .defer("version__content")
        .annotate(
            invited=_count(MeetingInvitation.objects.filter(meeting_id=OuterRef("pk"))),
            present=_count(
                Attendee.objects.filter(meeting_id=OuterRef("pk"), presence=Presence.PRESENT)
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
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.select_related(
                "resolved_in", "owner_organisation", "owner_person"
            ).order_by("pk"),
        )
    ).order_by("order", "pk")


def register_of(meeting: Meeting) -> QuerySet[Attendee]:
    """The register in its order: walk-ins (no organisation of the network) first, on
    PostgreSQL as on SQLite; then by organisation and name; the pk keeps pages apart."""
    return meeting.attendees.select_related("organisation").order_by(
        F("organisation__name").asc(nulls_first=True), "organisation_name", "name", "pk"
    )


def presence_counts(meeting: Meeting) -> dict:
    """{presence: number of attendees} for every presence, and "total" (one query)."""
    counts = dict(meeting.attendees.order_by().values_list("presence").annotate(n=Count("pk")))
    found = {presence: counts.get(presence, 0) for presence in Presence.values}
    return {**found, "total": sum(found.values())}


def reply_counts(meeting: Meeting) -> list[tuple[str, int]]:
    """(reply as shown, number of invitations) for each reply given, in the replies' order
    (one query)."""
    counts = dict(meeting.invitations.order_by().values_list("reply").annotate(n=Count("pk")))
    return [(label, counts[value]) for value, label in Reply.choices if counts.get(value)]


def headcount(meeting: Meeting) -> dict:
    """{"present": people marked present, "total": people on the register} (one query)."""
    counts = meeting.attendees.aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(presence=Presence.PRESENT))
    )
    return {"present": counts["present"], "total": counts["total"]}


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


def _text_of(content: dict, key: str):
    """What an agreed change on section `key` alters, as frozen or live content reads it: the
    section's written text (and its data blocks' text), whatever its number; the whole text
    of the document when the change names no section or a section it no longer has."""

    def text(section):
        return [section.get("html", ""), section.get("blocks", []), section.get("items", [])]

    sections = {s["key"]: s for s in content["sections"]}
    if key and key in sections:
        return text(sections[key])
    return [content.get("title"), content.get("subtitle"), *map(text, sections.values())]


def changes_left_out(document: Document, content: dict) -> list[Outcome]:
    """Agreed changes recorded as made whose text reads as in the version discussed.

    The check is on `content`, the text the final version would freeze, also for a change
    recorded as made in an earlier draft (it must still be there). Data that moved on its own
    (a late input, a score) does not count as the change. A change the coordinator recorded
    as needing no change to the text is not checked.
    """
    changes = Outcome.objects.filter(
        meeting__version__document=document,
        type=OutcomeType.AGREED_CHANGE,
        no_text_change=False,
    ).filter(Q(resolve_in_next=True) | Q(resolved_in__isnull=False))
    return [
        change
        for change in changes.select_related("meeting__version").order_by("pk")
        if _text_of(change.meeting.version.content, change.section_key)
        == _text_of(content, change.section_key)
    ]


def finalisation_blockers(document: Document, *, content: dict | None = None) -> list[str]:
    """What stands between the document and its final version, in words for the coordinator.

    With `content` (the draft as the final version would freeze it), agreed changes recorded
    as made are checked against the text too.
    """
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
    if content is not None:
        for change in changes_left_out(document, content):
            blockers.append(
                _(
                    "The agreed change “%(text)s” is recorded as made, but the text reads as it "
                    "did in version %(number)s. Make the change in the text, or have the "
                    "coordinator record that no change to the text was needed, and why."
                )
                % {"text": change.text, "number": change.meeting.version.number}
            )
    return blockers


def validation_organisations(document: Document) -> QuerySet[Organisation]:
    """The organisations invited to the document's validation meetings: asked to endorse."""
    return Organisation.objects.filter(
        pk__in=validation_meetings(document).values("invitations__organisation")
    ).order_by("name")


def invitation_counts(meeting) -> dict:
    """How many are invited, how many e-mails are sent and how many have replied (one query)."""
    from django.db.models import Count, Q

    from gcmhub.meetings.models import Reply

    return meeting.invitations.order_by().aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        replied=Count("pk", filter=~Q(reply=Reply.PENDING)),
    )
