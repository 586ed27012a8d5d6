"""The bench's installation at a real network's size (issue 17), built with bulk writes.

`python bench/scale.py` builds it in BENCH_DATABASE_URL (flushed first; SQLite in
bench/scale.sqlite3 by default): BENCH_NETWORKS networks (60) of the size of a real one, plus
one at 4x and one at 16x. A network at 1x has 40 organisations in a three-level tree, 35 members
(2 coordinators, 2 consultants, 27 focal points, 4 observers), and 2 cycles (2019-2020, then
2021-2022), each with ~690 inputs of 500-3,000 characters on the 23 objectives (submitted,
accepted, returned, draft), their needs and proposed actions, 8 consultations, a synthesis per
objective, 20 score sheets and a decision on every objective. The current cycle also has a
30-section needs assessment report with 3 issued versions and 400 comments over the reviews of
the first two, a validation meeting on the last version with 60 attendees, 10 agenda items with
minutes and 30 outcomes, and a work plan of 120 activities with 40 indicators, their targets and
progress reports over 4 periods. At 4x and 16x every count grows by the factor except the
objectives, the cycles, the report's sections and versions and the periods.

The rows are what the services leave: states and their times, return reasons, the audit trail
(django-simple-history rows, written by `bulk_create_with_history`) of what pages read history
of; documents, versions, meetings and agendas go through the services themselves.
`build(networks)` returns, per network, what the crawl needs (slug, factor, users).
"""

import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WORDS, Prose, sentence

NETWORKS = int(os.environ.get("BENCH_NETWORKS", "60"))
FACTORS = (4, 16)  # the two large networks
JOBS = int(os.environ.get("BENCH_JOBS", str(os.cpu_count() or 1)))  # processes building them
PASSWORD = "bench-password"  # every bench user's (the load run signs in with it)
ORGANISATIONS = 40
MEMBERS = {"coordinator": 2, "consultant": 2, "focal_point": 27, "observer": 4}  # 35
INPUTS = 690
CONSULTATIONS = 8
SHEETS = 20
SECTIONS = 30
COMMENTS = 400  # over the reviews of versions 0.1 and 0.2
ATTENDEES = 60
AGENDA = 10
OUTCOMES = 30
ACTIVITIES = 120
OUTPUTS = 20
INDICATORS = 40
PERIODS = 4


def _with_history(model, rows, **kwargs):
    from simple_history.utils import bulk_create_with_history

    return bulk_create_with_history(list(rows), model, batch_size=2000, **kwargs)


def build_people(network, factor: int, rng: random.Random, password_hash: str) -> dict:
    """Organisations in a three-level tree (5 roots, 5 children each, then their children) and
    the members; returns {"organisations", "users" by role}."""
    from gcmhub.core.models import User
    from gcmhub.core.permissions import Role
    from gcmhub.directory.models import Membership, Organisation

    count = ORGANISATIONS * factor
    types = ["government"] * 24 + ["un_agency"] * 8 + ["civil_society"] * 6 + ["academia"] * 2
    organisations: list = []
    level, parents = 0, [None]
    while len(organisations) < count:
        size = min(count - len(organisations), 5 * len(parents) if level else 5)
        made = _with_history(
            Organisation,
            (
                Organisation(
                    network=network,
                    name=f"Directorate General for {rng.choice(WORDS).title()} {n + 1}",
                    acronym=f"DG{n + 1:03d}",
                    type=types[n % len(types)],
                    parent=parents[(n - len(organisations)) // 5 % len(parents)],
                )
                for n in range(len(organisations), len(organisations) + size)
            ),
        )
        organisations += made
        parents, level = made, level + 1
    users, memberships = {}, []
    focal = 0
    for role, per in MEMBERS.items():
        made = User.objects.bulk_create(
            User(
                username=f"{network.slug}-{role.replace('_', '-')}-{n + 1}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{role}{n + 1}@{network.slug}.example.org",
                password=password_hash,
            )
            for n in range(per * factor)
        )
        users[role] = made
        for user in made:
            organisation = None
            if role == Role.FOCAL_POINT:
                organisation, focal = organisations[focal % count], focal + 1
            memberships.append(
                Membership(
                    network=network,
                    user=user,
                    role=role,
                    organisation=organisation,
                    position=rng.choice(["Director", "Expert", "Head of unit", "Officer"]),
                )
            )
    _with_history(Membership, memberships)
    return {"organisations": organisations, "users": users}


def build_cycle(network, *, start_year: int, title: str):
    from gcmhub.core.models import Cycle

    return Cycle.objects.create(
        network=network,
        title=title,
        country=network.country,
        start_date=dt.date(start_year, 1, 1),
        end_date=dt.date(start_year + 1, 12, 31),
        short_term_until=dt.date(start_year + 1, 5, 17),
        short_term_note="IMRF",
        medium_term_until=dt.date(start_year + 4, 12, 31),
        long_term_until=dt.date(2030, 12, 31),
    )


def build_assessment(cycle, organisations, factor: int, prose: Prose, rng) -> list:
    """Inputs of 500-3,000 characters on organisation/objective pairs (assigned), in every
    state, with needs and proposed actions; consultations and a synthesis per objective."""
    from django.utils import timezone

    from gcmhub.assessments.models import (
        Assignment,
        Consultation,
        Input,
        Need,
        NeedType,
        ProposedAction,
        Synthesis,
    )
    from gcmhub.core.models import Horizon
    from gcmhub.framework.models import Objective

    objectives = list(Objective.objects.order_by("number"))
    count = min(INPUTS * factor, len(organisations) * len(objectives))
    pairs = rng.sample([(o, obj) for o in organisations for obj in objectives], count)
    Assignment.objects.bulk_create(
        (Assignment(cycle=cycle, organisation=o, objective=obj) for o, obj in pairs),
        batch_size=2000,
    )
    now = timezone.now()
    states = ["accepted"] * 6 + ["submitted"] * 3 + ["returned", "draft"]
    rows = []
    for organisation, objective in pairs:
        length = rng.randint(500, 3000)
        share = int(length * rng.uniform(0.4, 0.7))
        state = rng.choice(states)
        rows.append(
            Input(
                cycle=cycle,
                organisation=organisation,
                objective=objective,
                state=state,
                situation=prose(share),
                gaps=prose(length - share),
                submitted_at=None if state == "draft" else now,
                reviewed_at=now if state in ("accepted", "returned") else None,
                return_reason=prose(120) if state == "returned" else "",
                version=2 if state == "returned" else 1,
            )
        )
    inputs = _with_history(Input, rows)
    need_types = NeedType.values
    _with_history(
        Need,
        (
            Need(
                input=i,
                type=need_types[(i.pk + n) % len(need_types)],
                description=prose(rng.randint(80, 300)),
                order=n,
            )
            for i in inputs
            for n in range(rng.randint(1, 3))
        ),
    )
    horizons = Horizon.values
    _with_history(
        ProposedAction,
        (
            ProposedAction(
                input=i,
                description=prose(rng.randint(80, 300)),
                horizon=horizons[i.pk % len(horizons)],
                lead=i.organisation,
            )
            for i in inputs
        ),
    )
    _with_history(
        Synthesis,
        (
            Synthesis(cycle=cycle, objective=o, text=prose(rng.randint(800, 2000)))
            for o in objectives
        ),
    )
    consultations = _with_history(
        Consultation,
        (
            Consultation(
                cycle=cycle,
                date=cycle.start_date + dt.timedelta(days=60 + 7 * n),
                type="workshop" if n % 2 else "interview",
                title=f"Consultation {n + 1}: {sentence(rng)[:60]}",
                participants=prose(200),
            )
            for n in range(CONSULTATIONS * factor)
        ),
    )
    OrgThrough = Consultation.organisations.through
    ObjThrough = Consultation.objectives.through
    OrgThrough.objects.bulk_create(
        OrgThrough(consultation_id=c.pk, organisation_id=o.pk)
        for c in consultations
        for o in rng.sample(organisations, 5)
    )
    ObjThrough.objects.bulk_create(
        ObjThrough(consultation_id=c.pk, objective_id=o.pk)
        for c in consultations
        for o in rng.sample(objectives, 3)
    )
    return inputs


def build_priorities(cycle, organisations, factor: int, prose: Prose, rng) -> None:
    """The scoring round with its default criteria, submitted score sheets on every objective,
    and a decision on each of the 23."""
    from django.utils import timezone

    from gcmhub.framework.models import Objective
    from gcmhub.priorities.models import Decision, DecisionHorizon, ScoreRow, ScoreSheet
    from gcmhub.priorities.services import round_prepare

    round_prepare(cycle=cycle)
    keys = list(cycle.criteria.values_list("key", flat=True))
    objectives = list(Objective.objects.order_by("number"))
    now = timezone.now()
    sheets = _with_history(
        ScoreSheet,
        (
            ScoreSheet(cycle=cycle, organisation=o, state="submitted", submitted_at=now)
            for o in organisations[: SHEETS * factor]
        ),
    )
    _with_history(
        ScoreRow,
        (
            ScoreRow(sheet=sheet, objective=objective, values={k: rng.randint(1, 5) for k in keys})
            for sheet in sheets
            for objective in objectives
        ),
    )
    horizons = DecisionHorizon.values
    _with_history(
        Decision,
        (
            Decision(
                cycle=cycle,
                objective=o,
                horizon=horizons[o.number % len(horizons)],
                rationale=prose(rng.randint(200, 600)),
            )
            for o in objectives
        ),
    )


def build_report(cycle, organisations, users, coordinator, factor: int, prose: Prose, rng):
    """The needs assessment report (30 sections) issued three times, with the comments of the
    organisations on the reviews of the first two versions; returns (document, versions)."""
    from django.utils import timezone

    from gcmhub.documents.models import Comment, Review
    from gcmhub.documents.services import document_open, outline_save, version_issue
    from gcmhub.report.kind import NEEDS_ASSESSMENT

    now = timezone.now()
    document = document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=coordinator)
    rows = [{"id": s.pk, "title": s.title, "kind": s.kind} for s in document.sections.all()]
    extra = [
        {"title": f"Chapter {n + 1}: {sentence(rng)[:80]}", "kind": "narrative"}
        for n in range(SECTIONS - len(rows))
    ]
    outline_save(document=document, by=coordinator, rows=rows[:3] + extra + rows[3:])
    for section in document.sections.filter(kind="narrative"):
        section.body = prose.html(rng.randint(3, 8))
        section.save(update_fields=["body"])
    section_keys = [(s.key, s.title) for s in document.sections.all()]
    versions = []
    per_review = COMMENTS * factor // 2
    for round_ in range(3):
        versions.append(version_issue(document=document, by=coordinator, confirmed=True))
        if round_ == 2:
            break
        review = Review.objects.create(
            version=versions[-1],
            deadline=cycle.start_date + dt.timedelta(days=160 + 30 * round_),
            status="closed",
            opened_by=coordinator,
            closed_at=now,
        )
        review.organisations.set(organisations)
        _with_history(
            Comment,
            (
                Comment(
                    review=review,
                    number=round_ * per_review + n + 1,
                    organisation=organisations[n % len(organisations)],
                    author=users[n % len(users)],
                    section_key=section_keys[n % len(section_keys)][0],
                    section_title=section_keys[n % len(section_keys)][1],
                    quote=prose(rng.randint(40, 200)),
                    type=["editorial", "substantive", "factual", "objection"][n % 4],
                    text=prose(rng.randint(100, 800)),
                    submitted_at=now,
                    disposition="accepted" if n % 3 else "",
                    reply=prose(rng.randint(50, 300)) if n % 3 else "",
                    disposed_at=now if n % 3 else None,
                    disposed_by=coordinator if n % 3 else None,
                    address_in_next=bool(n % 3),
                )
                for n in range(per_review)
            ),
        )
        changed = document.sections.filter(kind="narrative").first()
        changed.body += prose.html(1)
        changed.save(update_fields=["body"])
    return document, versions


def build_meeting(cycle, version, organisations, focal_points, coordinator, factor, prose, rng):
    """The validation meeting on the last version: its agenda with minutes, invitations and an
    attendance register of 60 (focal points first, then other people of the organisations,
    most checked in), and outcomes."""
    from django.utils import timezone

    from gcmhub.meetings import services
    from gcmhub.meetings.models import Attendee, MeetingInvitation

    meeting = services.meeting_save(
        cycle=cycle,
        by=coordinator,
        title="Validation meeting of the needs assessment",
        type="validation",
        date=cycle.start_date + dt.timedelta(days=240),
        start_time=dt.time(10, 0),
        end_time=dt.time(16, 0),
        time_zone="Europe/Istanbul",
        venue="Ankara",
        version=version,
    )
    services.agenda_save(
        meeting=meeting,
        by=coordinator,
        rows=[{"title": sentence(rng)[:120], "sections": ["findings"]} for _ in range(AGENDA)],
    )
    items = list(meeting.agenda_items.all())
    for item in items:
        services.minutes_save(item=item, by=coordinator, minutes=prose(rng.randint(800, 2500)))
    now = timezone.now()
    of = {m.user_id: m.organisation for m in focal_points}
    people = [(m.user, of[m.user_id]) for m in focal_points]
    count = ATTENDEES * factor
    while len(people) < count:
        people.append((None, organisations[len(people) % len(organisations)]))
    people = people[:count]
    MeetingInvitation.objects.bulk_create(
        MeetingInvitation(meeting=meeting, organisation=o, person=u, sent_at=now)
        for u, o in people
        if u is not None
    )
    _with_history(
        Attendee,
        (
            Attendee(
                meeting=meeting,
                name=(
                    u.get_full_name()
                    if u
                    else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                ),
                organisation=o,
                person=u,
                position=rng.choice(["Director", "Expert", "Head of unit"]),
                presence="present" if n % 6 else "excused",
                checked_at=now,
            )
            for n, (u, o) in enumerate(people)
        ),
    )
    for n in range(OUTCOMES):
        services.outcome_save(
            meeting=meeting,
            by=coordinator,
            type="agreed_change",
            text=prose(rng.randint(80, 300)),
            agenda_item=items[n % len(items)],
        )
    return meeting


def build_workplan(cycle, organisations, coordinator, factor: int, prose: Prose, rng) -> None:
    """The cooperation framework's outcomes, outputs, activities led by the organisations on
    the objectives, indicators with targets for 4 half-year periods and, for the first three
    periods, the accepted progress reports of the lead organisations."""
    from django.utils import timezone

    from gcmhub.framework.models import (
        CooperationFramework,
        FrameworkOutcome,
        Objective,
        StrategicPriority,
    )
    from gcmhub.workplan import services
    from gcmhub.workplan.models import (
        Activity,
        ActivityProgress,
        Indicator,
        IndicatorActual,
        IndicatorTarget,
        ProgressReport,
        ReportingPeriod,
    )

    now = timezone.now()
    framework = CooperationFramework.objects.create(
        cycle=cycle, title="Cooperation framework", start_year=2021, end_year=2025
    )
    priorities = [
        StrategicPriority.objects.create(framework=framework, number=n, name=sentence(rng)[:100])
        for n in range(1, 4)
    ]
    outcomes = [
        FrameworkOutcome.objects.create(
            priority=priorities[n % 3], code=f"{n % 3 + 1}.{n + 1}", statement=prose(150)
        )
        for n in range(6)
    ]
    outputs = [
        services.output_save(
            cycle=cycle,
            by=coordinator,
            outcome=outcomes[n % 6],
            code=f"{outcomes[n % 6].code}.{n + 1}",
            title=sentence(rng)[:200],
        )
        for n in range(OUTPUTS * factor)
    ]
    leads = organisations[: max(10, len(organisations) // 2)]
    activities = _with_history(
        Activity,
        (
            Activity(
                output=outputs[n % len(outputs)],
                code=f"A{n + 1:04d}",
                title=sentence(rng)[:200],
                description=prose(rng.randint(200, 800)),
                starts=dt.date(2021, 1 + n % 6, 1),
                ends=dt.date(2022, 6 + n % 6, 28),
                budget_planned=Decimal(rng.randint(10, 500) * 1000),
                budget_secured=Decimal(rng.randint(0, 10) * 1000),
                status=rng.choice(["planned", "ongoing", "ongoing", "completed"]),
            )
            for n in range(ACTIVITIES * factor)
        ),
    )
    lead_of = {a.pk: leads[n % len(leads)] for n, a in enumerate(activities)}
    Through = Activity.lead_organisations.through
    Through.objects.bulk_create(
        Through(activity_id=a.pk, organisation_id=lead_of[a.pk].pk) for a in activities
    )
    objectives = list(Objective.objects.order_by("number"))
    ObjectiveThrough = Activity.objectives.through
    ObjectiveThrough.objects.bulk_create(
        ObjectiveThrough(activity_id=a.pk, objective_id=o.pk)
        for a in activities
        for o in rng.sample(objectives, 2)
    )
    periods = _with_history(
        ReportingPeriod,
        (
            ReportingPeriod(
                cycle=cycle,
                label=f"{2021 + n // 2} H{n % 2 + 1}",
                starts=dt.date(2021 + n // 2, 1 + 6 * (n % 2), 1),
                ends=dt.date(2021 + n // 2, 6 + 6 * (n % 2), 30 if n % 2 == 0 else 31),
                due_date=dt.date(2021 + n // 2 + n % 2, 7 if n % 2 == 0 else 1, 15),
            )
            for n in range(PERIODS)
        ),
    )
    indicators = _with_history(
        Indicator,
        (
            Indicator(
                cycle=cycle,
                output=outputs[n % len(outputs)],
                code=f"I{n + 1:04d}",
                name=sentence(rng)[:200],
                unit="persons",
                baseline_value=Decimal(rng.randint(0, 1000)),
                baseline_year=2020,
                source="Administrative records",
                reported_by=leads[n % len(leads)],
            )
            for n in range(INDICATORS * factor)
        ),
    )
    _with_history(
        IndicatorTarget,
        (
            IndicatorTarget(indicator=i, period=p, value=Decimal(rng.randint(100, 2000)))
            for i in indicators
            for p in periods
        ),
    )
    reports = _with_history(
        ProgressReport,
        (
            ProgressReport(
                period=p,
                organisation=o,
                state="accepted",
                summary=prose(rng.randint(200, 800)),
                submitted_at=now,
                reviewed_at=now,
                reviewed_by=coordinator,
            )
            for p in periods[:3]
            for o in leads
        ),
    )
    _with_history(
        ActivityProgress,
        (
            ActivityProgress(
                report=r,
                activity=a,
                status="ongoing",
                percent_complete=min(100, 25 * (periods.index(r.period) + 1)),
                narrative=prose(rng.randint(100, 400)),
            )
            for r in reports
            for a in activities
            if lead_of[a.pk].pk == r.organisation_id
        ),
    )
    _with_history(
        IndicatorActual,
        (
            IndicatorActual(report=r, indicator=i, value=Decimal(rng.randint(50, 1500)))
            for r in reports
            for i in indicators
            if i.reported_by_id == r.organisation_id
        ),
    )


def build_network(index: int, factor: int, password_hash: str, prose: Prose) -> dict:
    """One network at `factor` times a real one's size; what the crawl needs of it."""
    from django.db import transaction

    from gcmhub.core.models import Network

    rng = random.Random(17_000 + index)
    prose.rng = rng
    slug = f"bench-{index:03d}" if factor == 1 else f"bench-{factor}x"
    with transaction.atomic():
        network = Network.objects.create(
            name=f"Bench network {index}" if factor == 1 else f"Bench network {factor}x",
            slug=slug,
            country="TR",
        )
        people = build_people(network, factor, rng, password_hash)
        organisations, users = people["organisations"], people["users"]
        coordinator = users["coordinator"][0]
        previous = build_cycle(network, start_year=2019, title="Cycle 2019-2020")
        current = build_cycle(network, start_year=2021, title="Cycle 2021-2022")
        for cycle in (previous, current):
            build_assessment(cycle, organisations, factor, prose, rng)
            build_priorities(cycle, organisations, factor, prose, rng)
        focal_points = list(
            network.memberships.filter(role="focal_point").select_related("user", "organisation")
        )
        document, versions = build_report(
            current,
            organisations,
            [m.user for m in focal_points],
            coordinator,
            factor,
            prose,
            rng,
        )
        build_meeting(
            current, versions[-1], organisations, focal_points, coordinator, factor, prose, rng
        )
        build_workplan(current, organisations, coordinator, factor, prose, rng)
    return {
        "slug": slug,
        "factor": factor,
        "cycle": current.pk,
        "previous_cycle": previous.pk,
        "coordinator": coordinator.username,
        "focal_point": focal_points[0].user.username,
        "focal_points": [m.user.username for m in focal_points],
    }


_worker_state: dict = {}


def _build_one(job: tuple[int, int]) -> dict:
    index, factor = job
    if not _worker_state:
        from django.contrib.auth.hashers import make_password

        _worker_state["hash"] = make_password(PASSWORD)
        _worker_state["prose"] = Prose(random.Random(17))
    start = time.perf_counter()
    built = build_network(index, factor, _worker_state["hash"], _worker_state["prose"])
    built["seconds"] = time.perf_counter() - start
    return built


def build(networks: int = NETWORKS, *, jobs: int = JOBS, log=print) -> list[dict]:
    """`networks` networks at 1x, then one at each of FACTORS (the largest first, so that the
    processes end together); the crawl's facts of each, in the order 1x, then FACTORS. With
    `jobs` > 1 the networks are built by that many processes side by side."""
    from django.db import connections

    plan = [(n + 1, 1) for n in range(networks)]
    plan = [(0, f) for f in sorted(FACTORS, reverse=True)] + plan
    built = []

    def done(network):
        built.append(network)
        log(f"  network {network['slug']} ({network['factor']}x) in {network['seconds']:.1f} s")

    if jobs > 1 and len(plan) > 1:
        import multiprocessing

        connections.close_all()  # each process opens its own
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for network in pool.imap_unordered(_build_one, plan):
                done(network)
        connections.close_all()
    else:
        for job in plan:
            done(_build_one(job))
    return sorted(built, key=lambda n: (n["factor"], n["slug"]))


def prepare_database() -> None:
    """An empty database with the migrations' reference data (and the cache table)."""
    from django.conf import settings
    from django.core.management import call_command

    from gcmhub.framework.reference import ensure_reference_data

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    from gcmhub.core.models import Network, User

    if Network.objects.exists() or User.objects.exists():  # not a fresh database: emptied
        call_command("flush", interactive=False, verbosity=0)
    ensure_reference_data()
    call_command("createcachetable", verbosity=0)


FIRST_NAMES = (  # noqa: SIM905
    "Ayşe Mehmet Fatma Ahmet Zeynep Mustafa Elif Ali Emine Hüseyin Leyla Can Deniz Selin "
    "Maria John Amina Omar Sara David Nadia Yusuf Hana Ivan"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Kılıç Aslan Koç Kurt "
    "Smith Haddad Rahman Petrov Garcia Novak Okafor Silva Kim"
).split()


if __name__ == "__main__":
    from common import setup_django

    setup_django(f"sqlite:///{ROOT / 'bench' / 'scale.sqlite3'}")
    started = time.perf_counter()
    prepare_database()
    built = build()
    print(f"{len(built)} networks built in {time.perf_counter() - started:.0f} s")
