"""Every list and detail page of documents, report and editions takes as many queries with a
long document, many comments and many texts to translate as with a few."""

import pytest
from django.urls import reverse

from gcmhub.documents import services
from gcmhub.documents.tests.conftest import comment, revise
from gcmhub.documents.views import documents as document_views
from gcmhub.documents.views import reviews, versions
from gcmhub.editions.services import translation_save
from gcmhub.tests.factories import OrganisationFactory
from gcmhub.tests.queries import assert_constant_queries


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def world(cycle, document, version, review, focal_a, consultant):
    comment(review, focal_a, text="One comment.")
    services.comments_submit(review=review, by=focal_a)
    first = services.recommendation_save(document=document, by=consultant, text="First.")
    translation_save(obj=first, field="text", language="tr", text="Birinci.", by=consultant)
    return {"document": document, "version": version, "review": review}


def _pages(cycle, world):
    document, version, review = world["document"], world["version"], world["review"]
    section = document.sections.get(key="executive-summary")
    kwargs = {"document_pk": document.pk}
    return [
        url(cycle, "document-detail", **kwargs),
        url(cycle, "document-detail", **kwargs) + "?section=findings",
        url(cycle, "document-detail", **kwargs) + "?all=1",
        url(cycle, "document-edit", **kwargs),
        url(cycle, "recommendation-list", **kwargs),
        url(cycle, "section-history", **kwargs, section_pk=section.pk),
        url(cycle, "version-detail", **kwargs, version_pk=version.pk),
        url(cycle, "version-detail", **kwargs, version_pk=version.pk) + "?section=findings",
        url(cycle, "version-detail", **kwargs, version_pk=version.pk) + "?all=1",
        url(cycle, "review-detail", review_pk=review.pk),
        url(cycle, "review-detail", review_pk=review.pk) + "?comments=executive-summary",
        url(cycle, "comment-matrix", review_pk=review.pk),
        url(cycle, "comment-matrix", review_pk=review.pk) + "?page=2",
        url(cycle, "translations"),
        url(cycle, "translations") + "?page=2",
    ]


def _grow(cycle, world, focal_b, consultant):
    def grow():
        document, review = world["document"], world["review"]
        for n in range(12):
            comment(review, focal_b, text=f"Comment {n}", section=("context", "findings")[n % 2])
        services.comments_submit(review=review, by=focal_b)
        for organisation in OrganisationFactory.create_batch(4, network=cycle.network):
            recommendation = services.recommendation_save(
                document=document, by=consultant, text=f"Work with {organisation.name}."
            )
            translation_save(
                obj=recommendation, field="text", language="tr", text="Kurumla.", by=consultant
            )
        for n in range(3):  # texts waiting for their translation
            services.recommendation_save(
                document=document, by=consultant, text=f"Untranslated {n}."
            )
        revise(document, consultant, text="<p>" + "A longer text. " * 50 + "</p>")

    return grow


@pytest.mark.parametrize("on_demand", [False, True], ids=["whole", "on-demand"])
def test_the_document_pages_keep_a_constant_number_of_queries(
    client,
    cycle,
    world,
    focal_b,
    consultant,
    coordinator,
    monkeypatch,
    on_demand,
    django_assert_max_num_queries,
):
    if on_demand:  # every document long, every review with many comments, a page of 2
        monkeypatch.setattr(versions, "ON_DEMAND_FROM", 0)
        monkeypatch.setattr(document_views, "DRAFT_ON_DEMAND_FROM", 0)
        monkeypatch.setattr(reviews, "COMMENTS_ON_DEMAND_FROM", 0)
    monkeypatch.setattr(reviews, "MATRIX_PAGE", 2)
    from gcmhub.editions import views as edition_views

    monkeypatch.setattr(edition_views, "QUEUE_PAGE", 2)
    client.force_login(coordinator)
    for page in _pages(cycle, world):
        assert client.get(page).status_code == 200, page
    assert_constant_queries(
        client,
        _pages(cycle, world),
        _grow(cycle, world, focal_b, consultant),
        django_assert_max_num_queries,
        most=80,
    )


def test_the_reviewers_pages_keep_a_constant_number_of_queries(
    client, cycle, world, focal_a, focal_b, consultant, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(reviews, "COMMENTS_ON_DEMAND_FROM", 0)
    monkeypatch.setattr(reviews, "MATRIX_PAGE", 2)
    review = world["review"]
    client.force_login(focal_a)
    pages = [
        url(cycle, "review-detail", review_pk=review.pk),
        url(cycle, "review-detail", review_pk=review.pk) + "?comments=context",
        url(cycle, "comment-matrix", review_pk=review.pk),
    ]
    assert_constant_queries(
        client,
        pages,
        _grow(cycle, world, focal_b, consultant),
        django_assert_max_num_queries,
        most=60,
    )
