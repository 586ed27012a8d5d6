"""Browser tests' shared machinery (a pytest plugin, registered in the root conftest.py):
Playwright driving Debian's Chromium, and a watch on every page that `new_page` opens.

Every test marked `browser` fails on any console error or uncaught page error of its pages,
Content-Security-Policy violations included (Chromium reports each as a console error). A test
that provokes an error on purpose (opens a page it may not see) says so with
`console.allow(page, "pattern")`."""

import os
import re

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Console:
    """The errors of the running test's pages."""

    def __init__(self):
        self.errors: list[str] = []
        self.allowed: list[re.Pattern] = []

    def watch(self, page):
        def on_console(message):
            if message.type == "error":
                location = message.location.get("url", "") if message.location else ""
                self.record(f"console error on {page.url}: {message.text} ({location})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.record(f"page error on {page.url}: {error}"))
        return page

    def record(self, text: str):
        if not any(pattern.search(text) for pattern in self.allowed):
            self.errors.append(text)

    def allow(self, pattern: str):
        """An error the test provokes on purpose (e.g. "status of 403")."""
        self.allowed.append(re.compile(pattern))

    def reset(self):
        self.errors, self.allowed = [], []


console = Console()


# What every browser test module marks itself with.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture
def demo(live_server):
    """The demo on a live server; its address. Transactional tests start from an empty
    database: the reference data comes back first."""
    from gcmhub.tests.demo import load_demo

    load_demo()
    return live_server.url


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API keeps an event loop on this thread; the test's own ORM calls
    # (loading the demo, reading the mail outbox) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


# How long a page waits for an action or a navigation: longer while a worker makes files beside
# the live server (`test_browser.worker`: a request waits for its turn while a PDF is made).
TIMEOUT_MS = 10_000


def new_page(browser, **options):
    """A page in a context of its own (its own cookies: one person), watched for errors."""
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return console.watch(context.new_page())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if item.get_closest_marker("browser") is None:
        return (yield)
    console.reset()
    result = yield
    errors = list(console.errors)
    console.reset()
    if errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)
    return result
