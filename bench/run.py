"""Benchmark the main pages at scale: median time and query count per page.

Run with `make bench`. It builds its own SQLite database (bench/bench.sqlite3) with one
large network (BENCH_ORGS organisations in a three-level tree, BENCH_PEOPLE members) and
renders each page BENCH_REPEAT times through Django's test client.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ORGS = int(os.environ.get("BENCH_ORGS", "300"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "600"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
ORG_FOR_QUESTIONNAIRE = 1
DOCUMENT_PK = VERSION_PK = None


@transaction.atomic
def build():
    from gcmhub.core.models import Cycle, Network, User
    from gcmhub.core.permissions import Role
    from gcmhub.directory.models import Invitation, Membership, Organisation

    network = Network.objects.create(name="Bench network", slug="bench", country="TR")
    cycle = Cycle.objects.create(
        network=network,
        title="Bench cycle",
        country="TR",
        start_date="2021-01-01",
        end_date="2022-12-31",
        short_term_until="2022-05-17",
        medium_term_until="2025-12-31",
        long_term_until="2030-12-31",
    )
    organisations = []
    for i in range(ORGS):
        parent = organisations[i // 5] if i >= 5 else None
        organisations.append(
            Organisation.objects.create(
                network=network, name=f"Organisation {i:04d}", type="government", parent=parent
            )
        )
    users = User.objects.bulk_create(
        User(username=f"user{i}", first_name="Bench", last_name=f"User {i}") for i in range(PEOPLE)
    )
    Membership.objects.bulk_create(
        Membership(
            network=network,
            user=user,
            role=Role.COORDINATOR if i == 0 else Role.FOCAL_POINT,
            organisation=organisations[i % ORGS],
        )
        for i, user in enumerate(users)
    )
    Invitation.objects.bulk_create(
        Invitation(network=network, email=f"invitee{i}@example.org", role=Role.OBSERVER)
        for i in range(50)
    )
    build_assessment(cycle, organisations)
    build_scores(cycle, organisations[:60])
    build_report(cycle, users[0])
    build_meeting(cycle, users[0], organisations[:200])
    build_workplan(cycle, users[0], organisations)
    return users[0], network, cycle


def build_workplan(cycle, coordinator, organisations):
    """A large work plan: 40 outputs of 5 outcomes, 400 activities led by the organisations,
    120 indicators, two reporting periods with 200 accepted reports, and SOP rules owing
    obligations from every lead organisation (monthly, twice yearly)."""
    import datetime as dt
    from decimal import Decimal

    from gcmhub.coordination import services as coordination_services
    from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority
    from gcmhub.workplan import services
    from gcmhub.workplan.models import (
        Activity,
        ActivityProgress,
        Indicator,
        ProgressReport,
        ReportingPeriod,
    )

    framework = CooperationFramework.objects.create(
        cycle=cycle, title="Bench framework", start_year=2021, end_year=2025
    )
    priority = StrategicPriority.objects.create(framework=framework, number=1, name="Priority")
    outcomes = [
        FrameworkOutcome.objects.create(priority=priority, code=f"1.{i}", statement=f"Outcome {i}")
        for i in range(1, 6)
    ]
    outputs = [
        services.output_save(
            cycle=cycle,
            by=coordinator,
            outcome=outcomes[i % 5],
            code=f"1.{i % 5 + 1}.{i}",
            title=f"Output {i}",
        )
        for i in range(40)
    ]
    activities = Activity.objects.bulk_create(
        Activity(
            output=outputs[i % 40],
            code=f"A{i:03d}",
            title=f"Activity {i}",
            starts=dt.date(2021, 7, 1),
            ends=dt.date(2022, 12, 31),
            budget_planned=Decimal(100000),
            budget_secured=Decimal(40000),
            status="ongoing",
        )
        for i in range(400)
    )
    objectives = list(range(1, 24))
    Through = Activity.lead_organisations.through
    Through.objects.bulk_create(
        Through(activity_id=a.pk, organisation_id=organisations[i % len(organisations)].pk)
        for i, a in enumerate(activities)
    )
    ObjectiveThrough = Activity.objectives.through
    from gcmhub.framework.models import Objective

    objective_pks = {o.number: o.pk for o in Objective.objects.all()}
    ObjectiveThrough.objects.bulk_create(
        ObjectiveThrough(activity_id=a.pk, objective_id=objective_pks[objectives[i % 23]])
        for i, a in enumerate(activities)
    )
    periods = [
        ReportingPeriod.objects.create(
            cycle=cycle, label=label, starts=starts, ends=ends, due_date=due
        )
        for label, starts, ends, due in [
            ("2021 H2", dt.date(2021, 7, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 15)),
            ("2022 H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30), dt.date(2022, 7, 15)),
        ]
    ]
    Indicator.objects.bulk_create(
        Indicator(
            cycle=cycle,
            output=outputs[i % 40],
            code=f"I{i:03d}",
            name=f"Indicator {i}",
            unit="persons",
            baseline_value=Decimal(10),
            baseline_year=2020,
            reported_by=organisations[i % len(organisations)],
        )
        for i in range(120)
    )
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(period=period, organisation=organisations[i], state="accepted")
        for period in periods
        for i in range(100)
    )
    lead_of = {a.pk: organisations[i % len(organisations)].pk for i, a in enumerate(activities)}
    ActivityProgress.objects.bulk_create(
        ActivityProgress(report=r, activity=a, status="ongoing", percent_complete=50)
        for r in reports
        for a in activities
        if lead_of[a.pk] == r.organisation_id
    )
    for months, title in [(list(range(1, 13)), "Monthly"), ([1, 7], "Reports")]:
        coordination_services.sop_rule_save(
            cycle=cycle,
            by=coordinator,
            kind="reporting",
            title=title,
            task="reports",
            responsible="leads",
            months=months,
            day=15,
            starts=dt.date(2021, 7, 1),
            ends=dt.date(2022, 12, 31),
        )


MEETING_PK = None


def build_meeting(cycle, coordinator, organisations):
    """A validation meeting on the issued version: 200 organisations invited (their focal
    points on the register), ten agenda items with minutes, thirty outcomes."""
    import datetime as dt

    from gcmhub.documents.models import Version
    from gcmhub.meetings import services

    global MEETING_PK
    meeting = services.meeting_save(
        cycle=cycle,
        by=coordinator,
        title="Bench validation meeting",
        type="validation",
        date=dt.date(2021, 6, 24),
        start_time=dt.time(10, 0),
        end_time=dt.time(13, 0),
        time_zone="Europe/Istanbul",
        venue="Ankara",
        version=Version.objects.get(pk=VERSION_PK),
    )
    services.agenda_save(
        meeting=meeting,
        by=coordinator,
        rows=[{"title": f"Item {i}", "sections": ["findings"]} for i in range(10)],
    )
    services.invitations_set(meeting=meeting, by=coordinator, organisations=organisations)
    items = list(meeting.agenda_items.all())
    for item in items:
        services.minutes_save(item=item, by=coordinator, minutes="What was said. " * 80)
    for i in range(30):
        services.outcome_save(
            meeting=meeting,
            by=coordinator,
            type="agreed_change",
            text=f"Change {i}.",
            agenda_item=items[i % 10],
        )
    MEETING_PK = meeting.pk


def build_report(cycle, coordinator):
    """The needs assessment report of the bench cycle, with one issued version."""
    from gcmhub.assessments.models import Synthesis
    from gcmhub.documents.models import Section
    from gcmhub.documents.services import document_open, version_issue
    from gcmhub.framework.models import Objective

    document = document_open(cycle=cycle, kind="needs_assessment", by=coordinator)
    text = "<p>" + "A paragraph of the report, long enough to be realistic. " * 12 + "</p>"
    Section.objects.filter(document=document, kind="narrative").update(body=text * 6)
    Synthesis.objects.bulk_create(
        Synthesis(cycle=cycle, objective=o, text="Synthesis text. " * 30)
        for o in Objective.objects.all()
    )
    global DOCUMENT_PK, VERSION_PK
    DOCUMENT_PK = document.pk
    VERSION_PK = version_issue(document=document, by=coordinator, confirmed=True).pk


def build_scores(cycle, organisations):
    """Sixty organisations submit scores on every objective and criterion."""
    from gcmhub.framework.models import Objective
    from gcmhub.priorities.models import ScoreRow, ScoreSheet
    from gcmhub.priorities.services import round_prepare

    round_prepare(cycle=cycle)
    keys = list(cycle.criteria.values_list("key", flat=True))
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(cycle=cycle, organisation=o, state="submitted") for o in organisations
    )
    objectives = list(Objective.objects.all())
    ScoreRow.objects.bulk_create(
        ScoreRow(
            sheet=sheet,
            objective=objective,
            values={k: 1 + (i + objective.number + j) % 5 for j, k in enumerate(keys)},
        )
        for i, sheet in enumerate(sheets)
        for objective in objectives
    )


def build_assessment(cycle, organisations):
    """Every organisation asked about four objectives, with a submitted input and its parts."""
    from gcmhub.assessments.models import Assignment, Input, Need, ProposedAction
    from gcmhub.framework.models import Objective

    objectives = list(Objective.objects.order_by("number"))
    pairs = [
        (o, objectives[(i + k * 5) % 23]) for i, o in enumerate(organisations) for k in range(4)
    ]
    Assignment.objects.bulk_create(
        Assignment(cycle=cycle, organisation=o, objective=obj) for o, obj in pairs
    )
    states = ["submitted", "accepted", "returned", "draft"]
    inputs = Input.objects.bulk_create(
        Input(
            cycle=cycle,
            organisation=o,
            objective=obj,
            state=states[i % 4],
            return_reason="Reason" if states[i % 4] == "returned" else "",
            situation="Situation text. " * 40,
            gaps="Gaps text. " * 40,
        )
        for i, (o, obj) in enumerate(pairs)
    )
    Need.objects.bulk_create(
        Need(input=i, type=t, description="A need described in one sentence.")
        for i in inputs
        for t in ("data", "capacity", "coordination")
    )
    ProposedAction.objects.bulk_create(
        ProposedAction(input=i, description="An action.", horizon="short", lead=i.organisation)
        for i in inputs
    )


def measure(client, url):
    times = []
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    query_count = len(queries.captured_queries)
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), query_count


def main():
    settings.DEBUG = False  # as in production: no query log kept between measurements
    database = Path(settings.DATABASES["default"]["NAME"])
    database.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    coordinator, network, cycle = build()
    client = Client()
    client.force_login(coordinator)
    base = f"/networks/{network.slug}"
    assess = f"{base}/cycles/{cycle.pk}/assessment"
    pages = {
        "cycle home": f"{base}/cycles/{cycle.pk}/",
        "cycle set-up": f"{base}/cycles/{cycle.pk}/setup/",
        "organisations": f"{base}/organisations/",
        "people": f"{base}/people/",
        "assessment": f"{assess}/",
        "inputs": f"{assess}/inputs/",
        "coverage": f"{assess}/coverage/",
        "synthesis 9": f"{assess}/objectives/9/",
        "coverage xlsx": f"{assess}/coverage/?format=xlsx",
        "questionnaire": f"{assess}/questionnaires/{ORG_FOR_QUESTIONNAIRE}.xlsx",
        "priority results": f"{base}/cycles/{cycle.pk}/priorities/results/",
        "priority obj. 9": f"{base}/cycles/{cycle.pk}/priorities/objectives/9/",
        "objectives": "/framework/",
        "objective 10": "/framework/objectives/10/",
    }
    print(f"gcmhub bench: {ORGS} organisations, {PEOPLE} people, median of {REPEAT} runs")
    print(f"{'page':<16}{'median ms':>10}{'queries':>9}")
    for name, url in pages.items():
        median, queries = measure(client, url)
        print(f"{name:<16}{median:>10.1f}{queries:>9}")
    meeting = f"{base}/cycles/{cycle.pk}/meetings"
    for name, url in {
        "validation": f"{meeting}/",
        "meeting": f"{meeting}/{MEETING_PK}/",
        "check-in": f"{meeting}/{MEETING_PK}/check-in/",
        "minutes": f"{meeting}/{MEETING_PK}/minutes/",
        "minutes .pdf": f"{meeting}/{MEETING_PK}/minutes.pdf",
    }.items():
        median, queries = measure(client, url)
        print(f"{name:<16}{median:>10.1f}{queries:>9}")
    network_pages = f"{base}/cycles/{cycle.pk}"
    for name, url in {
        "work plan": f"{network_pages}/workplan/",
        "gaps": f"{network_pages}/workplan/gaps/",
        "indicators": f"{network_pages}/workplan/indicators/",
        "obligations": f"{network_pages}/coordination/obligations/",
        "coordination": f"{network_pages}/coordination/",
        "work plan xlsx": f"{network_pages}/workplan/?format=xlsx",
    }.items():
        median, queries = measure(client, url)
        print(f"{name:<16}{median:>10.1f}{queries:>9}")
    api = f"/api/v1/cycles/{cycle.pk}"
    input_pk = cycle.inputs.exclude(state="draft").values_list("pk", flat=True)[0]
    for name, url in {
        "api inputs 500": f"{api}/inputs/?page_size=500",
        "api input": f"{api}/inputs/{input_pk}/",
        "api activities": f"{api}/activities/?page_size=500",
        "api orgs": f"{api}/organisations/?page_size=500",
        "api schema": "/api/schema/",
    }.items():
        median, queries = measure(client, url)
        print(f"{name:<16}{median:>10.1f}{queries:>9}")
    print("(4 inputs an organisation, 3 needs and 1 proposed action each; 60 score sheets;")
    print(" a meeting with 200 organisations invited, 10 agenda items and 30 outcomes;")
    print(" 400 activities, 120 indicators, 200 accepted reports, ~6,000 obligations)")
    docs = f"{base}/cycles/{cycle.pk}/documents/{DOCUMENT_PK}"
    print(f"\nWhole report (all {900} inputs as findings), {max(3, REPEAT // 4)} runs each")
    print(f"{'rendering':<16}{'median ms':>10}{'bytes':>10}")
    for name, url in {
        "report page": f"{docs}/",
        "report .docx": f"{docs}/versions/{VERSION_PK}/download.docx",
        "report .pdf": f"{docs}/versions/{VERSION_PK}/download.pdf",
    }.items():
        times, size = [], 0
        for _ in range(max(3, REPEAT // 4)):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
        print(f"{name:<16}{statistics.median(times):>10.0f}{size:>10}")
    bench_export(cycle)
    database.unlink(missing_ok=True)


def bench_export(cycle):
    """The whole cycle to Excel (every kind of record, HXL row), as its background job does."""
    from gcmhub.exports.kinds import record_count
    from gcmhub.exports.services import build_export

    runs = max(3, REPEAT // 4)
    print(f"\nWhole-cycle export ({record_count(cycle):,} records), {runs} runs")
    print(f"{'export':<16}{'median ms':>10}{'bytes':>10}{'queries':>9}")
    times, size = [], 0
    with CaptureQueriesContext(connection) as queries:
        build_export(cycle, fmt="xlsx", language="en", hxl=True)
    for _ in range(runs):
        start = time.perf_counter()
        size = len(build_export(cycle, fmt="xlsx", language="en", hxl=True)[1])
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"{'cycle .xlsx':<16}{median:>10.0f}{size:>10}{len(queries.captured_queries):>9}")


if __name__ == "__main__":
    main()
