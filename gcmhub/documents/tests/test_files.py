"""The names of the files a network sends, and what makes a stored file the right one."""

import datetime as dt

import pytest
from django.utils import timezone

from gcmhub.documents import files, names
from gcmhub.documents.tests.conftest import revise
from gcmhub.tests import factories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye", "Turkiye"),
        ("Göç İdaresi Genel Müdürlüğü", "Goc-Idaresi-Genel-Mudurlugu"),
        ("Işık / Şişli", "Isik-Sisli"),
        ("Côte d’Ivoire", "Cote-d-Ivoire"),
    ],
)
def test_names_are_written_in_ascii_letters(text, expected):
    assert names.ascii_name(text) == expected


@pytest.mark.django_db
def test_the_network_is_named_by_its_country():
    network = factories.NetworkFactory(name="UN Network on Migration in Türkiye", country="TR")
    assert names.network_name(network) == "UNNM-Turkiye"
    assert names.network_name(factories.NetworkFactory(country="CI")) == "UNNM-Cote-d-Ivoire"


@pytest.mark.django_db
def test_file_names_say_network_document_version_and_language(document, version):
    document.cycle.network.country = "TR"
    assert (
        names.document_file_name(document, version=version, language="tr", fmt="docx")
        == "UNNM-Turkiye_needs-assessment_v0.1_tr.docx"
    )
    assert (
        names.document_file_name(document, day=dt.date(2026, 12, 1), language="en", fmt="pdf")
        == "UNNM-Turkiye_needs-assessment_draft-2026-12-01_en.pdf"
    )


@pytest.mark.django_db
def test_the_draft_fingerprint_follows_the_content(document, consultant):
    before = files.draft_fingerprint(document)
    assert files.draft_fingerprint(document) == before
    revise(document, consultant)
    assert files.draft_fingerprint(document) != before


@pytest.mark.django_db
def test_a_version_s_fingerprint_is_its_content_hash_and_its_title_page(version, coordinator):
    from gcmhub.directory.services import network_logo_save
    from gcmhub.directory.tests.test_logos import _png

    before = files.version_fingerprint(version, language="en")
    assert before.startswith(version.content_hash[:16])
    assert files.version_fingerprint(version, language="en") == before
    # A bilingual document's version has files in both languages, its own first.
    assert files.languages_of(version) == [version.document.language, "tr"]
    # A logo uploaded after the file was made: the file is made again with it.
    network_logo_save(
        network=version.document.cycle.network,
        by=coordinator,
        logo=_png(),
        logo_description="Logo of the network",
        logo_on_documents=True,
    )
    version.document.cycle.network.refresh_from_db()
    after = files.version_fingerprint(version, language="en")
    assert after != before and after.startswith(version.content_hash[:16])


def test_fingerprints_are_stable_over_plain_values():
    day = dt.date(2021, 6, 24)
    assert files.fingerprint({"a": 1, "b": [day]}) == files.fingerprint({"b": [day], "a": 1})
    assert files.fingerprint("x") != files.fingerprint("y")


@pytest.mark.django_db
def test_the_cca_brief_and_minutes_are_named_by_year_and_day(cycle):
    from gcmhub.imrf.files import cca_file_name
    from gcmhub.meetings.files import minutes_file_name
    from gcmhub.meetings.models import Meeting

    meeting = Meeting(
        cycle=cycle,
        starts_at=timezone.make_aware(dt.datetime(2021, 6, 24, 10)),
        ends_at=timezone.make_aware(dt.datetime(2021, 6, 24, 13)),
        time_zone="Europe/Istanbul",
    )
    assert minutes_file_name(meeting, language="tr", fmt="pdf") == (
        "UNNM-Turkiye_minutes_2021-06-24_tr.pdf"
    )
    assert cca_file_name(cycle, language="en") == "UNNM-Turkiye_cca-brief_2021_en.docx"
