"""The Content-Security-Policy in a real browser: pages whose parts could break under it (inline
SVG charts, the organisation tree, htmx swaps, the rich-text editor, the API documentation,
the admin) work and report no error (gcmhub/tests/browser.py fails a test on any console error,
CSP violations included)."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page

pytestmark = BROWSER_TESTS


def sign_in(page, base, username, password="demo-password"):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/(networks|tasks|regions|admin)/"))


def cycle_url(name, **kwargs):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return reverse(name, kwargs={"network_slug": "turkiye", "cycle_pk": cycle.pk, **kwargs})


def test_charts_the_tree_and_htmx_work_under_the_csp(browser, demo):
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    response = page.goto(demo + cycle_url("priority-results"))
    assert "style-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("svg.chart").first).to_be_visible()
    # The chart keeps its colours without inline CSS: presentation attributes.
    assert page.locator("svg.chart [fill='#0b4a7d']").count() > 0
    page.goto(demo + cycle_url("objective-priority", number=10))
    expect(page.locator("svg.chart").first).to_be_visible()
    page.goto(demo + cycle_url("workplan"))
    expect(page.locator("svg.chart").first).to_be_visible()

    page.goto(demo + reverse("organisation-list", kwargs={"network_slug": "turkiye"}))
    nested = page.locator('td.tree[data-depth="1"]').first
    top = page.locator('td.tree[data-depth="0"]').first
    assert float(nested.evaluate("e => getComputedStyle(e).paddingLeft").removesuffix("px")) > (
        float(top.evaluate("e => getComputedStyle(e).paddingLeft").removesuffix("px"))
    )
    # The filter swaps the results in place with htmx.
    rows = page.locator("#results tbody tr")
    before = rows.count()
    page.locator("#id_q").fill("DGMM")
    expect(rows).not_to_have_count(before)
    expect(page).to_have_url(re.compile(r"q=DGMM"))
    expect(page.locator("#results")).to_have_count(1)

    page.goto(demo + reverse("objective-list"))
    page.locator("#id_q").fill("trafficking")
    expect(page).to_have_url(re.compile(r"q=trafficking"))
    expect(page.locator("#results")).to_contain_text("trafficking")  # one #results, not nested


def editable_section():
    """A narrative section of a document without its final version (so open to edits)."""
    from gcmhub.documents.models import Section

    return (
        Section.objects.filter(kind="narrative")
        .exclude(document__versions__major__gte=1)
        .select_related("document__cycle__network")
        .order_by("pk")
        .first()
    )


def test_the_rich_text_editor_works_under_the_csp_without_inline_styles(browser, demo):
    section = editable_section()
    document = section.document
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    url = reverse(
        "section-edit",
        kwargs={
            "network_slug": document.cycle.network.slug,
            "cycle_pk": document.cycle_id,
            "document_pk": document.pk,
            "section_pk": section.pk,
        },
    )
    response = page.goto(demo + url)
    assert "'nonce-" in response.headers["content-security-policy"]  # the import map's
    editor = page.locator(".ProseMirror[contenteditable=true]").first  # the original's
    editor.click()
    editor.type("Typed under the policy.")
    assert page.locator("style").count() == 0, "an inline <style> reached the page"
    # Tiptap's base styles come from gcmhub.css.
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") in ("break-spaces", "pre-wrap")


def test_the_api_documentation_works_under_the_csp(browser, demo):
    page = new_page(browser)
    page.goto(demo + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("gcmhub API")
    expect(page.locator(".opblock").first).to_be_visible()
    # The ReDoc address leads to the same documentation (ReDoc itself breaks the policy).
    page.goto(demo + "/api/redoc/")
    expect(page).to_have_url(re.compile(r"/api/docs/$"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("gcmhub API")


def test_the_admin_and_its_rich_text_editor_work_under_the_csp(browser, demo):
    from gcmhub.core.models import User

    User.objects.create_superuser("admin-csp", "admin@example.org", "an-admin-passphrase-9")
    section = editable_section()
    page = new_page(browser)
    sign_in(page, demo, "admin-csp", password="an-admin-passphrase-9")
    page.goto(demo + reverse("admin:documents_section_change", args=[section.pk]))
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    page.goto(demo + reverse("admin:index"))
    expect(page.locator("#site-name")).to_be_visible()
