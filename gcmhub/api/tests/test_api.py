"""The REST API: the same permissions as the pages, per persona; the partners' actions go
through the services; one error shape; tokens managed from the profile page."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from gcmhub.assessments.models import Input
from gcmhub.core.workflow import State
from gcmhub.documents.models import Comment
from gcmhub.network.models import ProgressReport, ReportState
from gcmhub.priorities.models import ScoreSheet

CRITERIA = ["urgency", "policy", "feasibility", "benefit", "alignment"]


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _, key = AuthToken.objects.create(user=user, expiry=None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def base(cycle) -> str:
    return f"/api/v1/cycles/{cycle.pk}/"


# Reading: who sees what


def test_anonymous_requests_get_401_in_the_error_shape(cycle):
    response = APIClient().get("/api/v1/networks/")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["status"] == 401
    assert error["code"] == "not_authenticated"
    assert error["message"]
    assert error["fields"] == {}


def test_networks_and_cycles_are_those_of_the_user(cycle, other_cycle, coordinator):
    client = client_for(coordinator)
    networks = client.get("/api/v1/networks/").json()
    assert [n["slug"] for n in networks["results"]] == ["alpha"]
    assert networks["results"][0]["role"] == "coordinator"
    cycles = client.get("/api/v1/cycles/").json()["results"]
    assert [c["id"] for c in cycles] == [cycle.pk]
    assert client.get(f"/api/v1/cycles/{other_cycle.pk}/").status_code == 404
    assert client.get(f"{base(other_cycle)}organisations/").status_code == 404


def test_session_authentication_works_too(client, cycle, coordinator):
    client.force_login(coordinator)
    assert client.get("/api/v1/cycles/").json()["count"] == 1


@pytest.mark.parametrize(
    ("persona", "path", "expected"),
    [
        ("coordinator", "inputs/", 200),
        ("consultant", "inputs/", 200),
        ("focal_a", "inputs/", 200),
        ("observer", "inputs/", 403),
        ("outsider", "inputs/", 404),
        ("observer", "decisions/", 403),
        ("focal_a", "decisions/", 200),
        ("observer", "activities/", 200),
        ("observer", "documents/", 403),
        ("consultant", "documents/", 200),
        ("observer", "progress-reports/", 403),
        ("focal_b", "progress-reports/", 200),
        ("observer", "meetings/", 403),
        ("focal_a", "meetings/", 200),
        ("observer", "organisations/", 200),
        ("observer", "consultations/", 403),
        ("focal_a", "consultations/", 200),
        ("observer", "outputs/", 200),
        ("observer", "obligations/", 403),
        ("focal_a", "obligations/", 200),
        ("observer", "working-groups/", 200),
        ("outsider", "working-groups/", 404),
    ],
)
def test_read_permissions_per_persona_mirror_the_pages(cycle, personas, persona, path, expected):
    assert client_for(personas[persona]).get(base(cycle) + path).status_code == expected


def test_inputs_read_as_on_the_pages(cycle, assigned, org_a, org_b, personas):
    """A focal point reads their organisation's inputs, drafts included; the coordinator
    only inputs that were submitted."""
    Input.objects.create(cycle=cycle, organisation=org_a, objective=assigned)
    Input.objects.create(cycle=cycle, organisation=org_b, objective=assigned, state=State.SUBMITTED)

    def seen(persona):
        response = client_for(personas[persona]).get(base(cycle) + "inputs/?objective=10")
        return sorted(i["organisation"] for i in response.json()["results"])

    assert seen("focal_a") == [org_a.pk]
    assert seen("focal_b") == [org_b.pk]
    assert seen("coordinator") == [org_b.pk]


def test_lists_are_paginated_and_filtered(cycle, coordinator, network):
    from gcmhub.tests.factories import OrganisationFactory

    for n in range(60):
        OrganisationFactory(network=network, name=f"Org {n:02}", type="government")
    OrganisationFactory(network=network, name="UN agency", type="un_agency")
    client = client_for(coordinator)
    first = client.get(base(cycle) + "organisations/").json()
    assert first["count"] == 61 and len(first["results"]) == 50 and first["next"]
    agencies = client.get(base(cycle) + "organisations/?type=un_agency").json()
    assert [o["name"] for o in agencies["results"]] == ["UN agency"]


# Writing: inputs


def test_a_focal_point_writes_and_submits_an_input(cycle, assigned, focal_a, org_a):
    client = client_for(focal_a)
    created = client.post(base(cycle) + "inputs/", {"objective": 10}, format="json")
    assert created.status_code == 201
    input = created.json()
    assert input["organisation"] == org_a.pk and input["state"] == "draft"
    url = f"{base(cycle)}inputs/{input['id']}/"
    saved = client.put(
        url,
        {
            "version": input["version"],
            "situation": "Strategy adopted in 2021.",
            "gaps": "No data on returns.",
            "needs": [{"type": "data", "description": "Returns data"}],
            "proposed_actions": [
                {"description": "A data hub", "horizon": "short", "lead": org_a.pk}
            ],
            "gcm_actions": ["a"],
        },
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["needs"][0]["description"] == "Returns data"
    assert saved.json()["gcm_actions"] == ["a"]
    submitted = client.post(url + "submit/")
    assert submitted.status_code == 200
    stored = Input.objects.get(pk=input["id"])
    assert stored.state == State.SUBMITTED and stored.situation == "Strategy adopted in 2021."
    assert stored.history.latest().history_user == focal_a  # audited like a page save


def test_a_stale_input_save_answers_409_and_keeps_the_other_text(cycle, assigned, focal_a):
    client = client_for(focal_a)
    input = client.post(base(cycle) + "inputs/", {"objective": 10}, format="json").json()
    url = f"{base(cycle)}inputs/{input['id']}/"
    client.put(url, {"version": 1, "situation": "First"}, format="json")
    stale = client.put(url, {"version": 1, "situation": "Second"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale"
    assert Input.objects.get(pk=input["id"]).situation == "First"


def test_bad_input_names_the_field(cycle, assigned, focal_a, org_a):
    client = client_for(focal_a)
    input = client.post(base(cycle) + "inputs/", {"objective": 10}, format="json").json()
    response = client.put(
        f"{base(cycle)}inputs/{input['id']}/",
        {"version": 1, "needs": [{"type": "wishes", "description": "x"}]},
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "needs" in error["fields"]
    unassigned = client.post(base(cycle) + "inputs/", {"objective": 3}, format="json")
    assert unassigned.status_code == 422  # well formed, refused by a rule of the cycle
    assert unassigned.json()["error"]["code"] == "refused"
    assert "not asked about this objective" in unassigned.json()["error"]["message"]


@pytest.mark.parametrize("persona", ["coordinator", "consultant", "observer"])
def test_only_focal_points_write_inputs(cycle, assigned, personas, persona):
    response = client_for(personas[persona]).post(
        base(cycle) + "inputs/", {"objective": 10}, format="json"
    )
    assert response.status_code == 403
    assert not Input.objects.exists()


def test_a_focal_point_cannot_touch_another_organisations_input(cycle, assigned, org_b, focal_a):
    other = Input.objects.create(cycle=cycle, organisation=org_b, objective=assigned)
    client = client_for(focal_a)
    url = f"{base(cycle)}inputs/{other.pk}/"
    assert client.put(url, {"version": 1, "situation": "x"}, format="json").status_code == 404
    assert client.post(url + "submit/").status_code == 404
    assert Input.objects.get(pk=other.pk).situation == ""


# Writing: scores


def test_a_focal_point_scores_and_submits(scoring, cycle, focal_a, org_a, coordinator):
    client = client_for(focal_a)
    sheets = client.get(base(cycle) + "score-sheets/").json()["results"]
    assert [s["organisation"] for s in sheets] == [org_a.pk]
    url = f"{base(cycle)}score-sheets/{sheets[0]['id']}/"
    rows = [{"objective": n, "values": dict.fromkeys(CRITERIA, 4)} for n in range(1, 23)]
    rows.append({"objective": 23, "outside_mandate": True})
    saved = client.put(url, {"version": sheets[0]["version"], "rows": rows}, format="json")
    assert saved.status_code == 200, saved.json()
    assert len(saved.json()["rows"]) == 23
    assert client.post(url + "submit/").status_code == 200
    assert ScoreSheet.objects.get(organisation=org_a).state == State.SUBMITTED
    # The coordinator reads the submitted sheet, not B's draft; and cannot score.
    coordinator_client = client_for(coordinator)
    seen = coordinator_client.get(base(cycle) + "score-sheets/").json()["results"]
    assert [s["organisation"] for s in seen] == [org_a.pk]
    assert coordinator_client.put(url, {"version": 3, "rows": []}, format="json").status_code == 403


def test_scores_outside_1_to_5_are_refused(scoring, cycle, focal_a):
    client = client_for(focal_a)
    sheet = client.get(base(cycle) + "score-sheets/").json()["results"][0]
    response = client.put(
        f"{base(cycle)}score-sheets/{sheet['id']}/",
        {"version": sheet["version"], "rows": [{"objective": 1, "values": {"urgency": 9}}]},
        format="json",
    )
    assert response.status_code == 400
    assert "rows" in response.json()["error"]["fields"]


def test_submitting_an_incomplete_sheet_says_what_is_missing(scoring, cycle, focal_a):
    client = client_for(focal_a)
    sheet = client.get(base(cycle) + "score-sheets/").json()["results"][0]
    response = client.post(f"{base(cycle)}score-sheets/{sheet['id']}/submit/")
    assert response.status_code == 422
    assert "objectives 1, 2" in response.json()["error"]["message"]


# Writing: comments


def test_a_reviewer_comments_and_submits(review, cycle, focal_a, org_a, consultant, focal_b):
    client = client_for(focal_a)
    url = f"{base(cycle)}reviews/{review.pk}/comments/"
    sections = client.get(f"{base(cycle)}reviews/{review.pk}/").json()["sections"]
    key = sections[0]["key"]
    created = client.post(
        url, {"section_key": key, "type": "substantive", "text": "Add 2020 data."}, format="json"
    )
    assert created.status_code == 201, created.json()
    # A draft is private to its author.
    assert client_for(consultant).get(url).json()["count"] == 0
    assert client.post(url + "submit/").json() == {"submitted": 1}
    comments = client_for(consultant).get(url).json()["results"]
    assert [(c["number"], c["organisation"]) for c in comments] == [(1, org_a.pk)]
    # Not invited, or not a reviewer: forbidden.
    payload = {"section_key": key, "type": "editorial", "text": "x"}
    assert client_for(focal_b).post(url, payload, format="json").status_code == 403
    assert client_for(consultant).post(url, payload, format="json").status_code == 403
    assert Comment.objects.count() == 1


def test_a_comment_on_an_unknown_section_is_refused(review, cycle, focal_a):
    response = client_for(focal_a).post(
        f"{base(cycle)}reviews/{review.pk}/comments/",
        {"section_key": "nowhere", "type": "editorial", "text": "x"},
        format="json",
    )
    assert response.status_code == 422
    assert "section_key" in response.json()["error"]["fields"]


# Writing: progress reports


def test_a_focal_point_reports_progress(workplan, cycle, focal_a, coordinator, focal_b):
    activity, period = workplan
    client = client_for(focal_a)
    created = client.post(base(cycle) + "progress-reports/", {"period": period.pk}, format="json")
    assert created.status_code == 201
    started = ProgressReport.objects.get(pk=created.json()["id"])
    assert started.history.earliest().history_user == focal_a  # token requests are audited too
    url = f"{base(cycle)}progress-reports/{created.json()['id']}/"
    row = {"activity": activity.pk, "status": "ongoing", "percent_complete": 40}
    saved = client.put(
        url, {"version": 1, "summary": "On track.", "activities": [row]}, format="json"
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["activities"][0]["percent_complete"] == 40
    # Drafts are the organisation's own.
    assert client_for(coordinator).get(base(cycle) + "progress-reports/").json()["count"] == 0
    assert client_for(focal_b).get(url).status_code == 404
    assert client.post(url + "submit/").status_code == 200
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED
    assert client_for(coordinator).get(base(cycle) + "progress-reports/").json()["count"] == 1
    assert client_for(coordinator).post(url + "submit/").status_code == 403


def test_a_report_row_on_another_cycles_activity_is_refused(workplan, cycle, focal_a):
    _, period = workplan
    client = client_for(focal_a)
    report = client.post(base(cycle) + "progress-reports/", {"period": period.pk}, format="json")
    response = client.put(
        f"{base(cycle)}progress-reports/{report.json()['id']}/",
        {
            "version": 1,
            "activities": [{"activity": 999999, "status": "ongoing", "percent_complete": 1}],
        },
        format="json",
    )
    assert response.status_code == 422
    assert "activities" in response.json()["error"]["fields"]


# Tokens and documentation


def test_the_schema_and_its_documentation_are_served_by_the_app(client, db):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/cycles/{cycle_pk}/inputs/{id}/submit/" in paths
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "cdn" not in docs.lower()
