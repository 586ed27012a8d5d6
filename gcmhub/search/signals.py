"""Which writes touch which entries: a save or a deletion of a record, of a part of it (an
input's needs), of a link (a consultation's organisations) or of its translation marks the
record for indexing once the transaction commits (`services.index_later`)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from gcmhub.assessments.models import (
    Consultation,
    Input,
    Need,
    ProposedAction,
    Reference,
    Synthesis,
)
from gcmhub.directory.models import Organisation
from gcmhub.documents.models import Comment, Document, Section, Version
from gcmhub.editions.models import Translation
from gcmhub.meetings.models import AgendaItem, Meeting
from gcmhub.priorities.models import Decision
from gcmhub.search.services import index_later
from gcmhub.search.sources import SOURCES
from gcmhub.workplan.models import Activity

# model: (source, the id of the record whose entries it touches)
TOUCHES = {
    Input: ("input", lambda o: o.pk),
    Need: ("input", lambda o: o.input_id),
    ProposedAction: ("input", lambda o: o.input_id),
    Reference: ("input", lambda o: o.input_id),
    Synthesis: ("synthesis", lambda o: o.pk),
    Consultation: ("consultation", lambda o: o.pk),
    Comment: ("comment", lambda o: o.pk),
    Section: ("section", lambda o: o.pk),
    Version: ("published", lambda o: o.pk if o.major >= 1 else None),
    Decision: ("decision", lambda o: o.pk),
    Activity: ("activity", lambda o: o.pk),
    AgendaItem: ("minutes", lambda o: o.pk),
    Organisation: ("organisation", lambda o: o.pk),
}
LINKS = [
    (Consultation, ("organisations", "objectives")),
    (Decision, ("lead_organisations", "supporting_organisations")),
    (Activity, ("objectives", "lead_organisations", "partner_organisations")),
]
TRANSLATED = {source.model: source.name for source in SOURCES if source.translated}


def _touched(sender, instance, **kwargs):
    source, pk_of = TOUCHES[sender]
    index_later(source, pk_of(instance))


def _linked(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse and type(instance) in TOUCHES:
        _touched(type(instance), instance)


def _translated(sender, instance, **kwargs):
    model = instance.content_type.model_class()
    if model in TRANSLATED:
        index_later(TRANSLATED[model], instance.object_id)


def _document_saved(sender, instance, **kwargs):
    """A document's title is where its sections are: index them again."""
    for pk in instance.sections.values_list("pk", flat=True):
        index_later("section", pk)


def _meeting_saved(sender, instance, **kwargs):
    for pk in instance.agenda_items.values_list("pk", flat=True):
        index_later("minutes", pk)


def connect() -> None:
    for model in TOUCHES:
        post_save.connect(_touched, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_touched, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for model, fields in LINKS:
        for name in fields:
            through = getattr(model, name).through
            m2m_changed.connect(_linked, sender=through, dispatch_uid=f"search-{through.__name__}")
    post_save.connect(_translated, sender=Translation, dispatch_uid="search-translation")
    post_delete.connect(_translated, sender=Translation, dispatch_uid="search-del-translation")
    post_save.connect(_document_saved, sender=Document, dispatch_uid="search-document")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="search-meeting")
