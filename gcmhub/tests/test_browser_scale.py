"""What issue 17 put behind a click, in Chromium, as on a large network (the thresholds are
lowered for the demo): the coordinator's inputs to review as one row that opens them, the
people of a role a page at a time, the unchanged sections of a long comparison opened on
demand, and a long queue of translations a page at a time."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in
from gcmhub.tests.test_browser_daily import _cycle_kwargs

pytestmark = BROWSER_TESTS


def test_many_inputs_to_review_open_from_one_row_and_return(browser, demo, monkeypatch):
    from gcmhub.assessments import todo
    from gcmhub.assessments.models import Input

    monkeypatch.setattr(todo, "LISTED", 0)  # every cycle's waiting inputs: one row
    waiting = Input.objects.filter(
        cycle__title="GCM Needs Assessment 2021", state="submitted"
    ).select_related("organisation")
    assert waiting.exists()
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.goto(f"{demo}{reverse('task-list')}")
    row = page.locator("table.tasks tbody tr").filter(has_text="Inputs to review")
    expect(row.first).to_contain_text("wait for review" if waiting.count() > 1 else "waits")
    row.filter(has_text="GCM Needs Assessment 2021").get_by_role("link").click()
    page.wait_for_url(re.compile(r"/inputs/\?state=submitted$"))
    for input in waiting:
        expect(page.locator("main")).to_contain_text(input.organisation.short_name)
    page.go_back()
    expect(page.get_by_role("heading", name="My tasks", exact=True)).to_be_visible()


def test_the_people_of_a_role_a_page_at_a_time(browser, demo, monkeypatch):
    from gcmhub.core.models import Cycle
    from gcmhub.directory import views

    monkeypatch.setattr(views, "MEMBERS_SHOWN", 1)
    network = Cycle.objects.get(title="GCM Needs Assessment 2021").network
    focal_points = network.memberships.filter(role="focal_point", is_active=True).count()
    assert focal_points > 1
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.goto(f"{demo}{reverse('member-list', kwargs={'network_slug': network.slug})}")
    section = page.locator("section").filter(has=page.get_by_role("heading", name="Focal points"))
    expect(section.locator("tbody tr")).to_have_count(1)
    section.get_by_role("link", name=re.compile(f"Show all {focal_points}")).click()
    page.wait_for_url(re.compile(r"\?role=focal_point$"))
    expect(page.get_by_text(f"Page 1 of {focal_points}")).to_be_visible()
    page.get_by_role("link", name="Next →").click()
    expect(page.get_by_text(f"Page 2 of {focal_points}")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Everyone, by role").click()
    expect(page.get_by_role("heading", name="Coordinators")).to_be_visible()


def test_a_long_comparison_opens_an_unchanged_section_when_asked(browser, demo, monkeypatch):
    from gcmhub.documents.models import Document
    from gcmhub.documents.views import versions

    monkeypatch.setattr(versions, "ON_DEMAND_FROM", 0)
    document = Document.objects.get(
        cycle__title="GCM Needs Assessment 2021", kind="needs_assessment"
    )
    assert document.versions.count() >= 2
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    compare = reverse("version-compare", kwargs=_cycle_kwargs(document_pk=document.pk))
    page.goto(demo + compare)
    unchanged = page.locator("section.diff-same").first
    body = unchanged.locator(".section-body")
    expect(body).to_contain_text("Show this section")  # nothing loaded yet
    unchanged.get_by_text("Show the text").click()
    expect(body.locator(".diff-text")).to_be_visible()
    expect(body).not_to_contain_text("Show this section")
    # Without the script, the link opens the page with that section's text.
    href = body.page.locator("section.diff-same").nth(1).locator("a").get_attribute("href")
    page.goto(demo + compare + href)
    expect(page.locator("details[open] .diff-text").first).to_be_visible()
