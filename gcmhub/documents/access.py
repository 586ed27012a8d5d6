"""Access helpers: documents, versions, reviews and comments reached only through a cycle."""

from django.db.models import Q
from django.http import Http404

from gcmhub.documents.models import Comment, Document, Endorsement, Review, Section, Version


def get_document(cycle, pk: int) -> Document:
    try:
        document = cycle.documents.get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None
    document.cycle = cycle
    return document


def get_section(document: Document, pk: int) -> Section:
    try:
        return document.sections.get(pk=pk)
    except Section.DoesNotExist:
        raise Http404 from None


def get_version(document: Document, pk: int) -> Version:
    try:
        # The whole frozen report is read when a page needs it (see selectors.version_summary).
        version = document.versions.defer("content").get(pk=pk)
    except Version.DoesNotExist:
        raise Http404 from None
    version.document = document
    return version


def get_review(cycle, pk: int) -> Review:
    try:
        review = (
            Review.objects.select_related("version__document")
            .defer("version__content")  # the whole frozen report: read when a page needs it
            .get(pk=pk, version__document__cycle=cycle)
        )
    except Review.DoesNotExist:
        raise Http404 from None
    review.version.document.cycle = cycle
    return review


def get_comment(review: Review, pk: int) -> Comment:
    """A comment of the review, or one carried over to its version from an earlier review."""
    try:
        return Comment.objects.get(Q(review=review) | Q(carried_to=review.version_id), pk=pk)
    except Comment.DoesNotExist:
        raise Http404 from None


def get_endorsement(cycle, pk: int) -> Endorsement:
    try:
        return Endorsement.objects.select_related("version__document__cycle", "organisation").get(
            pk=pk, version__document__cycle=cycle
        )
    except Endorsement.DoesNotExist:
        raise Http404 from None
