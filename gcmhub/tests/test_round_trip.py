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

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gcmhub.tests.demo import load_demo
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
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path


def cycle_kwargs(**extra):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def network_kwargs(**extra):
    return {"network_slug": cycle_kwargs()["network_slug"], **extra}


def saved(response) -> bool:
    """The page took the save: it redirected, and said no error (pages that refuse a save
    also redirect, with an error message)."""
    from django.contrib.messages import ERROR

    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    return response.status_code == 302 and not [m for m in queued if m.level >= ERROR]


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
    ok: Callable = saved


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
        "workplan.Output": "cycle",
        "workplan.Indicator": "cycle",
        "workplan.Breakdown": "cycle",
        "coordination.SopRule": "cycle",
        "workplan.ReportingPeriod": "cycle",
        "workplan.Activity": "output__cycle",
        "workplan.ProgressReport": "period__cycle",
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


def _reference_with_a_file():
    """A reference with its uploaded file, on the returned input: the file input of the form
    is posted empty, as a browser does, and the file must stay."""
    from django.core.files.base import ContentFile

    from gcmhub.assessments.models import Reference

    reference = Reference(input_id=_focal_input("returned"), kind="programme", title="Action plan")
    reference.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=False)
    reference.save()


def _one_assignment_only():
    """One objective asked of MoLSS-GDILF, so that its own deadline changes one row."""
    from gcmhub.assessments.models import Assignment, Input

    organisation = _organisation("focal-molss-gdilf")
    keep = Input.objects.filter(organisation_id=organisation).values_list("objective_id")
    Assignment.objects.filter(organisation_id=organisation).exclude(objective_id__in=keep).delete()
    mine = Assignment.objects.filter(organisation_id=organisation).order_by("pk")
    Assignment.objects.filter(pk__in=list(mine.values_list("pk", flat=True))[1:]).delete()


def _open_criteria():
    """The criteria can change only while the scoring round is being prepared."""
    from gcmhub.priorities.models import ScoringRound

    ScoringRound.objects.update(status="setup", opened_at=None)


def _returned_report_of(username: str):
    from gcmhub.workplan.models import ProgressReport

    ProgressReport.objects.filter(organisation_id=_organisation(username)).update(
        state="returned", return_reason="Add the figures of December."
    )


def _officials_trained_by_sex(form) -> dict:
    """The report's 52 women among the 120 officials trained made 50, the total left empty:
    it is computed again (118)."""
    from gcmhub.workplan.models import ActualPart

    part = ActualPart.objects.get(
        actual__indicator__code="4.2.1-i1",
        actual__report__period__label="2021 H2",
        category__label="Female",
        actual__indicator__cycle__title="GCM Needs Assessment 2021",
    )
    prefix = f"i{part.actual.indicator_id}"
    return {f"{prefix}-part_{part.category_id}": "50", f"{prefix}-value": ""}


def _returned_report():
    """The focal point's report of 2021 H2, returned to them so that they can edit it."""
    from gcmhub.workplan.models import ProgressReport

    ProgressReport.objects.filter(organisation_id=_organisation("focal")).update(
        state="returned", return_reason="Add the figures of December."
    )


def _tor_recommendation():
    """A recommendation on a document still open to edits (the report's 1.0 is final)."""
    from gcmhub.documents.models import Recommendation

    document = _in_cycle("documents.Document", kind="voluntary_review")
    Recommendation.objects.create(document_id=document, text="Publish the referral map.")


def _draft_comment() -> None:
    """`focal`'s draft comment in an open review of the terms of reference (the report's
    reviews are closed and its 1.0 is final)."""
    import datetime as dt

    from gcmhub.core.models import User
    from gcmhub.directory.models import Organisation
    from gcmhub.documents import services
    from gcmhub.documents.models import Document

    document = Document.objects.get(pk=_in_cycle("documents.Document", kind="terms_of_reference"))
    consultant, focal = (User.objects.get(username=u) for u in ("consultant", "focal"))
    version = document.versions.order_by("-major", "-minor").first() or services.version_issue(
        document=document, by=consultant, confirmed=True
    )
    review = services.review_open(
        version=version,
        by=consultant,
        deadline=dt.date(2031, 1, 1),
        organisations=Organisation.objects.filter(pk=_organisation("focal")),
    )
    services.comment_save(
        review=review,
        by=focal,
        section_key=version.content["sections"][0]["key"],
        type="editorial",
        quote="The network",
        text="Say which network.",
    )


def _draft_comment_kwargs() -> dict:
    from gcmhub.documents.models import Comment

    draft = Comment.objects.get(author__username="focal", submitted_at__isnull=True)
    return cycle_kwargs(review_pk=draft.review_id, comment_pk=draft.pk)


def _tick_one_more(form: HtmlForm, name: str) -> dict:
    """The boxes of `name` ticked now, and the first one that is not."""
    boxes = [c for c in form.controls if c.name == name]
    ticked = [c.value for c in boxes if c.checked]
    return {name: [*ticked, next(c.value for c in boxes if not c.checked)]}


def _meeting(type_: str) -> int:
    return _in_cycle("meetings.Meeting", type=type_)


def _reply_to_the_network_meeting(reply: str) -> None:
    """The focal point has answered the invitation: the form comes with that answer."""
    from gcmhub.core.models import User
    from gcmhub.meetings import services
    from gcmhub.meetings.models import MeetingInvitation

    invitation = MeetingInvitation.objects.get(
        meeting_id=_meeting("network"), organisation__memberships__user__username="focal"
    )
    services.invitation_reply(
        invitation=invitation, by=User.objects.get(username="focal"), reply=reply
    )


def _agreed_change() -> int:
    return _in_cycle("meetings.Outcome", type="agreed_change")


CASES: list[Case] = [
    Case(
        "notification-preferences",
        "notification-preferences",
        "focal",
        dict,
        change={"submitted": "off"},
        expect={("notifications.Preference", "+")},
    ),
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
        "network-logo",
        "network-logo",
        "coordinator",
        network_kwargs,
        change={"logo_description": "Logo of the UN Network on Migration"},
        expect={("core.Network", "logo_description")},
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
        "assignment-edit-own-deadline",
        "assignment-edit",
        "coordinator",
        lambda: cycle_kwargs(organisation_pk=_organisation("focal-molss-gdilf")),
        setup=_one_assignment_only,
        change={"deadline": "2021-05-28", "deadline_reason": "Budget talks in May"},
        expect={
            ("assessments.Assignment", "deadline"),
            ("assessments.Assignment", "deadline_reason"),
        },
    ),
    Case(
        "input-edit-returned",
        "input-edit",
        "focal",
        lambda: cycle_kwargs(input_pk=_focal_input("returned")),
        setup=_reference_with_a_file,
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
        # the decision's form is opened on demand (issue 17)
        page=lambda: reverse("objective-priority", kwargs=cycle_kwargs(number=10)) + "?edit=1",
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
        submit="save",  # the original's form (its translation's stands beside it)
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
        # The matrix with that comment's row being disposed: the one form of the page.
        page=lambda: (
            reverse("comment-matrix", kwargs=cycle_kwargs(review_pk=_in_cycle("documents.Review")))
            + f"?edit={_in_cycle('documents.Comment')}"
        ),
        change=lambda form: {
            f"c{_in_cycle('documents.Comment')}-reply": "Done in the next version."
        },
        expect={("documents.Comment", "reply"), ("documents.Comment", "disposed_at")},
    ),
    Case(
        "comment-edit",
        "comment-edit",
        "focal",
        _draft_comment_kwargs,
        setup=_draft_comment,
        change={"text": "Say which network: the UN Network on Migration."},
        expect={("documents.Comment", "text")},
    ),
    Case(
        "endorsement-respond",
        "endorsement-respond",
        # an organisation that has endorsed: its answer, sent again, must not move
        "focal-molss-gdilf",
        lambda: cycle_kwargs(
            endorsement_pk=_in_cycle(
                "documents.Endorsement",
                organisation__memberships__user__username="focal-molss-gdilf",
            )
        ),
        page=lambda: reverse("meeting-list", kwargs=cycle_kwargs()),
        change={"response": "reservation", "reservation": "Pending the minister's review."},
        # with when it was answered (who answered, and the version's hash, stay the same)
        expect={
            ("documents.Endorsement", "response"),
            ("documents.Endorsement", "reservation"),
            ("documents.Endorsement", "responded_at"),
        },
    ),
    Case(
        "meeting-edit",
        "meeting-edit",
        "coordinator",
        lambda: cycle_kwargs(meeting_pk=_meeting("network")),
        change={"venue": "UN House, Ankara (room 2)"},
        # A new place is a new revision of the calendar event (issue 16).
        expect={("meetings.Meeting", "venue"), ("meetings.Meeting", "sequence")},
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
        setup=lambda: _reply_to_the_network_meeting("accepted"),
        change={"reply": "declined"},
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
        lambda: cycle_kwargs(group_pk=_pk("coordination.WorkingGroup")),
        change={"purpose": "Data on migration, shared and compared."},
        expect={("coordination.WorkingGroup", "purpose")},
    ),
    Case(
        "sop-rule-edit",
        "sop-rule-edit",
        "coordinator",
        lambda: cycle_kwargs(rule_pk=_in_cycle("coordination.SopRule")),
        change={"task": "Send the minutes within ten days."},
        expect={("coordination.SopRule", "task")},
    ),
    Case(
        "output-edit",
        "output-edit",
        "coordinator",
        lambda: cycle_kwargs(output_pk=_in_cycle("workplan.Output")),
        change={"title": "Evidence-based migration policy (revised)"},
        expect={("workplan.Output", "title")},
    ),
    Case(
        "activity-edit",
        "activity-edit",
        "coordinator",
        lambda: cycle_kwargs(activity_pk=_in_cycle("workplan.Activity")),
        change={"title": "Training of trainers on referral (two rounds)"},
        expect={("workplan.Activity", "title")},
    ),
    Case(
        "indicator-edit",
        "indicator-edit",
        "coordinator",
        lambda: cycle_kwargs(indicator_pk=_in_cycle("workplan.Indicator")),
        change={"source": "Ministry records, checked every year"},
        expect={("workplan.Indicator", "source")},
    ),
    Case(
        "period-edit",
        "period-edit",
        "coordinator",
        lambda: cycle_kwargs(period_pk=_in_cycle("workplan.ReportingPeriod")),
        change={"label": "Second half of 2021"},
        expect={("workplan.ReportingPeriod", "label")},
    ),
    Case(
        "report-detail",
        "report-detail",
        "focal",
        lambda: cycle_kwargs(
            report_pk=_in_cycle(
                "workplan.ProgressReport", organisation__memberships__user__username="focal"
            )
        ),
        setup=_returned_report,
        submit="save",
        change={"summary": "Both trainings were held; the second one in Gaziantep."},
        expect={("workplan.ProgressReport", "summary")},
    ),
    Case(
        "report-detail-by-category",
        "report-detail",
        "focal-dgmm-pvht",
        lambda: cycle_kwargs(
            report_pk=_in_cycle(
                "workplan.ProgressReport",
                organisation__memberships__user__username="focal-dgmm-pvht",
            )
        ),
        setup=lambda: _returned_report_of("focal-dgmm-pvht"),
        submit="save",
        change=_officials_trained_by_sex,
        expect={("workplan.ActualPart", "value"), ("workplan.IndicatorActual", "value")},
    ),
    Case(
        "breakdown-edit",
        "breakdown-edit",
        "coordinator",
        lambda: cycle_kwargs(breakdown_pk=_in_cycle("workplan.Breakdown")),
        change={"name_tr": "Yaş grupları"},
        expect={("workplan.Breakdown", "name_tr")},
    ),
    Case(
        "activity-edit-markers",
        "activity-edit",
        "coordinator",
        lambda: cycle_kwargs(activity_pk=_in_cycle("workplan.Activity")),
        change={"gender_marker": "3"},
        expect={("workplan.Activity", "gender_marker")},
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


# Forms that create something: posted back as they come (empty), they are refused with a
# message and write nothing; the app's own tests fill them in.


@dataclass
class Blank:
    url_name: str
    persona: str
    kwargs: Callable[[], dict]
    page: Callable[[], str] | None = None


BLANK_FORMS: list[Blank] = [
    Blank("cycle-create", "coordinator", network_kwargs),
    Blank("organisation-create", "coordinator", network_kwargs),
    Blank("invitation-create", "coordinator", network_kwargs),
    Blank("consultation-create", "consultant", cycle_kwargs),
    Blank(
        "attachment-add",
        "consultant",
        lambda: cycle_kwargs(consultation_pk=_in_cycle("assessments.Consultation")),
        page=lambda: reverse(
            "consultation-detail",
            kwargs=cycle_kwargs(consultation_pk=_in_cycle("assessments.Consultation")),
        ),
    ),
    Blank(
        "recommendation-list",
        "consultant",
        lambda: cycle_kwargs(document_pk=_in_cycle("documents.Document", kind="voluntary_review")),
        # The form to add one is opened on demand (it lists every input of the cycle).
        page=lambda: (
            reverse(
                "recommendation-list",
                kwargs=cycle_kwargs(
                    document_pk=_in_cycle("documents.Document", kind="voluntary_review")
                ),
            )
            + "?add=1"
        ),
    ),
    Blank(
        "review-create",
        "coordinator",
        lambda: cycle_kwargs(
            document_pk=_in_cycle("documents.Document", kind="terms_of_reference")
        ),
    ),
    Blank("meeting-create", "coordinator", cycle_kwargs),
    Blank("invitations", "coordinator", lambda: cycle_kwargs(meeting_pk=_meeting("network"))),
    Blank("check-in", "coordinator", lambda: cycle_kwargs(meeting_pk=_meeting("network"))),
    Blank(
        "outcome-add",
        "coordinator",
        lambda: cycle_kwargs(
            meeting_pk=_meeting("network"),
            item_pk=_pk("meetings.AgendaItem", meeting_id=_meeting("network")),
        ),
    ),
    Blank("working-group-create", "coordinator", cycle_kwargs),
    Blank("sop-rule-create", "coordinator", cycle_kwargs),
    Blank("output-create", "coordinator", cycle_kwargs),
    Blank("activity-create", "coordinator", cycle_kwargs),
    Blank("indicator-create", "coordinator", cycle_kwargs),
    Blank("breakdown-create", "coordinator", cycle_kwargs),
    Blank("period-create", "coordinator", cycle_kwargs),
    Blank("next-cycle", "coordinator", cycle_kwargs),
    Blank("questionnaire-upload", "focal", cycle_kwargs),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", BLANK_FORMS, ids=lambda c: c.url_name)
def test_a_creation_form_posted_empty_is_refused_and_writes_nothing(client, demo, case):
    from gcmhub.core.models import User

    client.force_login(User.objects.get(username=case.persona))
    url = reverse(case.url_name, kwargs=case.kwargs())
    response = client.get(case.page() if case.page else url)
    assert response.status_code == 200
    form = page_form(response, action=url)
    before, records = snapshot(), history_count()
    response = post_form(client, form, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page or "message-error" in page, "no message says what is wrong"
    assert changes(before, snapshot()) == set()
    assert history_count() == records


# The URL configuration, every view accounted for


# Endpoints that only take a POST from a button: they carry no field that a person edits
# (at most a reason or a yes/no), so there is nothing to post back untouched.
ACTIONS = {
    "document-file": "asks the worker for the draft's Word or PDF file",
    "collection-close": "closes the collection of inputs",
    "collection-reopen": "reopens the collection of inputs",
    "requests-send": "e-mails the requests for inputs",
    "input-start": "opens (creates) the organisation's input on an objective",
    "input-submit": "workflow step",
    "input-return": "workflow step, with the reason the organisation reads",
    "input-accept": "workflow step",
    "input-reopen": "workflow step, with a reason",
    "input-withdraw": "workflow step (the organisation takes its submission back)",
    "assignment-volunteer": "adds one objective to the organisation's list",
    "attachment-delete": "deletes a file",
    "priority-invite": "invites organisations to score (sends e-mails)",
    "scoring-open": "opens the scoring round",
    "scoring-close": "closes the scoring round",
    "scoring-remind": "e-mails reminders",
    "sheet-reopen": "workflow step",
    "sheet-withdraw": "workflow step (the organisation takes its scores back)",
    "version-issue": "freezes the document as a version",
    "version-finalise": "issues the final version",
    "document-publish": "opens or closes the public link",
    "comments-submit": "submits the reviewer's draft comments",
    "review-close": "closes a review",
    "comment-delete": "deletes a draft comment",
    "invitations-send": "e-mails the meeting invitations",
    "meeting-cancel": "cancels the meeting, with the reason the invitees read",
    "attendee-mark": "present / absent / excused buttons",
    "outcome-delete": "deletes an outcome",
    "action-done": "ticks an action point done",
    "obligation-mark": "ticks an obligation done",
    "report-start": "opens (creates) the organisation's progress report",
    "report-review": "accepts or returns a report, with a reason",
    "report-withdraw": "workflow step (the organisation takes its report back)",
    "review-start": "starts the voluntary review from the data",
    "review-refresh": "refreshes the voluntary review's pre-filled sections",
    "export-delete": "deletes an export file",
    "export-retry": "makes a failed export again",
    "invitation-resend": "e-mails the invitation again",
    "invitation-revoke": "revokes an invitation",
    "language-set": "switches the interface language",
    "file-retry": "makes a failed file again",
    "notifications-read": "marks every notification read",
}

# Views that take a POST and write, covered by a test of their own rather than a case above.
COVERED_ELSEWHERE = {
    "questionnaire-preview": "the Excel questionnaire round trip, below",
    "invitation-accept": "creates an account from a signed link (directory tests)",
    "export-page": "starts an export with the options chosen (exports tests)",
    "review-detail": "its form writes a new comment (documents tests; blank refused by forms)",
    "translate": "the translation of any text with editions (tests/test_editions.py)",
}

# Pages that only read (lists, details, histories, downloads, charts).
READ_ONLY = {
    "translations",
    "home", "network-list", "network-detail", "cycle-detail", "cycle-history",
    "task-list",
    "objective-list", "objective-detail", "principle-list",
    "cooperation-framework", "cooperation-framework-history", "cycle-setup",
    "assessment-home", "assignment-list", "input-list", "input-detail", "input-history",
    "reference-file", "questionnaire-download", "consultation-list", "consultation-detail",
    "attachment-file", "coverage",
    "priorities-home", "priority-results", "decision-history", "decision-list",
    "report", "report-published", "document-detail", "section-history", "version-detail",
    "version-compare", "document-download", "version-download", "comment-matrix",
    "meeting-list", "action-list", "meeting-detail", "minutes", "meeting-calendar",
    "minutes-download",
    "coordination", "terms-of-reference", "obligation-list", "workplan", "workplan-gaps",
    "indicator-list", "report-list",
    "imrf", "cca-brief", "cycle-compare", "carried-over",
    "region-list", "region-detail",
    "export-job", "export-download", "file-job", "file-download",
    "public-report", "public-download",
    "organisation-list", "organisation-detail", "organisation-history", "member-list",
    "member-history",
    "search",
    "notification-list", "notification-open",
}  # fmt: skip


def _gcmhub_views() -> dict:
    """{url name: view} for every page of gcmhub's own apps (the API and the admin aside)."""
    found = {}

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name:
                module = p.callback.__module__
                if module.startswith("gcmhub.") and not module.startswith("gcmhub.api"):
                    found[p.name] = p.callback

    walk(get_resolver().url_patterns)
    return found


def allowed_methods(view) -> set[str] | None:
    """The methods Django's require_http_methods (require_POST, require_safe) lets through;
    None when the view takes any."""
    function = view
    while function is not None:
        code = getattr(function, "__code__", None)
        if code and "request_method_list" in code.co_freevars:
            cell = function.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        function = getattr(function, "__wrapped__", None)
    return None


def _handles_post(view) -> bool:
    methods = allowed_methods(view)
    if methods is not None:
        return "POST" in methods
    source = inspect.getsource(inspect.unwrap(view))
    return "request.POST" in source or "request.method" in source


def test_every_view_is_covered_by_the_harness_or_says_why_not():
    """A new page that writes must join the harness (CASES, BLANK_FORMS) or say why not."""
    edit = {c.url_name for c in CASES} | {b.url_name for b in BLANK_FORMS}
    listed = [edit, set(ACTIONS), set(COVERED_ELSEWHERE), READ_ONLY]
    names = set(_gcmhub_views())
    unlisted = names - set().union(*listed)
    assert not unlisted, (
        f"{sorted(unlisted)}: add an edit form to CASES (or BLANK_FORMS for a creation form), "
        "a button-only POST to ACTIONS, a page that only reads to READ_ONLY"
    )
    assert not set().union(*listed) - names, "the registry names views that no longer exist"
    for a, b in [(x, y) for i, x in enumerate(listed) for y in listed[i + 1 :]]:
        assert not a & b, f"listed twice: {a & b}"


def test_actions_take_only_post_and_read_only_pages_take_no_post():
    views = _gcmhub_views()
    assert {n for n in ACTIONS if allowed_methods(views[n]) != {"POST"}} == set()
    assert {n for n in READ_ONLY if _handles_post(views[n])} == set()
    # A view that handles POST on its own address and shows a form is an edit view.
    post_only = {n for n, v in views.items() if allowed_methods(v) == {"POST"}}
    assert post_only - set(ACTIONS) <= {c.url_name for c in CASES} | {
        b.url_name for b in BLANK_FORMS
    }


# The Excel questionnaire: download, upload untouched, then with one cell changed


def _questionnaire(client) -> bytes:
    response = client.get(
        reverse(
            "questionnaire-download", kwargs=cycle_kwargs(organisation_pk=_organisation("focal"))
        )
    )
    assert response.status_code == 200
    return response.content


def _upload(client, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("questionnaire-upload", kwargs=cycle_kwargs())
    form = page_form(client.get(url))
    data = form.data()
    data["file"] = SimpleUploadedFile("questionnaire.xlsx", content)
    return client.post(url, data, follow=True)


@pytest.mark.django_db
def test_a_questionnaire_uploaded_untouched_changes_nothing(client, demo):
    from gcmhub.core.models import User

    client.force_login(User.objects.get(username="focal"))
    content = _questionnaire(client)
    before, records = snapshot(), history_count()
    response = _upload(client, content)
    assert "nothing to change, nothing was saved" in response.content.decode()
    assert changes(before, snapshot()) == set()  # no upload kept, no input touched
    assert history_count() == records


@pytest.mark.django_db
def test_one_changed_cell_of_the_questionnaire_changes_exactly_that_field(client, demo):
    import io

    from openpyxl import load_workbook

    from gcmhub.assessments.models import Input
    from gcmhub.assessments.questionnaire import layout, sheet_title
    from gcmhub.core.models import User

    client.force_login(User.objects.get(username="focal"))
    draft = Input.objects.get(pk=_focal_input("draft"))
    workbook = load_workbook(io.BytesIO(_questionnaire(client)))
    sheet = workbook[sheet_title(draft.objective.number)]
    sheet[f"B{layout(draft.objective.actions.count()).gaps}"] = "No data on returns yet."
    changed = io.BytesIO()
    workbook.save(changed)
    before = snapshot()
    response = _upload(client, changed.getvalue())
    preview = page_form(response)
    assert post_form(client, preview, submit="apply").status_code == 302
    found = changes(before, snapshot(), ignore=BOOKKEEPING)
    domain = {(label, pk, name) for label, pk, name in found if "Questionnaire" not in label}
    assert domain == {("assessments.Input", draft.pk, "gaps")}
    draft.refresh_from_db()
    assert draft.gaps == "No data on returns yet."


@pytest.mark.django_db
def test_read_only_pages_of_the_demo_show_no_form_posting_to_themselves(client, demo):
    """Checked on the pages reachable from the network and the cycle alone: a page that shows
    a form posting to its own address is an edit form, and belongs to CASES."""
    from django.urls import NoReverseMatch

    from gcmhub.core.models import User
    from gcmhub.tests.roundtrip import parse_forms

    client.force_login(User.objects.get(username="coordinator"))
    checked, editing = 0, []
    for name in sorted(READ_ONLY):
        for kwargs in (cycle_kwargs(), network_kwargs(), {}):
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                checked += 1
                forms = parse_forms(response.content.decode())
                if any(f.method == "post" and f.action in ("", url) for f in forms):
                    editing.append(name)
            break
    assert checked > 25
    assert editing == []
