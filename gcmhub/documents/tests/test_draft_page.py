"""The page of a long draft (a cycle with many inputs): its sections' headings first, a section
opened on demand, the way back to a section after editing it, the draft's files."""

import pytest
from django.urls import reverse

from gcmhub.documents.views import documents as document_views

HTMX = {"HX-Request": "true"}


@pytest.fixture
def long(monkeypatch):
    """Every draft counts as long."""
    monkeypatch.setattr(document_views, "DRAFT_ON_DEMAND_FROM", 0)


def section_url(name, document, section):
    return reverse(
        name,
        kwargs={
            "network_slug": document.cycle.network.slug,
            "cycle_pk": document.cycle_id,
            "document_pk": document.pk,
            "section_pk": section.pk,
        },
    )


def test_saving_a_section_goes_back_to_it_opened(client, consultant, document, long):
    section = document.sections.get(key="context")
    edit = section_url("section-edit", document, section)
    back = f"{document.get_absolute_url()}?section=context#s-context"
    client.force_login(consultant)
    assert f'href="{back}"' in client.get(edit).content.decode()
    response = client.post(
        edit, {"version": section.version, "body": "<p>Written after the workshop.</p>"}
    )
    assert response.url == back
    assert "Written after the workshop." in client.get(response.url).content.decode()
    history = client.get(section_url("section-history", document, section)).content.decode()
    assert f'href="{back}"' in history


def test_an_opened_section_shows_its_edit_links_once(client, consultant, document, long):
    section = document.sections.get(key="context")
    edit = section_url("section-edit", document, section)
    history = section_url("section-history", document, section)
    client.force_login(consultant)
    for query in ({"section": "context"}, {"all": "1"}, {}):
        page = client.get(document.get_absolute_url(), query).content.decode()
        assert page.count(f'href="{edit}"') == 1, query
        assert page.count(f'href="{history}"') == 1, query
        assert page.count(f"Edit the text of “{section.title}”") == 1, query
