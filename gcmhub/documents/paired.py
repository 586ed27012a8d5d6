"""The texts of documents that have editions in two languages (see `gcmhub.editions`): the
document's title and subtitle, each section's title and text, each recommendation. Their
original is in the document's language; who may write the document may translate them while
the document is open (the final version locks both editions)."""

from django.utils.translation import gettext as _

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.editions.access import actor_in, memo


def may_translate(user, document) -> bool:
    """Whether `user` may write the translations of `document`'s texts: who may write it
    and translate, while no final version locks it."""
    if not user.is_authenticated:
        return False
    actor = actor_in(user, document.cycle)
    if not (actor.has(Perm.TRANSLATE) and actor.has(Perm.DOCUMENT_EDIT)):
        return False
    # Asked for each text of a document: whether it is locked is read once per request.
    locked = memo(user, "documents_locked")
    if document.pk not in locked:
        locked[document.pk] = document.versions.filter(major__gte=1).exists()
    return not locked[document.pk]


def _section_url(section) -> str:
    document = section.document
    return cycle_reverse(
        "section-edit", document.cycle, document_pk=document.pk, section_pk=section.pk
    )


def _recommendation_url(recommendation) -> str:
    document = recommendation.document
    return cycle_reverse(
        "recommendation-edit",
        document.cycle,
        document_pk=document.pk,
        recommendation_pk=recommendation.pk,
    )


def section_label(section) -> str:
    return _("%(document)s, section %(number)s “%(title)s”") % {
        "document": section.document.title,
        "number": section.order + 1,
        "title": section.title,
    }


def recommendation_label(recommendation) -> str:
    return _("%(document)s, recommendation %(number)s") % {
        "document": recommendation.document.title,
        "number": recommendation.order,
    }


def register() -> None:
    from gcmhub.documents.bilingual import document_texts
    from gcmhub.documents.models import Document, Recommendation, Section
    from gcmhub.editions.registry import Paired, changed_in_history, register, register_cycle_texts

    register(
        Paired(
            model=Document,
            fields=("title", "subtitle"),
            language=lambda d: d.language,
            cycle=lambda d: d.cycle,
            may_translate=may_translate,
            label=lambda d: d.title,
            url=lambda d: d.get_absolute_url(),
            changed=changed_in_history,
            select_related=("cycle__network",),
        )
    )
    register(
        Paired(
            model=Section,
            fields=("title", "body"),
            rich=("body",),
            language=lambda s: s.document.language,
            cycle=lambda s: s.document.cycle,
            may_translate=lambda user, s: may_translate(user, s.document),
            label=section_label,
            url=_section_url,
            changed=lambda s: (s.updated_by, s.updated_at),
            select_related=("document__cycle__network", "updated_by"),
            cycle_path="document__cycle",
        )
    )
    register(
        Paired(
            model=Recommendation,
            fields=("text",),
            language=lambda r: r.document.language,
            cycle=lambda r: r.document.cycle,
            may_translate=lambda user, r: may_translate(user, r.document),
            label=recommendation_label,
            url=_recommendation_url,
            changed=lambda r: (r.updated_by, r.updated_at),
            select_related=("document__cycle__network", "updated_by"),
            cycle_path="document__cycle",
        )
    )

    def cycle_documents_texts(cycle):
        """The texts of the cycle's documents still open (a final version locks them)."""
        texts = []
        for document in cycle.documents.exclude(versions__major__gte=1).select_related(
            "cycle__network"
        ):
            if document.bilingual:
                texts.extend(document_texts(document))
        return texts

    def cycle_documents_locked(cycle) -> str:
        """How many of the cycle's documents a final version locks (their texts leave the
        queue)."""
        return str(cycle.documents.filter(versions__major__gte=1).distinct().count())

    register_cycle_texts(cycle_documents_texts, stamp=cycle_documents_locked)
