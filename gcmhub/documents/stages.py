"""The report stage: the needs assessment report, its versions and reviews."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register
from gcmhub.documents.models import Comment, DocumentKind, Review, ReviewStatus


def report_state(cycle, user) -> StageState:
    document = cycle.documents.filter(kind=DocumentKind.NEEDS_ASSESSMENT).first()
    if document is None:
        return StageState(status=Status.NOT_STARTED, facts=[_("The report has not been started.")])
    latest = document.versions.order_by("-major", "-minor").only("major", "minor").first()
    lines = [
        _("Latest version: %(number)s.") % {"number": f"{latest.major}.{latest.minor}"}
        if latest
        else _("No version issued yet: the draft is being written.")
    ]
    review = Review.objects.filter(version__document=document, status=ReviewStatus.OPEN).first()
    if review:
        lines.append(_("A review is open until %(date)s.") % {"date": review.deadline})
    open_comments = Comment.objects.filter(
        review__version__document=document, submitted_at__isnull=False, disposition=""
    ).count()
    lines.append(_("%(count)d comments waiting for a disposition.") % {"count": open_comments})
    final = latest is not None and latest.major >= 1
    status = Status.DONE if final else Status.IN_PROGRESS
    links = [
        (
            _("Open the report"),
            reverse(
                "document-detail",
                kwargs={
                    "network_slug": cycle.network.slug,
                    "cycle_pk": cycle.pk,
                    "document_pk": document.pk,
                },
            ),
        )
    ]
    return StageState(status=status, facts=lines, links=links)


def register_stages():
    register(
        Stage(
            key="report",
            order=40,
            label=_("Report"),
            description=_(
                "The needs assessment report: written in gcmhub from the evidence, issued in "
                "versions, reviewed by partners with a comments matrix."
            ),
            url_name="report",
            perm=Perm.DOCUMENT_VIEW,
            state=report_state,
        )
    )
