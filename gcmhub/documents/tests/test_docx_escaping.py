"""Text in a Word file is text: an ampersand or Word markup in a title stays as typed."""

import io

from django.urls import reverse
from docx import Document as WordDocument

from gcmhub.documents import services
from gcmhub.documents.tests.downloads import fetched


def _texts(response) -> str:
    word = WordDocument(io.BytesIO(response.getvalue()))
    return "\n".join(p.text for p in word.paragraphs)


def test_a_title_with_an_ampersand_and_markup_downloads_as_typed(client, document, coordinator):
    injected = "&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;INJECTED"
    services.document_update(
        document=document,
        by=coordinator,
        title="Voluntary review & outlook",
        subtitle=injected,
        language="en",
    )
    client.force_login(coordinator)
    kwargs = {
        "network_slug": document.cycle.network.slug,
        "cycle_pk": document.cycle_id,
        "document_pk": document.pk,
        "fmt": "docx",
    }
    response = fetched(
        client,
        reverse("document-download", kwargs=kwargs),
        make=reverse("document-file", kwargs=kwargs),
    )
    text = _texts(response)
    assert "Voluntary review & outlook" in text
    assert "</w:t></w:r><w:r><w:t>INJECTED" in text
