"""Benchmark the documents: how long a report takes to make, how much memory the worker
that makes it needs, and how long a download takes.

Run with `make bench` (after the pages' bench) or `python bench/documents.py` (see
bench/README.md). It builds its own database (bench/documents.sqlite3;
`BENCH_DATABASE_URL=postgres://...` for PostgreSQL) with the demo (`load_demo`) and one large
network: 40 organisations, 690 submitted or accepted inputs of 500 to 3,000 characters over the
23 GCM objectives, a 30-section needs assessment report with 3 issued versions and 400 review
comments. Each file is made in a fresh process, so that its peak memory (`os.wait4`'s
`ru_maxrss`) is that file's alone: with the job queue (core.jobs) a real `db_worker --batch`
runs the FileJob; on older code a process renders the same way. The libraries are imported
before the clock starts. The figures are printed and written to bench/results-documents.md
beside the figures measured before issue 14.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORDS, Prose, text_of
from scale import COMMENTS, SECTIONS, build_cycle, build_report

ROOT = Path(__file__).resolve().parents[1]
DATABASE = ROOT / "bench" / "documents.sqlite3"
RESULTS = ROOT / "bench" / "results-documents.md"
ORGANISATIONS = 40
INPUTS = 690
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
    from gcmhub.core.models import Horizon, Network, User
    from gcmhub.core.permissions import Role
    from gcmhub.directory.models import Membership, Organisation
    from gcmhub.framework.models import Objective
    from gcmhub.priorities.models import Decision, DecisionHorizon, ScoreRow, ScoreSheet
    from gcmhub.priorities.services import round_prepare

    rng = random.Random(14)
    with transaction.atomic():
        network = Network.objects.create(
            name="Bench documents network", slug="bench-documents", country="TR"
        )
        cycle = build_cycle(network, start_year=2021, title="Bench documents cycle")
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

        # The report as the scale bench builds it (at 1x: its 30 sections, 3 versions and 400
        # comments), the comments by the focal points of the organisations, one each.
        document, versions = build_report(
            cycle, organisations, users[1:], coordinator, 1, Prose(rng), rng
        )
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

BENCH_KIND = "bench-document"


def _preimport() -> None:
    import importlib

    for module in ("docx", "weasyprint", "matplotlib.pyplot", "gcmhub.documents.exports"):
        importlib.import_module(module)  # imported before the clock starts, as in a worker


def _render(what: str, pk: int, fmt: str) -> tuple[str, bytes, str]:
    """(file name, bytes, content type) of a version (`what` "version") or of the comments
    matrix of a document's reviews (`what` "comments")."""
    from gcmhub.documents.exports import DOCX, comments_matrix_docx, document_file
    from gcmhub.documents.models import Comment, Version

    if what == "version":
        version = Version.objects.select_related("document__cycle__network").get(pk=pk)
        data, content_type, name = document_file(version.document, fmt, version)
        return name, data, content_type
    comments = list(
        Comment.objects.filter(review__version__document_id=pk, submitted_at__isnull=False)
        .select_related("organisation", "addressed_in", "review__version")
        .order_by("number")
    )
    return (
        "comments.docx",
        comments_matrix_docx(title="Comments", comments=comments, language="en"),
        DOCX,
    )


def _timed_render(what: str, pk: int, fmt: str) -> tuple[str, bytes, str]:
    """`_render`, its wall and CPU time appended to the file BENCH_TIMINGS names."""
    wall, cpu = time.perf_counter(), time.process_time()
    made = _render(what, pk, fmt)
    timing = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    if os.environ.get("BENCH_TIMINGS"):
        with open(os.environ["BENCH_TIMINGS"], "a") as timings:
            timings.write(json.dumps(timing) + "\n")
    return made


def _register_bench_maker() -> None:
    """The bench's kind of file: a version or comments matrix made by `_render`, readable by
    anyone signed in (the bench's own data)."""
    from gcmhub.core import jobs

    jobs.register_maker(
        jobs.Maker(
            kind=BENCH_KIND,
            make=lambda job, progress: _timed_render(
                job.params["what"], job.params["pk"], job.params["fmt"]
            ),
            may_read=lambda user, job: user.is_authenticated,
        )
    )


def has_queue() -> bool:
    """Whether this code has the job queue (core.jobs, FileJob): from issue 14 on."""
    try:
        from gcmhub.core.jobs import request_file  # noqa: F401
    except ImportError:
        return False
    return True


def worker() -> None:
    """A worker (`manage.py db_worker --batch`) that knows the bench's kind of file."""
    setup_django()
    _preimport()
    _register_bench_maker()
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)


def child(what: str, pk: int, fmt: str, repeat: int, out: str) -> None:
    """Before the queue: render `repeat` times in this process and print the times as JSON;
    the last file goes to `out`."""
    setup_django()
    _preimport()
    times, cpu, data = [], [], b""
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = _render(what, pk, fmt)[1]
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    Path(out).write_bytes(data)
    print(json.dumps({"times": times, "cpu": cpu, "bytes": len(data)}))


def _run(arguments: list[str], **env) -> tuple[bytes, float]:
    """Run this script with `arguments` in a fresh process; its output and peak memory (MB)."""
    process = subprocess.Popen(
        [sys.executable, __file__, *arguments],
        stdout=subprocess.PIPE,
        env={**os.environ, **env},
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(arguments)} failed")
    return output, usage.ru_maxrss / 1024  # kilobytes on Linux


def render_in_worker(what: str, pk: int, fmt: str, repeat: int) -> dict:
    """Make the file `repeat` times in a fresh worker process: the times, the process's peak
    memory and the last job (None before the queue)."""
    if not has_queue():
        with tempfile.NamedTemporaryFile(suffix=f".{fmt}", delete=False) as handle:
            out = handle.name
        output, peak = _run(["--child", what, str(pk), fmt, str(repeat), out])
        result = json.loads(output.decode().strip().splitlines()[-1])
        Path(out).unlink(missing_ok=True)
        return {"times": result["times"], "cpu": result["cpu"], "peak_mb": peak, "job": None}
    from gcmhub.core import jobs
    from gcmhub.core.models import FileJob, JobStatus

    requested = [
        jobs.request_file(
            BENCH_KIND,
            key=f"bench:{what}:{pk}:{fmt}",
            fingerprint=f"run-{n}-{time.time_ns()}",
            params={"what": what, "pk": pk, "fmt": fmt},
        )
        for n in range(repeat)
    ]
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as handle:
        timings = Path(handle.name)
    _output, peak = _run(["--worker"], BENCH_TIMINGS=str(timings))
    made = list(FileJob.objects.filter(pk__in=[j.pk for j in requested]).order_by("pk"))
    for job in made:
        if job.status != JobStatus.DONE:
            raise SystemExit(f"the job {job} is {job.status}: {job.error}")
    cpu = [json.loads(line)["cpu"] for line in timings.read_text().splitlines()]
    timings.unlink()
    times = [(j.finished_at - j.started_at).total_seconds() for j in made]  # the job, stored
    return {"times": times, "cpu": cpu, "peak_mb": peak, "job": made[-1]}


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _client(ids: dict):
    from django.test import Client

    from gcmhub.core.models import User

    client = Client()
    client.force_login(User.objects.get(pk=ids["coordinator"]))
    return client


def _get(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    b"".join(response.streaming_content) if response.streaming else response.content


def measure_download(ids: dict, fmt: str, repeat: int) -> float:
    """Median time of the version's download view (the file as a user gets it)."""
    client = _client(ids)
    url = (
        f"/networks/{ids['network']}/cycles/{ids['cycle']}/documents/{ids['document']}"
        f"/versions/{ids['version']}/download.{fmt}"
    )
    if has_queue() and client.get(url).status_code == 302:
        # Not made yet (the view asked for it and leads to its page): a worker makes it first.
        _run(["--worker"])
    return median_ms(lambda: _get(client, url), repeat)


def stored_download(ids: dict, job, repeat: int) -> float:
    """Median time of the download of a file a worker made (`/files/<pk>/download/`)."""
    from django.urls import reverse

    client = _client(ids)
    url = reverse("file-download", kwargs={"pk": job.pk})
    return median_ms(lambda: _get(client, url), repeat)


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


def seconds(result: dict) -> str:
    """The median wall time and CPU time of the renders: on a busy machine the wall time
    grows with the load, the CPU time hardly."""
    wall, cpu = statistics.median(result["times"]), statistics.median(result["cpu"])
    return f"{wall:.2f} s ({cpu:.2f} s CPU)"


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
        print(f"  {name:<48}{figure:>26}   target {target}")

    queue = has_queue()
    if queue:
        _register_bench_maker()
    made = {}
    for label, ids, repeat in [("demo", demo, DEMO_REPEAT), ("large", large, LARGE_REPEAT)]:
        for fmt, target in {
            "docx": {"demo": "≤ 0.5 s", "large": "≤ 3 s"},
            "pdf": {"demo": "≤ 2 s", "large": "≤ 15 s"},
        }.items():
            result = render_in_worker("version", ids["version"], fmt, repeat)
            made[(label, fmt)] = result["job"]
            row(f"{label} report .{fmt} render", seconds(result), target[label])
            row(
                f"{label} report .{fmt} worker peak memory",
                f"{result['peak_mb']:.0f} MB",
                "≤ 400 MB" if label == "large" else "",
            )
    if os.environ.get("BENCH_COMMENTS_MATRIX", "1") != "0":
        result = render_in_worker("comments", large["document"], "docx", LARGE_REPEAT)
        row(f"large comments matrix .docx ({COMMENTS} comments)", seconds(result), "")
    for label, ids in [("demo", demo), ("large", large)]:
        for fmt in ("docx", "pdf"):
            if queue:
                figure = f"{stored_download(ids, made[(label, fmt)], DOWNLOAD_REPEAT):.0f} ms"
            else:
                figure = "(rendered in the request)"
            row(f"{label} issued .{fmt} download (stored file)", figure, "≤ 100 ms")
    for fmt in ("docx", "pdf"):
        row(
            f"demo version .{fmt} download view",
            f"{measure_download(demo, fmt, DEMO_REPEAT):.0f} ms",
            "≤ 100 ms",
        )
    load = os.getloadavg()
    print(f"(load average {load[0]:.1f} on {os.cpu_count()} cores while measuring)")
    write_results(engine, rows, load[0], as_before=as_before)
    if engine == "SQLite":
        DATABASE.unlink(missing_ok=True)
    shutil.rmtree(ROOT / "bench" / "media", ignore_errors=True)
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
    kept = _other_engines(engine, {f"{engine}: {name}" for name, _f, _t in rows})
    measured = f"{dt.date.today().isoformat()} (load {load:.1f})"
    lines = [
        f"| {engine}: {name} | {before.get(f'{engine}: {name}', '')} | {figure} | {target} | "
        f"{measured if figure else ''} |"
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


def _other_engines(engine: str, names: set[str]) -> list[str]:
    """The rows of the results this run does not write: other databases', and measures this
    run left out (BENCH_COMMENTS_MATRIX=0)."""
    if not RESULTS.exists():
        return []
    return [
        line
        for line in RESULTS.read_text().splitlines()
        if line.startswith("| ")
        and not line.startswith("| measure")
        and line.split("|")[1].strip() not in names
    ]


HEADER = """# Documents bench

Written by `python bench/documents.py` (part of `make bench`; see bench/README.md): the needs
assessment report of the demo and of a large network (40 organisations, 690 inputs of
500-3,000 characters over the 23 GCM objectives, a 30-section report with 3 issued versions,
400 review comments), made in a fresh worker process each (with the queue: a real
`db_worker --batch` running the job; before it: a process rendering the same way), with that
process's peak memory; and the download of an issued version as a user gets it.

"before issue 14" is the code before the work on issue 14 (fd25d86), when every download
rendered the file inside the web request; "now" is the latest run. Times are medians of
BENCH_DEMO_REPEAT (3) renders for the demo and BENCH_LARGE_REPEAT (1) for the large report:
wall time, and in brackets the CPU time of the render. The machine is shared (2 cores): the wall
time grows with the load average shown beside each figure, the CPU time hardly, so compare
CPU times across runs and read the wall times against the targets on a quiet machine.

"""


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--before", action="store_true", help="write the figures as the 'before' column"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=5, metavar=("KIND", "PK", "FMT", "REPEAT", "OUT"))
    arguments = parser.parse_args()
    if arguments.worker:
        worker()
    elif arguments.child:
        kind, pk, fmt, repeat, out = arguments.child
        child(kind, int(pk), fmt, int(repeat), out)
    else:
        main(as_before=arguments.before)
