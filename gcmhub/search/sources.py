"""What search indexes of each kind of record: its texts (the original, and each translation
as an entry of its own language), where it belongs (network, cycle, objectives, organisations)
and the page that shows it. One `Source` per kind; `services` writes the entries."""

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse

from gcmhub.assessments.models import Consultation, Input, Synthesis
from gcmhub.assessments.texts import synthesis_url
from gcmhub.core.pages import cycle_reverse
from gcmhub.directory.models import Organisation
from gcmhub.documents.content import editions_of
from gcmhub.documents.models import Comment, Section, Version
from gcmhub.editions.models import Translation
from gcmhub.meetings.models import AgendaItem
from gcmhub.priorities.models import Decision
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.search.models import Kind
from gcmhub.search.text import guess_language
from gcmhub.workplan.models import Activity

OTHER = {"en": "tr", "tr": "en"}
TAG = re.compile(r"<[^>]+>")


@dataclass
class Text:
    """One entry to write: a text of a record in one language."""

    object_id: int
    network_id: int
    cycle_id: int | None
    language: str
    title: str
    body: str
    url: str
    place: str = ""
    translated: bool = False
    objectives: list[int] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A kind of record: `records()` every one with what `texts` reads; `texts(record,
    translations)` its entries, `translations` being {(field, language): text} of the record."""

    name: str
    kind: str
    model: type
    records: Callable[[], QuerySet]
    texts: Callable[[object, dict], Iterable[Text]]
    translated: tuple[str, ...] = ()  # fields with editions (gcmhub.editions)
    published: bool = False


def plain(value: str) -> str:
    """The text of editor HTML, entities read."""
    return " ".join(html.unescape(TAG.sub(" ", value or "")).split())


def join(*parts) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def objective_title(objective, language: str) -> str:
    title = objective.title_tr if language == "tr" and objective.title_tr else objective.title_en
    return f"{objective.number}. {title}"


def organisation_name(organisation, language: str) -> str:
    if language == "tr" and organisation.name_tr:
        return organisation.name_tr
    return organisation.name


def editions(record, fields: tuple[str, ...], language: str, translations: dict):
    """(language, translated, {field: text}): the original, then the translation if any."""
    yield language, False, {f: getattr(record, f) for f in fields}
    other = OTHER.get(language)
    texts = {f: translations.get((f, other), "") for f in fields}
    if other and any(texts.values()):
        yield other, True, texts


# Inputs


def _input_records():
    return Input.objects.select_related(
        "cycle__network", "organisation", "objective"
    ).prefetch_related("needs", "proposed_actions", "references")


def _input_texts(input: Input, translations: dict):
    url = input.get_absolute_url()
    own = join(
        *(n.description for n in input.needs.all()),
        *(a.description for a in input.proposed_actions.all()),
        *(r.title for r in input.references.all()),
    )
    for language, translated, texts in editions(
        input, ("situation", "gaps"), input.language, translations
    ):
        yield Text(
            object_id=input.pk,
            network_id=input.cycle.network_id,
            cycle_id=input.cycle_id,
            language=language,
            translated=translated,
            title=f"{organisation_name(input.organisation, language)} · "
            f"{objective_title(input.objective, language)}",
            body=join(texts["situation"], texts["gaps"], "" if translated else own),
            url=url,
            objectives=[input.objective_id],
            organisations=[input.organisation_id],
        )


# Syntheses


def _synthesis_texts(synthesis: Synthesis, translations: dict):
    if not synthesis.text.strip():
        return
    for language, translated, texts in editions(
        synthesis, ("text",), synthesis.language, translations
    ):
        yield Text(
            object_id=synthesis.pk,
            network_id=synthesis.cycle.network_id,
            cycle_id=synthesis.cycle_id,
            language=language,
            translated=translated,
            title=objective_title(synthesis.objective, language),
            body=texts["text"],
            url=synthesis_url(synthesis),
            objectives=[synthesis.objective_id],
        )


# Consultations


def _consultation_texts(consultation: Consultation, translations: dict):
    objectives = [o.pk for o in consultation.objectives.all()]
    organisations = [o.pk for o in consultation.organisations.all()]
    for language, translated, texts in editions(
        consultation, ("title", "notes"), consultation.language, translations
    ):
        yield Text(
            object_id=consultation.pk,
            network_id=consultation.cycle.network_id,
            cycle_id=consultation.cycle_id,
            language=language,
            translated=translated,
            title=texts["title"] or consultation.title,
            body=join(texts["notes"], "" if translated else consultation.participants),
            url=consultation.get_absolute_url(),
            objectives=objectives,
            organisations=organisations,
        )


# Comments of reviews


def _comment_texts(comment: Comment, translations: dict):
    document = comment.review.version.document
    body = join(comment.quote, comment.text, comment.reply)
    url = cycle_reverse("review-detail", document.cycle, review_pk=comment.review_id)
    # A review with many comments shows a section's when they are opened: the link opens them.
    url = f"{url}?{urlencode({'comments': comment.section_key})}#comment-{comment.pk}"
    yield Text(
        object_id=comment.pk,
        network_id=document.cycle.network_id,
        cycle_id=document.cycle_id,
        language=guess_language(comment.text, document.language),
        title=comment.section_title,
        place=f"{document.title} · {comment.review.version.number}",
        body=body,
        url=url,
        organisations=[comment.organisation_id],
    )


# Sections of documents: the live draft, and the final version of the report as published


def _section_texts(section: Section, translations: dict):
    document = section.document
    for language, translated, texts in editions(
        section, ("title", "body"), document.language, translations
    ):
        yield Text(
            object_id=section.pk,
            network_id=document.cycle.network_id,
            cycle_id=document.cycle_id,
            language=language,
            translated=translated,
            title=texts["title"] or section.title,
            place=document.title,
            body=plain(texts["body"]),
            url=document.section_url(section.key, edition=language),
        )


# What a frozen section holds besides its texts: keys, labels of the layout, edition marks.
SKIPPED_KEYS = {"key", "kind", "number", "lang", "mark", "labels", "language"}


def strings(value) -> Iterable[str]:
    """Every text in a frozen section (its HTML and the data built into it)."""
    if isinstance(value, str):
        yield plain(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS and not key.endswith(("_url", "_mark", "_lang")):
                yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def _published_records():
    return Version.objects.filter(major__gte=1, document__kind=NEEDS_ASSESSMENT).select_related(
        "document__cycle__network"
    )


def _published_texts(version: Version, translations: dict):
    document = version.document
    url = cycle_reverse("report-published", document.cycle)
    for language, edition in editions_of(version.content).items():
        for section in edition.get("sections", []):
            yield Text(
                object_id=version.pk,
                network_id=document.cycle.network_id,
                cycle_id=document.cycle_id,
                language=language,
                translated=language != version.content.get("language"),
                title=section.get("title", ""),
                place=f"{edition.get('title') or document.title} · {version.number}",
                body=join(*strings({k: v for k, v in section.items() if k != "title"})),
                url=f"{url}?edition={language}#s-{section.get('key', '')}",
            )


# Decisions on priorities


def _decision_texts(decision: Decision, translations: dict):
    organisations = [o.pk for o in decision.lead_organisations.all()] + [
        o.pk for o in decision.supporting_organisations.all()
    ]
    url = cycle_reverse("decision-list", decision.cycle)
    for language, translated, texts in editions(
        decision, ("rationale",), decision.language, translations
    ):
        yield Text(
            object_id=decision.pk,
            network_id=decision.cycle.network_id,
            cycle_id=decision.cycle_id,
            language=language,
            translated=translated,
            title=objective_title(decision.objective, language),
            body=texts["rationale"],
            url=f"{url}#h-{decision.horizon}",
            objectives=[decision.objective_id],
            organisations=organisations,
        )


# Activities of the work plan (their titles are kept in both languages)


def _activity_texts(activity: Activity, translations: dict):
    cycle = activity.output.cycle
    url = cycle_reverse("workplan", cycle)
    objectives = [o.pk for o in activity.objectives.all()]
    organisations = [o.pk for o in activity.lead_organisations.all()] + [
        o.pk for o in activity.partner_organisations.all()
    ]
    titles = {"en": activity.title, "tr": activity.title_tr}
    for language, title in titles.items():
        if not title:
            continue
        yield Text(
            object_id=activity.pk,
            network_id=cycle.network_id,
            cycle_id=cycle.pk,
            language=language,
            title=f"{activity.code} {title}",
            place=activity.output.code,
            body=activity.description,
            url=f"{url}?activity={activity.pk}#activity-{activity.pk}",  # its outcome opened
            objectives=objectives,
            organisations=organisations,
        )


# Minutes of meetings, per agenda item


def _minutes_texts(item: AgendaItem, translations: dict):
    if not (item.minutes.strip() or item.description.strip()):
        return
    meeting = item.meeting
    body = join(item.description, item.minutes)
    yield Text(
        object_id=item.pk,
        network_id=meeting.cycle.network_id,
        cycle_id=meeting.cycle_id,
        language=guess_language(body, "en"),
        title=item.title,
        place=meeting.title,
        body=body,
        url=f"{meeting.get_absolute_url()}#item-{item.pk}",
    )


# Organisations of a network (their names are kept in both languages)


def _organisation_texts(organisation: Organisation, translations: dict):
    url = reverse(
        "organisation-detail",
        kwargs={"network_slug": organisation.network.slug, "organisation_pk": organisation.pk},
    )
    names = {
        "en": (organisation.name, organisation.acronym),
        "tr": (organisation.name_tr, organisation.acronym_tr),
    }
    for language, (name, acronym) in names.items():
        if not name:
            continue
        yield Text(
            object_id=organisation.pk,
            network_id=organisation.network_id,
            cycle_id=None,
            language=language,
            title=f"{name} ({acronym})" if acronym else name,
            body=organisation.notes,
            url=url,
            organisations=[organisation.pk],
        )


SOURCES = [
    Source("input", Kind.INPUT, Input, _input_records, _input_texts, ("situation", "gaps")),
    Source(
        "synthesis",
        Kind.SYNTHESIS,
        Synthesis,
        lambda: Synthesis.objects.select_related("cycle__network", "objective"),
        _synthesis_texts,
        ("text",),
    ),
    Source(
        "consultation",
        Kind.CONSULTATION,
        Consultation,
        lambda: Consultation.objects.select_related("cycle__network").prefetch_related(
            "objectives", "organisations"
        ),
        _consultation_texts,
        ("title", "notes"),
    ),
    Source(
        "comment",
        Kind.COMMENT,
        Comment,
        lambda: Comment.objects.select_related("review__version__document__cycle__network").defer(
            "review__version__content"
        ),
        _comment_texts,
    ),
    Source(
        "section",
        Kind.SECTION,
        Section,
        lambda: Section.objects.select_related("document__cycle__network"),
        _section_texts,
        ("title", "body"),
    ),
    Source(
        "published", Kind.SECTION, Version, _published_records, _published_texts, published=True
    ),
    Source(
        "decision",
        Kind.DECISION,
        Decision,
        lambda: Decision.objects.select_related("cycle__network", "objective").prefetch_related(
            "lead_organisations", "supporting_organisations"
        ),
        _decision_texts,
        ("rationale",),
    ),
    Source(
        "activity",
        Kind.ACTIVITY,
        Activity,
        lambda: Activity.objects.select_related("output__cycle__network").prefetch_related(
            "objectives", "lead_organisations", "partner_organisations"
        ),
        _activity_texts,
    ),
    Source(
        "minutes",
        Kind.MINUTES,
        AgendaItem,
        lambda: AgendaItem.objects.select_related("meeting__cycle__network"),
        _minutes_texts,
    ),
    Source(
        "organisation",
        Kind.ORGANISATION,
        Organisation,
        lambda: Organisation.objects.select_related("network"),
        _organisation_texts,
    ),
]
BY_NAME = {source.name: source for source in SOURCES}


def translations_of(source: Source, ids: list[int]) -> dict[int, dict]:
    """{record id: {(field, language): text}} of the records' translations (one query)."""
    found = defaultdict(dict)
    if not source.translated or not ids:
        return found
    rows = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(source.model),
        object_id__in=ids,
        field__in=source.translated,
    ).values_list("object_id", "field", "language", "text")
    for object_id, field_name, language, text in rows:
        found[object_id][(field_name, language)] = text
    return found
