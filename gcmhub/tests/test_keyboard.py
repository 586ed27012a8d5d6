"""Keyboard only (issue 16): the focal point's submit, the review comment and the check-in, done
with Tab, Enter and Space (`page.keyboard`), never the mouse; the outcome is what is stored."""

import datetime as dt
import re

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def tab_to(page, selector: str, *, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has the focus (as a person reaches it
    with the keyboard); fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _kwargs(cycle, **extra):
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def test_the_focal_point_submits_an_input_with_the_keyboard(browser, demo):
    from gcmhub.assessments.models import Input

    input = Input.objects.filter(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal",
        state="draft",
    ).exclude(situation="")[0]
    page = new_page(browser)
    page.on("dialog", lambda dialog: dialog.accept())  # "Submit this input…?"
    sign_in(page, demo, "focal")
    page.goto(demo + reverse("input-detail", kwargs=_kwargs(input.cycle, input_pk=input.pk)))
    tab_to(page, "form[action$='/submit/'] button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your input has been submitted.")
    input.refresh_from_db()
    assert input.state == "submitted"


def test_a_review_comment_is_written_and_saved_with_the_keyboard(browser, demo):
    from gcmhub.core.models import User
    from gcmhub.documents import services
    from gcmhub.documents.models import Comment, Version

    # A review of the draft terms of reference (the report itself is final in the demo).
    version = Version.objects.get(document__kind="terms_of_reference", major=0, minor=1)
    focal = User.objects.get(username="focal")
    review = services.review_open(
        version=version,
        by=User.objects.get(username="coordinator"),
        deadline=dt.date.today() + dt.timedelta(days=14),
        organisations=[focal.memberships.get().organisation],
    )
    cycle = version.document.cycle
    page = new_page(browser)
    sign_in(page, demo, "focal")
    page.goto(demo + reverse("review-detail", kwargs=_kwargs(cycle, review_pk=review.pk)))
    tab_to(page, "#id_section_key")
    page.keyboard.press("ArrowDown")  # the second section
    tab_to(page, "#id_type")
    tab_to(page, "#id_text")
    page.keyboard.type("Name the provinces where the referral works.")
    tab_to(page, "#comment-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(re.compile("draft", re.I))
    comment = Comment.objects.get(
        review=review, text="Name the provinces where the referral works."
    )
    assert comment.author.username == "focal"
    sections = review.version.content["sections"]
    assert comment.section_key == sections[1]["key"]


def test_the_secretariat_checks_a_person_in_with_the_keyboard(browser, demo):
    from gcmhub.meetings.models import Attendee

    attendee = (
        Attendee.objects.filter(meeting__cycle__title="GCM Needs Assessment 2021")
        .exclude(presence="present")
        .select_related("meeting__cycle__network")[0]
    )
    meeting = attendee.meeting
    page = new_page(browser)
    sign_in(page, demo, "consultant")
    page.goto(demo + reverse("check-in", kwargs=_kwargs(meeting.cycle, meeting_pk=meeting.pk)))
    before = page.locator("#headcount").inner_text()
    present = f"#attendee-{attendee.pk} button[value=present]"
    tab_to(page, present)
    page.keyboard.press("Space")
    expect(page.locator(present)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#headcount")).not_to_have_text(before)
    attendee.refresh_from_db()
    assert attendee.presence == "present"
