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


def test_the_queue_names_who_changed_each_text_last_in_a_query_per_kind(
    client, cycle, consultant, coordinator, django_assert_max_num_queries
):
    import datetime as dt

    from gcmhub.assessments.models import Consultation
    from gcmhub.assessments.services import consultation_save

    for n in range(3):
        consultation_save(
            cycle=cycle,
            by=consultant,
            date=dt.date(2021, 3, n + 1),
            type=Consultation._meta.get_field("type").choices[0][0],
            title=f"Round table {n}",
        )
    last = Consultation.objects.get(title="Round table 2")
    consultation_save(
        cycle=cycle,
        by=coordinator,
        consultation=last,
        date=last.date,
        type=last.type,
        title="Round table 2, again",
    )
    coordinator.first_name, coordinator.last_name = "Ayşe", "Coordinator"
    coordinator.save()
    client.force_login(consultant)
    queue = reverse(
        "translations", kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    )
    with django_assert_max_num_queries(40) as few:
        page = client.get(queue).content.decode()
    rows = [row for row in page.split("<tr") if "Round table" in row]
    assert len(rows) == 3
    assert ["Ayşe Coordinator" in row for row in rows] == [False, False, True]
    for n in range(3, 9):
        consultation_save(
            cycle=cycle,
            by=consultant,
            date=dt.date(2021, 4, n),
            type=last.type,
            title=f"Round table {n}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(queue).content.decode().count("Round table") >= 9


def test_a_text_is_blank_when_it_says_nothing_but_markup_and_spaces():
    from gcmhub.editions.texts import is_blank

    blank = ["", None, "  \n\t", "\u00a0", "<p></p>", "<p>&nbsp;</p>\n<p> <br></p>", "&nbsp;"]
    assert [is_blank(text) for text in blank] == [True] * len(blank)
    said = ["A law.", " x ", "<p>A law.</p>", "Fish & chips", "<p>&nbsp;a</p>", "1 < 2"]
    assert [is_blank(text) for text in said] == [False] * len(said)
