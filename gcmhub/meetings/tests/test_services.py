import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from gcmhub.documents import services as documents
from gcmhub.documents.models import EndorsementResponse
from gcmhub.documents.tests.conftest import comment, revise
from gcmhub.meetings import services
from gcmhub.meetings.calendar import meeting_ics
from gcmhub.meetings.models import OutcomeType, Presence, Reply, ValidationOutcome
from gcmhub.meetings.tests.conftest import agreed_change, meeting_data, validate


def test_a_meeting_is_scheduled_in_its_time_zone(meeting):
    assert meeting.starts_at == dt.datetime(2021, 6, 24, 7, 0, tzinfo=dt.UTC)
    assert meeting.ends_at == dt.datetime(2021, 6, 24, 10, 30, tzinfo=dt.UTC)


def test_a_validation_meeting_needs_a_version_and_must_end_after_it_starts(
    cycle, coordinator, version
):
    with pytest.raises(ValidationError, match="validates a version"):
        services.meeting_save(cycle=cycle, by=coordinator, **meeting_data(None))
    with pytest.raises(ValidationError, match="end after it starts"):
        services.meeting_save(
            cycle=cycle, by=coordinator, **meeting_data(version, end_time=dt.time(9, 0))
        )


def test_only_the_coordinator_schedules(cycle, consultant, focal_a, version):
    for user in (consultant, focal_a):
        with pytest.raises(PermissionDenied):
            services.meeting_save(cycle=cycle, by=user, **meeting_data(version))


def test_the_agenda_keeps_only_sections_of_the_version(meeting):
    items = list(meeting.agenda_items.order_by("order"))
    assert [i.title for i in items] == ["Opening", "Findings"]
    assert items[1].sections == ["executive-summary"]


def test_invitations_name_the_focal_points_and_fill_the_register(meeting, focal_a, focal_b):
    assert {i.person for i in meeting.invitations.all()} == {focal_a, focal_b}
    assert meeting.attendees.count() == 2
    assert set(meeting.attendees.values_list("presence", flat=True)) == {Presence.UNKNOWN}


def test_invitations_are_e_mailed_once_with_a_calendar_file(
    meeting, coordinator, focal_a, run_tasks
):
    assert services.invitations_send(meeting=meeting, by=coordinator) == 2
    assert services.invitations_send(meeting=meeting, by=coordinator) == 0
    run_tasks()  # the e-mails at once go through the task queue
    message = next(m for m in mail.outbox if focal_a.email in m.to)
    assert "Validation meeting" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Validation meeting"
    assert event.decoded("dtstart").isoformat() == "2021-06-24T10:00:00+03:00"
    assert str(event["location"]) == "Ankara"
    assert meeting.version.content_hash in str(event["description"])


def test_the_ics_file_parses_and_moves_with_the_meeting(meeting, coordinator, version):
    first = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]
    moved = services.meeting_save(
        cycle=meeting.cycle,
        by=coordinator,
        **meeting_data(version, start_time=dt.time(14, 0), end_time=dt.time(16, 0)),
        meeting=meeting,
    )
    second = Calendar.from_ical(meeting_ics(moved)).walk("VEVENT")[0]
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) == int(first["sequence"]) + 1
    assert second.decoded("dtstart").hour == 14


def test_the_ics_names_its_organiser_and_attendees_in_the_meetings_time_zone(
    meeting, coordinator, focal_a, focal_b
):
    invitation = meeting.invitations.get(person=focal_a)
    services.invitation_reply(invitation=invitation, by=focal_a, reply=Reply.ACCEPTED)
    calendar = Calendar.from_ical(meeting_ics(meeting))
    event = calendar.walk("VEVENT")[0]
    assert str(event["organizer"]) == f"mailto:{coordinator.email}"
    attendees = {str(a): a.params for a in event["attendee"]}
    assert set(attendees) == {f"mailto:{focal_a.email}", f"mailto:{focal_b.email}"}
    assert attendees[f"mailto:{focal_a.email}"]["PARTSTAT"] == "ACCEPTED"
    assert attendees[f"mailto:{focal_b.email}"]["PARTSTAT"] == "NEEDS-ACTION"
    assert all(params["RSVP"] == "TRUE" for params in attendees.values())
    # The start is given in the meeting's own zone, and the file says what that zone is.
    assert event["dtstart"].params["TZID"] == "Europe/Istanbul"
    zones = [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Istanbul"]
    assert b"BEGIN:VTIMEZONE" in meeting_ics(meeting)


def test_replies_accept_decline_or_delegate(meeting, focal_a, focal_b):
    invitation = meeting.invitations.get(person=focal_a)
    with pytest.raises(PermissionDenied):
        services.invitation_reply(invitation=invitation, by=focal_b, reply=Reply.ACCEPTED)
    with pytest.raises(ValidationError, match="name of the person"):
        services.invitation_reply(invitation=invitation, by=focal_a, reply=Reply.DELEGATED)
    services.invitation_reply(
        invitation=invitation, by=focal_a, reply=Reply.DELEGATED, delegate="Deniz Yavuz"
    )
    invitation.refresh_from_db()
    assert invitation.reply == Reply.DELEGATED
    assert meeting.attendees.filter(name="Deniz Yavuz").exists()


def test_the_secretariat_checks_people_in_and_adds_walk_ins(meeting, consultant, focal_a, org_a):
    attendee = meeting.attendees.get(person=focal_a)
    services.attendee_mark(attendee=attendee, by=consultant, presence=Presence.PRESENT)
    walk_in = services.attendee_add(
        meeting=meeting, by=consultant, name="Ali Veli", organisation=org_a
    )
    assert walk_in.walk_in and walk_in.presence == Presence.PRESENT
    with pytest.raises(PermissionDenied):
        services.attendee_mark(attendee=attendee, by=focal_a, presence=Presence.ABSENT)


def test_an_action_point_needs_an_owner_and_a_due_date(meeting, consultant):
    with pytest.raises(ValidationError, match="owner"):
        services.outcome_save(
            meeting=meeting,
            by=consultant,
            type=OutcomeType.ACTION_POINT,
            text="Circulate the final version.",
        )


def test_the_final_version_cannot_be_issued_before_validation(document, version, coordinator):
    with pytest.raises(ValidationError, match="outcome of a validation meeting"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_not_validated_blocks_the_final_version(meeting, document, coordinator):
    validate(meeting, coordinator, ValidationOutcome.NOT_VALIDATED)
    with pytest.raises(ValidationError, match="did not validate"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_the_final_version_cannot_be_issued_while_agreed_changes_are_open(
    meeting, document, coordinator, consultant
):
    change = agreed_change(meeting, consultant)
    validate(meeting, coordinator)
    with pytest.raises(ValidationError, match="1 agreed change"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    assert not document.versions.filter(major=1).exists()
    services.outcome_resolve(
        outcome=change, by=consultant, resolution="Named in 1.0.", in_next=True
    )
    with pytest.raises(ValidationError, match=r"reads as it did in version 0\.1"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    revise(document, consultant, "<p>With the municipalities.</p>", key="executive-summary")
    final = documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    change.refresh_from_db()
    assert change.resolved_in == final and not change.resolve_in_next
    assert final.number == "1.0"
    assert final.content_hash != meeting.version.content_hash


def test_a_change_made_in_another_section_does_not_count(
    meeting, document, coordinator, consultant
):
    change = agreed_change(meeting, consultant)
    validate(meeting, coordinator)
    services.outcome_resolve(outcome=change, by=consultant, resolution="Done.", in_next=True)
    revise(document, consultant, key="introduction")
    with pytest.raises(ValidationError, match="Name the municipalities in the summary"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_a_change_made_in_a_draft_and_undone_before_the_final_is_refused(
    meeting, document, coordinator, consultant
):
    change = agreed_change(meeting, consultant)
    validate(meeting, coordinator)
    summary = document.sections.get(key="executive-summary").body
    revise(document, consultant, "<p>With the municipalities.</p>", key="executive-summary")
    draft = documents.version_issue(confirmed=True, document=document, by=consultant)
    services.outcome_resolve(outcome=change, by=consultant, resolution="Done.", version=draft)
    revise(document, consultant, summary, key="executive-summary")
    with pytest.raises(ValidationError, match="Name the municipalities in the summary"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_the_consultant_re_recording_a_resolution_keeps_the_coordinators_waiver(
    meeting, document, coordinator, consultant
):
    change = agreed_change(meeting, consultant)
    services.outcome_resolve(
        outcome=change,
        by=coordinator,
        resolution="Already there.",
        in_next=True,
        no_text_change=True,
    )
    services.outcome_resolve(
        outcome=change, by=consultant, resolution="Already there, on page 2.", in_next=True
    )
    change.refresh_from_db()
    assert (change.no_text_change, change.resolution) == (True, "Already there, on page 2.")


def test_the_coordinator_may_record_that_no_text_change_was_needed(
    meeting, document, coordinator, consultant
):
    change = agreed_change(meeting, consultant)
    validate(meeting, coordinator)
    with pytest.raises(PermissionDenied):
        services.outcome_resolve(
            outcome=change,
            by=consultant,
            resolution="Already there.",
            in_next=True,
            no_text_change=True,
        )
    services.outcome_resolve(
        outcome=change,
        by=coordinator,
        resolution="The summary already names the municipalities.",
        in_next=True,
        no_text_change=True,
    )
    final = documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    assert final.content_hash == meeting.version.content_hash


def test_a_change_resolved_in_a_draft_version_links_to_it(meeting, document, consultant):
    change = agreed_change(meeting, consultant)
    services.outcome_resolve(outcome=change, by=consultant, resolution="Done.", in_next=True)
    revise(document, consultant, key="executive-summary")
    second = documents.version_issue(confirmed=True, document=document, by=consultant)
    change.refresh_from_db()
    assert change.resolved_in == second
    with pytest.raises(ValidationError, match="after the one discussed"):
        services.outcome_resolve(
            outcome=change, by=consultant, resolution="Done.", version=meeting.version
        )


def test_only_the_coordinator_issues_the_final_version(meeting, document, coordinator, consultant):
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    with pytest.raises(PermissionDenied):
        documents.version_issue(confirmed=True, document=document, by=consultant, final=True)


@pytest.fixture
def final(meeting, document, coordinator):
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    return documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_the_final_version_asks_every_invited_organisation_to_endorse(
    final, org_a, org_b, focal_a, django_capture_on_commit_callbacks
):
    assert {e.organisation for e in final.endorsements.all()} == {org_a, org_b}
    assert {e.response for e in final.endorsements.all()} == {EndorsementResponse.PENDING}


def test_an_endorsement_sent_again_keeps_the_time_it_was_given(final, org_a, focal_a):
    endorsement = final.endorsements.get(organisation=org_a)
    documents.endorsement_respond(
        endorsement=endorsement, by=focal_a, response=EndorsementResponse.ENDORSED
    )
    endorsement.refresh_from_db()
    given, records = endorsement.responded_at, endorsement.history.count()
    documents.endorsement_respond(
        endorsement=endorsement, by=focal_a, response=EndorsementResponse.ENDORSED
    )
    endorsement.refresh_from_db()
    assert (endorsement.responded_at, endorsement.history.count()) == (given, records)


def test_the_endorsement_request_is_e_mailed(meeting, document, coordinator, focal_a, run_tasks):
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    mail.outbox.clear()
    documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    run_tasks(only="gcmhub.notifications.services.send_email")  # not the files
    assert any(focal_a.email in m.to and "endorse" in m.subject for m in mail.outbox)


def test_a_focal_point_endorses_for_their_organisation_against_the_hash(
    final, focal_a, focal_b, coordinator, org_a
):
    endorsement = final.endorsements.get(organisation=org_a)
    for user in (focal_b, coordinator):
        with pytest.raises(PermissionDenied):
            documents.endorsement_respond(
                endorsement=endorsement, by=user, response=EndorsementResponse.ENDORSED
            )
    with pytest.raises(ValidationError, match="reservation"):
        documents.endorsement_respond(
            endorsement=endorsement, by=focal_a, response=EndorsementResponse.RESERVATION
        )
    documents.endorsement_respond(
        endorsement=endorsement,
        by=focal_a,
        response=EndorsementResponse.RESERVATION,
        reservation="Border gates deserve their own priority.",
    )
    endorsement.refresh_from_db()
    assert endorsement.version_hash == final.content_hash
    assert endorsement.responded_by == focal_a


def test_an_open_review_blocks_the_final_version(review, meeting, document, coordinator):
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    with pytest.raises(ValidationError, match="review is still open"):
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)


def test_locked_means_locked(review, meeting, document, consultant, coordinator, focal_a, org_a):
    """Every write on the document is refused once the final version is issued."""
    documents.review_close(review=review, by=coordinator)
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    final = documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    section = document.sections.first()
    attempts = [
        lambda: documents.section_save(
            section=section,
            by=consultant,
            body="<p>Late edit</p>",
            expected_version=section.version,
        ),
        lambda: documents.outline_save(
            document=document, by=coordinator, rows=[{"title": "Only", "kind": "text"}]
        ),
        lambda: documents.document_update(document=document, by=coordinator, title="X"),
        lambda: documents.recommendation_save(
            document=document, by=consultant, text="A late recommendation."
        ),
        lambda: documents.version_issue(confirmed=True, document=document, by=consultant),
        lambda: documents.version_issue(
            confirmed=True, document=document, by=coordinator, final=True
        ),
        lambda: documents.review_open(
            version=final, by=coordinator, deadline=dt.date(2021, 8, 1), organisations=[org_a]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="no longer changes"):
            attempt()
    # The last review is closed, and no review can open: no new comment has a way in.
    with pytest.raises(ValidationError):
        comment(review, focal_a)
    section.refresh_from_db()
    assert "Late edit" not in section.body
    assert document.versions.count() == 2


def test_no_change_can_be_agreed_on_a_final_report(final, meeting, consultant):
    with pytest.raises(ValidationError, match="final version has been issued"):
        agreed_change(meeting, consultant)


def test_publishing_needs_the_final_version(document, version, coordinator):
    with pytest.raises(ValidationError, match="issue it first"):
        documents.document_publish(document=document, by=coordinator, public=True)
