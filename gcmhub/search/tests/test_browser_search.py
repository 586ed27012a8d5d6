"""In Chromium: a search in Turkish from the header's box finds an input by a stemmed word,
with the word marked, and never another organisation's draft."""

from playwright.sync_api import expect

from gcmhub.tests.browser import BROWSER_TESTS, new_page
from gcmhub.tests.test_browser import sign_in

pytestmark = BROWSER_TESTS


def _search(page, words):
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_a_turkish_search_finds_an_input_by_a_stemmed_word_and_no_other_draft(browser, demo):
    from gcmhub.assessments.models import Input

    inputs = Input.objects.filter(
        cycle__title="GCM Needs Assessment 2021",
        organisation__memberships__user__username="focal-mone-gdlll",
    )
    accepted = inputs.get(objective__number=15)  # "… yabancılara da açıktır … göçmenlere …"
    draft = inputs.get(objective__number=18, state="draft")  # "… kurslar yabancılara açıktır."

    own = new_page(browser)
    sign_in(own, demo, "focal-mone-gdlll")
    _search(own, "göçmen")
    results = own.locator(".search-results")
    result = results.locator("li", has=own.locator(f'a[href="{accepted.get_absolute_url()}"]'))
    expect(result.locator(".search-passage mark").first).to_have_text("göçmenlere")
    _search(own, "yabancı")
    expect(results.locator(f'a[href="{draft.get_absolute_url()}"]')).to_have_count(1)

    other = new_page(browser)
    sign_in(other, demo, "focal")
    _search(other, "yabancılara")
    expect(other.locator(f'a[href="{draft.get_absolute_url()}"]')).to_have_count(0)
    expect(other.locator(f'a[href="{accepted.get_absolute_url()}"]')).to_have_count(0)

    consultant = new_page(browser)
    sign_in(consultant, demo, "consultant")
    _search(consultant, "yabancı")
    expect(consultant.locator(f'a[href="{accepted.get_absolute_url()}"]')).to_have_count(1)
    expect(consultant.locator(f'a[href="{draft.get_absolute_url()}"]')).to_have_count(0)
    consultant.locator(f'a[href="{accepted.get_absolute_url()}"]').click()
    expect(consultant.locator("#main")).to_contain_text("yabancılara da açıktır")
