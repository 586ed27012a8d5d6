"""Versions: issuing, reading, comparing and downloading them; the final version, its
public link and the endorsements it asks for."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import require
from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.pages import cycle_page, cycle_redirect
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import files, selectors, services
from gcmhub.documents.access import get_document, get_endorsement, get_version
from gcmhub.documents.bilingual import document_languages, language_name
from gcmhub.documents.content import build_content, edition_of
from gcmhub.documents.forms import EndorsementForm, IssueForm
from gcmhub.documents.models import Document, Version
from gcmhub.documents.views.common import context, reading

ONE_CLICK = dt.timedelta(minutes=2)
# A version longer than this (characters of its frozen content, about twice its page's HTML)
# shows its sections' headings first, each section's text when it is opened.
ON_DEMAND_FROM = 100_000


def _issue(request, network, cycle, document, *, final: bool):
    """Issue the next version from the posted form; the version, or a response to send."""
    form = IssueForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return None
    try:
        return services.version_issue(
            document=document,
            by=request.user,
            note=form.cleaned_data["note"],
            final=final,
            confirmed=form.cleaned_data["confirmed"],
        )
    except services.Unchanged as unchanged:
        latest = unchanged.latest
        if latest.issued_by_id == request.user.pk and timezone.now() - latest.issued_at < ONE_CLICK:
            return latest  # the same person's second click: the version they just issued
        report_errors(request, unchanged)
        return None
    except services.NeedsConfirmation as warning:
        page = context(
            network,
            cycle,
            document=document,
            warnings=warning.warnings,
            translations=[
                (language_name(language), gaps) for language, gaps in warning.translations.items()
            ],
            note=form.cleaned_data["note"],
            final=final,
            action=request.path,
        )
        return render(request, "documents/version_confirm.html", page)
    except ValidationError as error:
        report_errors(request, error)
        return None


@require_POST
@cycle_page(Perm.DOCUMENT_EDIT)
def version_issue(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    version = _issue(request, network, cycle, document, final=False)
    if version is None:
        return redirect(document)
    if not isinstance(version, Version):
        return version
    messages.success(request, _("Version %(number)s has been issued.") % {"number": version.number})
    return cycle_redirect("version-detail", cycle, document_pk=document.pk, version_pk=version.pk)


def _version_for_reader(request, network, cycle, document_pk, version_pk):
    """A version for anyone who may read the drafts; the final one for every network member."""
    document = get_document(cycle, document_pk)
    version = get_version(document, version_pk)
    if version.major < 1:
        require(request.user, Perm.DOCUMENT_VIEW, network=network)
    return document, version


def _version_page(request, version, *, whole: bool = True) -> dict:
    """What the pages of a version show of its editions: the one read (`whole`: every
    section in full; else their headings, and the section asked for with ?section=), the
    links to the others, each edition's files and whether it is complete."""
    summary = selectors.version_summary(version)
    complete = summary["complete"]
    version_files = files.version_files(version)
    downloads = [
        {
            "language": language,
            "name": language_name(language),
            "complete": language in complete,
            "files": [f for f in version_files if f["language"] == language],
        }
        for language in files.languages_of(version)
    ]
    page = {
        **reading(request, version.content if whole else summary["editions"]),
        "mode": "screen",
        "whole": whole,
        "files": version_files,
        "downloads": downloads,
    }
    key = request.GET.get("section")
    if not whole and key:
        page["opened"] = _section_of(version, page["edition"], key)
    return page


def _section_of(version, language, key) -> dict:
    """{"section": the section `key` of the version's edition in `language`, "content": the
    edition}; 404 if it has none."""
    edition = edition_of(version.content, language)
    for section in edition["sections"]:
        if section["key"] == key:
            return {"key": key, "section": section, "content": edition}
    raise Http404


def _version_context(request, network, cycle, document, version, **extra) -> dict:
    whole = (
        request.GET.get("all") == "1" or selectors.version_summary(version)["size"] < ON_DEMAND_FROM
    )
    return context(
        network,
        cycle,
        document=document,
        version=version,
        **extra,
        **_version_page(request, version, whole=whole),
    )


@require_safe
@cycle_page(Perm.CYCLE_VIEW)
def version_detail(request, network, cycle, document_pk, version_pk):
    """A version: every section in full, or for a long one (`ON_DEMAND_FROM`) its sections'
    headings, each section's text when a reader opens it (htmx loads it; without JavaScript
    ?section=<key> is the page with it open), every section in full with ?all=1."""
    document, version = _version_for_reader(request, network, cycle, document_pk, version_pk)
    if request.htmx and request.GET.get("section"):
        language = reading(request, selectors.version_summary(version)["editions"])["edition"]
        opened = _section_of(version, language, request.GET["section"])
        return render(
            request,
            "documents/_section_body.html",
            {"s": opened["section"], "content": opened["content"], "mode": "screen"},
        )
    if not user_has_perm(request.user, Perm.DOCUMENT_VIEW, network=network):
        page = _version_context(request, network, cycle, document, version)
        return render(request, "documents/final_detail.html", page)
    versions = list(selectors.versions_of(document))
    page = _version_context(
        request,
        network,
        cycle,
        document,
        version,
        versions=versions,
        reviews=selectors.reviews_of(document).filter(version=version),
        final=any(v.major >= 1 for v in versions),
    )
    return render(request, "documents/version_detail.html", page)


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def version_compare(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    versions = list(selectors.versions_of(document))
    if len(versions) < 2:
        messages.info(request, _("Issue at least two versions to compare them."))
        return redirect(document)
    by_pk = {str(v.pk): v for v in versions}
    new = by_pk.get(request.GET.get("b")) or versions[0]
    old = by_pk.get(request.GET.get("a")) or versions[1]
    # A long report's unchanged sections are shown when opened (?edition=&section=, loaded by
    # htmx into the page): the changes are what a reader compares for, and all its page reads.
    on_demand = selectors.version_summary(new)["size"] >= ON_DEMAND_FROM
    opened = (request.GET.get("edition", ""), request.GET.get("section", ""))
    editions = selectors.versions_compared(old, new, texts=not on_demand or all(opened))
    if request.htmx and all(opened):
        for edition in editions:
            for section in edition["sections"]:
                if (edition["language"], section["key"]) == opened:
                    return render(
                        request,
                        "documents/version_compare.html#diff-text",
                        {"s": section, "e": edition},
                    )
        raise Http404
    page = context(
        network,
        cycle,
        document=document,
        versions=versions,
        old=old,
        new=new,
        on_demand=on_demand,
        opened=opened,
        editions=[{**edition, "name": language_name(edition["language"])} for edition in editions],
    )
    return render(request, "documents/version_compare.html", page)


@require_safe
@cycle_page(Perm.CYCLE_VIEW)
def document_download(request, network, cycle, document_pk, fmt, version_pk=None, language=None):
    """The stored file of a version's edition in `language` (default: the version's own;
    asked for when it was issued, asked for now if it is missing or out of date), or of the
    draft's once asked for; never rendered here."""
    if fmt not in files.FORMATS:
        raise Http404
    if version_pk is None:
        return _draft_download(request, network, cycle, document_pk, fmt, language)
    document, version = _version_for_reader(request, network, cycle, document_pk, version_pk)
    job = files.version_file_request(
        version, language=_language_of(version, language), fmt=fmt, by=request.user
    )
    return files.serve_or_wait(request, job)


def _language_of(version, language) -> str:
    """`language` if `version` has an edition in it (404 if not), else the version's own."""
    languages = files.languages_of(version)
    if language is None:
        return languages[0]
    if language not in languages:
        raise Http404
    return language


def _draft_download(request, network, cycle, document_pk, fmt, language=None):
    require(request.user, Perm.DOCUMENT_VIEW, network=network)
    document = get_document(cycle, document_pk)
    language = language or document.language
    if language not in document_languages(document):
        raise Http404
    job = files.draft_files(document, content=build_content(document, language))[fmt]
    if job is None:
        messages.info(
            request,
            _(
                "Ask for the draft's file first: it is made in the background, then its "
                "link appears."
            ),
        )
        return redirect(document)
    return files.serve_or_wait(request, job)


@require_POST
@cycle_page(Perm.DOCUMENT_VIEW)
def document_file(request, network, cycle, document_pk, fmt, language=None):
    """Ask for the file of the draft's edition in `language` (default: the document's own) as
    it is now; htmx shows its progress, then its link."""
    document = get_document(cycle, document_pk)
    if fmt not in files.FORMATS:
        raise Http404
    if language is not None and language not in document_languages(document):
        raise Http404
    job = files.draft_file_request(document, fmt=fmt, by=request.user, language=language)
    if request.htmx:
        return render(request, "core/file_job.html", {"job": job})
    return redirect(document)


def _public_final(token):
    document = (
        Document.objects.select_related("cycle__network").filter(public_token=token, public=True)
    ).first()
    final = selectors.final_version(document) if document else None
    if final is None:
        raise Http404
    return document, final


@login_not_required
@require_safe
def public_report(request, token):
    """The final version at its public link, if the coordinator published it."""
    document, version = _public_final(token)
    page = {"document": document, "version": version, "token": token}
    return render(request, "documents/public.html", {**page, **_version_page(request, version)})


@login_not_required
@require_safe
def public_download(request, token, fmt, language=None):
    """The stored file of the final version's edition in `language` (default: its own);
    while it is being made, a page that asks again."""
    if fmt not in files.FORMATS:
        raise Http404
    document, version = _public_final(token)
    language = _language_of(version, language)
    job = files.version_file_request(version, language=language, fmt=fmt, by=None)
    back = reverse("public-report", kwargs={"token": token})
    return files.serve_or_wait(
        request, job, public_page={"document": document, "version": version, "back": back}
    )


@require_POST
@cycle_page(Perm.DOCUMENT_FINALISE)
def version_finalise(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    version = _issue(request, network, cycle, document, final=True)
    if isinstance(version, Version):
        messages.success(
            request,
            _(
                "The final version %(number)s has been issued and locked; the organisations "
                "invited to the validation meeting are asked to endorse it."
            )
            % {"number": version.number},
        )
    elif version is not None:
        return version
    return cycle_redirect("meeting-list", cycle)


@require_POST
@cycle_page(Perm.DOCUMENT_FINALISE)
def document_publish(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    public = request.POST.get("public") == "1"
    try:
        services.document_publish(document=document, by=request.user, public=public)
        messages.success(
            request,
            _("The final version is now public at its link.")
            if public
            else _("The public link is closed."),
        )
    except ValidationError as error:
        report_errors(request, error)
    return cycle_redirect("meeting-list", cycle)


@require_POST
@cycle_page(Perm.ENDORSE)
def endorsement_respond(request, network, cycle, endorsement_pk):
    endorsement = get_endorsement(cycle, endorsement_pk)
    form = EndorsementForm(request.POST)
    if form.is_valid():
        try:
            services.endorsement_respond(
                endorsement=endorsement, by=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("Your organisation's answer is recorded against version %(number)s.")
                % {"number": endorsement.version.number},
            )
        except ValidationError as error:
            report_errors(request, error)
    else:
        report_form_errors(request, form)
    return cycle_redirect("meeting-list", cycle)
