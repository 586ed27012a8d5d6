"""The priority charts are drawn once per change of the scores: the results page, the objective
page and the report's Word and PDF files reuse the drawing."""

from unittest import mock

import pytest
from django.urls import reverse

from gcmhub.documents import services as documents
from gcmhub.priorities.tests.conftest import submitted_sheet
from gcmhub.reporting import charts
from gcmhub.reporting.docx import render_docx
from gcmhub.reporting.pdf import render_pdf


@pytest.fixture
def drawings():
    with mock.patch.object(charts.plt, "subplots", wraps=charts.plt.subplots) as subplots:
        yield subplots


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def test_the_results_page_draws_the_matrix_once(client, coordinator, results_ready, drawings):
    client.force_login(coordinator)
    pages = [client.get(url(results_ready, "priority-results")) for _ in range(2)]
    assert drawings.call_count == 1
    for page in pages:
        assert 'aria-labelledby="matrix-title"' in page.text
        assert "Priority matrix: importance against feasibility" in page.text


def test_new_scores_draw_the_matrix_again(
    client, coordinator, cycle, results_ready, org_b, drawings
):
    client.force_login(coordinator)
    client.get(url(cycle, "priority-results"))
    sheet = org_b.score_sheets.get(cycle=cycle)
    sheet.rows.all().delete()
    submitted_sheet(cycle, org_b, lambda n: 1)
    client.get(url(cycle, "priority-results"))
    assert drawings.call_count == 2


def test_the_objective_page_and_its_png_draw_once_each(
    client, coordinator, results_ready, drawings
):
    client.force_login(coordinator)
    page = url(results_ready, "objective-priority", number=1)
    for _ in range(2):
        assert "Scores of objective 1 by organisation" in client.get(page).text
    png = [client.get(page, {"format": "png"}) for _ in range(2)]
    assert drawings.call_count == 2  # the page's SVG, then the PNG
    assert png[0].content == png[1].content
    assert png[0].content.startswith(b"\x89PNG")


def test_the_report_files_reuse_one_drawing_of_the_matrix(results_ready, consultant, drawings):
    document = documents.document_open(cycle=results_ready, kind="needs_assessment", by=consultant)
    version = documents.version_issue(document=document, by=consultant, confirmed=True)
    priorities = next(s for s in version.content["sections"] if s["kind"] == "priorities")
    assert priorities["chart"]["points"]
    for _ in range(2):
        render_docx(version.content, version_line="0.1", content_hash=version.content_hash)
    assert drawings.call_count == 1
    pdf = render_pdf(version.content, version_line="0.1", content_hash=version.content_hash)
    assert pdf.startswith(b"%PDF")
    assert drawings.call_count == 1  # the PDF's image is the Word file's drawing


def test_an_objective_scored_by_many_organisations_counts_them_per_score(
    client, coordinator, results_ready, network, drawings
):
    from gcmhub.priorities.models import ScoreSheet
    from gcmhub.priorities.views import SPREAD_NAMED
    from gcmhub.tests.factories import OrganisationFactory

    client.force_login(coordinator)
    page = url(results_ready, "objective-priority", number=1)
    named = client.get(page).text
    assert "Scores of objective 1 by organisation" in named
    for n in range(SPREAD_NAMED):
        org = OrganisationFactory(network=network, name=f"Scoring agency {n:02d}")
        ScoreSheet.objects.create(cycle=results_ready, organisation=org)
        submitted_sheet(results_ready, org, lambda number: 4)
    counted = client.get(page).text
    assert "Scores of objective 1: organisations per score" in counted
    assert f"{SPREAD_NAMED + 2} organisations scored this objective" in counted
    assert "Scoring agency 00" not in counted.split('id="spread-title"')[1].split("</svg>")[0]
    assert "Scoring agency 00" in counted  # the table names each
    svg = client.get(page, {"format": "svg"}).content.decode()
    assert "organisations per score" in svg
