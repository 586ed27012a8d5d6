"""The page of a long draft (a cycle with many inputs): its sections' headings first, a section
opened on demand, the way back to a section after editing it, the draft's files."""

import pytest
from django.urls import reverse

from gcmhub.core.models import FileJob, JobStatus
from gcmhub.documents.models import Section
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


def test_a_long_drafts_files_show_their_state_and_link(
    client, cycle, document, focal_a, long, run_tasks
):
    Section.objects.bulk_create(
        Section(document=document, key=f"annex-{n}", order=100 + n, title=f"Annex {n}")
        for n in range(1, 31)
    )
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "document_pk": document.pk}
    make = reverse("document-file", kwargs={**kwargs, "fmt": "docx", "language": "en"})
    client.force_login(focal_a)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Annex 30" in page and "Show this section" in page  # the headings only
    assert f'action="{make}"' in page  # a button asks for the file
    assert "Waiting for a worker" not in page and "Download " not in page

    client.post(make, headers=HTMX)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Waiting for a worker" in page
    assert run_tasks() == 1
    job = FileJob.objects.get()
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{reverse("file-download", args=[job.pk])}"' in page
    assert f"Download {job.filename}" in page and job.filename.endswith("_en.docx")
    assert "from the draft as it was then." in page
    assert "Make it again from the draft as it is now" in page
    assert f'hx-post="{make}"' in page  # asking again makes it from the draft as it is

    FileJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="No worker left.")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Failed" in page and "No worker left." in page and "Try again" in page
