"""axe-core in the page: automated accessibility checks for the browser tests."""

import json
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

# Installed from npm (`make setup`); injected into the page under test, never served by the app.
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the current page; the serious and critical violations it finds."""
    assert AXE_JS.is_file(), f"{AXE_JS} is missing: run `make setup` (npm ci) first"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # (no inline script) does not govern, unlike an injected <script> tag.
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    # All of axe's rules (WCAG 2.x A/AA and best practices) except the experimental ones, plus
    # WCAG 2.2's target size (2.5.8, 24 x 24 px with its spacing and inline exceptions), which
    # axe leaves off by default.
    results = page.evaluate(
        """async () => await axe.run(document, {
            resultTypes: ['violations'],
            rules: {'target-size': {enabled: true}},
        })"""
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(page: Page, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious/critical axe violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            target = json.dumps(node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(page, violations)
