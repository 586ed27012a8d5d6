"""The Türkiye 2021 demo loads, loads again without duplicates, and its accounts work."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gcmhub.core.models import Cycle, Network, User
from gcmhub.core.permissions import Role
from gcmhub.directory.models import Membership, Organisation
from gcmhub.framework.models import FrameworkOutcome

pytestmark = pytest.mark.django_db

PRODUCT_ORGANISATIONS = [
    "Directorate General of Migration Management",
    "Department of Combating Irregular Migration",
    "Department of Foreign Relations",
    "Department of Harmonization and Communication",
    "Department of Protection of Victims of Human Trafficking",
    "Ministry of Labour and Social Security",
    "General Directorate of International Labour Force",
    "Turkish National Police",
    "Department of Counter Migrant Smuggling and Border Gates",
    "Ministry of National Education",
    "General Directorate for Lifelong Learning",
    "International Organization for Migration",
    "United Nations Resident Coordinator's Office",
]


def counts():
    return [
        m.objects.count()
        for m in (Network, Cycle, Organisation, User, Membership, FrameworkOutcome)
    ]


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first[:2] == [1, 2]  # the 2021 cycle and the next one started from it


def test_demo_carries_the_organisations_of_the_case_with_their_parents():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    names = set(Organisation.objects.values_list("name", flat=True))
    assert set(PRODUCT_ORGANISATIONS) <= names
    department = Organisation.objects.get(name="Department of Combating Irregular Migration")
    assert department.parent.acronym == "DGMM"
    assert department.parent.parent.name == "Ministry of Interior"
    assert not Organisation.objects.filter(memberships__isnull=True).exists()


def test_demo_title_pages_carry_described_logos_of_the_network_iom_and_the_rco(run_tasks):
    import io
    import zipfile

    from gcmhub.core.models import FileJob

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    network = Network.objects.get()
    assert network.logo.name == "logos/networks/unnm-turkiye.png" and network.logo_on_documents
    assert sorted(
        Organisation.objects.exclude(document_credit="").values_list("acronym", "document_credit")
    ) == [("IOM", "prepared"), ("RCO", "support")]
    run_tasks()
    final = FileJob.objects.filter(filename="UNNM-Turkiye_needs-assessment_v1.0_en.docx").first()
    xml = zipfile.ZipFile(io.BytesIO(final.file.read())).read("word/document.xml").decode()
    for description in (
        "Placeholder logo of the UN Network on Migration in Türkiye",
        "Placeholder logo of International Organization for Migration",
        "Placeholder logo of United Nations Resident Coordinator's Office",
    ):
        assert f'descr="{description}"' in xml
    assert "With the support of United Nations Resident Coordinator" in xml


def test_demo_cycle_has_the_horizons_and_migration_outcomes():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    assert str(cycle.short_term_until) == "2022-05-17"
    assert str(cycle.medium_term_until) == "2025-12-31"
    assert str(cycle.long_term_until) == "2030-12-31"
    migration = FrameworkOutcome.objects.filter(
        priority__framework__cycle=cycle, migration_relevant=True
    ).values_list("code", flat=True)
    assert sorted(migration) == ["1.3", "4.2"]
    # The next cycle started from this one carries the same framework over.
    next_cycle = Cycle.objects.get(title__startswith="GCM Review 2025-2026")
    carried = FrameworkOutcome.objects.filter(
        priority__framework__cycle=next_cycle, migration_relevant=True
    ).values_list("code", flat=True)
    assert sorted(carried) == ["1.3", "4.2"]


@pytest.mark.parametrize(
    ("username", "role", "organisation"),
    [
        ("coordinator", Role.COORDINATOR, "IOM"),
        ("consultant", Role.CONSULTANT, None),
        ("focal", Role.FOCAL_POINT, "Department of Combating Irregular Migration"),
        ("observer", Role.OBSERVER, None),
    ],
)
def test_demo_accounts_sign_in_with_the_demo_password(client, username, role, organisation):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post(reverse("login"), {"username": username, "password": "demo-password"})
    assert "_auth_user_id" in client.session
    membership = Membership.objects.select_related("organisation").get(user__username=username)
    assert membership.role == role
    if organisation:
        assert organisation in (membership.organisation.acronym, membership.organisation.name)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert "GCM Needs Assessment 2021" in response.content.decode()
