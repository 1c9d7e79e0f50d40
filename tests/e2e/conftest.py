"""Browser tests: Playwright (sync API) drives Debian's Chromium against the live server.

One Chromium per test session; every test gets a fresh context (no cookies, no storage) and page.
The live server runs in a thread of this process, so the tests can read the database and
`django.core.mail.outbox` directly.
"""

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls from the test ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Short enough that a broken page fails fast instead of hanging the suite.
TIMEOUT_MS = 10_000
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        # Fail, never skip: a suite that silently drops its browser tests proves nothing.
        pytest.fail(f"{CHROMIUM} is missing (make system-deps-test installs Debian's Chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator:
    """Open extra, isolated browser contexts (a second visitor); all are closed afterwards."""
    contexts: list[BrowserContext] = []

    def open_context(
        viewport: dict | None = None, locale: str = "nl-BE", **options
    ) -> BrowserContext:
        # A Flemish teacher's browser asks for Dutch (Accept-Language); Chromium's own default
        # would be en-US, which Django's LocaleMiddleware rightly answers in English.
        # `options` go to Playwright as they are (has_touch, is_mobile for a phone).
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport or DESKTOP, locale=locale, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


@pytest.fixture
def login(live_server, password):
    """Log a user in through the real login form of the given page."""

    def log_in(page: Page, user, *, secret: str | None = None) -> None:
        page.goto(reverse("accounts:login"))
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", secret or password)
        with page.expect_navigation():
            page.click("form:has(input[name=password]) button[type=submit]")

    return log_in


@pytest.fixture
def authenticate(live_server):
    """Give a browser context a logged-in session without going through the form (faster)."""

    def add_session(context: BrowserContext, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return add_session


@pytest.fixture
def reference_data(transactional_db):
    """The shipped core practices, work forms and kijkwijzers. Migrations load them, but the
    browser tests' transactional database is emptied after each test."""
    import importlib

    from django.apps import apps

    from videoklub.observations.services import framework_seed_shipped

    for module in (
        "videoklub.cycles.migrations.0003_core_practices",
        "videoklub.meetings.migrations.0002_work_forms",
    ):
        migration = importlib.import_module(module)
        seed = next(getattr(migration, name) for name in dir(migration) if name.startswith("add_"))
        seed(apps, None)
    framework_seed_shipped()
