"""My tasks in Chromium (issue 16): `focal` signs in and lands on what waits for them, follows
the 2021 endorsement and the returned input, and the header's count drops with each."""

import re

from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page

pytestmark = BROWSER_TESTS


def _count(page) -> int:
    """The count in the header of My tasks (opened from the header's link)."""
    page.get_by_role("link", name=re.compile("My tasks")).first.click()
    badge = page.locator(".tasks-link [data-task-count]")
    expect(badge).to_be_visible()
    return int(badge.get_attribute("data-task-count"))


def test_focal_lands_on_my_tasks_follows_them_and_the_count_drops(browser, demo):
    from gcmhub.assessments.models import Input
    from gcmhub.documents.models import Endorsement

    page = new_page(browser)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{demo}/accounts/login/")
    page.get_by_label("Username").fill("focal")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/tasks/$"))
    expect(page.get_by_role("heading", name="My tasks", exact=True)).to_be_visible()
    tasks = page.locator("table.tasks")
    endorsement = tasks.get_by_role("row").filter(has_text="Endorsement to give")
    expect(endorsement).to_contain_text("GCM Needs Assessment Report, version 1.0")
    returned = tasks.get_by_role("row").filter(has_text="Input to fix")
    expect(returned).to_contain_text("Objective 11")
    expect(returned).to_contain_text("14 May 2021")
    reason = Input.objects.get(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal",
        objective__number=11,
    ).return_reason
    expect(returned).to_contain_text(reason.split("\n")[0][:40])
    start = _count(page)
    assert start == tasks.locator("tbody tr").count()

    # The endorsement: its link opens the answer on the validation page.
    endorsement.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/meetings/#endorse-heading$"))
    page.locator("input[name=response][value=endorsed]").check()
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your organisation's answer is recorded")
    assert _count(page) == start - 1
    assert (
        Endorsement.objects.get(version__major=1, responded_by__username="focal").response
        == "endorsed"
    )

    # The returned input: fixed and submitted again.
    page.locator("table.tasks").get_by_role("row").filter(has_text="Input to fix").get_by_role(
        "link"
    ).click()
    expect(page.get_by_role("note")).to_contain_text("Returned, because:")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Gaps and challenges").fill(
        "The border agencies taking part are now named: DGMM, TNP and the Coast Guard."
    )
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("status")).to_contain_text("Your input has been submitted.")
    assert _count(page) == start - 2
    rows = page.locator("table.tasks")
    expect(rows).not_to_contain_text("Endorsement to give")
    expect(rows).not_to_contain_text("Input to fix")
