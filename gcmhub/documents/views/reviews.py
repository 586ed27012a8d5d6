"""Reviews of a version: opening and closing them, the reviewers' comments, the comments
matrix and the dispositions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.i18n import sort_key
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, form_errors
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.directory.forms import network_names
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
            sections=selectors.version_outline(review.version),
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
        request.POST or None, sections=selectors.version_outline(review.version), comment=comment
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


# A review with more comments than this shows each section's (submitted) comments when the
# reader opens them; the reader's own drafts are always shown.
COMMENTS_ON_DEMAND_FROM = 100
# A reviewed version longer than this (characters of its frozen content, as on the version's
# page) shows each section's text when the reader opens it.
TEXT_ON_DEMAND_FROM = 100_000


def _review_sections(request, version, *, editing) -> tuple[dict, bool]:
    """The reviewed edition ({"language", "sections"}) and whether its sections' texts come on
    demand: a long version's sections are its outline, with the text of the one the reader
    opened (?text=<key>) or is editing a comment on; a short one's are in full."""
    summary = selectors.version_summary(version)
    if summary["size"] < TEXT_ON_DEMAND_FROM:
        return version.content, False
    edition = next(iter(summary["editions"].values()))
    wanted = {request.GET.get("text", ""), getattr(editing, "section_key", "")} - {""}
    sections = [dict(s) for s in edition["sections"]]
    if wanted:
        texts = {s["key"]: s for s in version.content["sections"] if s["key"] in wanted}
        for section in sections:
            if section["key"] in texts:
                section.update(texts[section["key"]], loaded=True)
    return {"language": edition["language"], "sections": sections}, True


def _review_page(request, network, cycle, review, *, form, editing=None):
    """The review page; with many comments, each section's submitted ones on demand
    (?comments=<key>: htmx loads them, or the page with them open)."""
    version = review.version
    text = request.GET.get("text", "")
    if request.htmx and text:
        content, _on_demand = _review_sections(request, version, editing=None)
        for section in content["sections"]:
            if section["key"] == text:
                page = {"s": section, "content": content, "form": form}
                return render(request, "documents/review_detail.html#section-text", page)
        raise Http404
    visible = selectors.comments_visible_to(request.user, review)
    submitted = visible.filter(submitted_at__isnull=False)
    counts = dict(submitted.order_by().values_list("section_key").annotate(count=Count("pk")))
    on_demand = sum(counts.values()) > COMMENTS_ON_DEMAND_FROM
    opened = request.GET.get("comments", "") if on_demand else ""
    if on_demand and request.htmx and opened:
        page = {"network": network, "cycle": cycle, "review": review}
        return render(
            request,
            "documents/review_detail.html#section-comments",
            {**page, "others": submitted.filter(section_key=opened).order_by("number", "pk")},
        )
    if on_demand:
        # The reader's drafts, and the submitted comments of the section opened.
        visible = visible.filter(
            Q(submitted_at__isnull=True) | Q(section_key=opened, submitted_at__isnull=False)
        )
    comments = list(visible)
    by_section = {}
    for comment in comments:
        if on_demand and comment.is_submitted:
            by_section.setdefault((comment.section_key, "others"), []).append(comment)
        else:
            by_section.setdefault((comment.section_key, "comments"), []).append(comment)
    content, text_on_demand = _review_sections(request, version, editing=editing)
    for section in content["sections"]:
        section["comments"] = by_section.get((section["key"], "comments"), [])
        section["others"] = by_section.get((section["key"], "others"), [])
        section["count"] = counts.get(section["key"], 0)
    page = context(
        network,
        cycle,
        review=review,
        version=version,
        document=version.document,
        content=content,
        mode="screen",
        form=form,
        editing=editing,
        on_demand=on_demand,
        opened=opened,
        text_on_demand=text_on_demand,
        drafts=[c for c in comments if c.author_id == request.user.pk and not c.is_submitted],
        **_invited(review),
    )
    return render(request, "documents/review_detail.html", page)


def _invited_choices(network, review) -> list[tuple[int, str]]:
    """(pk, label) of the organisations invited, alphabetically: the labels from the network's
    remembered tree (a 16x network invites 640), their ids read alone."""
    names = network_names(network)
    invited = review.organisations.values_list("pk", flat=True)
    return sorted(((pk, names[pk]) for pk in invited), key=lambda choice: sort_key(choice[1]))


# The organisations invited, named in the page's header up to this many; the others counted.
INVITED_NAMED = 12


def _invited(review) -> dict:
    """The first organisations invited (by name), shown sorted by their short names, and how
    many more there are."""
    named = list(review.organisations.order_by("name")[: INVITED_NAMED + 1])
    more = review.organisations.count() - INVITED_NAMED if len(named) > INVITED_NAMED else 0
    shown = sorted(named[:INVITED_NAMED], key=lambda o: sort_key(o.short_name))
    return {"invited": shown, "invited_more": more}


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


MATRIX_PAGE = 50  # comments per page of the matrix


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def comment_matrix(request, network, cycle, review_pk):
    """The review's comments, a page of plain rows at a time; a disposition form only in the
    row being disposed (`?edit=<pk>`: swapped in by htmx, or the page with it)."""
    review = get_review(cycle, review_pk)
    document = review.version.document
    visible = selectors.comments_visible_to(request.user, review).filter(submitted_at__isnull=False)
    titles = selectors.section_titles(document)  # in the reader's language
    form = MatrixFilterForm(
        request.GET or None,
        organisations=_invited_choices(network, review),
        sections=[
            {**s, "title": titles[s["key"]].text} if s["key"] in titles else s
            for s in selectors.version_outline(review.version)
        ],
    )
    filters = form.cleaned_data if form.is_valid() else {}
    comments = selectors.matrix(visible, filters)
    title = _("Comments on %(document)s, version %(number)s") % {
        "document": document.title,
        "number": review.version.number,
    }
    fmt = request.GET.get("format")
    if fmt == "xlsx":  # quick: made here
        language = request.LANGUAGE_CODE
        return download(
            comments_matrix_xlsx(title=title, comments=list(comments)),
            XLSX,
            names.comments_file_name(review, language=language, fmt="xlsx"),
        )
    if fmt == "docx":  # made by the worker
        job = files.comments_file_request(
            review,
            title=title,
            comments=list(comments),
            language=request.LANGUAGE_CODE,
            by=request.user,
        )
        return files.serve_or_wait(request, job)
    can_dispose = user_has_perm(request.user, Perm.COMMENT_DISPOSE, network=network)
    query = _matrix_query(request.GET)
    page_context = {
        "network": network,
        "cycle": cycle,
        "review": review,
        "can_dispose": can_dispose,
        "query": query,
        "filters": _without(request.GET, "edit", "row"),
    }
    edit = request.GET.get("edit", "")
    if request.htmx and (edit or request.GET.get("row")):
        # One row, swapped in place: with its form (edit), or plain again (row).
        [comment] = selectors.comments_titled(
            [_matrix_row(comments, edit or request.GET["row"])], document, titles
        )
        if edit and can_dispose:
            comment.form = _disposition_form(review, comment)
        row = {**page_context, "c": comment, "focus": not edit}  # back from the form: its link
        return render(request, "documents/comment_matrix.html#row", row)
    # The page's ids from the comments alone (a sort of narrow rows), then its 50 rows with
    # what they show: not every comment joined to its authors and versions to sort them.
    page = Paginator(comments.values_list("pk", flat=True), MATRIX_PAGE).get_page(
        request.GET.get("page")
    )
    rows = comments.in_bulk(list(page.object_list))
    page.object_list = selectors.comments_titled(
        [rows[pk] for pk in page.object_list if pk in rows], document, titles
    )
    if can_dispose and edit.isascii() and edit.isdigit():
        for comment in page.object_list:
            if comment.pk == int(edit):
                comment.form = _disposition_form(review, comment)
    page_context.update(
        context(
            network,
            cycle,
            document=document,
            comments=page.object_list,
            page=page,
            form=form,
            title=title,
            export_query=_without(request.GET, "edit", "row", "page", "format").urlencode(),
        )
    )
    return render(request, "documents/comment_matrix.html", page_context)


def _matrix_row(comments, pk: str):
    """The comment `pk` among the matrix's `comments` (404 if it is not one of them)."""
    if not (pk.isascii() and pk.isdigit()):
        raise Http404
    return get_object_or_404(comments, pk=pk)


def _disposition_form(review, comment, data=None):
    form = DispositionForm(
        data,
        prefix=f"c{comment.pk}",
        versions=_later_versions(review),
        initial={
            "disposition": comment.disposition,
            "reply": comment.reply,
            "addressed": str(comment.addressed_in_id)
            if comment.addressed_in_id
            else ("next" if comment.address_in_next else ""),
        },
    )
    form.fields["disposition"].widget.attrs["autofocus"] = True  # the row just opened
    return form


def _without(query, *keys):
    kept = query.copy()
    for key in keys:
        kept.pop(key, None)
    return kept


def _matrix_query(query) -> str:
    """The matrix's filters and page, as a query string (without the row being edited)."""
    return _without(query, "edit", "row", "format").urlencode()


@require_POST
@cycle_page(Perm.COMMENT_DISPOSE)
def comment_dispose(request, network, cycle, review_pk, comment_pk):
    """Save a comment's disposition: back to the matrix's page it was given on, or (htmx)
    its row, plain again, or with the form and its errors."""
    review = get_review(cycle, review_pk)
    comment = get_comment(review, comment_pk)
    form = _disposition_form(review, comment, request.POST)
    saved = None
    if form.is_valid():
        try:
            services.comment_dispose(comment=comment, by=request.user, **form.data_for_service())
            saved = _("Comment %(number)s has its disposition.") % {"number": comment.number}
        except ValidationError as error:
            if request.htmx:
                form_errors(form, error)
            else:
                report_errors(request, error)
    elif not request.htmx:
        for errors in form.errors.values():
            for error in errors:
                messages.error(
                    request,
                    _("Comment %(number)s: %(error)s") % {"number": comment.number, "error": error},
                )
    if request.htmx:
        row = get_object_or_404(selectors.comments_visible_to(request.user, review), pk=comment.pk)
        [row] = selectors.comments_titled([row], review.version.document)
        if saved is None:
            row.form = form
        page_context = {
            "network": network,
            "cycle": cycle,
            "review": review,
            "can_dispose": True,
            "query": _matrix_query(QueryDict(request.POST.get("back", ""))),
            "c": row,
            "saved": saved,
            "focus": saved is not None,  # the keyboard stays on the row saved: on its link
        }
        return render(request, "documents/comment_matrix.html#row", page_context)
    if saved:
        messages.success(request, saved)
    back = QueryDict(request.POST.get("back", ""), mutable=True)
    if saved is None:
        back["edit"] = comment.pk  # the form again, to put right
    back = _without(back, "row", "format").urlencode()
    url = cycle_reverse("comment-matrix", cycle, review_pk=review.pk)
    return redirect(f"{url}{'?' + back if back else ''}#comment-{comment.pk}")
