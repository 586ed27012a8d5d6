"""Writes of the reporting out: the national voluntary review's draft, written from the data."""

from django.db import transaction

from gcmhub.core.access import require
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.documents import services as documents
from gcmhub.documents.models import Document
from gcmhub.imrf.kind import VOLUNTARY_REVIEW
from gcmhub.imrf.prefill import section_html


@transaction.atomic
def voluntary_review_open(*, cycle: Cycle, by: User) -> Document:
    """The cycle's voluntary review, created with the default five-part outline and filled
    from the data the first time."""
    require(by, Perm.DOCUMENT_EDIT, cycle=cycle)
    existing = cycle.documents.filter(kind=VOLUNTARY_REVIEW).first()
    if existing is not None:
        return existing
    document = documents.document_open(cycle=cycle, kind=VOLUNTARY_REVIEW, by=by)
    voluntary_review_prefill(document=document, by=by)
    return document


@transaction.atomic
def voluntary_review_prefill(*, document: Document, by: User, overwrite: bool = False) -> int:
    """Write the data-based draft into the sections the data can fill: the empty ones, or all
    of them with `overwrite` (their earlier text stays in the history). Returns how many."""
    require(by, Perm.DOCUMENT_EDIT, cycle=document.cycle)
    filled = 0
    for section in document.sections.order_by("order"):
        if section.body.strip() and not overwrite:
            continue
        html = section_html(section.key, document.cycle, language=document.language)
        if html is None:
            continue
        documents.section_save(section=section, by=by, body=html, expected_version=section.version)
        filled += 1
    return filled
