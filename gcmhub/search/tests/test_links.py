"""A result's link lands on the text found, shown: in a long draft the section opened, in a
review with many comments the section's comments opened."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from gcmhub.documents import services
from gcmhub.documents.views import documents as document_views
from gcmhub.documents.views import reviews
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.search.services import index_rebuild


@pytest.fixture
def document(cycle, consultant):
    return services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)


def write(document, by, key, text):
    section = document.sections.get(key=key)
    services.section_save(section=section, by=by, body=f"<p>{text}</p>", expected_version=1)
    return section


def result_link(client, user, query) -> str:
    """The link of the only result of `query` on the search page."""
    client.force_login(user)
    page = client.get(reverse("search"), {"q": query}).content.decode()
    [link] = re.findall(r'<h3><a href="([^"]+)"', page)
    return html.unescape(link)


def test_a_section_found_opens_in_a_long_draft(client, consultant, document, monkeypatch):
    monkeypatch.setattr(document_views, "DRAFT_ON_DEMAND_FROM", 0)  # every draft is long
    write(document, consultant, "context", "Seasonal workers cross the eastern border.")
    index_rebuild()
    link = result_link(client, consultant, "seasonal")
    assert "section=context" in link and link.endswith("#s-context")
    page = client.get(link).content.decode()
    assert "Seasonal workers cross the eastern border." in page
    assert client.get(document.get_absolute_url()).content.decode().count("Seasonal") == 0


def test_a_comment_found_opens_its_sections_comments_in_a_busy_review(
    client, consultant, coordinator, document, focal_a, org_a, monkeypatch
):
    monkeypatch.setattr(reviews, "COMMENTS_ON_DEMAND_FROM", 0)  # every review is busy
    write(document, consultant, "context", "The context.")
    version = services.version_issue(confirmed=True, document=document, by=consultant, note="")
    review = services.review_open(
        version=version, by=coordinator, deadline=dt.date(2030, 6, 14), organisations=[org_a]
    )
    found = services.comment_save(
        review=review,
        by=focal_a,
        section_key="context",
        type="substantive",
        text="Name the border provinces.",
        quote="",
    )
    services.comments_submit(review=review, by=focal_a)
    index_rebuild()
    link = result_link(client, consultant, "provinces")
    assert "comments=context" in link and link.endswith(f"#comment-{found.pk}")
    page = client.get(link).content.decode()
    assert f'id="comment-{found.pk}"' in page and "Name the border provinces." in page
    closed = client.get(link.split("?")[0]).content.decode()
    assert "Name the border provinces." not in closed
