"""Records the API tests share: an objective assigned to both organisations, an open scoring
round, a review of the first draft, a work plan with a reporting period."""

import datetime as dt
from decimal import Decimal

import pytest

from gcmhub.assessments.models import Assignment
from gcmhub.documents import services as documents
from gcmhub.framework.models import Objective
from gcmhub.priorities import services as priorities
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.tests.factories import CooperationFrameworkFactory, FrameworkOutcomeFactory
from gcmhub.workplan import services as workplan_services

CRITERIA = ["urgency", "policy", "feasibility", "benefit", "alignment"]


@pytest.fixture
def assigned(cycle, org_a, org_b):
    objective = Objective.objects.get(number=10)
    for organisation in (org_a, org_b):
        Assignment.objects.create(cycle=cycle, organisation=organisation, objective=objective)
    return objective


@pytest.fixture
def scoring(cycle, org_a, org_b, coordinator):
    priorities.round_prepare(cycle=cycle)
    priorities.sheets_invite(cycle=cycle, organisations=[org_a, org_b], by=coordinator)
    priorities.round_open(cycle=cycle, by=coordinator)
    return cycle


@pytest.fixture
def review(cycle, consultant, coordinator, org_a):
    document = documents.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    version = documents.version_issue(
        confirmed=True, document=document, by=consultant, note="First draft"
    )
    return documents.review_open(
        version=version, by=coordinator, deadline=dt.date(2021, 6, 14), organisations=[org_a]
    )


@pytest.fixture
def workplan(cycle, coordinator, org_a):
    framework = CooperationFrameworkFactory(cycle=cycle)
    outcome = FrameworkOutcomeFactory(priority__framework=framework, code="4.2")
    output = workplan_services.output_save(
        cycle=cycle, by=coordinator, outcome=outcome, code="4.2.1", title="Out"
    )
    activity = workplan_services.activity_save(
        cycle=cycle,
        by=coordinator,
        output=output,
        code="4.2.1.a",
        title="Training",
        lead_organisations=[org_a],
        starts=dt.date(2021, 9, 1),
        ends=dt.date(2022, 12, 31),
        budget_planned=Decimal(1000),
        budget_secured=Decimal(500),
        currency="USD",
        status="ongoing",
    )
    period = workplan_services.period_save(
        cycle=cycle,
        by=coordinator,
        label="2021 H2",
        starts=dt.date(2021, 7, 1),
        ends=dt.date(2021, 12, 31),
        due_date=dt.date(2022, 1, 15),
    )
    return activity, period


@pytest.fixture
def filled(cycle, assigned, scoring, review, workplan, org_a, focal_a, consultant, coordinator):
    """A cycle with something in every record the API reads or writes, as focal point A
    leaves it: an input with rows of every kind, a scored sheet, a draft and a disposed
    comment, a progress report with an activity and an indicator row; plus a decision and a
    meeting whose choices are not made yet."""
    from gcmhub.assessments import services as assessments
    from gcmhub.framework.models import GuidingPrinciple
    from gcmhub.meetings.models import Meeting, MeetingType
    from gcmhub.priorities.models import Decision, DecisionHorizon, ScoreSheet

    input = assessments.input_open(cycle=cycle, organisation=org_a, objective=assigned, by=focal_a)
    assessments.input_save(
        input=input,
        by=focal_a,
        expected_version=input.version,
        content=assessments.InputContent(
            situation="A strategy adopted in 2021.",
            gaps="No data on returns.",
            needs=[
                {"type": "data", "description": "Returns data"},
                {"type": "capacity", "description": "Trained staff"},
            ],
            proposed_actions=[{"description": "A data hub", "horizon": "short", "lead": org_a.pk}],
            references=[{"kind": "law", "title": "Law 6458", "url": "https://example.org/l"}],
            gcm_actions=["a"],
            principles=[GuidingPrinciple.objects.order_by("pk").first().key],
        ),
    )
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    rows = {n: {"values": dict.fromkeys(CRITERIA, 3)} for n in range(1, 23)}
    rows[5] = {"values": {"urgency": 5}, "comment": "Half scored."}
    rows[23] = {"outside_mandate": True, "values": {}}
    priorities.sheet_save(sheet=sheet, by=focal_a, rows=rows, expected_version=sheet.version)
    key = review.version.content["sections"][0]["key"]
    submitted = documents.comment_save(
        review=review, by=focal_a, section_key=key, type="substantive", text="A"
    )
    documents.comments_submit(review=review, by=focal_a)
    documents.comment_dispose(
        comment=submitted, by=consultant, disposition="accepted", reply="Done."
    )
    draft = documents.comment_save(
        review=review,
        by=focal_a,
        section_key=key,
        type="editorial",
        quote="the",
        text="Typo.",
    )
    activity, period = workplan
    indicator = workplan_services.indicator_save(
        cycle=cycle,
        by=coordinator,
        output=activity.output,
        code="I.1",
        name="People trained",
        kind="numeric",
        reported_by=org_a,
        baseline_value=Decimal(10),
    )
    report = workplan_services.progress_report_open(period=period, by=focal_a)
    workplan_services.progress_report_save(
        report=report,
        by=focal_a,
        summary="On track.",
        activity_rows=[
            {"activity": activity, "status": "ongoing", "percent_complete": 40, "narrative": "x"}
        ],
        actual_rows=[{"indicator": indicator, "value": Decimal(12), "narrative": "Counted."}],
        expected_version=report.version,
    )
    decision = Decision.objects.create(
        cycle=cycle, objective=assigned, horizon=DecisionHorizon.SHORT, rationale="Urgent."
    )
    meeting = Meeting.objects.create(
        cycle=cycle,
        type=MeetingType.NETWORK,
        title="Network meeting",
        starts_at=dt.datetime(2021, 6, 24, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2021, 6, 24, 12, tzinfo=dt.UTC),
    )
    return {
        "cycles": cycle.pk,
        "inputs": input.pk,
        "score-sheets": sheet.pk,
        "reviews": review.pk,
        "comments": draft.pk,
        "disposed-comment": submitted.pk,
        "progress-reports": report.pk,
        "periods": period.pk,
        "activities": activity.pk,
        "outputs": activity.output_id,
        "indicators": indicator.pk,
        "documents": review.version.document_id,
        "decisions": decision.pk,
        "meetings": meeting.pk,
        "organisations": org_a.pk,
    }
