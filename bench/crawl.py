"""The page crawl: every page a persona reaches from the landing page, measured against a bare
view in the same run.

For a user, `crawl` follows the links (`<a href>`, and `hx-get` fragments) from "/" breadth
first, GET only, within the user's network, and keeps one representative URL per URL pattern
(the resolver's route, and the names of the query's parameters apart from their values).
Downloads (a file's extension, `format=`, a response that is not HTML) and file jobs are not
measured: they are recorded as skipped. `measure` then counts each page's queries on one request and
times it BENCH_REPEAT times (5; once if that request took more than BENCH_SLOW_MS, 2,000 ms),
interleaved with the bare view (bench/urls.py) through the same client and session, and keeps
the median time, the query count and the HTML size of each, and the ratio of the page's median
to the bare view's.
"""

import os
import re
import statistics
import time
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

BARE = "/bench/bare/"
SLOW_MS = float(os.environ.get("BENCH_SLOW_MS", "2000"))
LINK = re.compile(r"""(?:href|hx-get)\s*=\s*["']([^"'#]*)""")
GET_FORM = re.compile(r"""<form\b(?=[^>]*method=["']get["'])[^>]*action=["']([^"'#]*)""", re.I)
FILE_SUFFIX = re.compile(r"\.(docx|pdf|xlsx|csv|ics|zip|json|png|svg|xml|txt|odt|ods)$")
# URL names of downloads and file jobs (file-job, file-download, file-retry); the pages that
# list exports or take an upload are pages and are measured.
FILE_NAMES = ("download", "file-", "schema", "api-")
SKIP_NAMES = ("logout", "language-set", "admin:", "set_language")
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/accounts/logout")


def _key(match, query: dict) -> str:
    """The URL pattern of a page: its route and its query's parameter names."""
    route = "/" + match.route if match.route else match.view_name
    keys = sorted(k for k in query if k not in ("next",))
    return route + (("?" + "&".join(keys)) if keys else "")


def _skip_reason(path: str, name: str, query: dict) -> str | None:
    if FILE_SUFFIX.search(path) or "format" in query or "download" in query:
        return "download"
    if any(part in name for part in FILE_NAMES):
        return "download or file job"
    return None


def crawl(client, *, network_slug: str, start: str = "/", limit: int = 400) -> dict:
    """{"pages": {key: {"url", "name"}}, "skipped": {key: {"url", "name", "why"}}} of what the
    signed-in `client` reaches from `start`."""
    from django.urls import Resolver404, resolve

    pages, skipped, seen_keys = {}, {}, set()
    queue, seen_urls = deque([start]), {start}
    while queue and len(pages) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        name = match.view_name or match.route
        key = _key(match, query)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        if any(part in name for part in SKIP_NAMES):
            continue
        if why := _skip_reason(parts.path, name, query):
            skipped[key] = {"url": url, "name": name, "why": why}
            continue
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = response.headers["Location"]
            if target.startswith("/") and target not in seen_urls:
                seen_urls.add(target)
                queue.append(target)
            continue
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or "html" not in content_type:
            if response.status_code == 200:
                skipped[key] = {"url": url, "name": name, "why": content_type or "not HTML"}
            elif response.status_code >= 500:
                skipped[key] = {"url": url, "name": name, "why": f"error {response.status_code}"}
            continue
        if response.streaming or response.headers.get("Content-Disposition"):
            skipped[key] = {"url": url, "name": name, "why": "download"}
            continue
        pages[key] = {"url": url, "name": name}
        html = response.content.decode(errors="replace")
        for link in LINK.findall(html) + GET_FORM.findall(html):
            link = unescape(link).strip()
            if not link.startswith("/") or link.startswith("//"):
                continue
            if link.startswith(SKIP_PREFIXES):
                continue
            if link.startswith("/networks/") and not link.startswith(f"/networks/{network_slug}/"):
                continue
            link_parts = urlsplit(link)
            link = link_parts.path + (
                "?" + urlencode(parse_qsl(link_parts.query, keep_blank_values=True))
                if link_parts.query
                else ""
            )
            if link not in seen_urls:
                seen_urls.add(link)
                queue.append(link)
    return {"pages": pages, "skipped": skipped}


def _timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    if not response.streaming:
        response.content  # noqa: B018 (rendered)
    return (time.perf_counter() - start) * 1000


def _counted(client, url: str):
    """The response, its time (ms) and its number of queries."""
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        response = client.get(url)
        if not response.streaming:
            response.content  # noqa: B018 (rendered)
    return response, (time.perf_counter() - start) * 1000, len(executed)


def measure(client, pages: dict, *, repeat: int, slow_ms: float = SLOW_MS, log=None) -> dict:
    """Each page's queries, HTML size, median ms and ratio to the bare view's median, the
    two measured in turn (bare, page, bare, page...), so that the machine's load weighs on both
    alike. A page slower than `slow_ms` is timed once (its first request after the crawl's):
    its ratio is large whatever the noise, and it keeps the run within the hour."""
    measured = {}
    for key, page in pages.items():
        bare = [_timed(client, BARE)]
        response, first_ms, queries = _counted(client, page["url"])
        times = [first_ms]
        if first_ms >= slow_ms:  # the bare view's median over as many requests as the others'
            bare += [_timed(client, BARE) for _ in range(repeat)]
        else:
            times = []
            for _ in range(repeat):
                bare.append(_timed(client, BARE))
                times.append(_timed(client, page["url"]))
        median, bare_median = statistics.median(times), statistics.median(bare)
        measured[key] = {
            **page,
            "status": response.status_code,
            "queries": queries,
            "bytes": len(response.content),
            "ms": median,
            "runs": len(times),
            "bare_ms": bare_median,
            "ratio": median / bare_median if bare_median else None,
        }
        if log:
            log(
                f"    {page['name']:<40} {median:9.1f} ms {measured[key]['ratio']:7.1f}x "
                f"{queries:4d} q {len(response.content) / 1024:8.0f} KB"
            )
    return measured
