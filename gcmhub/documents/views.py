import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import cycle_with_perm, require
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.history import records_to_rows
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import selectors, services
from gcmhub.documents.access import (
    get_comment,
    get_document,
    get_endorsement,
    get_review,
    get_section,
    get_version,
)
from gcmhub.documents.content import build_content
from gcmhub.documents.diff import compare
from gcmhub.documents.exports import (
    DOCX,
    comments_matrix_docx,
    comments_matrix_xlsx,
    document_file,
)
from gcmhub.documents.forms import (
    CommentForm,
    DispositionForm,
    DocumentForm,
    EndorsementForm,
    IssueForm,
    MatrixFilterForm,
    OutlineFormSet,
    RecommendationForm,
    ReviewForm,
    SectionForm,
)
from gcmhub.documents.models import Document, DocumentKind, ReviewStatus, Version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle(request, network_slug, cycle_pk, perm=Perm.DOCUMENT_VIEW):
    return cycle_with_perm(request, network_slug, cycle_pk, perm)


def _locked(request, document) -> bool:
    """True (with a message) once the final version is issued: the document takes no edits."""
    if selectors.final_version(document) is None:
        return False
    messages.error(request, _("The final version has been issued; the document no longer changes."))
    return True


def _context(network, cycle, **extra):
    document = extra.get("document")
    sections = {
        DocumentKind.TERMS_OF_REFERENCE: "coordination",
        DocumentKind.VOLUNTARY_REVIEW: "imrf",
    }
    section = sections.get(document.kind, "report") if document is not None else "report"
    return {"network": network, "cycle": cycle, "section": section, **extra}


@require_safe
def report(request, network_slug, cycle_pk):
    """The stage page: the cycle's needs assessment report (started by an editor's first visit)."""
    network, cycle = _cycle(request, network_slug, cycle_pk)
    document = cycle.documents.filter(kind=DocumentKind.NEEDS_ASSESSMENT).first()
    if document is None and user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network):
        document = services.document_open(
            cycle=cycle, kind=DocumentKind.NEEDS_ASSESSMENT, by=request.user
        )
    if document is not None:
        return redirect(document)
    return render(request, "documents/not_started.html", _context(network, cycle))


@require_safe
def document_detail(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    document = get_document(cycle, document_pk)
    final = selectors.final_version(document)
    if final is not None:
        # The document no longer changes: its final version is the document.
        return redirect(
            "version-detail",
            network_slug=network.slug,
            cycle_pk=cycle.pk,
            document_pk=document.pk,
            version_pk=final.pk,
        )
    content = build_content(document)
    if user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network):
        sections = {s.key: s for s in document.sections.all()}
        kwargs = {"network_slug": network.slug, "cycle_pk": cycle.pk, "document_pk": document.pk}
        for item in content["sections"]:
            section = sections[item["key"]]
            item["edit_url"] = reverse("section-edit", kwargs={**kwargs, "section_pk": section.pk})
            item["history_url"] = reverse(
                "section-history", kwargs={**kwargs, "section_pk": section.pk}
            )
            if item["kind"] == "recommendations":
                item["extra_url"] = reverse("recommendation-list", kwargs=kwargs)
    context = _context(
        network,
        cycle,
        document=document,
        content=content,
        mode="screen",
        versions=selectors.versions_of(document),
        reviews=selectors.reviews_of(document),
        issue_form=IssueForm(),
    )
    return render(request, "documents/document_detail.html", context)


def document_edit(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_OUTLINE)
    document = get_document(cycle, document_pk)
    if _locked(request, document):
        return redirect(document)
    form = DocumentForm(
        request.POST or None,
        initial={
            "title": document.title,
            "subtitle": document.subtitle,
            "language": document.language,
        },
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
        rows = [
            f.cleaned_data
            for f in outline.ordered_forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            with transaction.atomic():  # the title and the sections, or neither
                services.document_update(document=document, by=request.user, data=form.cleaned_data)
                services.outline_save(document=document, by=request.user, rows=rows)
            messages.success(request, _("The outline has been saved."))
            return redirect(document)
        except ValidationError as error:
            report_errors(request, error)
    return render(
        request,
        "documents/document_form.html",
        _context(network, cycle, document=document, form=form, outline=outline),
    )


def section_edit(request, network_slug, cycle_pk, document_pk, section_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_EDIT)
    document = get_document(cycle, document_pk)
    if _locked(request, document):
        return redirect(document)
    section = get_section(document, section_pk)
    form = SectionForm(
        request.POST or None, initial={"version": section.version, "body": section.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                section=section,
                by=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("The section has been saved."))
            return redirect(f"{document.get_absolute_url()}#s-{section.key}")
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "documents/section_form.html",
        _context(network, cycle, document=document, doc_section=section, form=form),
    )


@require_safe
def section_history(request, network_slug, cycle_pk, document_pk, section_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_EDIT)
    document = get_document(cycle, document_pk)
    section = get_section(document, section_pk)
    context = _context(
        network,
        cycle,
        object=section,
        rows=records_to_rows(section.history.all()),
        back_url=document.get_absolute_url(),
    )
    return render(request, "core/history.html", context)


def recommendation_list(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    document = get_document(cycle, document_pk)
    recommendations = document.recommendations.prefetch_related(
        "objectives", "inputs__organisation", "consultations"
    )
    form = None
    final = selectors.final_version(document) is not None
    if request.method == "POST" and final:
        _locked(request, document)
        return redirect(request.path)
    if user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network) and not final:
        form = RecommendationForm(request.POST or None, cycle=cycle)
        if request.method == "POST" and form.is_valid():
            services.recommendation_save(document=document, by=request.user, data=form.cleaned_data)
            messages.success(request, _("The recommendation has been added."))
            return redirect(
                "recommendation-list",
                network_slug=network.slug,
                cycle_pk=cycle.pk,
                document_pk=document.pk,
            )
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "documents/recommendation_list.html",
        _context(network, cycle, document=document, recommendations=recommendations, form=form),
    )


def recommendation_edit(request, network_slug, cycle_pk, document_pk, recommendation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_EDIT)
    document = get_document(cycle, document_pk)
    recommendation = document.recommendations.filter(pk=recommendation_pk).first()
    if recommendation is None:
        raise Http404
    if _locked(request, document):
        return redirect(document)
    back = reverse(
        "recommendation-list",
        kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk, "document_pk": document.pk},
    )
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
            data=form.cleaned_data,
            recommendation=recommendation,
        )
        messages.success(request, _("The recommendation has been saved."))
        return redirect(back)
    return render(
        request,
        "documents/recommendation_form.html",
        _context(
            network,
            cycle,
            document=document,
            recommendation=recommendation,
            form=form,
            back_url=back,
        ),
    )


ONE_CLICK = dt.timedelta(minutes=2)


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
        context = _context(
            network,
            cycle,
            document=document,
            warnings=warning.warnings,
            note=form.cleaned_data["note"],
            final=final,
            action=request.path,
        )
        return render(request, "documents/version_confirm.html", context)
    except ValidationError as error:
        report_errors(request, error)
        return None


@require_POST
def version_issue(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_EDIT)
    document = get_document(cycle, document_pk)
    version = _issue(request, network, cycle, document, final=False)
    if version is None:
        return redirect(document)
    if not isinstance(version, Version):
        return version
    messages.success(request, _("Version %(number)s has been issued.") % {"number": version.number})
    return redirect(
        "version-detail",
        network_slug=network.slug,
        cycle_pk=cycle.pk,
        document_pk=document.pk,
        version_pk=version.pk,
    )


def _version_for_reader(request, network_slug, cycle_pk, document_pk, version_pk):
    """A version for anyone who may read the drafts; the final one for every network member."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CYCLE_VIEW)
    document = get_document(cycle, document_pk)
    version = get_version(document, version_pk)
    if version.major < 1:
        require(request.user, Perm.DOCUMENT_VIEW, network=network)
    return network, cycle, document, version


@require_safe
def version_detail(request, network_slug, cycle_pk, document_pk, version_pk):
    network, cycle, document, version = _version_for_reader(
        request, network_slug, cycle_pk, document_pk, version_pk
    )
    if not user_has_perm(request.user, Perm.DOCUMENT_VIEW, network=network):
        return render(
            request,
            "documents/final_detail.html",
            _context(
                network,
                cycle,
                document=document,
                version=version,
                content=version.content,
                mode="screen",
            ),
        )
    versions = list(selectors.versions_of(document))
    context = _context(
        network,
        cycle,
        document=document,
        version=version,
        content=version.content,
        mode="screen",
        versions=versions,
        reviews=selectors.reviews_of(document).filter(version=version),
        final=any(v.major >= 1 for v in versions),
    )
    return render(request, "documents/version_detail.html", context)


@require_safe
def version_compare(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    document = get_document(cycle, document_pk)
    versions = list(selectors.versions_of(document))
    if len(versions) < 2:
        messages.info(request, _("Issue at least two versions to compare them."))
        return redirect(document)
    by_pk = {str(v.pk): v for v in versions}
    new = by_pk.get(request.GET.get("b")) or versions[0]
    old = by_pk.get(request.GET.get("a")) or versions[1]
    old_content = document.versions.values_list("content", flat=True).get(pk=old.pk)
    new_content = document.versions.values_list("content", flat=True).get(pk=new.pk)
    context = _context(
        network,
        cycle,
        document=document,
        versions=versions,
        old=old,
        new=new,
        sections=compare(old_content, new_content),
    )
    return render(request, "documents/version_compare.html", context)


@require_safe
def document_download(request, network_slug, cycle_pk, document_pk, fmt, version_pk=None):
    if version_pk is not None:
        network, cycle, document, version = _version_for_reader(
            request, network_slug, cycle_pk, document_pk, version_pk
        )
    else:
        network, cycle = _cycle(request, network_slug, cycle_pk)
        document, version = get_document(cycle, document_pk), None
    return download(*document_file(document, fmt, version))


@require_safe
def published(request, network_slug, cycle_pk):
    """The published report of the cycle: its final version, for every member of the network."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CYCLE_VIEW)
    document = cycle.documents.filter(kind=DocumentKind.NEEDS_ASSESSMENT).first()
    final = selectors.final_version(document) if document else None
    if final is None:
        return render(request, "documents/not_published.html", _context(network, cycle))
    return redirect(
        "version-detail",
        network_slug=network.slug,
        cycle_pk=cycle.pk,
        document_pk=document.pk,
        version_pk=final.pk,
    )


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
    context = {
        "document": document,
        "version": version,
        "content": version.content,
        "mode": "screen",
        "token": token,
    }
    return render(request, "documents/public.html", context)


@login_not_required
@require_safe
def public_download(request, token, fmt):
    document, version = _public_final(token)
    return download(*document_file(document, fmt, version))


@require_POST
def version_finalise(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_FINALISE)
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
    return redirect("meeting-list", network_slug=network.slug, cycle_pk=cycle.pk)


@require_POST
def document_publish(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_FINALISE)
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
    return redirect("meeting-list", network_slug=network.slug, cycle_pk=cycle.pk)


@require_POST
def endorsement_respond(request, network_slug, cycle_pk, endorsement_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ENDORSE)
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
    return redirect("meeting-list", network_slug=network.slug, cycle_pk=cycle.pk)


def review_create(request, network_slug, cycle_pk, document_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.REVIEW_MANAGE)
    document = get_document(cycle, document_pk)
    version = selectors.latest_version(document)
    if version is None:
        messages.error(request, _("Issue a version before opening a review."))
        return redirect(document)
    previous = selectors.reviews_of(document).first()
    form = ReviewForm(
        request.POST or None,
        network=network,
        initial={"organisations": list(previous.organisations.all()) if previous else []},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_open(version=version, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The review is open; the invited organisations' focal points have been told."),
            )
            return redirect(
                "review-detail", network_slug=network.slug, cycle_pk=cycle.pk, review_pk=review.pk
            )
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "documents/review_form.html",
        _context(network, cycle, document=document, version=version, form=form),
    )


def review_detail(request, network_slug, cycle_pk, review_pk):
    """The reviewed version, section by section, with the user's comments and a comment form."""
    network, cycle = _cycle(request, network_slug, cycle_pk)
    review = get_review(cycle, review_pk)
    version = review.version
    comments = list(selectors.comments_visible_to(request.user, review))
    can_comment = (
        review.status == ReviewStatus.OPEN
        and user_has_perm(request.user, Perm.REVIEW_COMMENT, network=network)
        and review.organisations.filter(pk=getattr(network, "user_organisation_id", None)).exists()
    )
    form = None
    if can_comment:
        form = CommentForm(
            request.POST or None,
            sections=version.content["sections"],
            initial={"section_key": request.GET.get("section")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.comment_save(review=review, by=request.user, data=form.cleaned_data)
                messages.success(
                    request,
                    _(
                        "Your comment is saved as a draft. Submit your comments together "
                        "when you are done."
                    ),
                )
                return redirect(f"{request.path}#s-{form.cleaned_data['section_key']}")
            except ValidationError as error:
                form.add_error(None, error)
    elif request.method == "POST":
        raise PermissionDenied
    by_section = {}
    for comment in comments:
        by_section.setdefault(comment.section_key, []).append(comment)
    for section in version.content["sections"]:
        section["comments"] = by_section.get(section["key"], [])
    context = _context(
        network,
        cycle,
        review=review,
        version=version,
        document=version.document,
        content=version.content,
        mode="screen",
        form=form,
        drafts=[c for c in comments if c.author_id == request.user.pk and not c.is_submitted],
    )
    return render(request, "documents/review_detail.html", context)


@require_POST
def comment_delete(request, network_slug, cycle_pk, review_pk, comment_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.REVIEW_COMMENT)
    review = get_review(cycle, review_pk)
    services.comment_delete(comment=get_comment(review, comment_pk), by=request.user)
    messages.success(request, _("The draft comment has been deleted."))
    return redirect(
        "review-detail", network_slug=network.slug, cycle_pk=cycle.pk, review_pk=review.pk
    )


@require_POST
def comments_submit(request, network_slug, cycle_pk, review_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.REVIEW_COMMENT)
    review = get_review(cycle, review_pk)
    try:
        count = services.comments_submit(review=review, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d comment submitted as your organisation's.",
                "%(count)d comments submitted as your organisation's.",
                count,
            )
            % {"count": count},
        )
    except ValidationError as error:
        report_errors(request, error)
    return redirect(
        "review-detail", network_slug=network.slug, cycle_pk=cycle.pk, review_pk=review.pk
    )


@require_POST
def review_close(request, network_slug, cycle_pk, review_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.REVIEW_MANAGE)
    review = get_review(cycle, review_pk)
    try:
        services.review_close(review=review, by=request.user)
        messages.success(request, _("The review is closed."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect(
        "comment-matrix", network_slug=network.slug, cycle_pk=cycle.pk, review_pk=review.pk
    )


@require_safe
def comment_matrix(request, network_slug, cycle_pk, review_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    review = get_review(cycle, review_pk)
    document = review.version.document
    visible = selectors.comments_visible_to(request.user, review).filter(submitted_at__isnull=False)
    form = MatrixFilterForm(
        request.GET or None,
        organisations=review.organisations.order_by("name"),
        sections=review.version.content["sections"],
    )
    filters = form.cleaned_data if form.is_valid() else {}
    comments = list(selectors.matrix(visible, filters))
    title = _("Comments on %(document)s, version %(number)s") % {
        "document": document.title,
        "number": review.version.number,
    }
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return download(
            comments_matrix_xlsx(title=title, comments=comments),
            XLSX,
            f"comments-{review.version.number}.xlsx",
        )
    if fmt == "docx":
        return download(
            comments_matrix_docx(title=title, comments=comments, language=request.LANGUAGE_CODE),
            DOCX,
            f"comments-{review.version.number}.docx",
        )
    can_dispose = user_has_perm(request.user, Perm.COMMENT_DISPOSE, network=network)
    later_versions = [
        v
        for v in selectors.versions_of(document)
        if (v.major, v.minor) > (review.version.major, review.version.minor)
    ]
    if can_dispose:
        for comment in comments:
            comment.form = DispositionForm(
                prefix=f"c{comment.pk}",
                versions=later_versions,
                initial={
                    "disposition": comment.disposition,
                    "reply": comment.reply,
                    "addressed": str(comment.addressed_in_id)
                    if comment.addressed_in_id
                    else ("next" if comment.address_in_next else ""),
                },
            )
    context = _context(
        network,
        cycle,
        review=review,
        document=document,
        comments=comments,
        form=form,
        title=title,
        can_dispose=can_dispose,
        query=request.GET.urlencode(),
    )
    return render(request, "documents/comment_matrix.html", context)


@require_POST
def comment_dispose(request, network_slug, cycle_pk, review_pk, comment_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.COMMENT_DISPOSE)
    review = get_review(cycle, review_pk)
    comment = get_comment(review, comment_pk)
    document = review.version.document
    later = [
        v
        for v in selectors.versions_of(document)
        if (v.major, v.minor) > (review.version.major, review.version.minor)
    ]
    form = DispositionForm(request.POST, prefix=f"c{comment.pk}", versions=later)
    if form.is_valid():
        try:
            services.comment_dispose(comment=comment, by=request.user, data=form.data_for_service())
            messages.success(
                request, _("Comment %(number)s has its disposition.") % {"number": comment.number}
            )
        except ValidationError as error:
            report_errors(request, error)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(
                    request,
                    _("Comment %(number)s: %(error)s") % {"number": comment.number, "error": error},
                )
    url = reverse(
        "comment-matrix",
        kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk, "review_pk": review.pk},
    )
    return redirect(f"{url}#comment-{comment.pk}")
