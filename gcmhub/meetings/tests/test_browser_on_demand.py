"""In Chromium: what a large network's pages show a page at a time or when opened: the
coverage matrix's next organisations, a meeting's register and who is invited, the form to
record an outcome. Each opens from the keyboard too."""

import re

from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def _cycle_url(demo, name, **kwargs):
    from django.urls import reverse

    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.select_related("network").get(title="GCM Needs Assessment 2021")
    return demo + reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def test_the_coverage_pages_and_the_meeting_details_open_when_asked(browser, demo, monkeypatch):
    from gcmhub.assessments.views import syntheses
    from gcmhub.meetings.models import Meeting

    monkeypatch.setattr(syntheses, "COVERAGE_COLUMNS", 5)  # the demo asks 8 organisations
    page = new_page(browser)
    sign_in(page, demo, "consultant")

    page.goto(_cycle_url(demo, "coverage"))
    columns = page.locator(".coverage thead th.rotate")
    expect(columns).to_have_count(5)
    expect(page.get_by_text("Organisations 1 to 5 of 8 in the columns")).to_be_visible()
    first = columns.first.inner_text()
    page.get_by_role("link", name=re.compile("Next")).click()
    expect(page.get_by_text("Organisations 6 to 8 of 8 in the columns")).to_be_visible()
    expect(columns).to_have_count(3)
    assert columns.first.inner_text() != first

    meeting = Meeting.objects.get(type="validation", cycle__title="GCM Needs Assessment 2021")
    page.goto(_cycle_url(demo, "meeting-detail", meeting_pk=meeting.pk))
    register = page.locator("#register")
    expect(register.get_by_text("Selin Kaya")).to_have_count(0)
    register.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(register.get_by_text(re.compile("Selin Kaya"))).to_be_visible()
    invited = page.locator("#invited")
    expect(invited.locator("li")).to_have_count(0)
    invited.locator("summary").click()
    expect(invited.locator("li").first).to_be_visible()

    page.goto(_cycle_url(demo, "minutes", meeting_pk=meeting.pk))
    opener = page.locator("details.add-outcome").first
    expect(opener.locator("select[name$='-owner_organisation']")).to_have_count(0)
    opener.locator("summary").focus()
    page.keyboard.press("Enter")
    owner = opener.locator("select[name$='-owner_organisation']")
    expect(owner).to_be_visible()
    opener.locator("select[name$='-type']").select_option(label="Decision")
    opener.locator("textarea[name$='-text']").fill("The findings are endorsed.")
    opener.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The outcome is recorded.")
    expect(page.get_by_text("The findings are endorsed.")).to_be_visible()
