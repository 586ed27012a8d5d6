"""The recommendations' page: the list first; the form to add one, which lists every input of
the cycle, when the editor asks for it (htmx swaps it in; ?add=1 without JavaScript)."""

from django.urls import reverse

from gcmhub.documents import services

HTMX = {"HX-Request": "true"}


def _page(cycle, document):
    return reverse(
        "recommendation-list",
        kwargs={
            "network_slug": cycle.network.slug,
            "cycle_pk": cycle.pk,
            "document_pk": document.pk,
        },
    )


def test_the_list_offers_the_form_without_making_it(client, cycle, document, consultant):
    services.recommendation_save(document=document, by=consultant, text="Share data.")
    client.force_login(consultant)
    page = client.get(_page(cycle, document)).content.decode()
    assert "Share data." in page and 'name="inputs"' not in page
    assert 'href="?add=1#add"' in page and 'hx-get="?add=1"' in page


def test_the_form_comes_alone_with_htmx_and_in_the_page_without(
    client, cycle, document, consultant
):
    client.force_login(consultant)
    fragment = client.get(_page(cycle, document), {"add": "1"}, headers=HTMX).content.decode()
    assert 'name="text"' in fragment and "<html" not in fragment
    page = client.get(_page(cycle, document), {"add": "1"}).content.decode()
    assert 'name="text"' in page and "<html" in page


def test_a_recommendation_is_added_and_a_blank_one_refused(client, cycle, document, consultant):
    client.force_login(consultant)
    refused = client.post(_page(cycle, document), {"text": ""}).content.decode()
    assert "This field is required." in refused and 'name="text"' in refused
    added = client.post(_page(cycle, document), {"text": "Train staff."}, follow=True)
    assert "The recommendation has been added." in added.content.decode()
    assert list(document.recommendations.values_list("text", flat=True)) == ["Train staff."]


def test_a_reader_gets_neither_form_nor_link(client, cycle, document, focal_a):
    client.force_login(focal_a)
    page = client.get(_page(cycle, document), {"add": "1"}).content.decode()
    assert 'name="text"' not in page and "Write a new recommendation" not in page
