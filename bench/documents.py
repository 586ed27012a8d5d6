"""Benchmark the documents: how long a report takes to render, how much memory the process
that renders it needs, and how long a download takes.

Run with `make bench` (after the pages' bench) or `python bench/documents.py`. It builds its own
database (bench/documents.sqlite3; `BENCH_DATABASE_URL=postgres://...` for PostgreSQL) with
the demo (`load_demo`) and one large network: 40 organisations, 690 submitted or accepted inputs
of 500 to 3,000 characters over the 23 GCM objectives, a 30-section needs assessment report with
3 issued versions and 400 review comments. Each render runs in a fresh process, as a worker
runs a job, so that its peak memory (`os.wait4`'s `ru_maxrss`) is the render's alone; the
modules are imported before the clock starts. The figures are printed as a table and written
to bench/results-documents.md beside the figures measured before issue 14.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = ROOT / "bench" / "documents.sqlite3"
RESULTS = ROOT / "bench" / "results-documents.md"
ORGANISATIONS = 40
INPUTS = 690
SECTIONS = 30
COMMENTS = 400  # over the reviews of 0.1 and 0.2
DEMO_REPEAT = int(os.environ.get("BENCH_DEMO_REPEAT", "3"))
LARGE_REPEAT = int(os.environ.get("BENCH_LARGE_REPEAT", "1"))
DOWNLOAD_REPEAT = int(os.environ.get("BENCH_DOWNLOAD_REPEAT", "20"))


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DATABASE}"
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "media"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # as in production: no query log


# Text that reads like text: sentences of a migration report, picked at random.

VOCABULARY = (
    "migration governance coordination national institutions data protection returns labour "
    "integration capacity reporting municipalities civil society partners border management "
    "documentation regular pathways remittances diaspora trafficking smuggling registration "
    "services health education vulnerable women children workers cooperation framework plan "
    "monitoring evaluation indicators survey ministry directorate provincial office strategy "
    "legislation training standard procedures referral mechanisms consular assistance"
)
WORDS = VOCABULARY.split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    return " ".join(words).capitalize() + "."


def text_of(rng: random.Random, length: int) -> str:
    sentences, size = [], 0
    while size < length:
        sentences.append(sentence(rng))
        size += len(sentences[-1]) + 1
    return " ".join(sentences)[:length].rstrip() + "."


def html_of(rng: random.Random, paragraphs: int) -> str:
    return "".join(f"<p>{text_of(rng, rng.randint(400, 900))}</p>" for _ in range(paragraphs))


# The large network


def build_large():
    """The network of the issue's figures; returns the pks of what is measured."""
    from django.db import transaction
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
    from gcmhub.core.models import Cycle, Horizon, Network, User
    from gcmhub.core.permissions import Role
    from gcmhub.directory.models import Membership, Organisation
    from gcmhub.documents.models import Comment, Review
    from gcmhub.documents.services import document_open, outline_save, version_issue
    from gcmhub.framework.models import Objective
    from gcmhub.priorities.models import Decision, DecisionHorizon, ScoreRow, ScoreSheet
    from gcmhub.priorities.services import round_prepare
    from gcmhub.report.kind import NEEDS_ASSESSMENT

    rng = random.Random(14)
    with transaction.atomic():
        network = Network.objects.create(
            name="Bench documents network", slug="bench-documents", country="TR"
        )
        cycle = Cycle.objects.create(
            network=network,
            title="Bench documents cycle",
            country="TR",
            start_date="2021-01-01",
            end_date="2022-12-31",
            short_term_until="2022-05-17",
            medium_term_until="2025-12-31",
            long_term_until="2030-12-31",
        )
        types = ["government"] * 24 + ["un_agency"] * 8 + ["civil_society"] * 6 + ["academia"] * 2
        organisations = Organisation.objects.bulk_create(
            Organisation(
                network=network,
                name=f"Directorate General for {rng.choice(WORDS).title()} {i + 1}",
                acronym=f"DG{i + 1:02d}",
                type=types[i],
            )
            for i in range(ORGANISATIONS)
        )
        users = User.objects.bulk_create(
            User(username=f"bench-docs-{i}", first_name="Bench", last_name=f"Person {i}")
            for i in range(ORGANISATIONS + 1)
        )
        coordinator = users[0]
        Membership.objects.bulk_create(
            [Membership(network=network, user=coordinator, role=Role.COORDINATOR)]
            + [
                Membership(
                    network=network, user=user, role=Role.FOCAL_POINT, organisation=organisation
                )
                for user, organisation in zip(users[1:], organisations, strict=True)
            ]
        )
        objectives = list(Objective.objects.order_by("number"))
        pairs = rng.sample([(o, obj) for o in organisations for obj in objectives], INPUTS)
        Assignment.objects.bulk_create(
            Assignment(cycle=cycle, organisation=o, objective=obj) for o, obj in pairs
        )
        now = timezone.now()
        inputs = []
        for k, (organisation, objective) in enumerate(pairs):
            length = rng.randint(500, 3000)
            share = int(length * rng.uniform(0.4, 0.7))
            inputs.append(
                Input(
                    cycle=cycle,
                    organisation=organisation,
                    objective=objective,
                    state="accepted" if k % 3 else "submitted",
                    situation=text_of(rng, share),
                    gaps=text_of(rng, length - share),
                    submitted_at=now,
                )
            )
        inputs = Input.objects.bulk_create(inputs)
        need_types = NeedType.values
        Need.objects.bulk_create(
            Need(
                input=i,
                type=need_types[(i.pk + n) % len(need_types)],
                description=text_of(rng, rng.randint(80, 300)),
                order=n,
            )
            for i in inputs
            for n in range(rng.randint(1, 3))
        )
        horizons = Horizon.values
        ProposedAction.objects.bulk_create(
            ProposedAction(
                input=i,
                description=text_of(rng, rng.randint(80, 300)),
                horizon=horizons[i.pk % len(horizons)],
                lead=i.organisation,
            )
            for i in inputs
        )
        Synthesis.objects.bulk_create(
            Synthesis(cycle=cycle, objective=o, text=text_of(rng, rng.randint(800, 2000)))
            for o in objectives
        )
        for n in range(8):
            consultation = Consultation.objects.create(
                cycle=cycle,
                date=dt.date(2021, 3, 1) + dt.timedelta(days=7 * n),
                type="workshop" if n % 2 else "interview",
                title=f"Consultation {n + 1}",
                participants=text_of(rng, 200),
            )
            consultation.organisations.set(organisations[n * 5 : n * 5 + 5])
            consultation.objectives.set(objectives[n * 3 : n * 3 + 3])
        round_prepare(cycle=cycle)
        keys = list(cycle.criteria.values_list("key", flat=True))
        sheets = ScoreSheet.objects.bulk_create(
            ScoreSheet(cycle=cycle, organisation=o, state="submitted") for o in organisations
        )
        ScoreRow.objects.bulk_create(
            ScoreRow(
                sheet=sheet,
                objective=objective,
                values={key: rng.randint(1, 5) for key in keys},
            )
            for sheet in sheets
            for objective in objectives
        )
        decision_horizons = DecisionHorizon.values
        Decision.objects.bulk_create(
            Decision(
                cycle=cycle,
                objective=o,
                horizon=decision_horizons[o.number % len(decision_horizons)],
                rationale=text_of(rng, rng.randint(200, 600)),
            )
            for o in objectives
        )

        document = document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=coordinator)
        rows = [{"id": s.pk, "title": s.title, "kind": s.kind} for s in document.sections.all()]
        extra = [
            {"title": f"Chapter {n + 1}: {sentence(rng)[:80]}", "kind": "narrative"}
            for n in range(SECTIONS - len(rows))
        ]
        outline_save(document=document, by=coordinator, rows=rows[:3] + extra + rows[3:])
        for section in document.sections.filter(kind="narrative"):
            section.body = html_of(rng, rng.randint(3, 8))
            section.save(update_fields=["body"])
        section_keys = [(s.key, s.title) for s in document.sections.all()]

        versions = []
        for round_ in range(3):
            versions.append(version_issue(document=document, by=coordinator, confirmed=True))
            if round_ == 2:
                break
            review = Review.objects.create(
                version=versions[-1],
                deadline=dt.date(2021, 6, 14),
                status="closed",
                opened_by=coordinator,
                closed_at=now,
            )
            review.organisations.set(organisations)
            first = round_ * COMMENTS // 2
            Comment.objects.bulk_create(
                Comment(
                    review=review,
                    number=first + n + 1,
                    organisation=organisations[n % ORGANISATIONS],
                    author=users[1 + n % ORGANISATIONS],
                    section_key=section_keys[n % len(section_keys)][0],
                    section_title=section_keys[n % len(section_keys)][1],
                    quote=text_of(rng, rng.randint(40, 200)),
                    type=["editorial", "substantive", "factual", "objection"][n % 4],
                    text=text_of(rng, rng.randint(100, 800)),
                    submitted_at=now,
                    disposition="accepted" if n % 3 else "",
                    reply=text_of(rng, rng.randint(50, 300)) if n % 3 else "",
                    disposed_at=now if n % 3 else None,
                    disposed_by=coordinator if n % 3 else None,
                    address_in_next=bool(n % 3),
                )
                for n in range(COMMENTS // 2)
            )
            changed = document.sections.filter(kind="narrative").first()
            changed.body += html_of(rng, 1)
            changed.save(update_fields=["body"])
    return {
        "network": network.slug,
        "cycle": cycle.pk,
        "document": document.pk,
        "version": versions[-1].pk,
        "coordinator": coordinator.pk,
    }


def demo_ids():
    from gcmhub.core.permissions import Role
    from gcmhub.documents.models import Document

    document = Document.objects.select_related("cycle__network").get(
        cycle__network__slug="turkiye", kind="needs_assessment"
    )
    version = document.versions.order_by("-major", "-minor").first()
    coordinator = document.cycle.network.memberships.filter(role=Role.COORDINATOR).first().user
    return {
        "network": document.cycle.network.slug,
        "cycle": document.cycle_id,
        "document": document.pk,
        "version": version.pk,
        "coordinator": coordinator.pk,
    }


# What a worker does, in a process of its own


def child(kind: str, pk: int, fmt: str, repeat: int, out: str) -> None:
    """Render `repeat` times and print the times as JSON; the last file goes to `out`."""
    setup_django()
    import importlib

    for module in ("docx", "weasyprint", "matplotlib.pyplot", "gcmhub.reporting.pdf"):
        importlib.import_module(module)  # imported before the clock starts, as in a worker
    from gcmhub.documents.exports import comments_matrix_docx, document_file
    from gcmhub.documents.models import Comment, Version

    times, data = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        if kind == "version":
            version = Version.objects.select_related("document__cycle").get(pk=pk)
            data = document_file(version.document, fmt, version)[0]
        else:  # the comments matrix of every review of the document
            comments = list(
                Comment.objects.filter(review__version__document_id=pk, submitted_at__isnull=False)
                .select_related("organisation", "addressed_in", "review__version")
                .order_by("number")
            )
            data = comments_matrix_docx(title="Comments", comments=comments, language="en")
        times.append(time.perf_counter() - start)
    Path(out).write_bytes(data)
    print(json.dumps({"times": times, "bytes": len(data)}))


def render_in_worker(kind: str, pk: int, fmt: str, repeat: int) -> dict:
    """Render in a fresh process; its times, the file's size and the process's peak memory."""
    with tempfile.NamedTemporaryFile(suffix=f".{fmt}", delete=False) as handle:
        out = handle.name
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(pk), fmt, str(repeat), out],
        stdout=subprocess.PIPE,
        env=os.environ.copy(),
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the render of {kind} {pk} .{fmt} failed")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["file"] = out
    return result


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_download(ids: dict, fmt: str, repeat: int) -> float:
    """Median time of the version's download view (the file as a user gets it)."""
    from django.test import Client

    from gcmhub.core.models import User

    client = Client()
    client.force_login(User.objects.get(pk=ids["coordinator"]))
    url = (
        f"/networks/{ids['network']}/cycles/{ids['cycle']}/documents/{ids['document']}"
        f"/versions/{ids['version']}/download.{fmt}"
    )

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        b"".join(response.streaming_content) if response.streaming else response.content

    return median_ms(get, repeat)


def stored_download(ids: dict, path: str, fmt: str, repeat: int):
    """Median time of the download of a ready FileJob holding `path` (the job spine's
    `/files/<pk>/download`), or None before the spine exists."""
    try:
        from gcmhub.core.jobs import FileJob  # noqa: F401
    except ImportError:
        return None
    return _stored_download(ids, path, fmt, repeat)


def _stored_download(ids, path, fmt, repeat):
    from django.core.files.base import ContentFile
    from django.test import Client
    from django.urls import reverse

    from gcmhub.core import jobs
    from gcmhub.core.models import Cycle, User

    user = User.objects.get(pk=ids["coordinator"])
    kind = f"bench-{fmt}"
    if kind not in getattr(jobs, "MAKERS", {}):
        jobs.register_maker(
            jobs.Maker(kind=kind, make=lambda job, progress: None, may_read=lambda u, j: True)
        )
    job = jobs.FileJob(
        kind=kind,
        key=f"bench:{ids['version']}:{fmt}",
        fingerprint="bench",
        params={},
        cycle=Cycle.objects.get(pk=ids["cycle"]),
        language="en",
        fmt=fmt,
        filename=f"bench.{fmt}",
        content_type="application/octet-stream",
        status=jobs.JobStatus.DONE,
        requested_by=user,
    )
    job.file.save(f"bench.{fmt}", ContentFile(Path(path).read_bytes()), save=False)
    job.save()
    client = Client()
    client.force_login(user)
    url = reverse("file-download", kwargs={"pk": job.pk})

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        b"".join(response.streaming_content) if response.streaming else response.content

    try:
        return median_ms(get, repeat)
    finally:
        job.file.delete(save=False)
        job.delete()


# The bench


def prepare():
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASE.unlink(missing_ok=True)
        call_command("migrate", verbosity=0)
    else:  # a database of its own, emptied, with the reference data the migrations ship
        from gcmhub.framework.reference import ensure_reference_data

        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        ensure_reference_data()
    call_command("createcachetable", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    return demo_ids(), build_large()


def main(*, as_before: bool = False) -> list[tuple[str, str, str]]:
    setup_django()
    from django.conf import settings

    engine = "PostgreSQL" if "postgres" in settings.DATABASES["default"]["ENGINE"] else "SQLite"
    started = time.perf_counter()
    demo, large = prepare()
    print(f"gcmhub documents bench on {engine} (built in {time.perf_counter() - started:.0f} s)")
    print(
        f"large network: {ORGANISATIONS} organisations, {INPUTS} inputs of 500-3,000 "
        f"characters, {SECTIONS} sections, 3 versions, {COMMENTS} comments"
    )
    rows = []  # (what, figure, the target of issue 14)

    def row(name, figure, target):
        rows.append((name, figure, target))
        print(f"  {name:<44}{figure:>22}   target {target}")

    files = {}
    for label, ids, repeat in [("demo", demo, DEMO_REPEAT), ("large", large, LARGE_REPEAT)]:
        for fmt, target in {
            "docx": {"demo": "≤ 0.5 s", "large": "≤ 3 s"},
            "pdf": {"demo": "≤ 2 s", "large": "≤ 15 s"},
        }.items():
            result = render_in_worker("version", ids["version"], fmt, repeat)
            files[(label, fmt)] = result["file"]
            seconds = statistics.median(result["times"])
            row(f"{label} report .{fmt} render", f"{seconds:.2f} s", target[label])
            row(
                f"{label} report .{fmt} worker peak memory",
                f"{result['peak_mb']:.0f} MB",
                "≤ 400 MB" if label == "large" else "",
            )
    result = render_in_worker("comments", large["document"], "docx", LARGE_REPEAT)
    row(
        f"large comments matrix .docx ({COMMENTS} comments)",
        f"{statistics.median(result['times']):.2f} s",
        "",
    )
    for label, ids in [("demo", demo), ("large", large)]:
        for fmt in ("docx", "pdf"):
            stored = stored_download(ids, files[(label, fmt)], fmt, DOWNLOAD_REPEAT)
            if stored is not None:
                row(f"{label} issued .{fmt} download (stored file)", f"{stored:.0f} ms", "≤ 100 ms")
    for fmt in ("docx", "pdf"):
        repeat = DEMO_REPEAT
        row(
            f"demo version .{fmt} download view",
            f"{measure_download(demo, fmt, repeat):.0f} ms",
            "≤ 100 ms",
        )
    for path in files.values():
        Path(path).unlink(missing_ok=True)
    load = os.getloadavg()
    print(f"(load average {load[0]:.1f} on {os.cpu_count()} cores while measuring)")
    write_results(engine, rows, load[0], as_before=as_before)
    if engine == "SQLite":
        DATABASE.unlink(missing_ok=True)
    return rows


def write_results(engine: str, rows, load: float, *, as_before: bool = False) -> None:
    """Put this run's figures in the "now" column of bench/results-documents.md for this
    database, keeping the "before" column (the code before issue 14) as it is; `as_before`
    (`--before`) writes them in the "before" column instead."""
    before, now = {}, {}
    if RESULTS.exists():
        for line in RESULTS.read_text().splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 5 and cells[0].startswith(engine + ":"):
                before[cells[0]], now[cells[0]] = cells[1], cells[2]
    if as_before:
        before = {f"{engine}: {name}": f"{figure} (load {load:.1f})" for name, figure, _t in rows}
        rows = [(name, now.get(f"{engine}: {name}", ""), target) for name, _f, target in rows]
    kept = _other_engines(engine)
    lines = [
        f"| {engine}: {name} | {before.get(f'{engine}: {name}', '')} | {figure} | {target} | "
        f"{dt.date.today().isoformat()} (load {load:.1f}) |"
        for name, figure, target in rows
    ]
    table = "\n".join(
        [
            "| measure | before issue 14 | now | target | measured |",
            "|---|---|---|---|---|",
            *sorted(kept + lines, key=lambda line: not line.startswith("| SQLite")),
        ]
    )
    RESULTS.write_text(HEADER + table + "\n")


def _other_engines(engine: str) -> list[str]:
    if not RESULTS.exists():
        return []
    return [
        line
        for line in RESULTS.read_text().splitlines()
        if line.startswith("| ")
        and not line.startswith(f"| {engine}:")
        and not line.startswith("| measure")
    ]


HEADER = """# Documents bench

Written by `python bench/documents.py` (part of `make bench`): the needs assessment report of
the demo and of a large network (40 organisations, 690 inputs of 500-3,000 characters over the
23 GCM objectives, a 30-section report with 3 issued versions, 400 review comments), rendered
to .docx and .pdf in a fresh process each (as a worker runs a job; modules imported before the
clock starts), with that process's peak memory; and the download of an issued version as a
user gets it. "before issue 14" is today's code before the work on issue 14 (fd25d86), when
every download rendered the file inside the web request; "now" is the latest run. Times are
medians of BENCH_DEMO_REPEAT (3) renders for the demo and BENCH_LARGE_REPEAT (1) for the large
report, on a shared 2-core machine: read them with the load average next to them.

"""


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before", action="store_true", help="write the figures as the 'before' column"
    )
    parser.add_argument("--child", nargs=5, metavar=("KIND", "PK", "FMT", "REPEAT", "OUT"))
    arguments = parser.parse_args()
    if arguments.child:
        kind, pk, fmt, repeat, out = arguments.child
        child(kind, int(pk), fmt, int(repeat), out)
    else:
        main(as_before=arguments.before)
