"""Schemathesis against our own OpenAPI schema: generated requests (reads and writes, by a
focal point who may write) never get a server error nor an answer the schema does not
describe."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from knox.models import AuthToken

from config.wsgi import application
from gcmhub.assessments.models import Assignment
from gcmhub.framework.models import Objective

# Read at collection time (the schema view needs no database); one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# Valid requests only: lenient reads of unknown query values are fine; answers must not be.
schema.config.generation.update(modes=["positive"], max_examples=8, deterministic=True)


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
def focal_token(cycle, org_a, focal_a):
    Assignment.objects.create(
        cycle=cycle, organisation=org_a, objective=Objective.objects.get(number=1)
    )
    return AuthToken.objects.create(user=focal_a, expiry=None)[1]


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_honours_its_schema(case, focal_token):
    case.call_and_validate(headers={"Authorization": f"Token {focal_token}"})
