"""The comments matrix at a review's size: plain rows, a page at a time, and a disposition
form only in the row being disposed (swapped in by htmx, or the page with it without)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gcmhub.documents import services
from gcmhub.documents.models import Comment
from gcmhub.documents.views.reviews import MATRIX_PAGE

HTMX = {"HX-Request": "true"}


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def many(review, organisation, author, count):
    """`count` submitted comments on the executive summary, numbered 1 to `count`."""
    return Comment.objects.bulk_create(
        Comment(
            review=review,
            number=n,
            organisation=organisation,
            author=author,
            section_key="executive-summary",
            section_title="Executive summary",
            type="substantive",
            text=f"Comment text {n}.",
            submitted_at=timezone.now(),
        )
        for n in range(1, count + 1)
    )


def forms_in(page: str) -> int:
    return len(re.findall(r'<form method="post" action="[^"]*/dispose/"', page))


@pytest.fixture
def comments(review, org_a, focal_a):
    return many(review, org_a, focal_a, MATRIX_PAGE + 5)


@pytest.fixture
def matrix(cycle, review):
    return url(cycle, "comment-matrix", review_pk=review.pk)


def test_the_matrix_shows_plain_rows_with_a_link_to_dispose_each(
    client, consultant, comments, matrix
):
    client.force_login(consultant)
    page = client.get(matrix).content.decode()
    assert forms_in(page) == 0
    assert page.count(">Give a disposition</a>") == MATRIX_PAGE
    assert f"?edit={comments[0].pk}#comment-{comments[0].pk}" in page


def test_the_matrix_is_paginated_with_the_total_and_the_next_page(
    client, consultant, comments, matrix
):
    client.force_login(consultant)
    first = client.get(matrix).content.decode()
    assert f"{MATRIX_PAGE + 5} comments" in first
    assert "Comment text 1." in first and f"Comment text {MATRIX_PAGE}." in first
    assert f"Comment text {MATRIX_PAGE + 1}." not in first
    assert "Page 1 of 2" in first and 'page=2" rel="next"' in first
    second = client.get(matrix, {"page": 2}).content.decode()
    assert f"Comment text {MATRIX_PAGE + 1}." in second and "Comment text 1." not in second


def test_the_filters_stay_on_the_next_page_and_the_exports_take_every_comment(
    client, consultant, comments, matrix
):
    client.force_login(consultant)
    page = client.get(matrix, {"type": "substantive"}).content.decode()
    assert 'type=substantive&amp;page=2" rel="next"' in page
    assert '?type=substantive&amp;format=xlsx"' in page
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(
        io.BytesIO(client.get(matrix, {"type": "substantive", "format": "xlsx"}).content)
    ).active
    texts = [cell.value for row in sheet.iter_rows() for cell in row]
    assert f"Comment text {MATRIX_PAGE + 5}." in texts and "Comment text 1." in texts


def test_without_javascript_the_edit_link_opens_the_page_with_that_rows_form(
    client, consultant, comments, matrix
):
    client.force_login(consultant)
    target = comments[2]
    page = client.get(matrix, {"edit": target.pk}).content.decode()
    assert forms_in(page) == 1
    assert f'name="c{target.pk}-disposition"' in page
    assert f'name="c{comments[0].pk}-disposition"' not in page
    # Not a comment's number ("²".isdigit() is true): the plain page, no form.
    assert forms_in(client.get(matrix, {"edit": "²"}).content.decode()) == 0
    assert client.get(matrix, {"row": "²"}, headers={"HX-Request": "true"}).status_code == 404


def test_htmx_swaps_in_the_rows_form_then_the_saved_row(
    client, cycle, review, consultant, comments, matrix
):
    client.force_login(consultant)
    target = comments[2]
    row = client.get(matrix, {"edit": target.pk}, headers=HTMX).content.decode()
    assert row.lstrip().startswith(f'<tr id="comment-{target.pk}">') and "<html" not in row
    assert f'name="c{target.pk}-disposition"' in row and "Comment text 3." in row
    dispose = url(cycle, "comment-dispose", review_pk=review.pk, comment_pk=target.pk)
    saved = client.post(
        dispose,
        {f"c{target.pk}-disposition": "accepted", f"c{target.pk}-reply": "Done in 2.1."},
        headers=HTMX,
    ).content.decode()
    assert "Comment 3 has its disposition." in saved and "Done in 2.1." in saved
    assert forms_in(saved) == 0 and "Change the disposition" in saved
    target.refresh_from_db()
    assert (target.disposition, target.reply) == ("accepted", "Done in 2.1.")


def links_to_dispose(page: str) -> list[str]:
    """The opening tags of the rows' links to their disposition form."""
    return re.findall(r'<a href="\?[^"]*edit=\d+#comment-\d+"[^>]*>', page)


def test_each_link_to_dispose_names_its_comment(client, consultant, comments, matrix):
    client.force_login(consultant)
    links = links_to_dispose(client.get(matrix).content.decode())
    assert len(links) == MATRIX_PAGE
    assert 'aria-label="Give a disposition to comment 1"' in links[0]
    assert 'aria-label="Give a disposition to comment 2"' in links[1]
    assert not any("autofocus" in link for link in links)  # a page's first look moves nothing


def test_after_an_htmx_save_the_keyboard_is_on_the_saved_rows_link(
    client, cycle, review, consultant, comments, matrix
):
    client.force_login(consultant)
    target = comments[2]
    dispose = url(cycle, "comment-dispose", review_pk=review.pk, comment_pk=target.pk)
    saved = client.post(
        dispose,
        {f"c{target.pk}-disposition": "accepted", f"c{target.pk}-reply": "Done in 2.1."},
        headers=HTMX,
    ).content.decode()
    [link] = links_to_dispose(saved)
    assert "autofocus" in link and 'aria-label="Change the disposition of comment 3"' in link
    cancelled = client.get(matrix, {"row": comments[0].pk}, headers=HTMX).content.decode()
    [link] = links_to_dispose(cancelled)
    assert "autofocus" in link and 'aria-label="Give a disposition to comment 1"' in link


def test_htmx_keeps_the_form_with_its_error_when_the_reply_is_missing(
    client, cycle, review, consultant, comments
):
    client.force_login(consultant)
    target = comments[0]
    dispose = url(cycle, "comment-dispose", review_pk=review.pk, comment_pk=target.pk)
    row = client.post(
        dispose, {f"c{target.pk}-disposition": "accepted", f"c{target.pk}-reply": ""}, headers=HTMX
    ).content.decode()
    assert "This field is required." in row and forms_in(row) == 1
    target.refresh_from_db()
    assert target.disposition == ""


def test_cancel_puts_the_plain_row_back(client, consultant, comments, matrix):
    client.force_login(consultant)
    row = client.get(matrix, {"row": comments[0].pk}, headers=HTMX).content.decode()
    assert forms_in(row) == 0 and "Give a disposition" in row


def test_without_javascript_saving_returns_to_the_same_page_and_filters(
    client, cycle, review, consultant, comments
):
    client.force_login(consultant)
    target = comments[-1]
    dispose = url(cycle, "comment-dispose", review_pk=review.pk, comment_pk=target.pk)
    response = client.post(
        dispose,
        {
            "back": "type=substantive&page=2",
            f"c{target.pk}-disposition": "noted",
            f"c{target.pk}-reply": "Thanks.",
        },
    )
    assert response["Location"].endswith(f"?type=substantive&page=2#comment-{target.pk}")
    page = client.get(response["Location"]).content.decode()
    assert f"Comment {target.number} has its disposition." in page and "Thanks." in page
    refused = client.post(dispose, {"back": "page=2", f"c{target.pk}-disposition": "noted"})
    assert refused["Location"].endswith(f"?page=2&edit={target.pk}#comment-{target.pk}")


def test_a_reviewer_gets_no_form_and_no_edit_link(client, focal_a, comments, matrix, review):
    services.comment_dispose(
        comment=comments[0], by=review.opened_by, disposition="noted", reply="Ok."
    )
    client.force_login(focal_a)
    page = client.get(matrix, {"edit": comments[0].pk}).content.decode()
    assert forms_in(page) == 0 and "Give a disposition" not in page and "Ok." in page


def test_a_row_of_another_review_is_not_found(client, consultant, matrix):
    client.force_login(consultant)
    assert client.get(matrix, {"edit": "999999"}, headers=HTMX).status_code == 404
    assert client.get(matrix, {"row": "x"}, headers=HTMX).status_code == 404


def test_the_turkish_matrix_shows_section_titles_in_turkish(
    client, cycle, review, document, consultant, comments, matrix, django_assert_max_num_queries
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    client.force_login(consultant)
    page = client.get(matrix).content.decode()
    assert page.count(">Yönetici özeti</td>") == MATRIX_PAGE
    assert "Executive summary" not in page
    assert '<option value="executive-summary">1. Yönetici özeti</option>' in page
    row = client.get(matrix, {"row": comments[0].pk}, headers=HTMX).content.decode()
    assert ">Yönetici özeti</td>" in row
    # The translations are read once, however many rows.
    with django_assert_max_num_queries(30) as few:
        client.get(matrix)
    many(review, comments[0].organisation, comments[0].author, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(matrix)


def test_a_title_without_a_turkish_edition_is_marked_as_english(
    client, review, document, consultant, comments, matrix
):
    from gcmhub.editions.models import Translation

    section = document.sections.get(key="executive-summary")
    Translation.objects.filter(object_id=section.pk, field="title", language="tr").delete()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    client.force_login(consultant)
    page = client.get(matrix).content.decode()
    assert page.count('<span lang="en">Executive summary</span>') == MATRIX_PAGE
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(matrix).content.decode()
    assert english.count(">Executive summary</td>") == MATRIX_PAGE
    assert '<span lang="en">' not in english
