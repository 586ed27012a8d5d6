"""The daily interactions of issue 16 in Chromium: choosing records from a searchable list,
adding rows without saving, quoting a passage, editing a draft comment, the phone's menu."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS

PHONE = {"width": 390, "height": 844}


def _cycle_kwargs(**extra):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def test_lead_organisations_are_found_by_typing_and_stay_in_sight(browser, demo):
    from gcmhub.directory.models import Organisation
    from gcmhub.workplan.models import Activity

    activity = Activity.objects.filter(output__cycle__title="GCM Needs Assessment 2021").first()
    before = set(activity.lead_organisations.values_list("pk", flat=True))
    unhcr = Organisation.objects.get(acronym="UNHCR")
    assert unhcr.pk not in before
    page = new_page(browser)
    sign_in(page, demo, "coordinator")
    page.goto(demo + reverse("activity-edit", kwargs=_cycle_kwargs(activity_pk=activity.pk)))
    picker = page.locator(".picker", has=page.locator("#id_lead_organisations"))
    count = picker.locator("[data-picker-count]")
    expect(count).to_have_text(str(len(before)))

    filter_box = picker.get_by_label("Filter the list")
    filter_box.fill("unhcr")
    filter_box.press("Enter")  # filters; does not submit the form
    box = picker.locator(f"input[value='{unhcr.pk}']")
    expect(box).to_be_visible()
    visible = picker.locator("#id_lead_organisations > div:visible")
    assert visible.count() == len(before) + 1  # the match, and what is already chosen
    filter_box.press("ArrowDown")
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(count).to_have_text(str(len(before) + 1))
    expect(picker.locator("[data-picker-names]")).to_contain_text("UNHCR")
    filter_box.fill("zzzz nothing")
    expect(picker.get_by_text("Nothing matches the filter.")).to_be_visible()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The activity has been saved.")
    assert set(activity.lead_organisations.values_list("pk", flat=True)) == before | {unhcr.pk}


def test_rows_are_added_without_saving_and_survive_save_and_save_again(browser, demo):
    from gcmhub.assessments.models import Input

    input = Input.objects.get(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal",
        state="draft",
    )
    needs = list(input.needs.values_list("description", flat=True))
    edit = demo + reverse("input-edit", kwargs=_cycle_kwargs(input_pk=input.pk))
    page = new_page(browser)
    sign_in(page, demo, "focal")

    for text in ("Interpreters for Arabic at every PDMM.", "A shared case file with the bar."):
        page.goto(edit)
        table = page.locator("[data-formset=needs]")
        rows = table.locator("tbody tr")
        shown = rows.count()
        table.get_by_role("button", name="Add a row").click()
        table.get_by_role("button", name="Add a row").click()
        expect(rows).to_have_count(shown + 2)
        expect(table.locator("input[name=needs-TOTAL_FORMS]")).to_have_value(str(shown + 2))
        last = rows.last
        last.get_by_label("Type of need").select_option("services")
        last.get_by_label("Description").fill(text)
        page.get_by_role("button", name="Save as draft").click()
        expect(page.get_by_role("status")).to_contain_text("saved as a draft")
        needs.append(text)
        assert list(input.needs.order_by("pk").values_list("description", flat=True)) == needs
    expect(page.locator("#main")).to_contain_text("A shared case file with the bar.")


def _open_review_for_focal():
    """An open review of the terms of reference, `focal`'s organisation invited."""
    from gcmhub.core.models import User
    from gcmhub.directory.models import Organisation
    from gcmhub.documents import services
    from gcmhub.documents.models import Document

    document = Document.objects.get(
        cycle__title="GCM Needs Assessment 2021", kind="terms_of_reference"
    )
    consultant = User.objects.get(username="consultant")
    version = document.versions.order_by("-major", "-minor").first()
    review = services.review_open(
        version=version,
        by=consultant,
        deadline=dt.date(2031, 1, 1),
        organisations=[Organisation.objects.get(memberships__user__username="focal")],
    )
    section = next(s for s in version.content["sections"] if "<p>" in (s.get("html") or ""))
    return review, section


@pytest.mark.parametrize("long", [False, True], ids=["short", "long-version"])
def test_a_reviewer_quotes_a_passage_then_edits_the_draft_comment(browser, demo, monkeypatch, long):
    """Short or long (each section's text loaded when it is opened), the passage quoted is the
    one selected, and the section stays open while the draft is edited."""
    from gcmhub.documents.models import Comment
    from gcmhub.documents.views import reviews

    if long:
        monkeypatch.setattr(reviews, "TEXT_ON_DEMAND_FROM", 0)
    review, section = _open_review_for_focal()
    page = new_page(browser)
    sign_in(page, demo, "focal")
    page.goto(demo + reverse("review-detail", kwargs=_cycle_kwargs(review_pk=review.pk)))
    part = page.locator(f"#s-{section['key']}")
    expect(part.locator("[data-quote-source]")).to_have_count(0 if long else 1)
    part.get_by_text("Read the section").click()
    paragraph = part.locator("[data-quote-source] p").first
    words = paragraph.inner_text().split()[:4]
    passage = " ".join(words)
    # select the paragraph's first four words, as a person does with the mouse
    paragraph.evaluate(
        """(p, length) => {
            const text = p.firstChild;
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        len(passage),
    )
    part.get_by_role("button", name="Quote in a comment").click()
    form = page.locator("#comment-form")
    expect(form.get_by_label("Passage you mean (optional)")).to_have_value(passage)
    expect(form.get_by_label("Section")).to_have_value(section["key"])
    expect(form.get_by_role("textbox", name="Comment")).to_be_focused()
    page.keyboard.type("Say who decides this.")
    form.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is saved as a draft.")
    draft = Comment.objects.get(review=review, author__username="focal")
    assert (draft.quote, draft.text, draft.section_key) == (
        passage,
        "Say who decides this.",
        section["key"],
    )
    expect(page.locator(f"#comment-{draft.pk} blockquote")).to_contain_text(passage)

    page.locator(f"#comment-{draft.pk}").get_by_role("link", name="Edit this draft").click()
    form = page.locator("#comment-form")
    expect(form.get_by_role("heading")).to_have_text("Edit your draft comment")
    expect(form.get_by_role("textbox", name="Comment")).to_have_value("Say who decides this.")
    form.get_by_role("textbox", name="Comment").fill("Say which body decides this, and by when.")
    form.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your draft comment is saved.")
    expect(page.locator(f"#comment-{draft.pk}")).to_contain_text("and by when")
    draft.refresh_from_db()
    assert (draft.text, draft.quote, draft.version) == (
        "Say which body decides this, and by when.",
        passage,
        2,
    )
    assert Comment.objects.filter(review=review).count() == 1


def test_on_a_phone_the_navigation_folds_into_a_menu_button(browser, demo):
    page = new_page(browser, viewport=PHONE)
    sign_in(page, demo, "consultant")
    menu = page.get_by_role("button", name="Menu")
    sections = page.get_by_role("navigation", name="Sections")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(sections).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(sections).to_be_visible()
    expect(page.get_by_role("navigation", name="Network and cycle")).to_be_visible()
    sections.get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()

    wide = new_page(browser, viewport={"width": 1280, "height": 800})
    sign_in(wide, demo, "consultant")
    expect(wide.get_by_role("button", name="Menu")).to_be_hidden()
    expect(wide.get_by_role("navigation", name="Sections")).to_be_visible()
