import pytest
from django.urls import reverse

from gcmhub.coordination import services
from gcmhub.coordination.models import Responsible, SopKind
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.coordination.tor import TERMS_OF_REFERENCE
from gcmhub.tests.matrix import A, F, N, assert_page_matrix, by_page


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def world(cycle, coordinator, focal_a, personas):
    rule = services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    group = services.working_group_save(network=cycle.network, by=coordinator, name="Data group")
    return {"rule": rule, "group": group}


PAGES = [
    ("coordination", {}, [A, A, A, A, F, N]),
    ("obligation-list", {}, [A, A, A, A, F, N]),
    ("working-group-create", {}, [A, F, F, F, F, N]),
    ("working-group-edit", {"group_pk": "group"}, [A, F, F, F, F, N]),
    ("sop-rule-create", {}, [A, F, F, F, F, N]),
    ("sop-rule-edit", {"rule_pk": "rule"}, [A, F, F, F, F, N]),
    ("action-list", {}, [A, A, A, A, F, N]),
]


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
def test_page_answers_each_persona(client, cycle, world, personas, name, kwargs, statuses):
    kwargs = {k: world[v].pk for k, v in kwargs.items()}
    assert_page_matrix(client, personas, url(cycle, name, **kwargs), statuses)


def test_the_terms_of_reference_carry_membership_groups_and_sops(
    client, cycle, world, coordinator, focal_a
):
    from gcmhub.documents.content import build_content
    from gcmhub.reporting.docx import render_docx

    services.sop_rule_save(
        cycle=cycle,
        by=coordinator,
        **rule_data(
            kind=SopKind.COORDINATION,
            title="Quarterly network meeting",
            task="holds the network meeting",
            responsible=Responsible.SECRETARIAT,
            months=[3, 6, 9, 12],
            day=31,
        ),
    )
    client.force_login(coordinator)
    response = client.get(url(cycle, "terms-of-reference"))
    document = cycle.documents.get(kind=TERMS_OF_REFERENCE)
    assert response["Location"] == document.get_absolute_url()
    content = build_content(document)
    text = str(content)
    assert focal_a.get_full_name() in text
    assert "Data group" in text
    assert "The network coordinator: holds the network meeting, every quarter, by day 31" in text
    assert "by 15 January and 15 July each year" in text
    docx = render_docx(content, version_line="Draft", content_hash="x")
    assert docx[:2] == b"PK"


def test_an_sop_rule_written_on_its_page_fills_the_calendar(client, cycle, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(cycle, "sop-rule-create"),
        {
            "kind": "coordination",
            "title": "Quarterly network meeting",
            "task": "holds the network meeting",
            "responsible": "secretariat",
            "months": ["3", "6", "9", "12"],
            "day": "31",
            "dates": "2022-05-02",
            "starts": "2022-01-01",
            "ends": "2022-12-31",
            "remind_before": "7",
            "remind_after": "3",
        },
        follow=True,
    )
    assert (
        "The rule has been saved: 5 obligations are on the calendar." in response.content.decode()
    )
    response = client.post(
        url(cycle, "sop-rule-create"),
        {
            "kind": "reporting",
            "title": "X",
            "task": "y",
            "responsible": "chosen",
            "day": "15",
            "dates": "2022-13-45",
            "starts": "2022-01-01",
            "ends": "2021-12-31",
            "remind_before": "7",
            "remind_after": "3",
        },
    )
    content = response.content.decode()
    assert "is not a date: write one date per line, e.g. 15/06/2022." in content
    assert "The rule cannot end before it starts." in content
    assert "Choose the organisations." in content
