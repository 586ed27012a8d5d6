import datetime as dt

import pytest

from gcmhub.documents.tests import conftest as documents_conftest
from gcmhub.meetings import services
from gcmhub.meetings.models import MeetingType, OutcomeType, ValidationOutcome

# The report fixtures: a document, its version 0.1, and a review of it.
document = documents_conftest.document
version = documents_conftest.version
review = documents_conftest.review


def meeting_data(version, **extra):
    return {
        "title": "Validation meeting",
        "type": MeetingType.VALIDATION,
        "date": dt.date(2021, 6, 24),
        "start_time": dt.time(10, 0),
        "end_time": dt.time(13, 30),
        "time_zone": "Europe/Istanbul",
        "venue": "Ankara",
        "online_link": "",
        "version": version,
        **extra,
    }


@pytest.fixture
def meeting(cycle, coordinator, version, org_a, org_b, focal_a, focal_b):
    meeting = services.meeting_save(cycle=cycle, by=coordinator, **meeting_data(version))
    services.agenda_save(
        meeting=meeting,
        by=coordinator,
        rows=[
            {"title": "Opening"},
            {"title": "Findings", "sections": ["executive-summary", "no-such-section"]},
        ],
    )
    services.invitations_set(meeting=meeting, by=coordinator, organisations=[org_a, org_b])
    return meeting


def agreed_change(meeting, by, text="Name the municipalities in the summary."):
    return services.outcome_save(
        meeting=meeting,
        by=by,
        type=OutcomeType.AGREED_CHANGE,
        text=text,
        section_key="executive-summary",
        agenda_item=meeting.agenda_items.last(),
    )


def validate(meeting, by, outcome=ValidationOutcome.WITH_CHANGES):
    return services.validation_record(meeting=meeting, by=by, outcome=outcome)
