"""Under /api/ every error is in the one error shape, whoever answers it, and a record of
another network answers 404 to every method, before any permission is checked (a 403 would
tell that it exists)."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gcmhub.assessments.models import Input
from gcmhub.core.permissions import Role
from gcmhub.core.workflow import State
from gcmhub.documents import services as documents
from gcmhub.documents.models import Comment, CommentType
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import ScoreSheet
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.tests import factories
from gcmhub.workplan import services as workplan_services
from gcmhub.workplan.models import ProgressReport

from .test_api import base, client_for

NOT_FOUND = {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}


def assert_error(response, status, code, message=None):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert (error["status"], error["code"], error["fields"]) == (status, code, {})
    assert error["message"] == message if message else error["message"]


@pytest.fixture
def foreign_focal(other_network, other_org):
    return factories.MembershipFactory(
        network=other_network,
        role=Role.FOCAL_POINT,
        organisation=other_org,
        user__username="beta-focal",
    ).user


@pytest.fixture
def foreign_comment(other_cycle, other_org, outsider, foreign_focal):
    document = documents.document_open(cycle=other_cycle, kind=NEEDS_ASSESSMENT, by=outsider)
    version = documents.version_issue(
        confirmed=True, document=document, by=outsider, note="Beta draft"
    )
    review = documents.review_open(
        version=version, by=outsider, deadline=dt.date(2021, 6, 14), organisations=[other_org]
    )
    key = version.content["sections"][0]["key"]
    return documents.comment_save(
        review=review,
        by=foreign_focal,
        section_key=key,
        type=CommentType.EDITORIAL,
        text="Beta's own draft.",
    )


# Another network's record: 404, never 403


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_another_networks_comment_answers_404_to_every_method(
    cycle, focal_a, foreign_comment, method
):
    """Through one's own cycle with the other network's review and comment ids: the review is
    checked against the cycle first (the comment used to answer 403 on PUT and DELETE)."""
    url = f"{base(cycle)}reviews/{foreign_comment.review_id}/comments/{foreign_comment.pk}/"
    body = {"section_key": foreign_comment.section_key, "type": "editorial", "text": "Mine now"}
    response = getattr(client_for(focal_a), method)(url, body, format="json")
    assert response.json() == {"error": NOT_FOUND}
    stored = Comment.objects.get(pk=foreign_comment.pk)
    assert stored.text == "Beta's own draft."


def test_a_comment_on_another_networks_review_answers_404(cycle, coordinator, foreign_comment):
    """Even for a role that may not comment: the review is not one of this cycle."""
    url = f"{base(cycle)}reviews/{foreign_comment.review_id}/comments/"
    body = {"section_key": foreign_comment.section_key, "type": "editorial", "text": "x"}
    assert client_for(coordinator).post(url, body, format="json").json() == {"error": NOT_FOUND}
    assert client_for(coordinator).post(url + "submit/").json() == {"error": NOT_FOUND}


def test_another_networks_input_answers_404_to_a_coordinator(cycle, other_cycle, coordinator):
    other = factories.OrganisationFactory(network=other_cycle.network, name="Beta agency")
    foreign = Input.objects.create(
        cycle=other_cycle,
        organisation=other,
        objective=Objective.objects.get(number=10),
        state=State.SUBMITTED,
    )
    client = client_for(coordinator)
    url = f"{base(cycle)}inputs/{foreign.pk}/"
    assert client.put(url, {"version": 1}, format="json").json() == {"error": NOT_FOUND}
    assert client.post(url + "submit/").json() == {"error": NOT_FOUND}


def test_another_networks_score_sheet_answers_404_to_a_coordinator(
    cycle, other_cycle, other_org, coordinator
):
    foreign = ScoreSheet.objects.create(
        cycle=other_cycle, organisation=other_org, state=State.SUBMITTED
    )
    client = client_for(coordinator)
    url = f"{base(cycle)}score-sheets/{foreign.pk}/"
    assert client.put(url, {"version": 1, "rows": []}, format="json").json() == {"error": NOT_FOUND}
    assert client.post(url + "submit/").json() == {"error": NOT_FOUND}


def test_another_networks_progress_report_answers_404_to_a_coordinator(
    cycle, other_cycle, other_org, outsider, coordinator
):
    period = workplan_services.period_save(
        cycle=other_cycle,
        by=outsider,
        label="2021 H2",
        starts=dt.date(2021, 7, 1),
        ends=dt.date(2021, 12, 31),
        due_date=dt.date(2022, 1, 15),
    )
    foreign = ProgressReport.objects.create(
        period=period, organisation=other_org, state=State.SUBMITTED
    )
    client = client_for(coordinator)
    url = f"{base(cycle)}progress-reports/{foreign.pk}/"
    assert client.put(url, {"version": 1}, format="json").json() == {"error": NOT_FOUND}
    assert client.post(url + "submit/").json() == {"error": NOT_FOUND}


# Every error in the shape


@pytest.mark.parametrize(
    "path",
    [
        "/api/nowhere/",
        "/api/v1/cycles/abc/inputs/",
        "/api/v1/cycles/%0Anewline/inputs/",  # not even a catch-all pattern matches this
    ],
)
def test_unknown_addresses_under_the_api_answer_404_in_the_error_shape(db, path):
    response = APIClient().get(path)
    assert response.json() == {"error": NOT_FOUND}


def test_unknown_addresses_elsewhere_keep_the_html_page(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_method_the_token_page_does_not_take_answers_405_in_the_error_shape(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("api-token"))
    assert_error(response, 405, "method_not_allowed", 'Method "GET" not allowed.')
    assert response["Allow"] == "POST"


def test_a_method_an_endpoint_does_not_take_answers_405_with_allow(cycle, coordinator):
    response = client_for(coordinator).delete("/api/v1/networks/")
    assert_error(response, 405, "method_not_allowed", 'Method "DELETE" not allowed.')
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_a_post_without_csrf_token_answers_403_in_the_error_shape(coordinator):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(reverse("api-token"), {"action": "create"})
    assert_error(response, 403, "permission_denied")


def test_a_role_refusal_answers_403_in_the_error_shape(cycle, observer):
    response = client_for(observer).get(base(cycle) + "inputs/")
    assert_error(response, 403, "permission_denied")


def test_malformed_json_answers_400_in_the_error_shape(cycle, focal_a):
    response = client_for(focal_a).generic(
        "POST", base(cycle) + "inputs/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "parse_error" and error["message"].startswith("JSON parse error")


def test_an_unsupported_media_type_answers_415_in_the_error_shape(cycle, focal_a):
    response = client_for(focal_a).generic(
        "POST", base(cycle) + "inputs/", "objective=1", content_type="text/plain"
    )
    assert_error(
        response, 415, "unsupported_media_type", 'Unsupported media type "text/plain" in request.'
    )


# Pages of lists, choices not made yet, nested rows


@pytest.mark.parametrize("value", ["0", "-1", "abc", "501", "1.5", ""])
def test_an_invalid_page_size_answers_400_naming_the_parameter(cycle, coordinator, value):
    response = client_for(coordinator).get(f"/api/v1/cycles/?page_size={value}")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "page_size": ["Give one whole number from 1 to 500."]
    }


def test_a_valid_page_size_pages_the_list(cycle, coordinator):
    response = client_for(coordinator).get("/api/v1/cycles/?page_size=1")
    assert response.status_code == 200 and len(response.json()["results"]) == 1


def test_choices_not_made_yet_read_as_null_never_as_blank(filled, cycle, focal_a):
    client = client_for(focal_a)
    comments = client.get(f"{base(cycle)}reviews/{filled['reviews']}/comments/").json()
    assert {c["id"]: c["disposition"] for c in comments["results"]} == {
        filled["comments"]: None,
        filled["disposed-comment"]: "accepted",
    }
    decision = client.get(f"{base(cycle)}decisions/{filled['decisions']}/").json()
    assert decision["suggested_horizon"] is None
    meeting = client.get(f"{base(cycle)}meetings/{filled['meetings']}/").json()
    assert meeting["outcome"] is None


def test_an_error_in_a_nested_row_names_the_row_and_field(filled, cycle, focal_a):
    report = client_for(focal_a).get(f"{base(cycle)}progress-reports/{filled['progress-reports']}/")
    body = {**report.json(), "indicators": [{"indicator": filled["indicators"], "value": "."}]}
    response = client_for(focal_a).put(
        f"{base(cycle)}progress-reports/{filled['progress-reports']}/", body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "indicators": ["0.value: A valid number is required."]
    }


def test_a_filter_by_an_unknown_id_gives_an_empty_page(cycle, focal_a):
    response = client_for(focal_a).get(f"{base(cycle)}inputs/?organisation=999999")
    assert response.status_code == 200 and response.json()["count"] == 0


def test_ids_beyond_what_the_database_holds_are_refused_with_400(filled, cycle, focal_a):
    input = client_for(focal_a).get(f"{base(cycle)}inputs/{filled['inputs']}/").json()
    body = {**input, "proposed_actions": [{"description": "x", "horizon": "short", "lead": 2**70}]}
    response = client_for(focal_a).put(f"{base(cycle)}inputs/{input['id']}/", body, format="json")
    assert response.status_code == 400
    assert "proposed_actions" in response.json()["error"]["fields"]


def test_form_encoded_bodies_answer_415(cycle, focal_a):
    response = client_for(focal_a).post(
        base(cycle) + "inputs/", {"objective": 10}, format="multipart"
    )
    assert response.status_code == 415
