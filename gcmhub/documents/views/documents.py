"""The document being written: the draft, the outline, the sections and the recommendations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.core.feedback import report_errors
from gcmhub.core.history import records_to_rows
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, form_errors
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import files, selectors, services
from gcmhub.documents.access import get_document, get_section
from gcmhub.documents.bilingual import (
    document_languages,
    document_texts,
    language_name,
    prefetch,
)
from gcmhub.documents.content import build_content, has_compendium
from gcmhub.documents.forms import (
    DocumentForm,
    IssueForm,
    OutlineFormSet,
    RecommendationForm,
    SectionForm,
)
from gcmhub.documents.kinds import part_of
from gcmhub.documents.views.common import context, locked, reading
from gcmhub.editions.forms import TranslationForm
from gcmhub.editions.services import translation_save

# In a cycle with this many inputs or more, the draft shows its sections' headings first and
# builds a section when it is opened (its findings quote every input).
DRAFT_ON_DEMAND_FROM = 100


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def document_detail(request, network, cycle, document_pk):
    """The live draft: every section in full, or in a cycle with many inputs its sections'
    headings, each section built when a reader opens it (htmx loads it; without JavaScript
    ?section=<key> is the page with it open), every section in full with ?all=1."""
    document = get_document(cycle, document_pk)
    final = selectors.final_version(document)
    if final is not None:
        # The document no longer changes: its final version is the document.
        return cycle_redirect("version-detail", cycle, document_pk=document.pk, version_pk=final.pk)
    whole = request.GET.get("all") == "1" or cycle.inputs.count() < DRAFT_ON_DEMAND_FROM
    key = "" if whole else request.GET.get("section", "")
    cache = {}  # the data read once for both editions
    if request.htmx and key:
        language = reading(request, dict.fromkeys(document_languages(document)))
        content = build_content(document, language["edition"], cache=cache, only={key})
        return render(
            request,
            "documents/_section_body.html",
            {"s": _built(content, key), "content": content, "mode": "screen"},
        )
    contents = {
        language: build_content(document, language, cache=cache, only=None if whole else {key})
        for language in document_languages(document)
    }
    if whole:  # Before the links are added to the content read.
        draft_files = files.draft_editions_files(document, contents=contents)
    else:  # Not built to be hashed: each file as last asked for, and a button to ask again.
        draft_files = files.draft_last_files(document, languages=list(contents))
    for file in draft_files:
        file["name"] = language_name(file["language"])
    shown = reading(request, contents)
    content = shown["content"]
    if user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network):
        _edit_links(cycle, document, content["sections"])
    page = context(
        network,
        cycle,
        document=document,
        mode="screen",
        whole=whole,
        **shown,
        **_queue(request, document),
        versions=selectors.versions_of(document),
        reviews=selectors.reviews_of(document),
        issue_form=IssueForm(),
        draft_files=draft_files,
    )
    if key:
        page["opened"] = {"key": key, "section": _built(content, key), "content": content}
    return render(request, "documents/document_detail.html", page)


def _built(content: dict, key: str) -> dict:
    """The section `key` of `content`, built in full (404 if the draft has none)."""
    for section in content["sections"]:
        if section["key"] == key and "html" in section:
            return section
    raise Http404


def _edit_links(cycle, document, items) -> None:
    """Add to each section of the content read the links of who may edit it."""
    sections = {s.key: s for s in document.sections.all()}
    for item in items:
        section = sections.get(item["key"])
        if section is None:  # the compendium: made from the inputs, not written
            continue
        kwargs = {"document_pk": document.pk, "section_pk": section.pk}
        item["edit_url"] = cycle_reverse("section-edit", cycle, **kwargs)
        item["history_url"] = cycle_reverse("section-history", cycle, **kwargs)
        part = part_of(item["kind"])
        if part is not None and part.link:
            item["extra_url"] = cycle_reverse(part.link, cycle, document_pk=document.pk)


def _queue(request, document) -> dict:
    """The document's translation queue, for who may translate its texts: each text whose
    other edition is missing or out of date, with who last changed its original."""
    from gcmhub.documents.paired import may_translate
    from gcmhub.editions.selectors import summary, waiting

    if len(document_languages(document)) < 2 or not may_translate(request.user, document):
        return {}
    rows = waiting(document_texts(document), languages=document_languages(document)[1:])
    return {
        "queue": rows,
        "queue_counts": summary(rows),
        "languages": [(code, language_name(code)) for code in document_languages(document)],
        "here": request.get_full_path(),
    }


@cycle_page(Perm.DOCUMENT_OUTLINE)
def document_edit(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    if locked(request, document):
        return redirect(document)
    form = DocumentForm(
        request.POST or None,
        initial={
            "title": document.title,
            "subtitle": document.subtitle,
            "language": document.language,
            "bilingual": document.bilingual,
            "compendium": document.compendium,
        },
        has_compendium=has_compendium(document),
    )
    sections = list(document.sections.order_by("order"))
    outline = OutlineFormSet(
        request.POST or None,
        prefix="outline",
        initial=[
            {"id": s.pk, "title": s.title, "kind": s.kind, "ORDER": i}
            for i, s in enumerate(sections, start=1)
        ],
    )
    if request.method == "POST" and form.is_valid() and outline.is_valid():
        # Only the titles changed here are written: a text left as shown keeps its title
        # (and, when the language changes, takes its edition in the new language).
        rows = [
            {**f.cleaned_data, "title": f.cleaned_data["title"]}
            if "title" in f.changed_data or not f.cleaned_data.get("id")
            else {**f.cleaned_data, "title": None}
            for f in outline.ordered_forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in ("title", "subtitle") or name in form.changed_data
        }
        try:
            with transaction.atomic():  # the title and the sections, or neither
                services.document_update(document=document, by=request.user, **fields)
                services.outline_save(document=document, by=request.user, rows=rows)
            messages.success(request, _("The outline has been saved."))
            return redirect(document)
        except ValidationError as error:
            report_errors(request, error)
    return render(
        request,
        "documents/document_form.html",
        context(network, cycle, document=document, form=form, outline=outline),
    )


@cycle_page(Perm.DOCUMENT_EDIT)
def section_edit(request, network, cycle, document_pk, section_pk):
    """The section's two editions side by side: the original (in the document's language) and
    its translation, each editable; a translation older than the original is marked, with
    what changed in the original since, and may be kept as still right."""
    document = get_document(cycle, document_pk)
    if locked(request, document):
        return redirect(document)
    section = get_section(document, section_pk)
    section.document = document
    back = document.section_url(section.key)
    translating = request.method == "POST" and (
        "translate" in request.POST or "keep" in request.POST
    )
    form = SectionForm(
        request.POST if request.method == "POST" and not translating else None,
        initial={"version": section.version, "body": section.body},
    )
    other = _translation_language(request.user, document, section)
    translation_form = None
    if other is not None:
        translation_form = TranslationForm(
            request.POST if translating and "translate" in request.POST else None,
            obj=section,
            language=other,
            prefix="translation",
        )
    if request.method == "POST" and not translating and form.is_valid():
        try:
            services.section_save(
                section=section,
                by=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("The section has been saved."))
            return redirect(back)
        except ValidationError as error:
            form_errors(form, error)
    if translating and other is not None:
        if "keep" in request.POST:
            if _keep(request, section, other):
                return redirect(request.path)
        elif translation_form.is_valid():
            try:
                with transaction.atomic():
                    for name in translation_form.text_fields:
                        translation_save(
                            obj=section,
                            field=name,
                            language=other,
                            text=translation_form.cleaned_data[name],
                            by=request.user,
                            expected_version=translation_form.cleaned_data[f"{name}__version"],
                            seen_source=translation_form.cleaned_data[f"{name}__source"] or None,
                        )
                messages.success(request, _("The translation has been saved."))
                return redirect(back)
            except ValidationError as error:
                form_errors(translation_form, error)
    page = context(
        network,
        cycle,
        document=document,
        doc_section=section,
        form=form,
        translation_form=translation_form,
        original_name=language_name(document.language),
        translation_language=other,
        translation_name=language_name(other) if other else "",
        translations=_translation_rows(section, other, translation_form) if other else [],
        back_url=back,
    )
    return render(request, "documents/section_form.html", page)


def _translation_language(user, document, section) -> str | None:
    """The language of the section's other edition, if the document has one and `user` may
    write it."""
    from gcmhub.editions.registry import paired_of

    languages = document_languages(document)
    if len(languages) < 2 or not paired_of(section).may_translate(user, section):
        return None
    return languages[1]


def _translation_rows(section, language, form) -> list[dict]:
    """Each text of the section (title, text) in its two editions, for the side-by-side."""
    from gcmhub.core.text import word_diff
    from gcmhub.editions.texts import edition, translation_of
    from gcmhub.reporting.narrative import to_text

    rows = []
    for name in form.text_fields:
        found = edition(section, name, language)
        row = translation_of(section, name, language)
        changes = None
        if found.stale and row is not None:
            changes = word_diff(to_text(row.source_text), to_text(getattr(section, name) or ""))
        rows.append(
            {
                "name": name,
                "label": section._meta.get_field(name).verbose_name,
                "original": getattr(section, name) or "",
                "field": form[name],
                "version": form[f"{name}__version"],
                "source": form[f"{name}__source"],
                "edition": found,
                "row": row,
                "changes": changes,
            }
        )
    return rows


def _keep(request, section, language) -> bool:
    """ "The translation is still right" for one text of the section; True when kept."""
    from gcmhub.editions.forms import KeepForm
    from gcmhub.editions.services import translation_keep

    name = request.POST.get("keep")
    keep = KeepForm({"field": name, "version": request.POST.get(f"translation-{name}__version")})
    if not keep.is_valid():
        report_errors(request, ValidationError(_("Open the section again and retry.")))
        return False
    try:
        translation_keep(
            obj=section,
            field=keep.cleaned_data["field"],
            language=language,
            by=request.user,
            expected_version=keep.cleaned_data["version"],
            seen_source=request.POST.get(f"translation-{name}__source") or None,
        )
    except ValidationError as error:
        report_errors(request, error)
        return False
    messages.success(request, _("The translation is marked as still right for the original."))
    return True


@require_safe
@cycle_page(Perm.DOCUMENT_EDIT)
def section_history(request, network, cycle, document_pk, section_pk):
    document = get_document(cycle, document_pk)
    section = get_section(document, section_pk)
    page = context(
        network,
        cycle,
        object=section,
        rows=records_to_rows(section.history.all()),
        back_url=document.section_url(section.key),
    )
    return render(request, "core/history.html", page)


@cycle_page(Perm.DOCUMENT_VIEW)
def recommendation_list(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    recommendations = document.recommendations.prefetch_related(
        "objectives", "inputs__organisation", "consultations"
    )
    form = None
    final = selectors.final_version(document) is not None
    if request.method == "POST" and final:
        locked(request, document)
        return redirect(request.path)
    can_edit = user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network) and not final
    # The form lists every input of the cycle: made when asked for (?add=1: htmx swaps it in,
    # or the page with it), not with every reading of the list.
    if can_edit and (request.method == "POST" or request.GET.get("add")):
        form = RecommendationForm(request.POST or None, cycle=cycle)
        if request.method == "GET" and request.htmx:
            page = {"network": network, "cycle": cycle, "document": document, "form": form}
            return render(request, "documents/recommendation_list.html#add-form", page)
        if request.method == "POST" and form.is_valid():
            services.recommendation_save(document=document, by=request.user, **form.cleaned_data)
            messages.success(request, _("The recommendation has been added."))
            return cycle_redirect("recommendation-list", cycle, document_pk=document.pk)
    elif request.method == "POST":
        raise PermissionDenied
    languages = document_languages(document)
    return render(
        request,
        "documents/recommendation_list.html",
        context(
            network,
            cycle,
            document=document,
            recommendations=prefetch(recommendations),
            form=form,
            can_edit=can_edit,
            other_language=languages[1] if len(languages) > 1 else None,
        ),
    )


@cycle_page(Perm.DOCUMENT_EDIT)
def recommendation_edit(request, network, cycle, document_pk, recommendation_pk):
    document = get_document(cycle, document_pk)
    recommendation = document.recommendations.filter(pk=recommendation_pk).first()
    if recommendation is None:
        raise Http404
    if locked(request, document):
        return redirect(document)
    back = cycle_reverse("recommendation-list", cycle, document_pk=document.pk)
    if request.method == "POST" and "delete" in request.POST:
        services.recommendation_delete(recommendation=recommendation, by=request.user)
        messages.success(request, _("The recommendation has been removed."))
        return redirect(back)
    form = RecommendationForm(
        request.POST or None,
        cycle=cycle,
        initial={
            "text": recommendation.text,
            "objectives": list(recommendation.objectives.all()),
            "inputs": list(recommendation.inputs.all()),
            "consultations": list(recommendation.consultations.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        services.recommendation_save(
            document=document,
            by=request.user,
            recommendation=recommendation,
            **form.cleaned_data,
        )
        messages.success(request, _("The recommendation has been saved."))
        return redirect(back)
    return render(
        request,
        "documents/recommendation_form.html",
        context(
            network,
            cycle,
            document=document,
            recommendation=recommendation,
            form=form,
            back_url=back,
        ),
    )
