"""Logos on the title pages: uploaded by the coordinator with a description for screen readers."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gcmhub.directory import services
from gcmhub.directory.models import DocumentCredit


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(name="logo.png"):
    data = io.BytesIO()
    Image.new("RGB", (90, 40), (11, 74, 125)).save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def test_the_coordinator_uploads_the_network_logo_with_its_description(
    client, network, coordinator
):
    client.force_login(coordinator)
    page = reverse("network-logo", kwargs={"network_slug": network.slug})
    response = client.post(
        page,
        {
            "logo": _png(),
            "logo_description": "Logo of the Alpha network",
            "logo_on_documents": "on",
        },
    )
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.logo.name.startswith("logos/networks/")
    assert network.display_logo_description == "Logo of the Alpha network"


def test_a_logo_without_a_description_is_refused(client, network, coordinator):
    client.force_login(coordinator)
    page = reverse("network-logo", kwargs={"network_slug": network.slug})
    response = client.post(page, {"logo": _png(), "logo_description": ""})
    assert "Describe the logo" in response.content.decode()
    network.refresh_from_db()
    assert not network.logo


def test_a_focal_point_may_not_change_the_logos(client, network, focal_a):
    client.force_login(focal_a)
    page = reverse("network-logo", kwargs={"network_slug": network.slug})
    assert client.post(page, {"logo": _png(), "logo_description": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):  # the service refuses too
        services.network_logo_save(network=network, by=focal_a, logo_on_documents=False)


def test_an_organisation_shown_on_documents_needs_a_described_logo(org_a, coordinator):
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=org_a, by=coordinator, logo=_png(), logo_description=""
        )
    assert "logo_description" in error.value.message_dict


def test_the_report_title_page_shows_the_logos_and_the_partners(
    cycle, coordinator, consultant, org_a, org_b
):
    from gcmhub.documents import services as documents
    from gcmhub.documents.exports import document_file
    from gcmhub.report.kind import NEEDS_ASSESSMENT

    services.network_logo_save(
        network=cycle.network,
        by=coordinator,
        logo=_png("network.png"),
        logo_description="Logo of the Alpha network",
    )
    services.organisation_update(
        organisation=org_a,
        by=coordinator,
        logo=_png("a.png"),
        logo_description="Logo of Ministry A",
        document_credit=DocumentCredit.PREPARED,
    )
    services.organisation_update(
        organisation=org_b, by=coordinator, document_credit=DocumentCredit.SUPPORT
    )
    cycle.network.refresh_from_db()
    document = documents.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    data, _, _ = document_file(document, "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'descr="Logo of the Alpha network"' in xml
    assert 'descr="Logo of Ministry A"' in xml
    assert "Prepared by Alpha network, Ministry A" in xml
    assert "With the support of Agency B" in xml


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("logo.webp", "WEBP", "this file is WEBP"),
        ("logo.png", None, "this file is not an image"),
    ],
)
def test_a_logo_word_cannot_embed_is_refused_with_what_to_do(
    client, network, coordinator, name, kind, message
):
    from django.urls import reverse

    if kind:
        data = io.BytesIO()
        Image.new("RGB", (90, 40), (11, 74, 125)).save(data, kind)
        content = data.getvalue()
    else:
        content = b"not an image at all"
    client.force_login(coordinator)
    page = reverse("network-logo", kwargs={"network_slug": network.slug})
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(page, {"logo": upload, "logo_description": "Logo"})
    text = response.content.decode()
    network.refresh_from_db()
    if kind:
        assert message in text and "save it as PNG or JPEG" in text
        assert not network.logo
    else:  # Django's image field refuses what is not an image before the service sees it
        assert "Upload a valid image" in text and not network.logo
