"""Accessible to everyone who must take part (issue 16): no serious or critical axe-core
violation on any page of any role, in Chromium.

Chromium itself follows the links (`pseudo.crawl`, the untranslated-text check's crawl, with the
browser as its client) from the landing pages of each demo persona, signed in with the persona's
session, and axe-core checks each page as it stands: one page per URL pattern and persona (pages
of one pattern render alike), in English and in Turkish (one language per persona, in turn, so
that both are seen without doubling the time). About 200 pages; 3 to 6 minutes, most of it in
axe-core's own checks."""

import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from gcmhub.core.models import User
from gcmhub.documents.models import Document
from gcmhub.tests import pseudo
from gcmhub.tests.axe import install, violations
from gcmhub.tests.browser import BROWSER_TESTS, console, new_page

pytestmark = BROWSER_TESTS

PERSONAS = ["coordinator", "consultant", "focal", "observer", "regional", None]


class _Browsing:
    """What `pseudo.crawl` asks of a test client, answered by the browser: the page is loaded
    once, by Chromium, and checked where it stands."""

    def __init__(self, page, base):
        self.page, self.base = page, base

    def get(self, path):
        try:
            response = self.page.goto(self.base + path)
        except PlaywrightError:  # a file download, not a page
            return SimpleNamespace(status_code=204, get=lambda *_: "")
        headers = response.all_headers() if response else {}
        return SimpleNamespace(
            status_code=response.status if response and response.ok else 204,
            get=lambda name, default="": headers.get(name.lower(), default),
            content=self.page.content().encode(),
        )


def _page_for(browser, base, persona, language):
    page = new_page(browser)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    if persona:
        client = Client()
        client.force_login(User.objects.get(username=persona))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base})
    page.context.add_cookies(cookies)
    install(page.context)
    return page


def test_the_check_finds_what_a_screen_reader_would_miss(browser):
    page = new_page(browser)
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<img src="data:image/png;base64,iVBORw0KGgo="><input type="text"></main></body></html>'
    )
    found = {v.rule for v in violations(page)}
    assert {"image-alt", "label"} <= found
    page.context.close()


@pytest.mark.crawl
def test_no_page_of_any_role_has_a_serious_or_critical_violation(browser, demo):
    # The crawl follows every link, some to pages a persona may not open (answered 403/404,
    # which Chromium reports on the console); those pages are not checked.
    console.allow(r"status of 40[34]")
    started, report, pages, axe_time = time.monotonic(), [], 0, 0.0
    for number, persona in enumerate(PERSONAS):
        language = ("en", "tr")[number % 2]
        page = _page_for(browser, demo, persona, language)
        public = [f"/reports/{d.public_token}/" for d in Document.objects.filter(public=True)]
        starts = ["/", "/networks/", *public]
        for visited in pseudo.crawl(_Browsing(page, demo), starts, per_route=1, containers=()):
            pages += 1
            checking = time.monotonic()
            for violation in violations(page):
                report.append(f"{persona or 'visitor'} {language} {visited.url}: {violation}")
            axe_time += time.monotonic() - checking
        page.context.close()
    elapsed = time.monotonic() - started
    print(f"axe: {pages} pages in {elapsed:.0f} s, {axe_time:.0f} s of it in axe")
    assert pages > 100, f"the crawl reached only {pages} pages"
    assert not report, f"{len(report)} violations:\n" + "\n".join(report)
