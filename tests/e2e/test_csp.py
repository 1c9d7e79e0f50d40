"""The Content-Security-Policy holds in a real Chromium: the main pages report no violation and
their JavaScript still works (no inline script, handler or style attribute anywhere)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.work import klub_work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAYER_TIMEOUT_MS = 30_000

# Runs before any script of the page; CSP reports each blocked script, style or request here.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
}, true);
"""


@pytest.fixture
def open_as(new_context, authenticate, world):
    """A page of a logged-in user that records CSP violations and console complaints."""
    console: list[str] = []

    def open_page(role: str) -> Page:
        context = new_context()
        authenticate(context, getattr(world, role))
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                console.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    open_page.console = console
    return open_page


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("header .account")).to_be_visible()


def assert_no_violations(page: Page, console: list[str]) -> None:
    # Violations are reported asynchronously: give a blocked resource time to be reported.
    page.wait_for_timeout(300)
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{page.url}: {violations}"
    assert console == [], f"{page.url}: {console}"
    # htmx read its configuration from the meta tag: no <style> of its own, no eval.
    assert page.evaluate("htmx.config.includeIndicatorStyles === false && !htmx.config.allowEval")
    assert page.evaluate("document.querySelectorAll('style').length") == 0


def wait_for_player(page: Page, selector: str = "video") -> None:
    page.locator(selector).first.wait_for(state="visible", timeout=PLAYER_TIMEOUT_MS)
    page.wait_for_function(
        f"document.querySelector({selector!r}).readyState >= 1", timeout=PLAYER_TIMEOUT_MS
    )


def press_n_to_annotate(page: Page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("n")
    expect(page.locator("#id_body")).to_be_focused()


def test_the_teachers_pages_run_without_a_csp_violation(open_as, world, reference_data, tmp_path):
    work = klub_work(world, tmp_path)
    page = open_as("teacher")

    visit(page, reverse("recordings:detail", args=[work["recording"].uuid]))
    wait_for_player(page, "video#player")
    expect(page.locator("#annotation-list")).to_contain_text("Noor antwoordt meteen")
    press_n_to_annotate(page)
    # The thumbnail strip is positioned from JavaScript (allowed: no style attribute in HTML).
    page.hover("#player")
    assert_no_violations(page, open_as.console)

    visit(page, reverse("cycles:detail", args=[work["cycle"].pk]))
    assert_no_violations(page, open_as.console)

    visit(page, reverse("recordings:list"))
    expect(page.locator("#upload-file")).to_be_attached()
    assert page.evaluate("typeof tus") == "object"  # the vendored client loaded
    assert_no_violations(page, open_as.console)

    visit(page, reverse("accounts:two_factor"))  # the QR code is an inline SVG
    expect(page.locator(".qr-code svg")).to_be_visible()
    assert_no_violations(page, open_as.console)


def test_the_coachs_pages_run_without_a_csp_violation(open_as, world, reference_data, tmp_path):
    work = klub_work(world, tmp_path)
    page = open_as("coach")

    visit(page, reverse("analysis:fragment", args=[work["recording"].uuid, work["fragment"].pk]))
    wait_for_player(page)
    expect(page.locator("#annotation-list")).to_contain_text("Tel tot vijf")
    press_n_to_annotate(page)
    page.fill("#id_body", "Mooie wachttijd hier.")
    page.locator("#annotation-form button[type=submit]").click()  # htmx swaps the panel
    expect(page.locator("#annotation-list")).to_contain_text("Mooie wachttijd hier.")
    assert_no_violations(page, open_as.console)

    visit(page, reverse("meetings:session", args=[work["meeting"].pk]))
    timer = page.locator("[data-timer]").first
    display = timer.locator("[data-timer-display]")
    at_start = display.text_content()
    timer.locator("[data-timer-start]").click()  # shown and wired by session.js
    expect(display).not_to_have_text(at_start, timeout=5_000)
    assert_no_violations(page, open_as.console)

    visit(page, reverse("observations:framework_create"))
    domains = page.locator("#domain-forms > *")
    before = domains.count()
    page.click("[data-add-domain]")
    expect(domains).to_have_count(before + 1)
    assert_no_violations(page, open_as.console)


def test_an_inline_style_or_script_would_be_caught(open_as, world):
    """The control: the listener above really sees what the policy blocks."""
    page = open_as("teacher")
    visit(page, reverse("accounts:profile"))
    page.evaluate(
        """() => {
        document.body.insertAdjacentHTML("beforeend", '<p style="color: red">rood</p>');
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true;";
        document.body.append(script);
    }"""
    )
    page.wait_for_function(
        """() => ["style-src", "script-src"].every(
            (directive) => window.__cspViolations.some((v) => v.startsWith(directive))
        )"""
    )
    violations = page.evaluate("window.__cspViolations")
    assert any(v.startswith("style-src") for v in violations), violations
    assert any(v.startswith("script-src") for v in violations), violations
    assert page.evaluate("window.inlineRan") is None
    assert any("Content Security Policy" in message for message in open_as.console)
