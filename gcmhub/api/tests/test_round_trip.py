"""The API's round trip: for every endpoint that writes with PUT or PATCH (found in the
OpenAPI schema, so a new one that is not covered here fails), as the persona who may write it,
on a filled cycle: GET the record, PUT the same body back: 200, and no domain data changed
(every row of the records involved and the count of history records compared, not the status
code); then change one field: exactly that changed."""

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

from gcmhub.assessments.models import Input, Need, ProposedAction, Reference
from gcmhub.documents.models import Comment
from gcmhub.priorities.models import ScoreRow, ScoreSheet
from gcmhub.workplan.models import ActivityProgress, IndicatorActual, ProgressReport

from .test_api import client_for

DOMAIN = [
    Input,
    Input.gcm_actions.through,
    Input.principles.through,
    Need,
    ProposedAction,
    Reference,
    ScoreSheet,
    ScoreRow,
    Comment,
    ProgressReport,
    ActivityProgress,
    IndicatorActual,
]


def snapshot() -> dict:
    """Every row of the records the writes touch, and how many history records each model
    has."""
    rows = {
        model._meta.label: sorted(
            tuple(repr(value) for value in row) for row in model.objects.values_list()
        )
        for model in DOMAIN
    }
    history = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
    }
    return {"rows": rows, "history": history}


def changed(before: dict, after: dict) -> dict:
    """Per model, the rows that differ."""
    out = {}
    for label, rows in before["rows"].items():
        gone = set(rows) - set(after["rows"][label])
        new = set(after["rows"][label]) - set(rows)
        if gone or new:
            out[label] = {"before": sorted(gone, key=repr), "after": sorted(new, key=repr)}
    return out


# (path in the schema, method, persona, the collection of `filled` the id comes from,
#  how to change one field of the body read, what that change must look like in the rows)
def _input_change(body):
    body["needs"][1]["description"] = "Trained border staff"


def _sheet_change(body):
    body["rows"][4]["comment"] = "Scored later."


def _comment_change(body):
    body["text"] = "Typo in the first line."


def _report_change(body):
    body["summary"] = "Behind schedule."


ROUND_TRIPS = {
    ("/api/v1/cycles/{cycle_pk}/inputs/{id}/", "put"): ("inputs", _input_change, Need),
    ("/api/v1/cycles/{cycle_pk}/score-sheets/{id}/", "put"): (
        "score-sheets",
        _sheet_change,
        ScoreRow,
    ),
    ("/api/v1/cycles/{cycle_pk}/reviews/{review_pk}/comments/{id}/", "put"): (
        "comments",
        _comment_change,
        Comment,
    ),
    ("/api/v1/cycles/{cycle_pk}/progress-reports/{id}/", "put"): (
        "progress-reports",
        _report_change,
        ProgressReport,
    ),
}


def writable_operations(client) -> set:
    paths = client.get("/api/schema/?format=json").json()["paths"]
    return {
        (path, method)
        for path, operations in paths.items()
        for method in operations
        if method in ("put", "patch")
    }


def test_every_writable_endpoint_has_its_round_trip(client, db):
    assert writable_operations(client) == set(ROUND_TRIPS)


def url_for(path, cycle, filled, collection) -> str:
    return (
        path.replace("{cycle_pk}", str(cycle.pk))
        .replace("{review_pk}", str(filled["reviews"]))
        .replace("{id}", str(filled[collection]))
    )


@pytest.mark.parametrize(("path", "method"), list(ROUND_TRIPS))
def test_putting_back_what_was_read_changes_nothing(filled, cycle, focal_a, path, method):
    collection, _, _ = ROUND_TRIPS[path, method]
    client = client_for(focal_a)
    url = url_for(path, cycle, filled, collection)
    read = client.get(url)
    assert read.status_code == 200
    before = snapshot()
    written = getattr(client, method)(url, read.json(), format="json")
    assert written.status_code == 200, written.json()
    assert changed(before, snapshot()) == {}
    assert snapshot()["history"] == before["history"]
    assert written.json() == read.json()


@pytest.mark.parametrize(("path", "method"), list(ROUND_TRIPS))
def test_changing_one_field_changes_exactly_that(filled, cycle, focal_a, path, method):
    collection, change, model = ROUND_TRIPS[path, method]
    client = client_for(focal_a)
    url = url_for(path, cycle, filled, collection)
    body = client.get(url).json()
    change(body)
    before = snapshot()
    written = getattr(client, method)(url, body, format="json")
    assert written.status_code == 200, written.json()
    diff = changed(before, snapshot())
    label = model._meta.label
    # One row of one model changed (its version too where it has one: the parent record's
    # version moves with any change of its rows).
    assert set(diff) <= {label, *_parents(model)}
    assert len(diff[label]["before"]) == len(diff[label]["after"]) == 1
    old, new = diff[label]["before"][0], diff[label]["after"][0]
    fields = [f.attname for f in model._meta.concrete_fields]
    differing = {fields[i] for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b} - {
        "updated_at",
        "version",
        "updated_by_id",
    }
    assert len(differing) == 1, differing


def _parents(model) -> set:
    return {
        Need: {Input._meta.label},
        ScoreRow: {ScoreSheet._meta.label},
    }.get(model, set())
