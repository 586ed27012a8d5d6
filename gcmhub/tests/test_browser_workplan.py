"""Indicators by category in Chromium: a focal point reports the officials trained by sex,
is told when the figures disagree, fixes them and submits with the total computed."""

import re

from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def test_a_report_by_sex_is_checked_then_submitted_with_the_total_computed(browser, demo):
    from gcmhub.workplan.models import IndicatorActual

    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal-dgmm-pvht")
    focal.get_by_role("link", name="Work plan", exact=True).first.click()
    focal.get_by_role("link", name="Progress reports").click()
    focal.get_by_role("button", name="Your report for 2022 H1").click()
    indicator = focal.locator("fieldset.actual-row", has_text="4.2.1-i1")
    by_sex = indicator.get_by_role("group", name="By Sex")
    indicator.get_by_label(re.compile("^Total")).fill("200")
    by_sex.get_by_label(re.compile("^Female")).fill("90")
    by_sex.get_by_label(re.compile("^Male")).fill("100")
    focal.get_by_role("button", name="Save and submit").click()
    expect(indicator).to_contain_text("The values by “Sex” add up to 190, not to the total of 200")

    indicator = focal.locator("fieldset.actual-row", has_text="4.2.1-i1")
    indicator.get_by_label(re.compile("^Total")).fill("")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("The report is submitted")
    expect(focal.locator("#main")).to_contain_text("Sex, Female: 90")

    actual = IndicatorActual.objects.get(
        indicator__code="4.2.1-i1",
        report__period__label="2022 H1",
        indicator__cycle__title="GCM Needs Assessment 2021",
    )
    assert actual.value == 190
    assert sorted((p.category.label, p.value) for p in actual.parts.all()) == [
        ("Female", 90),
        ("Male", 100),
    ]
