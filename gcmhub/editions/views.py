"""The translate page of any text with editions, and the cycle's translation queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.core.pages import cycle_page, cycle_reverse, form_errors
from gcmhub.core.permissions import Perm
from gcmhub.core.text import word_diff
from gcmhub.editions import services
from gcmhub.editions.forms import KeepForm, TranslationForm
from gcmhub.editions.registry import paired_by_key, paired_of
from gcmhub.editions.selectors import cycle_queue, queued_rows
from gcmhub.editions.texts import (
    edition,
    language_name,
    languages,
    original_language,
    other_languages,
    translation_of,
)
from gcmhub.reporting.narrative import to_text


def _object(cycle, label: str, pk: int):
    paired = paired_by_key(label)
    if paired is None:
        raise Http404
    obj = paired.model._default_manager.select_related(*paired.select_related).filter(pk=pk).first()
    if obj is None or paired.cycle(obj).pk != cycle.pk:
        raise Http404
    return paired, obj


def _typed(form, obj, language) -> bool:
    """Whether the posted translations differ from the stored ones."""
    if not form.is_valid():
        return True
    for name in form.text_fields:
        row = translation_of(obj, name, language)
        if (form.cleaned_data[name] or "").strip() != ((row.text if row else "") or "").strip():
            return True
    return False


def _back(request, fallback: str | None) -> str | None:
    wanted = request.POST.get("next") or request.GET.get("next")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return fallback


@cycle_page(Perm.CYCLE_VIEW)
def translate(request, network, cycle, label, pk):
    paired, obj = _object(cycle, label, pk)
    if not paired.may_translate(request.user, obj):
        raise PermissionDenied
    source = original_language(obj)
    targets = other_languages(source)
    language = request.GET.get("language")
    if language not in targets:
        language = targets[0]
    here = request.get_full_path()
    back = _back(request, paired.url(obj) if paired.url else None)
    form = TranslationForm(request.POST or None, obj=obj, language=language)
    if request.method == "POST":
        if "keep" in request.POST and _typed(form, obj, language):
            # "Still right" with a translation changed on the page: nothing typed is dropped.
            messages.error(
                request,
                _(
                    "You changed the translation on this page: save it, or undo your changes "
                    "before saying the translation is still right."
                ),
            )
        elif "keep" in request.POST:
            keep = KeepForm(
                {
                    "field": request.POST.get("keep"),
                    "version": request.POST.get(f"{request.POST.get('keep')}__version"),
                }
            )
            if keep.is_valid():
                try:
                    services.translation_keep(
                        obj=obj,
                        field=keep.cleaned_data["field"],
                        language=language,
                        by=request.user,
                        expected_version=keep.cleaned_data["version"],
                        seen_source=request.POST.get(f"{keep.cleaned_data['field']}__source")
                        or None,
                    )
                except ValidationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                else:
                    messages.success(
                        request, _("The translation is marked as still right for the original.")
                    )
            return redirect(here)
        elif form.is_valid():
            try:
                with transaction.atomic():
                    for name in form.text_fields:
                        services.translation_save(
                            obj=obj,
                            field=name,
                            language=language,
                            text=form.cleaned_data[name],
                            by=request.user,
                            expected_version=form.cleaned_data[f"{name}__version"],
                            seen_source=form.cleaned_data[f"{name}__source"] or None,
                        )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The translation has been saved."))
                return redirect(here)
    rows = []
    for name in form.text_fields:
        original = getattr(obj, name) or ""
        found = edition(obj, name, language)
        row = translation_of(obj, name, language)
        changes = None
        if found.stale and row is not None:
            changes = word_diff(to_text(row.source_text), to_text(original))
        rows.append(
            {
                "name": name,
                "label": obj._meta.get_field(name).verbose_name,
                "original": original,
                "rich": name in paired.rich,
                "field": form[name],
                "version": form[f"{name}__version"],
                "source": form[f"{name}__source"],
                "edition": found,
                "row": row,
                "changes": changes,
            }
        )
    changed_by, changed_at = paired.changed(obj) if paired.changed else (None, None)
    context = {
        "network": network,
        "cycle": cycle,
        "section": "",
        "obj": obj,
        "label": paired.label(obj),
        "form": form,
        "rows": rows,
        "source": source,
        "source_name": language_name(source),
        "language": language,
        "language_name": language_name(language),
        "languages": [(code, language_name(code)) for code in languages() if code != source],
        "back": back,
        "changed_by": changed_by,
        "changed_at": changed_at,
        "edit_url": paired.url(obj) if paired.url else None,
    }
    return render(request, "editions/translate.html", context)


QUEUE_PAGE = 50  # texts per page of the cycle's translation queue


@require_safe
@cycle_page(Perm.TRANSLATE)
def queue(request, network, cycle):
    """The cycle's texts waiting for a translation, a page at a time."""
    language = request.GET.get("language")
    queued = cycle_queue(
        request.user, cycle, language=language if language in languages() else None
    )
    page = Paginator(queued, QUEUE_PAGE).get_page(request.GET.get("page"))
    context = {
        "network": network,
        "cycle": cycle,
        "section": "",
        "rows": queued_rows(page.object_list),
        "page": page,
        "filters": request.GET,
        "counts": queued.counts(),
        "language": language,
        "languages": [(code, language_name(code)) for code in languages()],
        "here": request.get_full_path(),
    }
    return render(request, "editions/queue.html", context)


def translate_url(
    user, obj, *, language: str | None = None, next: str | None = None, cycle=None
) -> str | None:
    """The translate page of `obj` if `user` may translate it (else None). `cycle`: the cycle
    of the page that shows it, when the caller has it (no query)."""
    paired = paired_of(obj)
    if not user.is_authenticated or not paired.may_translate(user, obj):
        return None
    cycle = cycle or paired.cycle(obj)
    url = cycle_reverse("translate", cycle, label=paired.key, pk=obj.pk)
    query = []
    if language:
        query.append(f"language={language}")
    if next:
        from urllib.parse import quote

        query.append(f"next={quote(next)}")
    return url + ("?" + "&".join(query) if query else "")
