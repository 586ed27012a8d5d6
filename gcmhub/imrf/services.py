"""Writes of the reporting out: the national voluntary review's draft, written from the data."""

from django.db import transaction

from gcmhub.core.access import require
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.documents import services as documents
from gcmhub.documents.models import Document
from gcmhub.editions.registry import is_paired
from gcmhub.editions.services import translation_seed
from gcmhub.editions.texts import other_languages, translation_of
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
    of them with `overwrite` (their earlier text stays in the history), in the document's
    language, and the same data's draft in each other language as the section's other
    edition (a text a person wrote gets no generated translation). Returns how many."""
    require(by, Perm.DOCUMENT_EDIT, cycle=document.cycle)
    filled = 0
    for section in document.sections.order_by("order"):
        if section.body.strip() and not overwrite:
            continue
        html = section_html(section.key, document.cycle, language=document.language)
        if html is None:
            continue
        section = documents.section_save(
            section=section, by=by, body=html, expected_version=section.version
        )
        if is_paired(section):
            for language in other_languages(document.language):
                made = translation_of(section, "body", language)
                if made is not None and made.updated_by_id is not None:
                    continue  # a person's translation: the draft never replaces it
                edition = section_html(section.key, document.cycle, language=language)
                translation_seed(section, "body", language, edition)
        filled += 1
    return filled
