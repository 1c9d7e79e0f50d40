"""Every page a demo role reaches, on two phones and a desktop: the accessibility guard.

For every demo role the crawler starts at the home page and follows the links it finds: there
is no hand-kept list of pages, so a page is checked the day something links to it. DENY names
the few links it must not follow. Each kind of page (its URL name and query parameter names) is
visited up to PER_VIEW times. Every page is then opened at 375 and 320 px with touch emulation
and at 1280 px, and the test fails on:

- an axe violation of impact serious or critical (WCAG 2.0/2.1/2.2 A and AA, best practices),
  WCAG 2.2's target size (24 x 24 px, with its spacing and inline exceptions) included;
- horizontal overflow, measured against `document.documentElement.clientWidth`: under phone
  emulation the browser zooms out instead of scrolling, which hides overflow from `innerWidth`;
- a duplicate `id` (a label then names the wrong field);
- a console error (a blocked Content-Security-Policy request is one) or an uncaught script error;
- a link that leads to an error page.

Beside the pages that links reach, `POST_STATES` opens the states only a form reaches: a
started klub session, forms showing their errors, an export in progress.

All problems of a role are gathered and reported together, with the page and the width.
"""

import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page

from tests.e2e.axe import axe_violations, describe_violations
from videoklub.accounts.models import User
from videoklub.demo.courses import seed_demo_courses
from videoklub.demo.people import demo_email, seed_demo
from videoklub.demo.work import seed_demo_work
from videoklub.knowledge.starter import starter_content_load

pytestmark = pytest.mark.browser

# Links the crawler does not follow: they leave our own templates (Django's admin, Wagtail's
# editor of the knowledge base, static files, downloads) or end the session. Logging out is a
# POST form, but a link to it must not end the crawl.
DENY = re.compile(r"^/(beheer|redactie|documenten|static|media|oidc)/|^/account/afmelden/")
PER_VIEW = 2
MAX_PAGES = 150

VIEWPORTS = {
    "375 px": {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True},
    "320 px": {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True},
    "1280 px": {"viewport": {"width": 1280, "height": 800}},
}

# The demo's people, by the role they log in with (seed_demo prints the same list).
ROLES = {
    "teacher": "Lotte Peeters",
    "coach": "An Verstraeten",
    "school leader": "Dirk Michiels",
    "project staff": "Els Desmet",
    "administrator": "Beheer VideoKLuB",
}

PAGE_CHECKS = """() => {
    const root = document.documentElement;
    const ids = {};
    for (const element of document.querySelectorAll('[id]')) {
        ids[element.id] = (ids[element.id] || 0) + 1;
    }
    return {
        overflow: root.scrollWidth - root.clientWidth,
        clientWidth: root.clientWidth,
        duplicateIds: Object.keys(ids).filter((id) => ids[id] > 1),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    };
}"""


@dataclass
class Crawl:
    """What one role's crawl found: the pages to check and the problems on them."""

    pages: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    checked: int = 0


@pytest.fixture
def demo(reference_data, django_capture_on_commit_callbacks):
    """The demo programme of `make run`, with its lesson video processed, its kennisbank and
    its e-courses."""
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
        seed_demo_work(with_video=True)
        starter_content_load()
        seed_demo_courses()


def kind_of(url: str) -> str | None:
    """The kind of page a link opens (URL name and query keys); None for a link not to crawl."""
    parts = urlsplit(url)
    if DENY.search(parts.path):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return f"unknown {parts.path}"
    keys = sorted({key for key, _ in parse_qsl(parts.query)})
    return match.view_name + ("?" + "&".join(keys) if keys else "")


def same_site(base: str, href: str) -> str | None:
    """The site-relative URL of a link, or None when it leaves the site or only jumps."""
    if href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    absolute = urlsplit(urljoin(base, href))
    if absolute.netloc != urlsplit(base).netloc:
        return None
    return absolute.path + (f"?{absolute.query}" if absolute.query else "")


def open_checked(context: BrowserContext, url: str, problems: list[str], where: str) -> Page:
    """Open a page, recording its console and script errors as problems."""
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            problems.append(f"{where}: console error: {message.text[:300]}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{where}: script error: {error}"))
    page.goto(url, wait_until="load")
    return page


def check(page: Page, problems: list[str], where: str) -> list[str]:
    """The page's checks; returns the links on it."""
    found = page.evaluate(PAGE_CHECKS)
    if found["overflow"] > 0:
        problems.append(
            f"{where}: {found['overflow']} px wider than the screen "
            f"({found['clientWidth']} px): sideways scrolling"
        )
    if found["duplicateIds"]:
        problems.append(f"{where}: duplicate id(s) {found['duplicateIds']}")
    violations = axe_violations(page)
    if violations:
        problems.append(f"{where}: " + describe_violations(page, violations))
    return found["links"]


def discover(context: BrowserContext, base: str, start: str, crawl: Crawl) -> None:
    """Breadth-first from `start`: every kind of page a link reaches, PER_VIEW of each."""
    queue, seen = deque([start]), {start}
    while queue and len(crawl.pages) < MAX_PAGES:
        url = queue.popleft()
        response = context.request.get(url, max_redirects=0)
        if 300 <= response.status < 400:
            target = same_site(base + url, response.headers.get("location", ""))
            if target and target not in seen and kind_of(target):
                seen.add(target)
                queue.append(target)
            continue
        if response.status != 200:
            crawl.problems.append(f"{url}: a link leads to HTTP {response.status}")
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a download, a video, a calendar file: not a page
        crawl.pages.append(url)
        for href in re.findall(r'<a\b[^>]*?\bhref="([^"]+)"', response.text()):
            target = same_site(base + url, href.replace("&amp;", "&"))
            if not target or target in seen:
                continue
            kind = kind_of(target)
            if kind is None or crawl.kinds.get(kind, 0) >= PER_VIEW:
                continue
            seen.add(target)
            crawl.kinds[kind] = crawl.kinds.get(kind, 0) + 1
            queue.append(target)


# --- States only a form reaches ----------------------------------------------------------------
# Each gets a logged-in page and its user, and leaves the page showing the state.


def coached_klub(user: User):
    from videoklub.organisations.models import Klub, Role

    return Klub.objects.filter(memberships__user=user, memberships__role=Role.COACH).first()


def started_session(page: Page, user: User) -> None:
    """The coach's next klub session, started: session mode with its timer."""
    from videoklub.meetings.models import Meeting

    meeting = Meeting.objects.filter(klub=coached_klub(user)).order_by("-starts_at").first()
    assert meeting, "the demo coach has a klub session"
    page.goto(reverse("meetings:session", kwargs={"pk": meeting.pk}))
    start = page.locator("form[action$='/starten/'] button")
    if start.count():  # not yet started at an earlier width
        with page.expect_navigation():
            start.click()


def session_form_with_errors(page: Page, user: User) -> None:
    """Planning a session with every field emptied."""
    page.goto(reverse("meetings:create", kwargs={"klub_pk": coached_klub(user).pk}))
    form = page.locator("main form[method=post]").first
    for box in form.locator("input:not([type=hidden]):not([type=checkbox]), textarea").all():
        box.fill("")
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()
    page.locator("main .errors").first.wait_for()


def invitation_with_errors(page: Page, user: User) -> None:
    """The invite panel after htmx swapped in an invalid address."""
    page.goto(reverse("home:klub_invite", kwargs={"pk": coached_klub(user).pk}))
    page.fill("#invite-panel input[name=email]", "geen-adres")
    page.click("#invite-panel button[type=submit]")
    page.locator("#invite-panel .errors[role=alert]").wait_for()


def export_in_progress(page: Page, user: User) -> None:
    """My data while an export is being prepared (the tests' task backend finishes it at once,
    so the row the request would leave behind is made here)."""
    from videoklub.accounts.models import DataExport

    DataExport.objects.create(
        owner=user,
        status=DataExport.Status.PROCESSING,
        expires_at=timezone.now() + timedelta(days=7),
    )
    page.goto(reverse("privacy:my_data"))


def login_with_errors(page: Page, user: User | None) -> None:
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", "iemand@school.test")
    page.fill("input[name=password]", "niet-het-wachtwoord")
    with page.expect_navigation():
        page.click("form:has(input[name=password]) button[type=submit]")


POST_STATES: dict[str, list[Callable]] = {
    "teacher": [export_in_progress],
    "coach": [started_session, session_form_with_errors, invitation_with_errors],
    "project staff": [export_in_progress],
    "visitor": [login_with_errors],
}


def demo_user(role: str) -> User | None:
    return User.objects.get(email=demo_email(ROLES[role])) if role in ROLES else None


@pytest.mark.parametrize("role", [*ROLES, "visitor"])
def test_every_page_a_demo_role_reaches_works_on_phones_and_desktop(
    role, demo, new_context, authenticate, live_server
):
    user = demo_user(role)
    crawl = Crawl()
    started = time.monotonic()

    def logged_in(options: dict) -> BrowserContext:
        context = new_context(**options)
        if user:
            authenticate(context, user)
        return context

    start = reverse("home:home") if user else reverse("accounts:login")
    discover(logged_in(VIEWPORTS["1280 px"]), live_server.url, start, crawl)
    assert len(crawl.pages) > (1 if user else 0), f"{role}: the crawl found no pages"

    contexts = {width: logged_in(options) for width, options in VIEWPORTS.items()}
    for width, context in contexts.items():
        for url in crawl.pages:
            where = f"{url} at {width}"
            page = open_checked(context, url, crawl.problems, where)
            check(page, crawl.problems, where)
            crawl.checked += 1
            page.close()
    # After the pages: a state changes what some pages show (a started session).
    for width, context in contexts.items():
        for state in POST_STATES.get(role, []):
            where = f"{state.__name__} at {width}"
            page = open_checked(context, start, crawl.problems, where)
            state(page, user)
            check(page, crawl.problems, where)
            crawl.checked += 1
            page.close()

    seconds = time.monotonic() - started
    print(
        f"\n{role}: {len(crawl.pages)} pages ({len(crawl.kinds)} kinds) and "
        f"{len(POST_STATES.get(role, []))} form states, {crawl.checked} checks "
        f"at {len(VIEWPORTS)} widths in {seconds:.0f} s"
    )
    assert not crawl.problems, f"{len(crawl.problems)} problem(s) for the {role}:\n" + "\n".join(
        crawl.problems
    )


BROKEN_PAGE = """<!DOCTYPE html><html lang="nl"><head><title>Kapot</title></head><body><main>
<h1>Kapot</h1>
<div style="width: 900px">te breed</div>
<label for="twice">Eerste</label><input id="twice">
<label for="twice">Tweede</label><input id="twice">
<p><button style="width: 12px; height: 12px; padding: 0"></button><button style="width: 12px;
height: 12px; padding: 0; margin: 0">x</button></p>
</main></body></html>"""


def test_the_checks_catch_each_kind_of_defect(new_context):
    """The guard can fail: a page with each defect makes each check speak."""
    problems: list[str] = []
    # about:blank: no Content-Security-Policy to refuse the page's inline styles.
    page = open_checked(new_context(**VIEWPORTS["375 px"]), "about:blank", problems, "broken")
    page.set_content(BROKEN_PAGE)
    page.evaluate("console.error('iets ging mis')")
    check(page, problems, "broken")
    report = "\n".join(problems)
    assert "px wider than the screen" in report
    assert "duplicate id(s) ['twice']" in report
    assert "target-size" in report
    assert "console error: iets ging mis" in report
