"""Every edit form gives back exactly what a person wrote (issue 12).

On the Türkiye demo (every formset filled), as the persona who may edit it, each edit page is
loaded, its HTML form is posted back untouched as a browser would send it, and the whole
database is compared before and after: an untouched save writes nothing at all (no domain row
changes, no version counter moves, no history record). Then one field is changed and exactly that
field (with the edited object's version counter and "updated" stamps) must change.

The registry below is checked against the URL configuration: a new view that accepts POST must be
listed here, either as an edit form with its cases or, with a reason, as something else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from gcmhub.tests.roundtrip import (
    HtmlForm,
    changes,
    history_count,
    page_form,
    post_form,
    snapshot,
)

# Fields that record that a change happened rather than what changed.
BOOKKEEPING = {"version", "updated_at", "updated_by_id", "modified_at"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction rolled back at its end;
    each test runs in its own savepoint on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def cycle_kwargs(**extra):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def network_kwargs(**extra):
    return {"network_slug": cycle_kwargs()["network_slug"], **extra}


@dataclass
class Case:
    """One edit form: who edits it, where, and one change with the fields it must touch."""

    id: str
    url_name: str
    persona: str
    kwargs: Callable[[], dict]
    change: dict | Callable[[HtmlForm], dict]  # field name -> new value (None: send nothing)
    expect: set  # (model label, field) that the change touches
    page: Callable[[], str] | None = None  # the page that shows the form, if another one
    submit: str | None = None  # the button clicked (the first one when None)
    setup: Callable[[], None] | None = None  # bring the demo to a state where the form edits
    ok: Callable = field(default=lambda response: response.status_code == 302)


def _pk(model_path: str, **lookup) -> int:
    from django.apps import apps

    return (
        apps.get_model(model_path)
        .objects.filter(**lookup)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


def _in_cycle(model_path: str, **lookup) -> int:
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    paths = {
        "assessments.Input": "cycle",
        "assessments.Consultation": "cycle",
        "documents.Document": "cycle",
        "meetings.Meeting": "cycle",
        "network.Output": "cycle",
        "network.Indicator": "cycle",
        "network.SopRule": "cycle",
        "network.ReportingPeriod": "cycle",
        "network.Activity": "output__cycle",
        "network.ProgressReport": "period__cycle",
        "meetings.Outcome": "meeting__cycle",
        "meetings.MeetingInvitation": "meeting__cycle",
        "documents.Review": "version__document__cycle",
        "documents.Comment": "review__version__document__cycle",
        "documents.Endorsement": "version__document__cycle",
        "documents.Section": "document__cycle",
    }
    return _pk(model_path, **{paths[model_path]: cycle}, **lookup)


def _organisation(username: str) -> int:
    return _pk("directory.Organisation", memberships__user__username=username)


def _focal_input(state: str) -> int:
    return _in_cycle(
        "assessments.Input", state=state, organisation__memberships__user__username="focal"
    )


def _open_criteria():
    """The criteria can change only while the scoring round is being prepared."""
    from gcmhub.priorities.models import ScoringRound

    ScoringRound.objects.update(status="setup", opened_at=None)


def _returned_report():
    """The focal point's report of 2021 H2, returned to them so that they can edit it."""
    from gcmhub.network.models import ProgressReport

    ProgressReport.objects.filter(organisation_id=_organisation("focal")).update(
        state="returned", return_reason="Add the figures of December."
    )


def _tor_recommendation():
    """A recommendation on a document still open to edits (the report's 1.0 is final)."""
    from gcmhub.documents.models import Recommendation

    document = _in_cycle("documents.Document", kind="voluntary_review")
    Recommendation.objects.create(document_id=document, text="Publish the referral map.")


def _tick_one_more(form: HtmlForm, name: str) -> dict:
    """The boxes of `name` ticked now, and the first one that is not."""
    boxes = [c for c in form.controls if c.name == name]
    ticked = [c.value for c in boxes if c.checked]
    return {name: [*ticked, next(c.value for c in boxes if not c.checked)]}


def _meeting(type_: str) -> int:
    return _in_cycle("meetings.Meeting", type=type_)


def _agreed_change() -> int:
    return _in_cycle("meetings.Outcome", type="agreed_change")


CASES: list[Case] = [
    Case(
        "profile",
        "profile",
        "focal",
        dict,
        change={"first_name": "Ayşe Nur"},
        expect={("core.User", "first_name")},
    ),
    Case(
        "cycle-edit",
        "cycle-edit",
        "coordinator",
        cycle_kwargs,
        change={"title": "GCM Needs Assessment 2021 (revised)"},
        expect={("core.Cycle", "title")},
    ),
    Case(
        "cooperation-framework-edit",
        "cooperation-framework-edit",
        "coordinator",
        cycle_kwargs,
        change={"outcomes-0-statement": "By 2025, more people are protected."},
        expect={("framework.FrameworkOutcome", "statement")},
    ),
    Case(
        "organisation-edit",
        "organisation-edit",
        "coordinator",
        lambda: network_kwargs(organisation_pk=_organisation("focal")),
        change={"notes": "Leads the work on irregular migration."},
        expect={("directory.Organisation", "notes")},
    ),
    Case(
        "member-edit",
        "member-edit",
        "coordinator",
        lambda: network_kwargs(membership_pk=_pk("directory.Membership", user__username="focal")),
        change={"position": "Deputy head of department"},
        expect={("directory.Membership", "position")},
    ),
    Case(
        "collection-edit",
        "collection-edit",
        "coordinator",
        cycle_kwargs,
        page=lambda: reverse("assessment-home", kwargs=cycle_kwargs()),
        change={"instructions": "Answer for your own institution only."},
        expect={("assessments.Collection", "instructions")},
    ),
    Case(
        "assignment-edit",
        "assignment-edit",
        "coordinator",
        lambda: cycle_kwargs(organisation_pk=_organisation("focal")),
        change=lambda form: _tick_one_more(form, "objectives"),
        expect={("assessments.Assignment", "+")},
    ),
    Case(
        "input-edit-returned",
        "input-edit",
        "focal",
        lambda: cycle_kwargs(input_pk=_focal_input("returned")),
        change={"needs-0-description": "Shelters for victims in every province."},
        expect={("assessments.Need", "description")},
    ),
    Case(
        "input-edit-draft",
        "input-edit",
        "focal",
        lambda: cycle_kwargs(input_pk=_focal_input("draft")),
        change={"gaps": "No data on returns."},
        expect={("assessments.Input", "gaps")},
    ),
    Case(
        "consultation-edit",
        "consultation-edit",
        "consultant",
        lambda: cycle_kwargs(consultation_pk=_in_cycle("assessments.Consultation")),
        change={"title": "Interview with the ministry (second round)"},
        expect={("assessments.Consultation", "title")},
    ),
    Case(
        "objective-synthesis",
        "objective-synthesis",
        "consultant",
        lambda: cycle_kwargs(number=10),
        change={"text": "Referral works in the large provinces only."},
        expect={("assessments.Synthesis", "text")},
    ),
    Case(
        "priority-criteria",
        "priority-criteria",
        "coordinator",
        cycle_kwargs,
        setup=_open_criteria,
        change={"criteria-0-question": "How urgent is it for migrants today?"},
        expect={("priorities.Criterion", "question")},
    ),
    Case(
        "scoring-sheet",
        "scoring-sheet",
        "focal",
        cycle_kwargs,
        submit="save",
        change={"o1-comment": "Border work is shared with the police."},
        expect={("priorities.ScoreRow", "comment")},
    ),
    Case(
        "objective-priority",
        "objective-priority",
        "coordinator",
        lambda: cycle_kwargs(number=10),
        change={"rationale": "Most inputs ask for it first."},
        expect={("priorities.Decision", "rationale"), ("priorities.Decision", "decided_at")},
    ),
    Case(
        "document-edit",
        "document-edit",
        "coordinator",
        lambda: cycle_kwargs(
            document_pk=_in_cycle("documents.Document", kind="terms_of_reference")
        ),
        change={"title": "Terms of reference of the network (draft)"},
        expect={("documents.Document", "title")},
    ),
    Case(
        "section-edit",
        "section-edit",
        "consultant",
        lambda: cycle_kwargs(
            document_pk=_in_cycle("documents.Document", kind="terms_of_reference"),
            section_pk=_in_cycle("documents.Section", document__kind="terms_of_reference"),
        ),
        change={"body": "<p>The network meets every quarter.</p>"},
        expect={("documents.Section", "body")},
    ),
    Case(
        "recommendation-edit",
        "recommendation-edit",
        "consultant",
        lambda: cycle_kwargs(
            document_pk=_in_cycle("documents.Document", kind="voluntary_review"),
            recommendation_pk=_pk("documents.Recommendation", document__kind="voluntary_review"),
        ),
        setup=_tor_recommendation,
        change={"text": "Publish the referral map in Turkish and Arabic."},
        expect={("documents.Recommendation", "text")},
    ),
    Case(
        "comment-dispose",
        "comment-dispose",
        "consultant",
        lambda: cycle_kwargs(
            review_pk=_in_cycle("documents.Review"), comment_pk=_in_cycle("documents.Comment")
        ),
        page=lambda: reverse(
            "comment-matrix", kwargs=cycle_kwargs(review_pk=_in_cycle("documents.Review"))
        ),
        change=lambda form: {
            f"c{_in_cycle('documents.Comment')}-reply": "Done in the next version."
        },
        expect={("documents.Comment", "reply"), ("documents.Comment", "disposed_at")},
    ),
    Case(
        "endorsement-respond",
        "endorsement-respond",
        "focal",
        lambda: cycle_kwargs(
            endorsement_pk=_in_cycle(
                "documents.Endorsement", organisation__memberships__user__username="focal"
            )
        ),
        page=lambda: reverse("meeting-list", kwargs=cycle_kwargs()),
        change={"response": "reservation", "reservation": "Pending the minister's review."},
        # with who answered, when, and the text (hash) of the version answered
        expect={
            ("documents.Endorsement", "response"),
            ("documents.Endorsement", "reservation"),
            ("documents.Endorsement", "responded_at"),
            ("documents.Endorsement", "responded_by_id"),
            ("documents.Endorsement", "version_hash"),
        },
    ),
    Case(
        "meeting-edit",
        "meeting-edit",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("network")),
        change={"venue": "UN House, Ankara (room 2)"},
        expect={("meetings.Meeting", "venue")},
    ),
    Case(
        "agenda-edit",
        "agenda-edit",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("validation")),
        change={"agenda-0-description": "Opening words of the coordinator."},
        expect={("meetings.AgendaItem", "description")},
    ),
    Case(
        "invitations",
        "invitations",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("network")),
        change=lambda form: _tick_one_more(form, "organisations"),
        expect={("meetings.MeetingInvitation", "+")},
    ),
    Case(
        "invitation-reply",
        "invitation-reply",
        "focal",
        lambda: cycle_kwargs(
            meeting_pk=_meeting("network"),
            invitation_pk=_in_cycle(
                "meetings.MeetingInvitation",
                meeting__type="network",
                organisation__memberships__user__username="focal",
            ),
        ),
        page=lambda: reverse("meeting-detail", kwargs=cycle_kwargs(meeting_pk=_meeting("network"))),
        change={"reply": "accepted"},
        expect={
            ("meetings.MeetingInvitation", "reply"),
            ("meetings.MeetingInvitation", "replied_at"),
        },
    ),
    Case(
        "minutes-save",
        "minutes-save",
        "coordinator",
        lambda: cycle_kwargs(
            meeting_pk=_meeting("network"),
            item_pk=_pk("meetings.AgendaItem", meeting_id=_meeting("network")),
        ),
        page=lambda: reverse("minutes", kwargs=cycle_kwargs(meeting_pk=_meeting("network"))),
        change=lambda form: {
            f"m{_pk('meetings.AgendaItem', meeting_id=_meeting('network'))}-minutes": "Agreed."
        },
        expect={("meetings.AgendaItem", "minutes")},
    ),
    Case(
        "outcome-resolve",
        "outcome-resolve",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("validation"), outcome_pk=_agreed_change()),
        change={"resolution": "Rewritten in section 4 of the final version."},
        expect={("meetings.Outcome", "resolution"), ("meetings.Outcome", "resolved_at")},
    ),
    Case(
        "validation-record",
        "validation-record",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("validation")),
        page=lambda: reverse(
            "meeting-detail", kwargs=cycle_kwargs(meeting_pk=_meeting("validation"))
        ),
        change={"note": "Validated with two agreed changes."},
        expect={("meetings.Meeting", "outcome_note"), ("meetings.Meeting", "outcome_recorded_at")},
    ),
    Case(
        "working-group-edit",
        "working-group-edit",
        "coordinator",
        lambda: cycle_kwargs(group_pk=_pk("network.WorkingGroup")),
        change={"purpose": "Data on migration, shared and compared."},
        expect={("network.WorkingGroup", "purpose")},
    ),
    Case(
        "sop-rule-edit",
        "sop-rule-edit",
        "coordinator",
        lambda: cycle_kwargs(rule_pk=_in_cycle("network.SopRule")),
        change={"task": "Send the minutes within ten days."},
        expect={("network.SopRule", "task")},
    ),
    Case(
        "output-edit",
        "output-edit",
        "coordinator",
        lambda: cycle_kwargs(output_pk=_in_cycle("network.Output")),
        change={"title": "Evidence-based migration policy (revised)"},
        expect={("network.Output", "title")},
    ),
    Case(
        "activity-edit",
        "activity-edit",
        "coordinator",
        lambda: cycle_kwargs(activity_pk=_in_cycle("network.Activity")),
        change={"title": "Training of trainers on referral (two rounds)"},
        expect={("network.Activity", "title")},
    ),
    Case(
        "indicator-edit",
        "indicator-edit",
        "coordinator",
        lambda: cycle_kwargs(indicator_pk=_in_cycle("network.Indicator")),
        change={"source": "Ministry records, checked every year"},
        expect={("network.Indicator", "source")},
    ),
    Case(
        "period-edit",
        "period-edit",
        "coordinator",
        lambda: cycle_kwargs(period_pk=_in_cycle("network.ReportingPeriod")),
        change={"label": "Second half of 2021"},
        expect={("network.ReportingPeriod", "label")},
    ),
    Case(
        "report-detail",
        "report-detail",
        "focal",
        lambda: cycle_kwargs(
            report_pk=_in_cycle(
                "network.ProgressReport", organisation__memberships__user__username="focal"
            )
        ),
        setup=_returned_report,
        submit="save",
        change={"summary": "Both trainings were held; the second one in Gaziantep."},
        expect={("network.ProgressReport", "summary")},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_an_untouched_save_writes_nothing(client, demo, case, django_capture_on_commit_callbacks):
    from gcmhub.core.models import User

    if case.setup:
        case.setup()
    client.force_login(User.objects.get(username=case.persona))
    url = reverse(case.url_name, kwargs=case.kwargs())
    response = client.get(case.page() if case.page else url)
    assert response.status_code == 200
    form = page_form(response, action=url, submit=case.submit)
    before, records = snapshot(), history_count()
    response = post_form(client, form, submit=case.submit)
    assert case.ok(response), _errors(response)
    assert changes(before, snapshot()) == set()
    assert history_count() == records, "an untouched save wrote history"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_one_changed_field_changes_only_that_field(client, demo, case):
    from gcmhub.core.models import User

    if case.setup:
        case.setup()
    client.force_login(User.objects.get(username=case.persona))
    url = reverse(case.url_name, kwargs=case.kwargs())
    response = client.get(case.page() if case.page else url)
    form = page_form(response, action=url, submit=case.submit)
    before = snapshot()
    change = case.change(form) if callable(case.change) else case.change
    response = post_form(client, form, submit=case.submit, changes=change)
    assert case.ok(response), _errors(response)
    found = changes(before, snapshot(), ignore=BOOKKEEPING)
    assert {(label, name) for label, _pk, name in found} == case.expect, found
    assert len({(label, pk) for label, pk, _name in found}) == len(
        {label for label, _pk, _name in found}
    ), f"more than one row changed: {found}"


def _errors(response) -> str:
    """The errors the page shows, to say why a save was refused."""
    import re

    text = response.content.decode() if hasattr(response, "content") else ""
    found = re.findall(r'class="[^"]*(?:errorlist|error|alert)[^"]*"[^>]*>(.*?)</', text, re.S)
    return f"{response.status_code}: {[f.strip() for f in found][:10]}"
