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


def test_the_work_plan_opens_an_outcome_and_pages_through_indicators(browser, demo):
    import datetime as dt
    from decimal import Decimal

    from gcmhub.workplan.models import Activity, Indicator, Output

    output = Output.objects.get(code="4.2.1", cycle__title="GCM Needs Assessment 2021")
    reporter = Indicator.objects.filter(cycle=output.cycle).first().reported_by
    Indicator.objects.bulk_create(
        Indicator(
            cycle=output.cycle, output=output, code=f"Z-{n:02d}", name=f"Z{n}", reported_by=reporter
        )
        for n in range(50)
    )
    Activity.objects.bulk_create(
        Activity(
            output=output,
            code=f"4.2.1.z{n:02d}",
            title=f"Extra activity {n}",
            starts=dt.date(2021, 9, 1),
            ends=dt.date(2022, 6, 30),
            budget_planned=Decimal(1000),
        )
        for n in range(50)
    )
    page = new_page(browser)
    sign_in(page, demo, "observer")
    page.get_by_role("link", name="Work plan", exact=True).first.click()
    activity = page.locator("tr", has_text="4.2.1.a")
    expect(activity).to_have_count(0)
    outcome = page.locator("section.workplan-outcome", has_text="Outcome 4.2")
    outcome.locator("summary").focus()
    page.keyboard.press("Enter")  # opened from the keyboard; htmx loads its outputs
    expect(activity).to_be_visible()
    expect(outcome.locator(".workplan-output").first).to_contain_text("Output 4.2.1")
    # Fifty activities at a time: the next ones follow below.
    last = page.locator("tr", has_text="Extra activity 49")
    expect(last).to_have_count(0)
    outcome.get_by_role("link", name=re.compile("Next")).click()
    expect(last).to_be_visible()
    expect(activity).to_be_visible()

    page.get_by_role("link", name="Indicators").click()
    expect(page.locator("#main")).to_contain_text("Page 1 of 2")
    expect(page.locator("tr", has_text="Z-49")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Next")).click()
    expect(page.locator("tr", has_text="Z-49")).to_be_visible()
    expect(page.locator("#main")).to_contain_text("Page 2 of 2")
