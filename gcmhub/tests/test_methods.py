"""Pages that only read answer 405 to POST, PUT and DELETE; pages that edit never answer a
POST with a page as if nothing had been asked.

The routes come from the URL configuration (every page of the app, the API's viewsets
aside: they answer 405 themselves). A page is read-only when its view is wrapped by
`require_safe` (GET and HEAD). Every route is tried on the demo, as the coordinator, with a POST
of no known field: read-only pages answer 405; any other page must show that it handled the POST (a
redirect, a refusal, or the form again with its errors), never 200 with nothing done and never
500. A new page that reads only and is not marked fails here."""

import inspect
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from gcmhub.assessments.models import Attachment, QuestionnaireUpload, Reference
from gcmhub.coordination.models import Obligation, SopRule
from gcmhub.core.models import Cycle, FileJob, User
from gcmhub.documents.models import Comment, Document, Endorsement, Recommendation
from gcmhub.exports.models import ExportJob
from gcmhub.meetings.models import Attendee, MeetingInvitation, Outcome
from gcmhub.notifications.models import Notification
from gcmhub.priorities.models import ScoreSheet
from gcmhub.regions.models import Region
from gcmhub.tests.demo import load_demo
from gcmhub.workplan.models import ProgressReport

pytestmark = pytest.mark.django_db

# Edit pages whose answer to a POST is a 200 page without form errors, and why that is right.
ANSWER_WITH_A_PAGE = {
    # Shows the new token once: the POST replaced it.
    "api-token": "the page of the new token",
}

FORM_ERRORS = re.compile(r'role="alert"|class="errorlist|class="error-summary')


def routes():
    """(route, name, callback) of every page of the app."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern

    for route, pattern in walk(get_resolver().url_patterns):
        module = pattern.callback.__module__
        if module.startswith("gcmhub") and not module.startswith("gcmhub.api.views"):
            yield route, pattern


def is_read_only(view) -> bool:
    """Whether `require_safe` (or `require_GET`) wraps the view."""
    while view is not None:
        methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        if methods is not None and set(methods) <= {"GET", "HEAD"}:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def demo_kwargs() -> dict:
    """A value for every keyword of the routes, from the demo's 2021 cycle."""
    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    document = Document.objects.filter(cycle=cycle, sections__isnull=False).first()
    reference = Reference.objects.filter(input__cycle=cycle).first()
    comment = Comment.objects.filter(review__version__document__cycle=cycle).first()
    outcome = Outcome.objects.filter(meeting__cycle=cycle, agenda_item__isnull=False).first()
    meeting = outcome.meeting
    obligation = Obligation.objects.filter(rule__cycle=cycle).first()
    report = ProgressReport.objects.filter(period__cycle=cycle).first()
    coordinator = User.objects.get(username="coordinator")
    job = ExportJob.objects.filter(cycle=cycle).first() or ExportJob.objects.create(
        cycle=cycle, requested_by=coordinator
    )
    upload = QuestionnaireUpload.objects.filter(cycle=cycle).first() or (
        QuestionnaireUpload.objects.create(
            cycle=cycle,
            organisation=reference.input.organisation,
            file_name="questionnaire.xlsx",
            payload={"inputs": []},
            uploaded_by=coordinator,
        )
    )
    consultation = cycle.consultations.first()
    attachment = Attachment.objects.filter(consultation__cycle=cycle).first() or (
        Attachment.objects.create(
            consultation=consultation,
            title="Notes",
            file=SimpleUploadedFile("notes.txt", b"Notes of the consultation."),
        )
    )
    return {
        "network_slug": cycle.network.slug,
        "cycle_pk": cycle.pk,
        "number": 10,
        "organisation_pk": coordinator.memberships.get().organisation_id,
        "membership_pk": coordinator.memberships.get().pk,
        "invitation_pk": MeetingInvitation.objects.filter(meeting=meeting).first().pk,
        "input_pk": reference.input_id,
        "reference_pk": reference.pk,
        "upload_pk": upload.pk,
        "consultation_pk": attachment.consultation_id,
        "attachment_pk": attachment.pk,
        "sheet_pk": ScoreSheet.objects.filter(cycle=cycle).first().pk,
        "document_pk": document.pk,
        "section_pk": document.sections.first().pk,
        "recommendation_pk": Recommendation.objects.filter(document=document).first().pk
        if Recommendation.objects.filter(document=document).exists()
        else None,
        "version_pk": document.versions.first().pk,
        "fmt": "docx",
        "language": "tr",  # a document's edition in one language
        "label": "documents.section",  # a kind of text with editions (its translate page)
        "review_pk": comment.review_id,
        "comment_pk": comment.pk,
        "endorsement_pk": Endorsement.objects.filter(version__document__cycle=cycle).first().pk,
        "meeting_pk": meeting.pk,
        "attendee_pk": Attendee.objects.filter(meeting=meeting).first().pk,
        "item_pk": outcome.agenda_item_id,
        "outcome_pk": outcome.pk,
        "group_pk": cycle.network.working_groups.first().pk,
        "rule_pk": SopRule.objects.filter(cycle=cycle).first().pk,
        "obligation_pk": obligation.pk,
        "output_pk": cycle.outputs.first().pk,
        "activity_pk": report.activity_rows.first().activity_id,
        "indicator_pk": cycle.indicators.first().pk,
        "breakdown_pk": cycle.breakdowns.first().pk,
        "period_pk": report.period_id,
        "report_pk": report.pk,
        "job_pk": job.pk,
        "pk": FileJob.objects.create(kind="minutes", key="probe", requested_by=coordinator).pk,
        "region_slug": Region.objects.first().slug,
        "token": document.public_token,
        "notification_pk": Notification.objects.filter(recipient=coordinator).first().pk,
    }


def url_of(route: str, kwargs: dict) -> str | None:
    def value(match):
        name = match.group(1).split(":")[-1]
        found = kwargs.get(name)
        if found is None:
            raise LookupError(name)
        return str(found)

    try:
        return "/" + re.sub(r"<([^>]+)>", value, route)
    except LookupError:
        return None


@pytest.fixture
def demo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    client.force_login(User.objects.get(username="coordinator"))
    return demo_kwargs()


def test_every_page_answers_a_post_for_what_it_is(client, demo):
    read_only = edit = 0
    problems, untried = [], []
    for route, pattern in routes():
        url = url_of(route, demo)
        if url is None:
            untried.append(route)
            continue
        with transaction.atomic():  # each POST leaves the demo as it was for the next
            # Not empty: views that bind `request.POST or None` would take it for a GET.
            response = client.post(url, {"probe": "1"})
            transaction.set_rollback(True)
        if is_read_only(pattern.callback):
            read_only += 1
            if response.status_code != 405 or response["Allow"] != "GET, HEAD":
                problems.append(
                    f"{url} ({pattern.name}) reads only but answered POST with "
                    f"{response.status_code}"
                )
            continue
        edit += 1
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if response.status_code >= 500 or (
            response.status_code == 200
            and not FORM_ERRORS.search(body)
            and pattern.name not in ANSWER_WITH_A_PAGE
        ):
            problems.append(
                f"{url} ({pattern.name}) answered a POST of no known field with "
                f"{response.status_code} "
                "and nothing to show for it: mark it @require_safe if it only reads"
            )
    assert problems == [], "\n".join(problems)
    # Every route was tried, on records the demo has.
    assert untried == [], untried
    assert read_only >= 60 and edit >= 80


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_read_only_pages_refuse_other_methods_too(client, demo, method):
    url = url_of("networks/<slug:network_slug>/cycles/<int:cycle_pk>/", demo)
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head(url).status_code == 200


def test_read_only_pages_are_told_apart_by_their_decorator():
    from gcmhub.core import views as core
    from gcmhub.exports import views as exports

    assert is_read_only(core.cycle_detail)
    assert not is_read_only(core.cycle_edit)
    assert not is_read_only(exports.export_delete)  # POST only
