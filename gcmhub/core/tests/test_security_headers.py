"""Content-Security-Policy and Permissions-Policy on every response, and templates that keep to
the policy (no inline script, inline style or event-handler attribute)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from gcmhub.reporting.charts import bar_chart_svg

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/api/v1/networks/", "/api/schema/", "/no-such-page/"]
)
def test_every_response_carries_the_policies(client, db, path):
    response = client.get(path)
    assert directives(response) | POLICY == directives(response)
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_signed_in_pages_carry_the_policies(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(cycle.get_absolute_url())
    assert directives(response)["script-src"] == "'self'"  # no nonce where none is used
    assert "camera=()" in response["Permissions-Policy"]


def template_files():
    roots = [
        settings.BASE_DIR / "templates",
        *Path(settings.BASE_DIR / "gcmhub").glob("*/templates"),
    ]
    # Rendered to PDF by WeasyPrint on the server, never sent to a browser: their <style> stays.
    server_only = {"documents/print.html", "meetings/minutes_print.html"}
    for root in roots:
        for path in root.rglob("*.html"):
            if str(path.relative_to(root)) not in server_only:
                yield path


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script_or_style():
    found = []
    for path in template_files():
        text = path.read_text()
        found += [f"{path}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []


def test_the_template_scan_finds_what_it_looks_for():
    samples = [
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        '<p style="color: red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]
    assert [any(p.search(s) for p, _ in INLINE) for s in samples] == [True] * 5
    assert not any(p.search('<script src="/static/x.js" defer></script>') for p, _ in INLINE)


def test_charts_carry_no_inline_css():
    svg = str(bar_chart_svg(["A", "B"], [1, 2], title="Scores", value_label="score"))
    assert "style" not in svg
    assert 'fill="#0b4a7d"' in svg  # the bars keep their colour
    assert 'stroke-linejoin="round" stroke-linecap="butt"' in svg[: svg.index(">")]


def test_the_favicon_address_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/gcmhub/favicon.svg")


def test_the_api_documentation_has_no_inline_script(client, db):
    page = client.get(reverse("api-docs")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "<style" not in page
    script = client.get(reverse("api-docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
