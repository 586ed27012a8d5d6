"""Schemathesis against our own OpenAPI schema, with every check it has (server errors,
status codes, content types, response schemas and headers, `Allow` on 405, acceptance of
valid and rejection of invalid data, authentication): generated requests, valid and invalid,
by a focal point who may write, on a cycle with something in every record (ids in addresses
point at them), never get an answer the schema does not describe.

Bounded and deterministic: a few examples per operation and mode, the same on every run."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.config._checks import POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES

from config.wsgi import application
from gcmhub.assessments.models import Assignment
from gcmhub.framework.models import Objective

load_all_checks()
EVERY_CHECK = list(CHECKS.get_all())

# Read at collection time (the schema view needs no database); one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
schema.config.generation.update(modes=["positive", "negative"], max_examples=8, deterministic=True)
# A well-formed request that a rule of the cycle refuses as things stand answers 422 (see
# gcmhub.api.errors); a valid request answered 400 is still a failure.
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=[*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "422"]
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Schemathesis calls the WSGI application itself, whose request signals would close the
    test's database connection (and its transaction) after each request; Django's test client
    disconnects them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def focal_token(filled, cycle, org_a, focal_a):
    Assignment.objects.create(
        cycle=cycle, organisation=org_a, objective=Objective.objects.get(number=1)
    )
    return AuthToken.objects.create(user=focal_a, expiry=None)[1]


def aim_at_records(case, records: dict) -> None:
    """Valid ids in the address become those of the filled cycle's records (random ids would
    only ever reach a 404), so that answers with data are checked too."""
    segments = case.operation.path.strip("/").split("/")
    parameters = dict(case.path_parameters)
    for name, value in parameters.items():
        if not isinstance(value, int):
            continue  # a negated value stays as generated
        position = segments.index(f"{{{name}}}")
        collection = segments[position - 1]
        if name == "id" and collection == "comments" and value % 2:
            collection = "disposed-comment"
        if collection in records:
            parameters[name] = records[collection]
    case.path_parameters = parameters


def test_every_check_is_on():
    names = {check.__name__ for check in EVERY_CHECK}
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "unsupported_method",
        "allow_header_conformance",
        "ignored_auth",
    } <= names


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_honours_its_schema(case, filled, focal_token):
    aim_at_records(case, filled)
    case.call_and_validate(headers={"Authorization": f"Token {focal_token}"}, checks=EVERY_CHECK)
