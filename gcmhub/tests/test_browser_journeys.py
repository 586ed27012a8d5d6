"""The loops people really take, in Chromium, and what is still there at the end (issue 12).

Save, save again, return, fix, resubmit, accept: every row a person wrote survives.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def _cycle_kwargs(**extra):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def _rows(input):
    return (
        list(input.needs.values_list("type", "description")),
        list(input.proposed_actions.values_list("description", "horizon")),
        list(input.references.values_list("kind", "title", "url")),
    )


def test_return_fix_the_lead_resubmit_accept_keeps_every_row(browser, demo):
    from gcmhub.assessments.models import Input, Reference

    input = Input.objects.get(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal",
        objective__number=10,
        state="submitted",
    )
    Reference.objects.create(
        input=input, kind="law", title="Law No. 6458 on Foreigners", url="https://example.org/6458"
    )
    needs, actions, references = _rows(input)
    assert len(needs) == 2 and actions and references
    url = demo + reverse("input-detail", kwargs=_cycle_kwargs(input_pk=input.pk))

    consultant = new_page(browser)
    sign_in(consultant, demo, "consultant")
    consultant.goto(url)
    consultant.get_by_label("Reason").fill("Name the ministry that leads the procedure.")
    consultant.get_by_role("button", name="Return with this reason").click()
    expect(consultant.get_by_role("status")).to_contain_text("The input has been returned")

    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.goto(url)
    focal.get_by_role("link", name="Edit").click()
    lead = focal.locator("#id_actions-0-lead")
    other = lead.locator("option").nth(2).get_attribute("value")
    lead.select_option(other)
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("Your input has been submitted.")

    consultant.goto(url)
    consultant.get_by_role("button", name="Accept").click()
    expect(consultant.locator(".badge.state-accepted")).to_have_text("Accepted")

    input.refresh_from_db()
    assert input.state == "accepted"
    assert _rows(input) == (needs, actions, references)
    assert str(input.proposed_actions.get().lead_id) == other
    page = consultant.locator("#main")
    for text in [d for _t, d in needs] + [d for d, _h in actions] + [t for _k, t, _u in references]:
        expect(page).to_contain_text(text)


def test_save_and_submit_keeps_the_summary_and_every_row(browser, demo):
    from gcmhub.workplan.models import ProgressReport

    focal = new_page(browser)
    focal.on("dialog", lambda dialog: dialog.accept())
    sign_in(focal, demo, "focal")
    focal.get_by_role("link", name="Work plan", exact=True).first.click()
    focal.get_by_role("link", name="Progress reports").click()
    focal.get_by_role("button", name="Your report for 2022 H1").click()
    focal.get_by_label("Summary of the period").fill("Both trainings were held as planned.")
    activity = focal.locator("fieldset.activity-row", has_text="4.2.1.a")
    activity.get_by_label("Completion (%)").fill("70")
    activity.get_by_label("What was done").fill("Arrangements signed with two neighbours.")
    indicator = focal.locator("fieldset.actual-row", has_text="4.2.1-i2")
    indicator.get_by_label(re.compile("Actual value")).fill("4")
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("status")).to_contain_text("The report is submitted")
    expect(focal.locator("#main")).to_contain_text("Both trainings were held as planned.")

    report = ProgressReport.objects.get(
        period__label="2022 H1", organisation__memberships__user__username="focal"
    )
    assert (report.state, report.summary) == ("submitted", "Both trainings were held as planned.")
    row = report.activity_rows.get(activity__code="4.2.1.a")
    assert (row.percent_complete, row.narrative) == (70, "Arrangements signed with two neighbours.")
    assert report.actuals.get(indicator__code="4.2.1-i2").value == 4


def test_renaming_the_outline_twice_keeps_every_section(browser, demo):
    from gcmhub.documents.models import Document

    document = Document.objects.get(
        cycle__title="GCM Needs Assessment 2021", kind="terms_of_reference"
    )
    sections = list(document.sections.order_by("order").values_list("pk", "title", "kind"))
    assert len(sections) > 3
    outline = demo + reverse("document-edit", kwargs=_cycle_kwargs(document_pk=document.pk))

    coordinator = new_page(browser)
    sign_in(coordinator, demo, "coordinator")
    coordinator.goto(outline)
    coordinator.locator("#id_title").fill("Terms of reference (revised)")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The outline has been saved.")
    coordinator.goto(outline)  # and saved again, unchanged
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The outline has been saved.")

    document.refresh_from_db()
    assert document.title == "Terms of reference (revised)"
    assert list(document.sections.order_by("order").values_list("pk", "title", "kind")) == sections
    for _pk, title, _kind in sections:
        expect(coordinator.locator("#main")).to_contain_text(title)
