"""The report stage: the needs assessment report, its versions and reviews."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register
from gcmhub.documents.models import Comment, Review, ReviewStatus, Version
from gcmhub.report.kind import NEEDS_ASSESSMENT


def report_state(cycle, user) -> StageState:
    document = cycle.documents.filter(kind=NEEDS_ASSESSMENT).first()
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
        lines.append(
            _("A review is open until %(date)s.") % {"date": formats.date_format(review.deadline)}
        )
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


def published_state(cycle, user) -> StageState:
    from django.utils import timezone

    final = (
        Version.objects.filter(document__cycle=cycle, document__kind=NEEDS_ASSESSMENT, major__gte=1)
        .select_related("document")
        .first()
    )
    if final is None:
        return StageState(
            status=Status.NOT_STARTED,
            facts=[_("The final report has not been issued yet; drafts are not shown here.")],
        )
    kwargs = {
        "network_slug": cycle.network.slug,
        "cycle_pk": cycle.pk,
        "document_pk": final.document_id,
        "version_pk": final.pk,
    }
    return StageState(
        status=Status.DONE,
        facts=[
            _("Final version %(number)s of %(date)s.")
            % {
                "number": final.number,
                "date": formats.date_format(timezone.localtime(final.issued_at).date()),
            }
        ],
        links=[
            (_("Read it"), reverse("version-detail", kwargs=kwargs)),
            *_edition_links(final, kwargs),
        ],
    )


def _edition_links(final, kwargs) -> list:
    """The final version's Word and PDF files, edition by edition (named by their language
    when there are two)."""
    from gcmhub.documents.bilingual import language_name
    from gcmhub.documents.files import languages_of

    languages = languages_of(final)
    links = []
    for language in languages:
        name = f" ({language_name(language)})" if len(languages) > 1 else ""
        for fmt, label in (("docx", _("Word")), ("pdf", "PDF")):
            url = reverse("version-download", kwargs={**kwargs, "fmt": fmt, "language": language})
            links.append((f"{label}{name}", url))
    return links


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
    register(
        Stage(
            key="published",
            order=60,
            label=_("Published report"),
            description=_(
                "The final version of the needs assessment report, as validated and endorsed, "
                "for everyone in the network."
            ),
            url_name="report-published",
            perm=Perm.CYCLE_VIEW,
            state=published_state,
        )
    )
