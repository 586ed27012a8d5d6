"""Detail on demand in Chromium: a long version's and draft's sections opened one by one, a
busy review's comments per section, the comments matrix's next page and its row's form."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.documents.views import documents as document_views
from gcmhub.documents.views import reviews, versions
from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def _document(kind):
    from gcmhub.documents.models import Document

    return Document.objects.select_related("cycle__network").get(
        cycle__title="GCM Needs Assessment 2021", kind=kind
    )


def _kwargs(document, **extra):
    cycle = document.cycle
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def test_a_long_versions_sections_open_one_by_one(browser, demo, monkeypatch):
    monkeypatch.setattr(versions, "ON_DEMAND_FROM", 0)
    document = _document("needs_assessment")
    version = document.versions.order_by("-major", "-minor").first()
    section = next(s for s in version.content["sections"] if "<p>" in (s.get("html") or ""))
    page = new_page(browser)
    sign_in(page, demo, "consultant")
    kwargs = _kwargs(document, document_pk=document.pk, version_pk=version.pk)
    page.goto(demo + reverse("version-detail", kwargs=kwargs))
    part = page.locator(f"#s-{section['key']}")
    expect(part.locator(".prose")).to_have_count(0)
    # With the keyboard: the section's summary, then Enter, loads its text in place.
    part.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(part.locator(".prose").first).to_be_visible()
    expect(page.locator(".doc-section .prose")).to_have_count(1)  # only that one
    page.get_by_role("link", name="Show every section in full").click()
    expect(page.locator(f"#s-{section['key']} .prose").first).to_be_visible()


def test_a_drafts_section_is_built_when_opened(browser, demo, monkeypatch):
    monkeypatch.setattr(document_views, "DRAFT_ON_DEMAND_FROM", 0)
    document = _document("terms_of_reference")
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.goto(demo + reverse("document-detail", kwargs=_kwargs(document, document_pk=document.pk)))
    first = page.locator(".doc-section").first
    expect(first.locator(".section-tools")).to_be_visible()  # editing links stay in sight
    first.get_by_text("Read the section").click()
    expect(first.locator(".section-body")).not_to_contain_text("Show this section")
    expect(first.locator(".section-body > *").first).to_be_visible()


def test_a_busy_reviews_comments_open_per_section_and_the_matrix_pages(browser, demo, monkeypatch):
    from gcmhub.documents.models import Comment

    monkeypatch.setattr(reviews, "COMMENTS_ON_DEMAND_FROM", 0)
    monkeypatch.setattr(reviews, "MATRIX_PAGE", 2)
    comment = (
        Comment.objects.filter(
            review__version__document__cycle__title="GCM Needs Assessment 2021",
            submitted_at__isnull=False,
        )
        .select_related("review__version__document__cycle__network")
        .order_by("number")
        .first()
    )
    review = comment.review
    kwargs = _kwargs(review.version.document, review_pk=review.pk)
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.goto(demo + reverse("review-detail", kwargs=kwargs))
    part = page.locator(f"#s-{comment.section_key}")
    expect(part.locator(f"#comment-{comment.pk}")).to_have_count(0)
    part.locator(".section-comments summary").click()
    expect(part.locator(f"#comment-{comment.pk}")).to_be_visible()

    page.goto(demo + reverse("comment-matrix", kwargs=kwargs))
    expect(page.locator("table.matrix tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    row = page.locator("table.matrix tbody tr").first
    row.get_by_role("link", name=re.compile("disposition")).click()
    expect(row.locator("select[name$='-disposition']")).to_be_focused()
    row.get_by_role("link", name="Cancel").click()
    expect(page.locator("select[name$='-disposition']")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"page=2"))
