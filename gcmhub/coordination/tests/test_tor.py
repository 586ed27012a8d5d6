"""The terms of reference: data sections read as text, on screen and in the PDF."""

import io

from django.urls import reverse
from pypdf import PdfReader

from gcmhub.coordination import services
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.coordination.tor import TERMS_OF_REFERENCE
from gcmhub.documents import services as document_services
from gcmhub.documents.tests.downloads import fetched


def _url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def test_the_terms_of_reference_show_their_tables_not_python_structures(
    client, cycle, coordinator, focal_a, org_a
):
    services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    document = document_services.document_open(cycle=cycle, kind=TERMS_OF_REFERENCE, by=coordinator)
    version = document_services.version_issue(confirmed=True, document=document, by=coordinator)
    client.force_login(coordinator)
    for page in [
        client.get(document.get_absolute_url()),
        client.get(_url(cycle, "version-detail", document_pk=document.pk, version_pk=version.pk)),
    ]:
        html = page.content.decode()
        assert "Member organisations and their focal points" in html
        assert org_a.label in html
        assert "{&#x27;" not in html and "&#x27;paragraphs&#x27;" not in html
        assert "('table'" not in html and "&#x27;table&#x27;" not in html
    pdf = fetched(
        client,
        _url(cycle, "version-download", document_pk=document.pk, version_pk=version.pk, fmt="pdf"),
    )
    reader = PdfReader(io.BytesIO(pdf.getvalue()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Member organisations and their focal points" in text
    assert "'paragraphs'" not in text and "'table'" not in text
    # Title page, contents, then the short sections follow on one another.
    assert len(reader.pages) <= 4
