"""Accessible to everyone who must take part (issue 16): no serious or critical axe-core
violation on any page of any role, in Chromium.

The pages are those `pseudo.crawl` reaches for each demo persona (one page per URL pattern and
container, as the untranslated-text check visits them), rendered by the browser with the
persona's session, in English and in Turkish (one language per persona, in turn, so that both
are seen without doubling the time)."""

import time

from django.conf import settings
from django.test import Client

from gcmhub.core.models import User
from gcmhub.documents.models import Document
from gcmhub.tests import pseudo
from gcmhub.tests.axe import violations
from gcmhub.tests.browser import BROWSER_TESTS, new_page

pytestmark = BROWSER_TESTS

PERSONAS = ["coordinator", "consultant", "focal", "observer", "regional", None]


def _urls(persona) -> list[str]:
    client = Client()
    if persona:
        client.force_login(User.objects.get(username=persona))
    public = [f"/reports/{d.public_token}/" for d in Document.objects.filter(public=True)]
    return [page.url for page in pseudo.crawl(client, ["/", "/networks/", *public], per_route=1)]


def _page_for(browser, base, persona, language):
    page = new_page(browser)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    if persona:
        client = Client()
        client.force_login(User.objects.get(username=persona))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base})
    page.context.add_cookies(cookies)
    return page


def test_no_page_of_any_role_has_a_serious_or_critical_violation(browser, demo):
    started, report, pages = time.monotonic(), [], 0
    for number, persona in enumerate(PERSONAS):
        language = ("en", "tr")[number % 2]
        page = _page_for(browser, demo, persona, language)
        for url in _urls(persona):
            page.goto(demo + url)
            pages += 1
            for violation in violations(page):
                report.append(f"{persona or 'visitor'} {language} {url}: {violation}")
        page.context.close()
    elapsed = time.monotonic() - started
    print(f"axe: {pages} pages in {elapsed:.0f} s")
    assert pages > 200, f"the crawl reached only {pages} pages"
    assert not report, f"{len(report)} violations:\n" + "\n".join(report)
