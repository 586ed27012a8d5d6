"""The cycle's translation queue, a page at a time, with the counts of the whole queue."""

from django.urls import reverse

from gcmhub.documents import services
from gcmhub.editions.views import QUEUE_PAGE
from gcmhub.report.kind import NEEDS_ASSESSMENT


def test_the_queue_shows_a_page_of_texts_and_counts_them_all(client, cycle, consultant):
    document = services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    for n in range(1, QUEUE_PAGE + 3):
        services.recommendation_save(document=document, by=consultant, text=f"Advice {n:03d}.")
    client.force_login(consultant)
    queue = reverse(
        "translations", kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    )
    first = client.get(queue).content.decode()
    assert first.count('class="button" href="') == QUEUE_PAGE
    assert f"({QUEUE_PAGE + 2})" in first  # every text missing its Turkish edition, counted
    assert "Page 1 of 2" in first and 'page=2" rel="next"' in first
    second = client.get(queue, {"page": 2}).content.decode()
    assert second.count('class="button" href="') == 2
    turkish = client.get(queue, {"language": "tr", "page": 2}).content.decode()
    assert 'language=tr&amp;page=1" rel="prev"' in turkish
