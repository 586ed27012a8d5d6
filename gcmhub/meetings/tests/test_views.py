import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from icalendar import Calendar
from pypdf import PdfReader

from gcmhub.documents import services as documents
from gcmhub.documents.models import EndorsementResponse
from gcmhub.documents.tests.conftest import revise
from gcmhub.documents.tests.downloads import fetched
from gcmhub.meetings import selectors, services
from gcmhub.meetings.models import Outcome, OutcomeType, Presence, ValidationOutcome
from gcmhub.meetings.tests.conftest import agreed_change, meeting_data, validate
from gcmhub.tests.matrix import A, F, N, assert_page_matrix, by_page
from gcmhub.tests.queries import assert_constant_queries


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def world(meeting, consultant, personas):
    change = agreed_change(meeting, consultant)
    return {"meeting": meeting, "change": change}


PAGES = [
    ("meeting-list", {}, [A, A, A, A, F, N]),
    ("meeting-create", {}, [A, F, F, F, F, N]),
    ("meeting-detail", {"meeting_pk": "meeting"}, [A, A, A, A, F, N]),
    ("meeting-edit", {"meeting_pk": "meeting"}, [A, F, F, F, F, N]),
    ("agenda-edit", {"meeting_pk": "meeting"}, [A, A, F, F, F, N]),
    ("invitations", {"meeting_pk": "meeting"}, [A, F, F, F, F, N]),
    ("check-in", {"meeting_pk": "meeting"}, [A, A, F, F, F, N]),
    ("minutes", {"meeting_pk": "meeting"}, [A, A, F, F, F, N]),
    ("outcome-resolve", {"meeting_pk": "meeting", "outcome_pk": "change"}, [A, A, F, F, F, N]),
    ("meeting-calendar", {"meeting_pk": "meeting"}, [A, A, A, A, F, N]),
]


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
def test_page_answers_each_persona(client, cycle, world, personas, name, kwargs, statuses):
    kwargs = {k: world[v].pk for k, v in kwargs.items()}
    assert_page_matrix(client, personas, url(cycle, name, **kwargs), statuses)


def test_every_meeting_page_shows_the_version_number_and_hash(client, cycle, world, coordinator):
    meeting = world["meeting"]
    client.force_login(coordinator)
    for name in ["meeting-detail", "agenda-edit", "invitations", "check-in", "minutes"]:
        content = client.get(url(cycle, name, meeting_pk=meeting.pk)).content.decode()
        assert meeting.version.content_hash in content, name
        assert "Report 0.1" in content, name


def test_the_coordinator_schedules_through_the_form(client, cycle, version, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(cycle, "meeting-create"),
        {
            "title": "Validation meeting",
            "type": "validation",
            "date": "2021-06-24",
            "start_time": "10:00",
            "end_time": "13:30",
            "time_zone": "Europe/Istanbul",
            "venue": "Ankara",
            "version": version.pk,
        },
    )
    assert response.status_code == 302
    response = client.post(
        url(cycle, "meeting-create"),
        {
            "title": "Bad",
            "type": "validation",
            "date": "2021-06-24",
            "start_time": "10:00",
            "end_time": "09:00",
            "time_zone": "Mars/Olympus",
            "venue": "",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Unknown time zone" in content
    assert "must end after it starts" in content
    assert "Give the venue, the online link, or both." in content


def test_check_in_swaps_one_row_with_htmx(client, cycle, world, consultant, focal_a):
    meeting = world["meeting"]
    attendee = meeting.attendees.get(person=focal_a)
    client.force_login(consultant)
    response = client.post(
        url(cycle, "attendee-mark", meeting_pk=meeting.pk, attendee_pk=attendee.pk),
        {"presence": "present"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.strip().startswith("<li") and "<html" not in content
    assert 'value="present" class="button presence-present" aria-pressed="true"' in content
    # The headcount above the list moves with the mark (swapped out of band).
    total = meeting.attendees.count()
    assert 'id="headcount" aria-live="polite" hx-swap-oob="true"' in content
    assert f"1 person present of {total} on the register." in content
    attendee.refresh_from_db()
    assert attendee.presence == Presence.PRESENT
    bad = client.post(
        url(cycle, "attendee-mark", meeting_pk=meeting.pk, attendee_pk=attendee.pk),
        {"presence": "asleep"},
    )
    assert bad.status_code == 302


def test_a_walk_in_is_added_from_the_check_in_page(client, cycle, world, consultant):
    meeting = world["meeting"]
    client.force_login(consultant)
    response = client.post(
        url(cycle, "check-in", meeting_pk=meeting.pk),
        {"name": "Deniz Yavuz", "organisation_name": "Municipality of Ankara"},
    )
    assert response.status_code == 302
    walk_in = meeting.attendees.get(name="Deniz Yavuz")
    assert walk_in.walk_in and walk_in.presence == Presence.PRESENT
    response = client.post(url(cycle, "check-in", meeting_pk=meeting.pk), {"name": "Nobody"})
    assert "Choose the organisation or write its name." in response.content.decode()


def test_minutes_and_outcomes_through_the_page(client, cycle, world, consultant):
    meeting = world["meeting"]
    item = meeting.agenda_items.first()
    client.force_login(consultant)
    client.post(
        url(cycle, "minutes-save", meeting_pk=meeting.pk, item_pk=item.pk),
        {f"m{item.pk}-minutes": "The coordinator opened the meeting."},
    )
    item.refresh_from_db()
    assert item.minutes == "The coordinator opened the meeting."
    response = client.post(
        url(cycle, "outcome-add", meeting_pk=meeting.pk, item_pk=item.pk),
        {f"o{item.pk}-type": "action_point", f"o{item.pk}-text": "Circulate the report."},
        follow=True,
    )
    assert "An action point needs an owner." in response.content.decode()
    client.post(
        url(cycle, "outcome-add", meeting_pk=meeting.pk, item_pk=item.pk),
        {
            f"o{item.pk}-type": "action_point",
            f"o{item.pk}-text": "Circulate the report.",
            f"o{item.pk}-owner": "IOM",
            f"o{item.pk}-due_date": "2021-07-09",
        },
    )
    assert Outcome.objects.filter(type=OutcomeType.ACTION_POINT, owner="IOM").exists()


def test_the_road_to_the_final_version_through_the_pages(
    client, cycle, world, document, coordinator, consultant, focal_a, observer, org_a
):
    meeting, change = world["meeting"], world["change"]
    client.force_login(coordinator)
    client.post(url(cycle, "validation-record", meeting_pk=meeting.pk), {"outcome": "with_changes"})
    page = client.get(url(cycle, "meeting-list")).content.decode()
    assert "1 agreed change of the validation meeting is still open" in page
    response = client.post(url(cycle, "version-finalise", document_pk=document.pk), follow=True)
    assert "still open" in response.content.decode()
    assert not document.versions.filter(major=1).exists()
    client.force_login(consultant)
    client.post(
        url(cycle, "outcome-resolve", meeting_pk=meeting.pk, outcome_pk=change.pk),
        {"resolution": "Municipalities named.", "version": "next"},
    )
    client.force_login(coordinator)
    finalise = url(cycle, "version-finalise", document_pk=document.pk)
    response = client.post(finalise, follow=True)
    assert "is recorded as made, but the text reads as it did in version" in (
        response.content.decode()
    )
    revise(document, consultant, "<p>The municipalities, named.</p>", key="executive-summary")
    asked = client.post(finalise, {"note": "Agreed changes made."})
    assert "Issue the final version anyway?" in asked.content.decode()
    assert not document.versions.filter(major=1).exists()
    response = client.post(
        finalise, {"note": "Agreed changes made.", "confirmed": "True"}, follow=True
    )
    assert "The final version 1.0 has been issued and locked" in response.content.decode()
    final = document.versions.get(major=1)
    # Locked: the editing pages send editors back with a message.
    client.force_login(consultant)
    section = document.sections.first()
    response = client.post(
        url(cycle, "section-edit", document_pk=document.pk, section_pk=section.pk),
        {"version": section.version, "body": "<p>Late</p>"},
        follow=True,
    )
    assert "no longer changes" in response.content.decode()
    # The focal point endorses.
    client.force_login(focal_a)
    endorsement = final.endorsements.get(organisation=org_a)
    client.post(
        url(cycle, "endorsement-respond", endorsement_pk=endorsement.pk),
        {"response": "reservation", "reservation": ""},
    )
    endorsement.refresh_from_db()
    assert endorsement.response == EndorsementResponse.PENDING
    client.post(
        url(cycle, "endorsement-respond", endorsement_pk=endorsement.pk), {"response": "endorsed"}
    )
    endorsement.refresh_from_db()
    assert endorsement.response == EndorsementResponse.ENDORSED
    assert endorsement.version_hash == final.content_hash
    # The observer reads the final version, never a draft.
    client.force_login(observer)
    assert client.get(url(cycle, "report-published")).status_code == 302
    detail = url(cycle, "version-detail", document_pk=document.pk, version_pk=final.pk)
    assert client.get(detail).status_code == 200
    draft = document.versions.get(major=0, minor=1)
    for name, kwargs in [
        ("version-detail", {"version_pk": draft.pk}),
        ("version-download", {"version_pk": draft.pk, "fmt": "pdf"}),
        ("document-detail", {}),
        ("document-download", {"fmt": "pdf"}),
    ]:
        assert client.get(url(cycle, name, document_pk=document.pk, **kwargs)).status_code == 403, (
            name
        )
    pdf = fetched(
        client,
        url(cycle, "version-download", document_pk=document.pk, version_pk=final.pk, fmt="pdf"),
    )
    assert pdf["Content-Type"] == "application/pdf"


@pytest.fixture
def final(world, document, coordinator, consultant, focal_a, org_a):
    meeting = world["meeting"]
    services.outcome_resolve(
        outcome=world["change"], by=consultant, resolution="Done.", in_next=True
    )
    revise(document, consultant, key="executive-summary")
    services.attendee_mark(
        attendee=meeting.attendees.get(person=focal_a), by=consultant, presence=Presence.PRESENT
    )
    validate(meeting, coordinator, ValidationOutcome.WITH_CHANGES)
    final = documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    documents.endorsement_respond(
        endorsement=final.endorsements.get(organisation=org_a),
        by=focal_a,
        response=EndorsementResponse.RESERVATION,
        reservation="Border gates deserve their own priority.",
    )
    return final


def _docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_final_docx_and_pdf_carry_the_endorsement_and_attendance_annexes(
    client, cycle, document, final, focal_a
):
    client.force_login(focal_a)
    kwargs = {"document_pk": document.pk, "version_pk": final.pk}
    docx_url = url(cycle, "version-download", **kwargs, fmt="docx")
    docx = _docx_text(fetched(client, docx_url).getvalue())
    pdf_url = url(cycle, "version-download", **kwargs, fmt="pdf")
    pdf_bytes = fetched(client, pdf_url).getvalue()
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    for text in (" ".join(docx.split()), " ".join(pdf.split())):
        assert "Final version 1.0" in text
        assert "Annex: endorsements" in text
        assert "Endorsed with a reservation" in text
        assert "Border gates deserve their own priority." in text
        assert "Annex: attendance of the validation meeting" in text
        assert focal_a.get_full_name() in text
    draft = document.versions.get(minor=1)
    draft_url = url(
        cycle, "version-download", document_pk=document.pk, version_pk=draft.pk, fmt="docx"
    )
    draft_docx = _docx_text(fetched(client, draft_url).getvalue())
    assert "Annex: endorsements" not in draft_docx


def test_minutes_export_with_the_attendance_annex(client, cycle, world, consultant, focal_a):
    meeting = world["meeting"]
    services.attendee_mark(
        attendee=meeting.attendees.get(person=focal_a), by=consultant, presence=Presence.PRESENT
    )
    services.minutes_save(
        item=meeting.agenda_items.first(), by=consultant, minutes="The meeting opened at ten."
    )
    client.force_login(focal_a)
    docx_url = url(cycle, "minutes-download", meeting_pk=meeting.pk, fmt="docx")
    docx = _docx_text(fetched(client, docx_url).getvalue())
    response = fetched(client, url(cycle, "minutes-download", meeting_pk=meeting.pk, fmt="pdf"))
    assert response["Content-Disposition"] == (
        'attachment; filename="UNNM-Turkiye_minutes_2021-06-24_en.pdf"'
    )
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.getvalue())).pages)
    for text in (docx, pdf):
        assert "The meeting opened at ten." in text
        assert "Agreed change" in text
        assert "Annex: attendance list" in text
        assert focal_a.get_full_name() in text
        assert meeting.version.content_hash in text.replace("\n", "")


def test_the_calendar_download_parses(client, cycle, world, focal_b):
    client.force_login(focal_b)
    response = client.get(url(cycle, "meeting-calendar", meeting_pk=world["meeting"].pk))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Validation meeting"


def test_the_public_link_shows_the_final_version_only_once_published(
    client, cycle, document, final, coordinator, run_tasks
):
    public = reverse("public-report", kwargs={"token": document.public_token})
    assert client.get(public).status_code == 404
    client.force_login(coordinator)
    client.post(url(cycle, "document-publish", document_pk=document.pk), {"public": "1"})
    client.logout()
    response = client.get(public)
    assert response.status_code == 200
    assert final.content_hash in response.content.decode()
    public_pdf = reverse("public-download", kwargs={"token": document.public_token, "fmt": "pdf"})
    waiting = client.get(public_pdf)  # the files asked for when the version was issued
    assert "This page downloads the file by itself once it is ready" in waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting.content.decode()
    run_tasks()
    pdf = client.get(public_pdf)
    assert pdf["Content-Type"] == "application/pdf"
    client.force_login(coordinator)
    client.post(url(cycle, "document-publish", document_pk=document.pk), {"public": "0"})
    client.logout()
    assert client.get(public).status_code == 404


def test_the_admin_refuses_changes_to_a_final_document(client, document, final):
    from gcmhub.tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    section = document.sections.first()
    change = reverse("admin:documents_section_change", args=[section.pk])
    assert client.get(change).status_code == 200  # read-only view
    client.post(change, {"title": "Changed", "body": "<p>Changed</p>", "key": section.key})
    section.refresh_from_db()
    assert section.title != "Changed"
    assert (
        client.post(reverse("admin:documents_section_delete", args=[section.pk])).status_code == 403
    )
    version_change = reverse("admin:documents_version_change", args=[final.pk])
    client.post(version_change, {"note": "Rewritten"})
    final.refresh_from_db()
    assert final.note != "Rewritten"
    assert client.get(reverse("admin:documents_version_add")).status_code == 403
    document_change = reverse("admin:documents_document_change", args=[document.pk])
    client.post(document_change, {"title": "Renamed"})
    document.refresh_from_db()
    assert document.title != "Renamed"


def test_meeting_pages_keep_a_constant_number_of_queries(
    client, cycle, world, consultant, coordinator, django_assert_max_num_queries
):
    from gcmhub.tests.factories import MembershipFactory, OrganisationFactory

    meeting = world["meeting"]
    client.force_login(coordinator)
    pages = [
        url(cycle, "meeting-list"),
        url(cycle, "meeting-detail", meeting_pk=meeting.pk),
        url(cycle, "check-in", meeting_pk=meeting.pk),
        url(cycle, "minutes", meeting_pk=meeting.pk),
        url(cycle, "invitations", meeting_pk=meeting.pk),
        url(cycle, "action-list"),
    ]
    counts = []
    for page in pages:
        with django_assert_max_num_queries(60) as captured:
            client.get(page)
        counts.append(len(captured.captured_queries))
    organisations = OrganisationFactory.create_batch(6, network=cycle.network)
    for organisation in organisations:
        MembershipFactory(network=cycle.network, role="focal_point", organisation=organisation)
    services.invitations_set(meeting=meeting, by=coordinator, organisations=organisations)
    for n in range(4):
        agreed_change(meeting, consultant, text=f"Change {n}")
    for n in range(3):
        other = services.meeting_save(
            cycle=cycle, by=coordinator, **meeting_data(meeting.version, title=f"Network {n}")
        )
        services.outcome_save(
            meeting=other,
            by=consultant,
            type=OutcomeType.ACTION_POINT,
            text=f"Send the figures {n}",
            owner="IOM",
            due_date=dt.date(2021, 9, 1),
        )
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(page)


def test_the_register_comes_when_asked_for_with_the_counts_always_shown(
    client, cycle, world, coordinator, focal_a
):
    meeting = world["meeting"]
    services.attendee_add(
        meeting=meeting, by=coordinator, name="Deniz Yavuz", organisation_name="Ankara"
    )
    client.force_login(focal_a)
    page = url(cycle, "meeting-detail", meeting_pk=meeting.pk)
    content = client.get(page).content.decode()
    assert "1 present, 0 absent, 0 excused, 2 not checked in." in content
    assert "Deniz Yavuz" not in content
    assert 'hx-get="?register=1"' in content and 'href="?register=1#register"' in content
    # Without JavaScript: the whole page, the register open.
    content = client.get(page, {"register": "1"}).content.decode()
    assert '<details id="register" open>' in content
    assert 'Deniz Yavuz <span class="muted">(' in content
    # With htmx: the list alone.
    fragment = client.get(page, {"register": "1"}, headers={"HX-Request": "true"})
    fragment = fragment.content.decode()
    assert fragment.lstrip().startswith('<ul class="plain small">')
    assert "Deniz Yavuz" in fragment and "<html" not in fragment


def test_the_meeting_list_counts_invitations_and_attendees_each_once(
    client, cycle, world, coordinator
):
    meeting = world["meeting"]
    for n in range(3):
        services.attendee_add(
            meeting=meeting, by=coordinator, name=f"Walk-in {n}", organisation_name="Ankara"
        )
    client.force_login(coordinator)
    response = client.get(url(cycle, "meeting-list"))
    [listed] = [m for m in response.context["meetings"] if m.pk == meeting.pk]
    invited = meeting.invitations.count()
    assert (listed.invited, listed.present) == (invited, 3)
    assert invited == 2  # the two focal points


def test_meeting_pages_keep_their_queries_with_many_attendees_and_outcomes(
    client, cycle, world, consultant, coordinator, django_assert_max_num_queries
):
    from gcmhub.tests.factories import MembershipFactory, OrganisationFactory

    meeting = world["meeting"]
    item = meeting.agenda_items.first()
    services.attendee_add(
        meeting=meeting, by=coordinator, name="First walk-in", organisation_name="Ankara"
    )
    services.outcome_save(
        meeting=meeting, by=consultant, type=OutcomeType.DECISION, text="Agreed", agenda_item=item
    )
    client.force_login(coordinator)
    detail = url(cycle, "meeting-detail", meeting_pk=meeting.pk)
    pages = [
        url(cycle, "meeting-list"),
        detail,
        detail + "?register=1",
        detail + "?invited=1",
        url(cycle, "minutes", meeting_pk=meeting.pk),
        url(cycle, "outcome-add", meeting_pk=meeting.pk, item_pk=item.pk),
        url(cycle, "check-in", meeting_pk=meeting.pk),
        url(cycle, "invitations", meeting_pk=meeting.pk),
        url(cycle, "agenda-edit", meeting_pk=meeting.pk),
        url(cycle, "action-list"),
    ]

    def grow():
        organisations = OrganisationFactory.create_batch(5, network=cycle.network)
        for organisation in organisations:
            MembershipFactory(network=cycle.network, role="focal_point", organisation=organisation)
        services.invitations_set(meeting=meeting, by=coordinator, organisations=organisations)
        for n in range(6):
            services.attendee_add(
                meeting=meeting, by=coordinator, name=f"Walk-in {n}", organisation_name="Ankara"
            )
            services.outcome_save(
                meeting=meeting,
                by=consultant,
                type=OutcomeType.ACTION_POINT,
                text=f"Send the figures {n}",
                agenda_item=item if n % 2 else None,
                owner_organisation=organisations[n % 5],
                due_date=dt.date(2021, 9, 1),
            )

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=60)


def test_the_check_in_shows_the_register_a_page_at_a_time_and_counts_everyone(
    client, cycle, world, coordinator, monkeypatch
):
    from gcmhub.meetings.views import attendance

    monkeypatch.setattr(attendance, "CHECK_IN_ROWS", 1)
    meeting = world["meeting"]
    services.attendee_add(
        meeting=meeting, by=coordinator, name="Deniz Yavuz", organisation_name="Ankara"
    )
    client.force_login(coordinator)
    page = url(cycle, "check-in", meeting_pk=meeting.pk)
    pages = [client.get(page, {"page": n}).content.decode() for n in [1, 2, 3]]
    for content in pages:
        assert "1 person present of 3 on the register." in content
    assert "Page 1 of 3" in pages[0] and 'href="?page=2"' in pages[0]
    assert ["Deniz Yavuz" in content for content in pages] == [True, False, False]


def test_a_check_in_without_javascript_returns_to_the_page_it_was_made_on(
    client, cycle, world, coordinator, monkeypatch
):
    from gcmhub.meetings.views import attendance

    monkeypatch.setattr(attendance, "CHECK_IN_ROWS", 1)
    meeting = world["meeting"]
    services.attendee_add(
        meeting=meeting, by=coordinator, name="Deniz Yavuz", organisation_name="Ankara"
    )
    second = list(selectors.register_of(meeting))[1]
    assert second.presence != Presence.PRESENT
    client.force_login(coordinator)
    page = url(cycle, "check-in", meeting_pk=meeting.pk)
    content = client.get(page, {"page": 2, "q": "x y"}).content.decode()
    mark = url(cycle, "attendee-mark", meeting_pk=meeting.pk, attendee_pk=second.pk)
    assert f'action="{mark}"' in content
    assert '<input type="hidden" name="back" value="page=2&amp;q=x+y">' in content
    response = client.post(mark, {"presence": "present", "back": "page=2&q=x+y"}, follow=True)
    assert response.redirect_chain == [(f"{page}?page=2&q=x+y#attendee-{second.pk}", 302)]
    content = response.content.decode()
    assert "Page 2 of 3" in content and "2 people present of 3 on the register." in content
    assert f'id="attendee-{second.pk}"' in content
    assert 'value="present" class="button presence-present" aria-pressed="true"' in content
    # From the first page (no query), back to the first page; a forged "back" stays a query.
    response = client.post(mark, {"presence": "absent"})
    assert response["Location"] == f"{page}#attendee-{second.pk}"
    response = client.post(mark, {"presence": "absent", "back": "//evil.example/?page=2"})
    assert response["Location"].startswith(f"{page}?")


def test_who_is_invited_comes_when_asked_for_with_the_replies_counted(
    client, cycle, world, focal_a, focal_b
):
    meeting = world["meeting"]
    client.force_login(focal_b)
    page = url(cycle, "meeting-detail", meeting_pk=meeting.pk)
    content = client.get(page).content.decode()
    assert "No reply yet: 2" in content
    assert "Ministry A (MA): " not in content  # the list itself
    assert "Agency B (AB) is invited. Current reply: No reply yet." in content  # their own
    assert 'hx-get="?invited=1"' in content and 'href="?invited=1#invited"' in content
    content = client.get(page, {"invited": "1"}).content.decode()
    assert '<details id="invited" open>' in content
    assert f"Ministry A (MA): {focal_a.get_full_name() or focal_a.username}" in content
    fragment = client.get(page, {"invited": "1"}, headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<ul class="plain small">')


def test_only_who_may_resolve_an_agreed_change_gets_the_link_to_resolve_it(
    client, cycle, world, coordinator, consultant, focal_a, observer
):
    meeting, change = world["meeting"], world["change"]
    validate(meeting, coordinator)
    resolve = url(cycle, "outcome-resolve", meeting_pk=meeting.pk, outcome_pk=change.pk)
    for user, linked in [(coordinator, True), (consultant, True), (focal_a, False)]:
        client.force_login(user)
        page = client.get(url(cycle, "meeting-list")).content.decode()
        assert "Name the municipalities in the summary." in page, user
        assert (f'href="{resolve}"' in page) is linked, user
        assert client.get(resolve).status_code == (200 if linked else 403), user


def test_the_invitations_page_counts_them_all_and_lists_a_page_at_a_time(
    client, cycle, meeting, coordinator, network, monkeypatch
):
    from gcmhub.meetings import services
    from gcmhub.meetings.views import attendance
    from gcmhub.tests.factories import OrganisationFactory

    monkeypatch.setattr(attendance, "CHECK_IN_ROWS", 2)
    more = [OrganisationFactory(network=network, name=f"Zz agency {n}") for n in range(3)]
    services.invitations_set(meeting=meeting, by=coordinator, organisations=more)
    services.invitations_send(meeting=meeting, by=coordinator)  # the two with a focal point
    client.force_login(coordinator)
    page = url(cycle, "invitations", meeting_pk=meeting.pk)
    first = client.get(page).content.decode()
    assert "5 invited · 2 e-mailed · 0 replied" in first
    assert "Page 1 of 3" in first and "Zz agency" not in first.split("invite-heading")[0]
    last = client.get(page, {"page": 3}).content.decode()
    assert "Zz agency 2" in last and "Zz agency 0" not in last
