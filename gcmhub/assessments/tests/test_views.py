import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcmhub.assessments import services
from gcmhub.assessments.models import Consultation, Input
from gcmhub.assessments.questionnaire import build_questionnaire
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective
from gcmhub.tests.matrix import PERSONAS, A, F, N, R, assert_page_matrix, by_page
from gcmhub.tests.queries import assert_constant_queries


@pytest.fixture
def consultation(cycle, org_a, consultant):
    consultation = Consultation.objects.create(
        cycle=cycle, date="2021-04-06", type="interview", title="Interview with ministry A"
    )
    consultation.organisations.set([org_a])
    return consultation


@pytest.fixture
def world(cycle, org_a, draft, submitted, submitted_b, consultation, personas):
    return {
        "cycle": {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk},
        "org_a": org_a,
        "draft": draft,
        "submitted": submitted,
        "consultation": consultation,
    }


def url(world, name, **kwargs):
    return reverse(name, kwargs={**world["cycle"], **kwargs})


PAGES = [
    ("assessment-home", {}, [A, A, A, A, F, N]),
    ("assignment-list", {}, [A, F, F, F, F, N]),
    ("assignment-edit", {"organisation_pk": "org_a"}, [A, F, F, F, F, N]),
    ("input-list", {}, [A, A, A, A, F, N]),
    ("input-detail", {"input_pk": "draft"}, [N, N, A, N, F, N]),
    ("input-detail", {"input_pk": "submitted"}, [A, A, A, N, F, N]),
    ("input-edit", {"input_pk": "draft"}, [N, N, A, N, F, N]),
    ("input-edit", {"input_pk": "submitted"}, [F, F, F, N, F, N]),
    ("input-history", {"input_pk": "submitted"}, [A, A, A, N, F, N]),
    ("questionnaire-download", {"organisation_pk": "org_a"}, [A, A, A, F, F, N]),
    ("questionnaire-upload", {}, [F, F, A, A, F, N]),
    ("consultation-list", {}, [A, A, A, A, F, N]),
    ("consultation-detail", {"consultation_pk": "consultation"}, [A, A, A, N, F, N]),
    ("consultation-create", {}, [A, A, F, F, F, N]),
    ("consultation-edit", {"consultation_pk": "consultation"}, [A, A, F, F, F, N]),
    ("coverage", {}, [A, A, F, F, F, N]),
    ("objective-synthesis", {"number": 9}, [A, A, F, F, F, N]),
]


def resolve(world, kwargs):
    return {k: (world[v].pk if isinstance(v, str) else v) for k, v in kwargs.items()}


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
def test_page_answers_each_persona(client, world, personas, name, kwargs, statuses):
    assert_page_matrix(client, personas, url(world, name, **resolve(world, kwargs)), statuses)


TRANSITIONS = [
    ("input-submit", "draft", {}, [N, N, R, N, F, N]),
    ("input-accept", "submitted", {}, [R, R, F, N, F, N]),
    ("input-return", "submitted", {"reason": "Be more precise."}, [R, R, F, N, F, N]),
]


# One persona a case: a step taken changes the input the next persona would meet.
@pytest.mark.parametrize(
    ("name", "target", "data", "persona", "expected"),
    [
        pytest.param(name, target, data, persona, status, id=f"{name}-{persona}")
        for name, target, data, statuses in TRANSITIONS
        for persona, status in zip(PERSONAS, statuses, strict=True)
    ],
)
def test_state_changes_by_persona(client, world, personas, name, target, data, persona, expected):
    input = world[target]
    before = input.state
    target_url = url(world, name, input_pk=input.pk)
    assert_page_matrix(client, personas, target_url, {persona: expected}, method="post", data=data)
    input.refresh_from_db()
    assert (input.state != before) == (expected == R)


@pytest.mark.parametrize(
    ("name", "statuses"),
    [
        ("collection-close", [R, F, F, F, F, N]),
        ("requests-send", [R, F, F, F, F, N]),
    ],
)
def test_coordinator_actions_by_persona(client, world, personas, name, statuses):
    assert_page_matrix(client, personas, url(world, name), statuses, method="post")


def test_only_the_coordinator_reopens_an_input_after_the_close(
    client, world, cycle, coordinator, consultant
):
    services.input_accept(input=world["submitted"], by=consultant)
    services.collection_close(cycle=cycle, by=coordinator)
    target = url(world, "input-reopen", input_pk=world["submitted"].pk)
    client.force_login(consultant)
    assert client.post(target, {"reason": "x"}).status_code == 403
    client.force_login(coordinator)
    assert client.post(target, {"reason": ""}).status_code == 400
    assert client.post(target, {"reason": "A figure is wrong."}).status_code == 302
    world["submitted"].refresh_from_db()
    assert world["submitted"].reopened


def test_returning_without_a_reason_shows_the_form_again(client, world, consultant):
    client.force_login(consultant)
    response = client.post(
        url(world, "input-return", input_pk=world["submitted"].pk), {"reason": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    world["submitted"].refresh_from_db()
    assert world["submitted"].state == State.SUBMITTED


def form_data(input, **overrides):
    data = {
        "version": input.version,
        "language": "en",
        "situation": "A national law is in force.",
        "gaps": "Little data.",
        "gcm_actions": ["a"],
        "principles": ["human_rights"],
        "needs-TOTAL_FORMS": "1",
        "needs-INITIAL_FORMS": "0",
        "needs-0-type": "data",
        "needs-0-description": "Disaggregated data.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Set up a data working group.",
        "actions-0-horizon": "medium",
        "actions-0-lead": "",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-kind": "law",
        "references-0-title": "Law No. 6458",
        "references-0-url": "",
    }
    data.update(overrides)
    return data


def test_focal_point_saves_and_submits_from_the_form(client, world, focal_a):
    draft = world["draft"]
    client.force_login(focal_a)
    file = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    data = form_data(draft, **{"references-0-file": file}, submit="1")
    response = client.post(url(world, "input-edit", input_pk=draft.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert draft.situation == "A national law is in force."
    assert draft.proposed_actions.get().horizon == "medium"
    reference = draft.references.get()
    download = client.get(
        url(world, "reference-file", input_pk=draft.pk, reference_pk=reference.pk)
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 plan"


def test_a_stale_form_is_refused_with_a_message(client, world, focal_a):
    draft = world["draft"]
    client.force_login(focal_a)
    client.post(url(world, "input-edit", input_pk=draft.pk), form_data(draft))
    response = client.post(
        url(world, "input-edit", input_pk=draft.pk), form_data(draft, situation="Older")
    )
    assert response.status_code == 200
    assert "Someone else saved this input after you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.situation == "A national law is in force."


def test_a_need_without_a_type_is_refused(client, world, focal_a):
    draft = world["draft"]
    client.force_login(focal_a)
    response = client.post(
        url(world, "input-edit", input_pk=draft.pk), form_data(draft, **{"needs-0-type": ""})
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 1


def test_focal_point_starts_an_input_on_an_asked_objective(client, world, cycle, focal_b):
    client.force_login(focal_b)
    response = client.post(url(world, "input-start", number=10))
    assert response.status_code == 302  # org B is not asked about 10: back with a message
    assert not Input.objects.filter(organisation__name="Agency B", objective__number=10).exists()
    client.post(
        url(world, "assignment-volunteer"), {"objective": Objective.objects.get(number=10).pk}
    )
    response = client.post(url(world, "input-start", number=10))
    input = Input.objects.get(organisation__name="Agency B", objective__number=10)
    assert response["Location"] == url(world, "input-edit", input_pk=input.pk)


def test_upload_view_lists_every_problem_with_its_place(client, world, cycle, org_a, focal_a):
    from openpyxl import load_workbook

    wb = load_workbook(
        io.BytesIO(build_questionnaire(cycle=cycle, organisation=org_a, language="en"))
    )
    wb["Objective 9"]["B10"] = "Money"
    wb["Objective 9"]["C10"] = "A need"
    buffer = io.BytesIO()
    wb.save(buffer)
    client.force_login(focal_a)
    file = SimpleUploadedFile("answers.xlsx", buffer.getvalue())
    response = client.post(url(world, "questionnaire-upload"), {"file": file})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Objective 9" in content
    assert "“Money” is not a valid type of need" in content
    assert "Nothing has been changed." in content


def test_upload_preview_then_apply(client, world, cycle, org_a, focal_a):
    from openpyxl import load_workbook

    wb = load_workbook(
        io.BytesIO(build_questionnaire(cycle=cycle, organisation=org_a, language="en"))
    )
    wb["Objective 9"]["B5"] = "Written offline."
    buffer = io.BytesIO()
    wb.save(buffer)
    client.force_login(focal_a)
    response = client.post(
        url(world, "questionnaire-upload"),
        {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "input updated" in preview.content.decode()
    world["draft"].refresh_from_db()
    assert world["draft"].situation == "A law is in place."  # nothing yet
    client.post(response["Location"], {"apply": "1"})
    world["draft"].refresh_from_db()
    assert world["draft"].situation == "Written offline."


def test_coverage_shows_each_state_and_exports(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(url(world, "coverage"))
    rows = {row["objective"].number: row for row in response.context["matrix"]["rows"]}
    assert rows[9]["totals"] == {"draft": 1, "submitted": 1}
    assert rows[10]["totals"] == {"submitted": 1}
    # Each column's full name is read by a screen reader and listed under the table.
    page = response.content.decode()
    for org in response.context["matrix"]["columns"]:
        assert f'<span class="visually-hidden">{org.label}</span>' in page
        assert f"<dt>{org.short_name}</dt><dd>{org.label}</dd>" in page
    export = client.get(url(world, "coverage") + "?format=xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(export.content)).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Submitted" in values
    assert any(str(v).startswith("9. Strengthen") for v in values)


def test_coverage_filters_by_round_table(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(url(world, "coverage"), {"round_table": "2"})
    numbers = [row["objective"].number for row in response.context["matrix"]["rows"]]
    assert numbers == [4, 8, 9, 10, 11, 13, 21]


def test_coverage_and_synthesis_keep_a_constant_number_of_queries(
    client, world, cycle, coordinator, django_assert_max_num_queries
):
    from gcmhub.tests.factories import OrganisationFactory

    client.force_login(coordinator)
    pages = [
        url(world, "coverage"),
        url(world, "objective-synthesis", number=9),
        url(world, "input-list"),
    ]

    def grow():
        for organisation in OrganisationFactory.create_batch(12, network=cycle.network):
            objective = Objective.objects.get(number=9)
            input = make_input(cycle, organisation, objective, State.SUBMITTED)
            input.needs.create(type="data", description="More data")
            input.proposed_actions.create(description="Act", horizon="short", lead=organisation)

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=40)


def test_synthesis_is_saved_and_a_stale_save_refused(client, world, consultant):
    client.force_login(consultant)
    target = url(world, "objective-synthesis", number=9)
    response = client.get(target)
    assert "Needs by type" in response.content.decode()
    assert "<svg" in response.content.decode()
    client.post(target, {"version": 1, "text": "Both agree on data gaps."})
    response = client.post(target, {"version": 1, "text": "Stale"})
    assert "Someone else saved this synthesis" in response.content.decode()
    assert response.context["synthesis"].text == "Both agree on data gaps."


def test_consultation_is_recorded_with_an_attachment(client, world, cycle, consultant, org_a):
    client.force_login(consultant)
    data = {
        "date": "2021-05-03",
        "type": "workshop",
        "title": "Validation of findings",
        "organisations": [org_a.pk],
        "objectives": [Objective.objects.get(number=9).pk],
        "participants": "Ayşe Demir, expert, Ministry A",
        "notes": "Discussed <b>gaps</b>.",
    }
    response = client.post(url(world, "consultation-create"), data)
    consultation = Consultation.objects.get(title="Validation of findings")
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.notes == "Discussed gaps."
    client.post(
        url(world, "attachment-add", consultation_pk=consultation.pk),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.txt", b"Agenda")},
    )
    attachment = consultation.attachments.get()
    response = client.get(
        url(world, "attachment-file", consultation_pk=consultation.pk, attachment_pk=attachment.pk)
    )
    assert b"".join(response.streaming_content) == b"Agenda"


def test_focal_points_see_only_consultations_of_their_organisation(client, world, focal_a, focal_b):
    client.force_login(focal_b)
    assert list(client.get(url(world, "consultation-list")).context["consultations"]) == []
    client.force_login(focal_a)
    assert [
        c.title for c in client.get(url(world, "consultation-list")).context["consultations"]
    ] == ["Interview with ministry A"]


def test_consultations_come_fifty_a_page_newest_first(client, world, coordinator, monkeypatch):
    import datetime as dt

    from gcmhub.assessments.views import consultations as views

    monkeypatch.setattr(views, "CONSULTATIONS_PAGE", 2)
    for day in (1, 2):
        Consultation.objects.create(
            cycle=world["consultation"].cycle,
            date=dt.date(2021, 5, day),
            type="workshop",
            title=f"Workshop {day}",
        )
    client.force_login(coordinator)
    first = client.get(url(world, "consultation-list"))
    text = first.content.decode()
    assert "Workshop 2" in text and "Workshop 1" in text and "ministry A" not in text
    assert "3 consultations" in text and "Page 1 of 2" in text and "page=2" in text
    second = client.get(url(world, "consultation-list"), {"page": 2}).content.decode()
    assert "Interview with ministry A" in second and "Workshop" not in second


def test_saving_an_input_again_keeps_its_needs_actions_and_references(client, world, focal_a):
    """The form posted back as the browser sends it, unchanged: every row is still there."""
    from gcmhub.tests.roundtrip import page_form, post_form

    draft = world["draft"]
    client.force_login(focal_a)
    edit = url(world, "input-edit", input_pk=draft.pk)
    client.post(
        edit,
        form_data(
            draft,
            **{
                "needs-TOTAL_FORMS": "2",
                "needs-1-type": "capacity",
                "needs-1-description": "Trained staff.",
            },
        ),
    )
    for _ in range(2):  # save, and save again
        response = post_form(client, page_form(client.get(edit)))
        assert response.status_code == 302
    assert list(draft.needs.values_list("description", flat=True)) == [
        "Disaggregated data.",
        "Trained staff.",
    ]
    assert list(draft.proposed_actions.values_list("description", flat=True)) == [
        "Set up a data working group."
    ]
    assert list(draft.references.values_list("title", flat=True)) == ["Law No. 6458"]


def test_an_untouched_save_keeps_the_inputs_version(client, world, focal_a):
    from gcmhub.tests.roundtrip import page_form, post_form

    draft = world["draft"]
    client.force_login(focal_a)
    edit = url(world, "input-edit", input_pk=draft.pk)
    client.post(edit, form_data(draft))
    draft.refresh_from_db()
    version, records = draft.version, draft.history.count()
    assert post_form(client, page_form(client.get(edit))).status_code == 302
    draft.refresh_from_db()
    assert (draft.version, draft.history.count()) == (version, records)


# At a network's size: pages of rows, totals that count them all, queries that do not grow


def test_coverage_shows_the_organisations_a_page_at_a_time_and_totals_them_all(
    client, world, cycle, coordinator, monkeypatch
):
    from gcmhub.assessments.views import syntheses
    from gcmhub.tests.factories import OrganisationFactory

    monkeypatch.setattr(syntheses, "COVERAGE_COLUMNS", 2)
    objective = Objective.objects.get(number=9)
    late = OrganisationFactory(network=cycle.network, name="Zeta Office", acronym="ZO")
    make_input(cycle, late, objective, State.ACCEPTED)
    client.force_login(coordinator)
    first = client.get(url(world, "coverage"))
    second = client.get(url(world, "coverage"), {"page": 2})
    assert [o.short_name for o in first.context["matrix"]["columns"]] == ["AB", "MA"]
    assert [o.short_name for o in second.context["matrix"]["columns"]] == ["ZO"]
    assert "Organisations 1 to 2 of 3 in the columns" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    for response in [first, second]:
        row = next(r for r in response.context["matrix"]["rows"] if r["objective"] == objective)
        # Objective 9 is asked of all three, whichever page shows their columns.
        assert row["asked"] == 3
        assert row["totals"] == {"draft": 1, "submitted": 1, "accepted": 1}
    assert second.context["matrix"]["column_asked"] == [1]
    # The Excel file keeps every organisation.
    from openpyxl import load_workbook

    export = client.get(url(world, "coverage"), {"format": "xlsx", "page": 2})
    header = [c.value for c in next(load_workbook(io.BytesIO(export.content)).active.iter_rows(3))]
    assert header[1:4] == ["AB", "MA", "ZO"]


def test_synthesis_shows_the_inputs_a_page_at_a_time_and_counts_every_need(
    client, world, cycle, consultant, monkeypatch
):
    from gcmhub.assessments.views import syntheses
    from gcmhub.tests.factories import OrganisationFactory

    monkeypatch.setattr(syntheses, "SIDE_BY_SIDE", 1)
    late = OrganisationFactory(network=cycle.network, name="Zeta Office")
    make_input(cycle, late, Objective.objects.get(number=9), State.SUBMITTED, situation="Zeta.")
    for input in Input.objects.filter(objective__number=9):  # the draft is not read
        input.needs.create(type="data", description=f"Data of {input.organisation.name}")
    client.force_login(consultant)
    target = url(world, "objective-synthesis", number=9)
    first = client.get(target).content.decode()
    second = client.get(target, {"page": 2}).content.decode()
    assert "Agency B view." in first and "Agency B view." not in second
    assert "Data of Zeta Office" in second and "Data of Zeta Office" not in first
    assert "Data of Ministry A" not in first + second
    assert "Inputs 1 to 1 of 2; the needs by type count them all." in first
    for page in [first, second]:
        assert '<td>Data</td><td class="num">2</td>' in page


def test_assessment_pages_keep_their_queries_as_the_network_grows(
    client, world, cycle, coordinator, consultant, django_assert_max_num_queries
):
    from gcmhub.tests.factories import OrganisationFactory

    objective = Objective.objects.get(number=9)
    for cites in Input.objects.exclude(state=State.DRAFT):  # each kind of record shown, once
        cites.consultations.add(world["consultation"])
    client.force_login(coordinator)
    pages = [
        url(world, "assessment-home"),
        url(world, "assignment-list"),
        url(world, "input-list"),
        url(world, "input-detail", input_pk=world["submitted"].pk),
        url(world, "consultation-list"),
        url(world, "consultation-detail", consultation_pk=world["consultation"].pk),
        url(world, "coverage"),
        url(world, "coverage") + "?organisation_type=government&round_table=2",
        url(world, "objective-synthesis", number=9),
    ]

    def grow():
        for n, organisation in enumerate(
            OrganisationFactory.create_batch(8, network=cycle.network)
        ):
            for number in [9, 10]:
                input = make_input(
                    cycle, organisation, Objective.objects.get(number=number), State.SUBMITTED
                )
                input.needs.create(type="data", description="More data")
                cited = Consultation.objects.create(
                    cycle=cycle, date="2021-04-07", type="workshop", title=f"Workshop {n}"
                )
                cited.organisations.set([organisation])
                input.consultations.add(cited, world["consultation"])
        world["submitted"].consultations.add(*Consultation.objects.all())
        assert Input.objects.filter(objective=objective).count() == 10

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=40)


def test_the_assessment_page_pages_the_organisations_with_their_counts(
    client, world, cycle, consultant, monkeypatch
):
    from gcmhub.assessments.views import collection

    monkeypatch.setattr(collection, "ORGANISATIONS_PER_PAGE", 1)
    client.force_login(consultant)
    first = client.get(url(world, "assessment-home"))
    second = client.get(url(world, "assessment-home"), {"page": 2})
    rows = [
        (o.label, o.asked, o.n_accepted, o.n_submitted, o.n_returned, o.n_draft)
        for response in [first, second]
        for o in response.context["organisations"]
    ]
    assert rows == [("Agency B (AB)", 1, 0, 1, 0, 0), ("Ministry A (MA)", 2, 0, 1, 0, 1)]
    assert 'href="?page=2"' in first.content.decode()


def test_who_is_asked_what_pages_the_organisation_tree(
    client, world, cycle, coordinator, monkeypatch
):
    from gcmhub.assessments.views import assignments

    monkeypatch.setattr(assignments, "ORGANISATIONS_PER_PAGE", 1)
    client.force_login(coordinator)
    second = client.get(url(world, "assignment-list"), {"page": 2})
    [organisation] = second.context["organisations"]
    assert organisation.name == "Ministry A"
    assert [a.objective.number for a in organisation.cycle_assignments] == [9, 10]
    assert "Page 2 of 2" in second.content.decode()
