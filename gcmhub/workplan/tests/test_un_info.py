"""The work plan as UN INFO expects it: the gender equality and human rights markers, the groups
left behind, contributing UN entities apart from implementing partners, and the SDG targets
from the activity's objectives and the network's decisions; in the page, the form and the
exports."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from gcmhub.directory.models import OrganisationType
from gcmhub.exports import build
from gcmhub.framework.models import Objective, SdgTarget
from gcmhub.priorities.models import Decision
from gcmhub.tests.factories import OrganisationFactory
from gcmhub.workplan import services
from gcmhub.workplan.tests.conftest import activity_data

pytestmark = pytest.mark.django_db


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def iom(network):
    return OrganisationFactory(
        network=network,
        name="International Organization for Migration",
        acronym="IOM",
        type=OrganisationType.UN_AGENCY,
    )


@pytest.fixture
def ngo(network):
    return OrganisationFactory(
        network=network,
        name="Refugee Rights Association",
        acronym="RRA",
        type=OrganisationType.CIVIL_SOCIETY,
    )


@pytest.fixture
def marked(cycle, coordinator, output, org_a, iom, ngo):
    """Activity 4.2.1.a, led by organisation A with IOM and the association, serving
    objectives 9 and 10 (10 has published links to 5.2, 8.7 and 16.2), naming 17.18 itself;
    the network decided that objective 9 serves 16.4."""
    decision = Decision.objects.create(
        cycle=cycle, objective=Objective.objects.get(number=9), horizon="short"
    )
    decision.sdg_targets.set([SdgTarget.objects.get(code="16.4")])
    return services.activity_save(
        cycle=cycle,
        by=coordinator,
        **activity_data(
            output,
            [org_a],
            objectives=list(Objective.objects.filter(number__in=[9, 10])),
            sdg_targets=[SdgTarget.objects.get(code="17.18")],
            un_entities=[iom],
            partner_organisations=[ngo],
            gender_marker="2",
            human_rights_marker="3",
            lnob_groups=["migrants", "victims"],
        ),
    )


def test_contributing_un_entities_are_un_agencies(cycle, coordinator, output, org_a, ngo):
    with pytest.raises(ValidationError) as error:
        services.activity_save(
            cycle=cycle,
            by=coordinator,
            **activity_data(output, [org_a], un_entities=[ngo]),
        )
    assert error.value.message_dict["un_entities"] == [
        "Contributing UN entities are UN agencies: name partners below."
    ]


def test_a_lead_is_neither_a_contributing_entity_nor_an_implementing_partner(
    cycle, coordinator, output, iom, ngo
):
    activity = services.activity_save(
        cycle=cycle,
        by=coordinator,
        **activity_data(output, [iom], un_entities=[iom], partner_organisations=[iom, ngo]),
    )
    assert list(activity.un_entities.all()) == []
    assert list(activity.partner_organisations.all()) == [ngo]


def test_the_coordinator_marks_an_activity_on_its_page(client, cycle, coordinator, marked, iom):
    client.force_login(coordinator)
    page = client.get(url(cycle, "activity-edit", activity_pk=marked.pk)).content.decode()
    assert "Gender equality marker" in page and "Groups left behind it reaches" in page
    data = {
        "output": marked.output_id,
        "code": marked.code,
        "title": marked.title,
        "objectives": [o.pk for o in marked.objectives.all()],
        "lead_organisations": [o.pk for o in marked.lead_organisations.all()],
        "un_entities": [iom.pk],
        "partner_organisations": [],
        "starts": "2021-09-01",
        "ends": "2022-12-31",
        "budget_planned": "250000",
        "budget_secured": "150000",
        "currency": "USD",
        "status": "ongoing",
        "gender_marker": "3",
        "human_rights_marker": "",
        "lnob_groups": ["children", "refugees"],
    }
    response = client.post(url(cycle, "activity-edit", activity_pk=marked.pk), data)
    assert response.status_code == 302
    marked.refresh_from_db()
    assert (marked.gender_marker, marked.human_rights_marker) == ("3", "")
    assert marked.lnob_groups == ["children", "refugees"]
    assert list(marked.partner_organisations.all()) == []
    opened = f"{url(cycle, 'workplan')}?outcome={marked.output.outcome_id}"
    page = client.get(opened).content.decode()
    assert "Contributing UN entities: IOM" in page and "Gender marker 3" in page


def test_the_joint_work_plan_carries_the_un_info_columns(client, cycle, coordinator, marked):
    client.force_login(coordinator)
    sheet = load_workbook(
        io.BytesIO(client.get(url(cycle, "workplan") + "?format=xlsx").content)
    ).active
    header = [c.value for c in sheet[3]]
    row = dict(zip(header, [c.value for c in sheet[4]], strict=True))
    assert row["Contributing UN entities"] == "IOM"
    assert row["Implementing partners"] == "RRA"
    # its own (17.18), the decision on objective 9 (16.4), objective 10's published links
    assert row["SDG targets"] == "5.2, 8.7, 16.2, 16.4, 17.18"
    assert (row["Gender equality marker"], row["Human rights marker"]) == ("2", "3")
    assert row["Groups left behind"] == "Migrants, Victims of trafficking and violence"


def test_the_cycle_export_of_activities_carries_the_un_info_columns_with_hashtags(cycle, marked):
    _name, content = build.build_export(cycle, fmt="xlsx", language="en", hxl=True)
    sheet = load_workbook(io.BytesIO(content))["Activities"]
    header, hashtags, values = ([c.value for c in row] for row in sheet.iter_rows(max_row=3))
    row = dict(zip(header, values, strict=True))
    tags = dict(zip(header, hashtags, strict=True))
    assert row["Contributing UN entities"] == "IOM" and tags["Contributing UN entities"] == (
        "#org+name+un"
    )
    assert row["Implementing partners"] == "RRA" and tags["Implementing partners"] == (
        "#org+name+impl"
    )
    assert row["SDG targets"] == "5.2; 8.7; 16.2; 16.4; 17.18"
    assert row["Gender equality marker"] == "2" and row["Human rights marker"] == "3"
    assert row["Groups left behind"] == "Migrants; Victims of trafficking and violence"
