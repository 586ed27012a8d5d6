"""The page of a long version: its sections' headings first, each section's text when it is
opened (htmx), the page with it open without JavaScript, every section with ?all=1."""

import pytest
from django.urls import reverse

from gcmhub.documents.views import versions

HTMX = {"HX-Request": "true"}
SUMMARY = "The summary of the first draft."


@pytest.fixture
def page(cycle, document, version):
    return reverse(
        "version-detail",
        kwargs={
            "network_slug": cycle.network.slug,
            "cycle_pk": cycle.pk,
            "document_pk": document.pk,
            "version_pk": version.pk,
        },
    )


def compare_url(cycle, document) -> str:
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "document_pk": document.pk}
    return reverse("version-compare", kwargs=kwargs)


@pytest.fixture
def long(monkeypatch):
    """Every version counts as long."""
    monkeypatch.setattr(versions, "ON_DEMAND_FROM", 0)


def test_a_short_version_shows_every_section_in_full(client, consultant, page):
    client.force_login(consultant)
    text = client.get(page).content.decode()
    assert SUMMARY in text and "Show this section" not in text


def test_a_long_version_shows_its_sections_headings_with_a_link_to_each(
    client, consultant, page, version, long
):
    client.force_login(consultant)
    text = client.get(page).content.decode()
    assert SUMMARY not in text
    for section in version.content["sections"]:
        assert f"{section['number']}. {section['title']}" in text
    assert "?edition=en&amp;section=executive-summary#s-executive-summary" in text
    assert 'hx-get="?edition=en&amp;section=executive-summary"' in text
    assert "?edition=en&amp;all=1" in text


def test_without_javascript_the_link_opens_the_page_with_that_section(
    client, consultant, page, long
):
    client.force_login(consultant)
    text = client.get(page, {"section": "executive-summary"}).content.decode()
    assert SUMMARY in text and '<details class="section-text" open>' in text
    assert text.count("Show this section") == text.count('<details class="section-text"') - 1


def test_htmx_loads_the_opened_sections_text_alone(client, consultant, page, long):
    client.force_login(consultant)
    fragment = client.get(page, {"section": "executive-summary"}, headers=HTMX).content.decode()
    assert SUMMARY in fragment and "<html" not in fragment and "<h2" not in fragment
    missing = client.get(page, {"section": "no-such-section"}, headers=HTMX)
    assert missing.status_code == 404


def test_all_shows_every_section_in_full(client, consultant, page, long):
    client.force_login(consultant)
    text = client.get(page, {"all": "1"}).content.decode()
    assert SUMMARY in text and "Show this section" not in text


def test_the_turkish_edition_opens_its_own_sections(client, consultant, page, version, long):
    client.force_login(consultant)
    text = client.get(page, {"edition": "tr"}).content.decode()
    turkish = version.content["editions"]["tr"]["sections"][0]
    assert f"{turkish['number']}. {turkish['title']}" in text
    assert f"?edition=tr&amp;section={turkish['key']}" in text
    fragment = client.get(
        page, {"edition": "tr", "section": "executive-summary"}, headers=HTMX
    ).content.decode()
    assert SUMMARY in fragment  # not translated: the original, marked
    assert 'lang="en"' in fragment and "Asıl metin İngilizce" in fragment


def test_the_version_is_read_once_then_its_headings_are_kept(
    client, consultant, page, long, django_assert_max_num_queries
):
    client.force_login(consultant)
    client.get(page)
    with django_assert_max_num_queries(40) as captured:
        client.get(page)
    read = [
        q["sql"] for q in captured.captured_queries if '"documents_version"."content"' in q["sql"]
    ]
    assert read == []


def test_a_comparison_is_made_once_and_a_new_version_is_compared_anew(
    client, cycle, document, version, consultant, monkeypatch
):
    from gcmhub.documents import diff, services
    from gcmhub.documents.tests.conftest import revise

    revise(document, consultant, text="<p>Alpha.</p>")
    second = services.version_issue(document=document, by=consultant, confirmed=True)
    compare = compare_url(cycle, document)
    client.force_login(consultant)
    calls = []
    made = diff.compare_editions
    monkeypatch.setattr(diff, "compare_editions", lambda *a: calls.append(1) or made(*a))
    first = client.get(compare).content.decode()
    assert "<ins>Alpha." in first
    assert "<ins>Alpha." in client.get(compare).content.decode()
    assert len(calls) == 1
    revise(document, consultant, text="<p>Beta.</p>")
    services.version_issue(document=document, by=consultant, confirmed=True)
    page = client.get(compare).content.decode()
    assert "<ins>Beta." in page and "<del>Alpha." in page
    assert len(calls) == 2
    older = client.get(compare, {"a": version.pk, "b": second.pk}).content.decode()
    assert "<ins>Alpha." in older


def test_a_long_comparison_shows_the_changes_and_opens_unchanged_sections_on_demand(
    client, cycle, document, version, consultant, long
):
    from gcmhub.documents import services
    from gcmhub.documents.tests.conftest import revise

    revise(document, consultant, text="<p>Alpha.</p>")
    second = services.version_issue(document=document, by=consultant, confirmed=True)
    compare = compare_url(cycle, document)
    query = {"a": version.pk, "b": second.pk}
    client.force_login(consultant)
    page = client.get(compare, query).content.decode()
    assert "<ins>Alpha." in page  # the change, in full
    assert SUMMARY not in page  # an unchanged section: its heading, its text when opened
    key = document.sections.get(body__contains=SUMMARY).key
    link = f"?a={version.pk}&amp;b={second.pk}&amp;edition={document.language}&amp;section={key}"
    assert f'hx-get="{link}"' in page and f'href="{link}#d-' in page
    opened = {**query, "edition": document.language, "section": key}
    fragment = client.get(compare, opened, headers=HTMX).content.decode()
    assert SUMMARY in fragment and "<html" not in fragment
    without_script = client.get(compare, opened).content.decode()
    assert SUMMARY in without_script and "<details open>" in without_script
    missing = client.get(compare, {**opened, "section": "nowhere"}, headers=HTMX)
    assert missing.status_code == 404
