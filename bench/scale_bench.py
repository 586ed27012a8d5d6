"""The project's record of speed at a real network's size (issue 17): `make bench`.

Builds the installation of bench/scale.py (BENCH_NETWORKS networks, 60, plus one at 4x and one
at 16x) in BENCH_DATABASE_URL (PostgreSQL: `make bench` starts a throwaway cluster with
bench/with-postgres), then

- the page crawl (bench/crawl.py): for the coordinator and a focal point of the first 1x
  network, the 4x and the 16x network, every page they reach from the landing page, each
  measured BENCH_REPEAT times (5) interleaved with a bare view: queries, median time, HTML size,
  ratio to the bare view; and the growth of each page from 1x to 16x;
- the load run (bench/locustfile.py): gunicorn with 2 and then 4 workers (BENCH_LOAD_WORKERS)
  on the same database, locust headless with BENCH_LOAD_USERS (50) signed-in users of the
  first 1x network over the common pages for BENCH_LOAD_SECONDS (120), the login page
  fetched without a session as the baseline in the same run: pages per second, p50, p95, errors.

Writes bench/results-scale.json (the figures) and bench/results-scale.md (the tables, explained
in bench/README.md). `--before` files this run as the "before" figures (the code before the
work on issue 17); a run without it is the "latest", shown beside the "before" one.
`--no-load` leaves the load run out, `--no-crawl` the crawl (their last figures are kept).
"""

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LOAD_BASELINE as BASELINE
from common import LOAD_SIGN_IN as SIGN_IN
from common import ROOT, setup_django

RESULTS_JSON = ROOT / "bench" / "results-scale.json"
RESULTS = ROOT / "bench" / "results-scale.md"
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
LOAD_WARMUP = int(os.environ.get("BENCH_LOAD_WARMUP", "90"))  # for the users to sign in
LOAD_WORKERS = [int(w) for w in os.environ.get("BENCH_LOAD_WORKERS", "2,4").split(",")]
PERSONAS = ("coordinator", "focal_point")
FACTOR_KEYS = ("1", "4", "16")
PERSONA_NAMES = {"coordinator": "coordinator", "focal_point": "focal point"}
TARGET_RATIO, TARGET_GROWTH = 15, 2

# The load run's mix: the common pages (URL names) and how often each is opened.
MIX = {
    "home": 4,
    "cycle-detail": 10,
    "task-list": 5,
    "notification-list": 3,
    "input-list": 8,
    "input-detail": 8,
    "coverage": 4,
    "objective-synthesis": 4,
    "assessment-home": 3,
    "priority-results": 4,
    "priorities-home": 2,
    "workplan": 5,
    "indicator-list": 2,
    "report-list": 2,
    "document-detail": 4,
    "version-detail": 3,
    "review-detail": 3,
    "comment-matrix": 2,
    "meeting-list": 2,
    "meeting-detail": 3,
    "minutes": 2,
    "organisation-list": 2,
    "organisation-detail": 2,
    "cycle-compare": 1,
    "search": 2,
}


def log(message: str) -> None:
    print(message, flush=True)


# The crawl


def crawl_all(built: list[dict]) -> dict:
    """{persona: {factor: {key: measured page}}} and the skipped URLs."""
    import crawl
    from django.test import Client

    from gcmhub.core.models import User

    networks = [next(n for n in built if n["factor"] == 1)] + [n for n in built if n["factor"] > 1]
    pages, skipped = {}, {}
    for persona in PERSONAS:
        pages[persona] = {}
        for network in networks:
            username = network[persona]
            client = Client()
            client.force_login(User.objects.get(username=username))
            started = time.perf_counter()
            found = crawl.crawl(client, network_slug=network["slug"])
            log(
                f"  {PERSONA_NAMES[persona]} of {network['slug']} ({network['factor']}x): "
                f"{len(found['pages'])} pages, {len(found['skipped'])} skipped, crawled in "
                f"{time.perf_counter() - started:.0f} s"
            )
            pages[persona][str(network["factor"])] = crawl.measure(
                client, found["pages"], repeat=REPEAT, log=log
            )
            for key, page in found["skipped"].items():
                skipped.setdefault(key, {**page, "personas": []})
                if PERSONA_NAMES[persona] not in skipped[key]["personas"]:
                    skipped[key]["personas"].append(PERSONA_NAMES[persona])
    return {"pages": pages, "skipped": skipped}


# The load run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_plan(built: list[dict], crawled: dict) -> dict:
    """The users and pages of the load run: the first 1x network's coordinator and focal point
    of the crawl (4 focal points' sessions for each coordinator's), over the pages of MIX they
    reach (the URLs the crawl found)."""
    from scale import PASSWORD

    network = next(n for n in built if n["factor"] == 1)
    personas = {}
    for persona in PERSONAS:
        found = crawled["pages"][persona]["1"].values()
        by_name = {}
        for page in found:
            by_name.setdefault(page["name"], page["url"])
        pages = [[name, by_name[name], weight] for name, weight in MIX.items() if name in by_name]
        # The crawled person, signed in once per simulated user: the pages the crawl found for
        # them (their organisation's inputs) are theirs to read.
        personas[persona] = {
            "users": [network[persona]],
            "pages": pages,
            "share": 1 if persona == "coordinator" else 4,
        }
    return {"password": PASSWORD, "personas": personas}


def load_run(plan: dict, workers: int) -> dict:
    """gunicorn with `workers` on the bench's database, locust for LOAD_SECONDS; the figures."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOGIN_FAILURE_LIMIT": "1000",
        "PYTHONPATH": str(ROOT),
    }
    folder = Path(tempfile.mkdtemp(prefix="gcmhub-bench-load-"))
    (folder / "plan.json").write_text(json.dumps(plan))
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=300",
            "--backlog=2048",
            f"--chdir={ROOT}",
            "--log-level=warning",
        ],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):  # until it answers
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        load_before = os.getloadavg()[0]
        subprocess.run(
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                f"--users={LOAD_USERS}",
                f"--spawn-rate={max(1, LOAD_USERS // 10)}",
                f"--run-time={LOAD_WARMUP + LOAD_SECONDS}s",
                f"--host=http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel=WARNING",
                "--stop-timeout=30",
            ],
            env={
                **os.environ,
                "BENCH_LOAD_PLAN": str(folder / "plan.json"),
                "BENCH_LOAD_OUT": str(folder / "samples.json"),
            },
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "locust.log", "w"),  # noqa: SIM115 (closed with the process)
        )
        if not (folder / "samples.json").exists():
            raise SystemExit("locust failed:\n" + (folder / "locust.log").read_text()[-3000:])
        samples = json.loads((folder / "samples.json").read_text())
    finally:
        server.terminate()
        server.wait(timeout=60)
    result = summarise(samples, workers=workers, load=(load_before + os.getloadavg()[0]) / 2)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def summarise(samples: list, *, workers: int, load: float) -> dict:
    """The figures of the requests made once every user had signed in."""
    signed_in = max((s[4] for s in samples if s[0] == SIGN_IN), default=0)
    end = max((s[4] for s in samples), default=signed_in)
    window = max(end - signed_in, 1e-9)
    after = [s for s in samples if s[4] - s[1] / 1000 >= signed_in]
    pages = [s for s in after if s[0] not in (BASELINE, SIGN_IN)]
    baseline = [s for s in after if s[0] == BASELINE]
    by_name = {}
    for name, ms, _size, error, _end in pages:
        by_name.setdefault(name, []).append((ms, error))
    return {
        "workers": workers,
        "users": LOAD_USERS,
        "seconds": window,
        "load": load,
        "pages": len(pages),
        "pages_per_second": len(pages) / window,
        "p50": _percentile([s[1] for s in pages], 0.5),
        "p95": _percentile([s[1] for s in pages], 0.95),
        "errors": sum(1 for s in pages if s[3]),
        "baseline_p50": _percentile([s[1] for s in baseline], 0.5),
        "baseline_p95": _percentile([s[1] for s in baseline], 0.95),
        "baseline_count": len(baseline),
        "sign_in_errors": sum(1 for s in samples if s[0] == SIGN_IN and s[3]),
        "by_page": {
            name: {
                "count": len(rows),
                "p50": _percentile([ms for ms, _e in rows], 0.5),
                "p95": _percentile([ms for ms, _e in rows], 0.95),
                "errors": sum(1 for _ms, e in rows if e),
            }
            for name, rows in sorted(by_name.items())
        },
    }


# The results


def write_results(run: dict, *, as_before: bool) -> None:
    stored = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    label = "before" if as_before else "latest"
    previous = stored.get(label, {})
    for part in ("crawl", "load"):  # a part left out keeps its last figures
        if run.get(part) is None and previous.get(part) is not None:
            run[part] = previous[part]
    stored[label] = run
    RESULTS_JSON.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")
    RESULTS.write_text(render(stored))


def _ms(value) -> str:
    return "" if value is None else (f"{value:.0f}" if value >= 10 else f"{value:.1f}")


def _kb(page) -> str:
    return f"{page['bytes'] / 1024:.0f}" if page else "–"


def _x(value) -> str:
    return "" if value is None else f"{value:.1f}x"


def _rows(crawled: dict):
    """(persona, key, {factor: page}) of every page, by persona then URL name."""
    for persona in PERSONAS:
        by_factor = crawled["pages"].get(persona, {})
        keys = {}
        for factor in by_factor.values():
            for key, page in factor.items():
                keys.setdefault(key, page["name"])
        for key in sorted(keys, key=lambda k: (keys[k], k)):
            yield persona, key, {f: p[key] for f, p in by_factor.items() if key in p}


def _growth(pages: dict) -> float | None:
    if "1" in pages and "16" in pages and pages["1"]["ms"]:
        return pages["16"]["ms"] / pages["1"]["ms"]
    return None


def _page_table(run: dict) -> list[str]:
    lines = [
        "| page (URL name) | who | queries 1x / 4x / 16x | ms 1x | ms 16x "
        "| x bare 1x | x bare 16x | KB 1x | KB 16x | growth 1x→16x |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for persona, key, pages in _rows(run["crawl"]):
        name = next(iter(pages.values()))["name"]
        extra = key.split("?", 1)[1] if "?" in key else ""
        queries = " / ".join(
            str(pages[f]["queries"]) if f in pages else "–" for f in ["1", "4", "16"]
        )
        one, big = pages.get("1"), pages.get("16")
        lines.append(
            f"| `{name}`{f' ?{extra}' if extra else ''} | {PERSONA_NAMES[persona]} | {queries} "
            f"| {_ms(one and one['ms'])} | {_ms(big and big['ms'])} "
            f"| {_x(one and one['ratio'])} | {_x(big and big['ratio'])} "
            f"| {one['bytes'] / 1024:.0f} | {big['bytes'] / 1024:.0f} | {_x(_growth(pages))} |"
            if one and big
            else f"| `{name}` | {PERSONA_NAMES[persona]} | {queries} | {_ms(one and one['ms'])} "
            f"| {_ms(big and big['ms'])} | {_x(one and one['ratio'])} "
            f"| {_x(big and big['ratio'])} | | | |"
        )
    return lines


def _summary(run: dict) -> list[str]:
    pages = list(_rows(run["crawl"]))
    over_ratio = [
        (p, k, v) for p, k, v in pages if "16" in v and (v["16"]["ratio"] or 0) > TARGET_RATIO
    ]
    over_growth = [(p, k, v) for p, k, v in pages if (_growth(v) or 0) > TARGET_GROWTH]
    growing = [
        (p, k, v)
        for p, k, v in pages
        if "1" in v and "16" in v and v["16"]["queries"] != v["1"]["queries"]
    ]
    bare = [v[f]["bare_ms"] for _p, _k, v in pages for f in v]
    worst = sorted(
        ((v["16"]["ratio"] or 0, p, v["16"]["name"]) for p, _k, v in pages if "16" in v),
        reverse=True,
    )[:5]
    return [
        f"- {len(pages)} pages (persona × URL pattern) measured; the bare view's median "
        f"{statistics.median(bare):.1f} ms over the run"
        if bare
        else "- no pages",
        f"- over {TARGET_RATIO}x the bare view at 16x: {len(over_ratio)} "
        f"(worst: {', '.join(f'`{n}` {PERSONA_NAMES[p]} {r:.0f}x' for r, p, n in worst)})",
        f"- slower than {TARGET_GROWTH}x from 1x to 16x: {len(over_growth)}",
        f"- query count not the same at 1x and 16x: {len(growing)}"
        + (
            " ("
            + ", ".join(
                f"`{v['1']['name']}` {PERSONA_NAMES[p]} {v['1']['queries']}→{v['16']['queries']}"
                for p, _k, v in growing
            )
            + ")"
            if growing
            else ""
        ),
    ]


def _load_table(runs: dict) -> list[str]:
    lines = [
        "| run | workers | users | seconds | pages | pages/s | p50 ms | p95 ms | errors "
        "| login page p50 / p95 ms | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, run in runs.items():
        for load in run.get("load") or []:
            lines.append(
                f"| {label} | {load['workers']} | {load['users']} | {load['seconds']:.0f} "
                f"| {load['pages']} | {load['pages_per_second']:.1f} | {load['p50']:.0f} "
                f"| {load['p95']:.0f} "
                f"| {load['errors']} | {load['baseline_p50']:.0f} / {load['baseline_p95']:.0f} "
                f"| {load['load']:.1f} |"
            )
    return lines


def _load_pages(run: dict) -> list[str]:
    lines = [
        "| page | workers | requests | p50 ms | p95 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for load in run.get("load") or []:
        for name, page in load["by_page"].items():
            lines.append(
                f"| `{name}` | {load['workers']} | {page['count']} | {page['p50']:.0f} "
                f"| {page['p95']:.0f} | {page['errors']} |"
            )
    return lines


def _compare(before: dict, latest: dict) -> list[str]:
    lines = [
        "| page (URL name) | who | queries 16x before → latest | x bare 16x before → latest "
        "| growth 1x→16x before → latest | KB 16x before → latest |",
        "|---|---|---:|---:|---:|---:|",
    ]
    old = {(p, k): v for p, k, v in _rows(before["crawl"])}
    for persona, key, pages in _rows(latest["crawl"]):
        was = old.get((persona, key), {})
        b, a = was.get("16"), pages.get("16")
        if not (a or b):
            continue
        name = (a or b)["name"]
        lines.append(
            f"| `{name}` | {PERSONA_NAMES[persona]} "
            f"| {b['queries'] if b else '–'} → {a['queries'] if a else '–'} "
            f"| {_x(b and b['ratio'])} → {_x(a and a['ratio'])} "
            f"| {_x(_growth(was))} → {_x(_growth(pages))} "
            f"| {_kb(b)} → {_kb(a)} |"
        )
    return lines


def _facts(label: str, run: dict) -> str:
    built = (
        f"built in {run['build_seconds']:.0f} s ({run['jobs']} processes)"
        if run.get("build_seconds") is not None
        else "built earlier (`--no-build`)"
    )
    note = f" {run['note']}" if run.get("note") else ""
    return (
        f"**{label}**: {run['date']}, commit `{run['commit']}`, {run['database']}, "
        f"{run['networks']} networks at 1x + 4x + 16x {built}, BENCH_REPEAT={run['repeat']}, "
        f"load average {run['load_average']:.1f} on {run['cores']} cores while crawling.{note}"
    )


def render(stored: dict) -> str:
    out = [HEADER]
    runs = {label: stored[label] for label in ("before", "latest") if label in stored}
    for label, run in runs.items():
        out.append(_facts(label, run) + "\n")
    if (
        "before" in runs
        and "latest" in runs
        and runs["before"].get("crawl")
        and runs["latest"].get("crawl")
    ):
        out += [
            "## Before and after, the 16x network",
            "",
            *_compare(runs["before"], runs["latest"]),
            "",
        ]
    out += ["## Load: signed-in users on gunicorn", "", *_load_table(runs), ""]
    for label, run in runs.items():
        if run.get("crawl"):
            out += [f"## Pages ({label})", "", *_summary(run), "", *_page_table(run), ""]
    for label, run in runs.items():
        if run.get("load"):
            out += [f"## Load per page ({label})", "", *_load_pages(run), ""]
    last = runs.get("latest") or runs.get("before")
    if last and last.get("crawl"):
        out += [
            "## Not measured: downloads and file jobs the crawl met",
            "",
            "| URL pattern | example | why | who |",
            "|---|---|---|---|",
            *[
                f"| `{key}` | `{page['url']}` | {page['why']} | {', '.join(page['personas'])} |"
                for key, page in sorted(last["crawl"]["skipped"].items())
            ],
            "",
        ]
    return "\n".join(out)


HEADER = """# Scale bench (issue 17)

Written by `make bench` (`bench/scale_bench.py`; bench/README.md explains it). Times are
medians of BENCH_REPEAT requests through Django's test client; "x bare" is a page's median
divided by the median of a bare view (a tiny response behind the same middleware and session)
measured in turn with it, in the same run: the machine is shared and noisy, so read the ratios,
not the milliseconds. "growth" is the page's median at 16x data over its median at 1x. Targets:
every page ≤ 15x the bare view at 16x, ≤ 2x slower at 16x than at 1x, the same query count at
every size; 50 users on 2 workers: ≥ 4x the "before" pages per second, p95 ≤ 1 s, 0 errors.
"""


def database_name(connection) -> str:
    if connection.vendor != "postgresql":
        return connection.vendor
    version = connection.cursor().connection.info.server_version  # e.g. 150018
    return f"PostgreSQL {version // 10000}.{version % 10000}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", action="store_true", help="file the figures as 'before'")
    parser.add_argument("--no-load", action="store_true", help="leave out the load run")
    parser.add_argument("--no-crawl", action="store_true", help="leave out the page crawl")
    parser.add_argument("--no-build", action="store_true", help="use the database as it is")
    arguments = parser.parse_args()
    setup_django(f"sqlite:///{ROOT / 'bench' / 'scale.sqlite3'}", settings_module="bench.settings")
    import scale
    from django.db import connection

    run = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "database": database_name(connection),
        "networks": scale.NETWORKS,
        "jobs": scale.JOBS,
        "repeat": REPEAT,
        "cores": os.cpu_count(),
    }
    started = time.perf_counter()
    if arguments.no_build:
        built = scale.existing()
        run["networks"] = sum(1 for n in built if n["factor"] == 1)
        run["build_seconds"] = None
    else:
        log(f"Building {scale.NETWORKS} networks + {' + '.join(f'{f}x' for f in scale.FACTORS)}")
        scale.prepare_database()
        built = scale.build(scale.NETWORKS, log=log)
        run["build_seconds"] = time.perf_counter() - started
        log(f"Built in {run['build_seconds']:.0f} s")
    run["note"] = os.environ.get("BENCH_NOTE", "")
    crawled = None
    if not arguments.no_crawl:
        log("Crawling")
        crawled = crawl_all(built)
    run["load_average"] = os.getloadavg()[0]
    run["crawl"] = crawled
    run["load"] = None
    if not arguments.no_load:
        source = crawled or (json.loads(RESULTS_JSON.read_text()).get("latest", {}).get("crawl"))
        plan = load_plan(built, source)
        run["load"] = []
        for workers in LOAD_WORKERS:
            log(f"Load run: {LOAD_USERS} users, gunicorn with {workers} workers, {LOAD_SECONDS} s")
            run["load"].append(load_run(plan, workers))
            last = run["load"][-1]
            log(
                f"  {last['pages_per_second']:.1f} pages/s, p50 {last['p50']:.0f} ms, "
                f"p95 {last['p95']:.0f} ms, {last['errors']} errors; login page p50 "
                f"{last['baseline_p50']:.0f} ms"
            )
    write_results(run, as_before=arguments.before)
    log(f"Written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
