"""Reviews of the cycle's documents and endorsements of their final versions."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gcmhub.exports.kinds.base import (
    ID,
    ORG,
    ORG_ID,
    C,
    Kind,
    org_label,
)


def comment_queryset(cycle) -> QuerySet:
    from gcmhub.documents.models import Comment

    return Comment.objects.filter(
        review__version__document__cycle=cycle, submitted_at__isnull=False
    )


def comment_rows(cycle):
    # A version's content is the whole frozen report: never needed here.
    comments = (
        comment_queryset(cycle)
        .select_related("organisation", "review__version__document", "addressed_in")
        .defer("review__version__content", "addressed_in__content")
    )
    for c in comments.order_by("review__version__document__kind", "review__opened_at", "number"):
        version = c.review.version
        yield (
            c.pk,
            version.document.title,
            version.number,
            c.number,
            org_label(c.organisation),
            c.organisation_id,
            c.section_title,
            c.quote,
            c.get_type_display(),
            c.text,
            c.get_disposition_display() if c.disposition else "",
            c.reply,
            c.addressed_in.number if c.addressed_in else "",
            c.submitted_at,
        )


COMMENTS = Kind(
    "review_comments",
    _("Review comments"),
    (
        ID,
        C("document", _("Document"), "#meta+document", 30),
        C("version", _("Reviewed version"), "#meta+version", 10),
        C("number", _("No."), "#meta+num", 8),
        ORG,
        ORG_ID,
        C("section", _("Section"), "#meta+section", 28),
        C("quote", _("Passage"), "#description+quote", 40),
        C("type", _("Type"), "#meta+type", 14),
        C("text", _("Comment"), "#description", 60),
        C("disposition", _("Disposition"), "#status", 16),
        C("reply", _("Reply"), "#description+reply", 60),
        C("addressed_in", _("Addressed in"), "#meta+version+addressed", 10),
        C("submitted", _("Submitted"), "#date+submitted", 18),
    ),
    comment_rows,
    lambda cycle: comment_queryset(cycle).count(),
)


def endorsement_queryset(cycle) -> QuerySet:
    from gcmhub.documents.models import Endorsement

    return Endorsement.objects.filter(version__document__cycle=cycle)


def endorsement_rows(cycle):
    endorsements = (
        endorsement_queryset(cycle)
        .select_related("organisation", "version__document")
        .defer("version__content")
    )
    for e in endorsements.order_by("version__document__kind", "organisation__name"):
        yield (
            e.pk,
            e.version.document.title,
            e.version.number,
            org_label(e.organisation),
            e.organisation_id,
            e.get_response_display(),
            e.reservation,
            e.requested_at,
            e.responded_at,
        )


ENDORSEMENTS = Kind(
    "endorsements",
    _("Endorsements"),
    (
        ID,
        C("document", _("Document"), "#meta+document", 30),
        C("version", _("Version"), "#meta+version", 10),
        ORG,
        ORG_ID,
        C("response", _("Response"), "#status", 16),
        C("reservation", _("Reservation"), "#description", 40),
        C("requested", _("Requested"), "#date+requested", 18),
        C("responded", _("Responded"), "#date+responded", 18),
    ),
    endorsement_rows,
    lambda cycle: endorsement_queryset(cycle).count(),
)
