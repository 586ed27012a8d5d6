"""Reviews of a version: opening and closing them, the reviewers' comments, the comments
matrix and the dispositions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, form_errors
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import files, names, selectors, services
from gcmhub.documents.access import get_comment, get_document, get_review
from gcmhub.documents.exports import comments_matrix_xlsx
from gcmhub.documents.forms import (
    CommentEditForm,
    CommentForm,
    DispositionForm,
    MatrixFilterForm,
    ReviewForm,
)
from gcmhub.documents.models import ReviewStatus
from gcmhub.documents.views.common import context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cycle_page(Perm.REVIEW_MANAGE)
def review_create(request, network, cycle, document_pk):
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
            return cycle_redirect("review-detail", cycle, review_pk=review.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(
        request,
        "documents/review_form.html",
        context(network, cycle, document=document, version=version, form=form),
    )


@cycle_page(Perm.DOCUMENT_VIEW)
def review_detail(request, network, cycle, review_pk):
    """The reviewed version, section by section, with the user's comments and a comment form."""
    review = get_review(cycle, review_pk)
    can_comment = (
        review.status == ReviewStatus.OPEN
        and user_has_perm(request.user, Perm.REVIEW_COMMENT, network=network)
        and review.organisations.filter(pk=getattr(network, "user_organisation_id", None)).exists()
    )
    form = None
    if can_comment:
        form = CommentForm(
            request.POST or None,
            sections=review.version.content["sections"],
            initial={"section_key": request.GET.get("section")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.comment_save(review=review, by=request.user, **form.cleaned_data)
                messages.success(
                    request,
                    _(
                        "Your comment is saved as a draft. Submit your comments together "
                        "when you are done."
                    ),
                )
                return redirect(f"{request.path}#s-{form.cleaned_data['section_key']}")
            except ValidationError as error:
                form_errors(form, error)
    elif request.method == "POST":
        raise PermissionDenied
    return _review_page(request, network, cycle, review, form=form)


@cycle_page(Perm.REVIEW_COMMENT)
def comment_edit(request, network, cycle, review_pk, comment_pk):
    """One of the reviewer's draft comments, changed before it is submitted: the review page
    with the comment's form in place of the new one."""
    review = get_review(cycle, review_pk)
    comment = get_comment(review, comment_pk)
    if (
        comment.author_id != request.user.pk
        or comment.is_submitted
        or review.status != ReviewStatus.OPEN
    ):
        raise PermissionDenied
    form = CommentEditForm(
        request.POST or None, sections=review.version.content["sections"], comment=comment
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_save(
                review=review, by=request.user, comment=comment, **form.data_for_service()
            )
            messages.success(request, _("Your draft comment is saved."))
            url = cycle_reverse("review-detail", cycle, review_pk=review.pk)
            return redirect(f"{url}#comment-{comment.pk}")
        except ValidationError as error:
            form_errors(form, error)
    return _review_page(request, network, cycle, review, form=form, editing=comment)


def _review_page(request, network, cycle, review, *, form, editing=None):
    version = review.version
    comments = list(selectors.comments_visible_to(request.user, review))
    by_section = {}
    for comment in comments:
        by_section.setdefault(comment.section_key, []).append(comment)
    for section in version.content["sections"]:
        section["comments"] = by_section.get(section["key"], [])
    page = context(
        network,
        cycle,
        review=review,
        version=version,
        document=version.document,
        content=version.content,
        mode="screen",
        form=form,
        editing=editing,
        drafts=[c for c in comments if c.author_id == request.user.pk and not c.is_submitted],
    )
    return render(request, "documents/review_detail.html", page)


@require_POST
@cycle_page(Perm.REVIEW_COMMENT)
def comment_delete(request, network, cycle, review_pk, comment_pk):
    review = get_review(cycle, review_pk)
    services.comment_delete(comment=get_comment(review, comment_pk), by=request.user)
    messages.success(request, _("The draft comment has been deleted."))
    return cycle_redirect("review-detail", cycle, review_pk=review.pk)


@require_POST
@cycle_page(Perm.REVIEW_COMMENT)
def comments_submit(request, network, cycle, review_pk):
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
    return cycle_redirect("review-detail", cycle, review_pk=review.pk)


@require_POST
@cycle_page(Perm.REVIEW_MANAGE)
def review_close(request, network, cycle, review_pk):
    review = get_review(cycle, review_pk)
    try:
        services.review_close(review=review, by=request.user)
        messages.success(request, _("The review is closed."))
    except ValidationError as error:
        report_errors(request, error)
    return cycle_redirect("comment-matrix", cycle, review_pk=review.pk)


def _later_versions(review):
    reviewed = (review.version.major, review.version.minor)
    return [
        v for v in selectors.versions_of(review.version.document) if (v.major, v.minor) > reviewed
    ]


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def comment_matrix(request, network, cycle, review_pk):
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
    if fmt == "xlsx":  # quick: made here
        language = request.LANGUAGE_CODE
        return download(
            comments_matrix_xlsx(title=title, comments=comments),
            XLSX,
            names.comments_file_name(review, language=language, fmt="xlsx"),
        )
    if fmt == "docx":  # made by the worker
        job = files.comments_file_request(
            review, title=title, comments=comments, language=request.LANGUAGE_CODE, by=request.user
        )
        return files.serve_or_wait(request, job)
    can_dispose = user_has_perm(request.user, Perm.COMMENT_DISPOSE, network=network)
    if can_dispose:
        later_versions = _later_versions(review)
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
    page = context(
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
    return render(request, "documents/comment_matrix.html", page)


@require_POST
@cycle_page(Perm.COMMENT_DISPOSE)
def comment_dispose(request, network, cycle, review_pk, comment_pk):
    review = get_review(cycle, review_pk)
    comment = get_comment(review, comment_pk)
    form = DispositionForm(request.POST, prefix=f"c{comment.pk}", versions=_later_versions(review))
    if form.is_valid():
        try:
            services.comment_dispose(comment=comment, by=request.user, **form.data_for_service())
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
    url = cycle_reverse("comment-matrix", cycle, review_pk=review.pk)
    return redirect(f"{url}#comment-{comment.pk}")
