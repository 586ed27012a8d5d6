"""The consultant hears of an input as soon as `focal` submits it (issue 16), in Chromium."""

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def test_the_consultant_is_told_when_focal_submits_and_follows_the_notification(browser, demo):
    from gcmhub.assessments.models import Input

    input = Input.objects.get(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal",
        state="returned",
    )
    kwargs = {"network_slug": input.cycle.network.slug, "cycle_pk": input.cycle_id}
    url = demo + reverse("input-detail", kwargs={**kwargs, "input_pk": input.pk})

    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.goto(url)
    focal.get_by_role("link", name="Edit").click()
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Your input has been submitted.")

    consultant = new_page(browser)
    sign_in(consultant, demo, "consultant")
    consultant.get_by_role("link", name="Notifications").click()
    text = f"submitted its input on GCM objective {input.objective.number}."
    notice = consultant.locator(".notifications li.unread", has_text=text)
    expect(notice).to_have_count(1)
    before = consultant.locator(".notifications-link .count").inner_text()
    notice.get_by_role("link").click()
    expect(consultant).to_have_url(url)
    expect(consultant.locator(".notifications-link .count")).not_to_have_text(before)
    consultant.get_by_role("link", name="Notifications").click()
    expect(consultant.locator(".notifications li.read", has_text=text)).to_have_count(1)
