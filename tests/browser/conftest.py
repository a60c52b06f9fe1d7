"""Browser tests: Playwright's sync API driving Debian's Chromium, axe-core on every page.

Playwright cannot download its own browser here, so the suite uses the
Chromium at $CHROMIUM (default /usr/bin/chromium). Without it the tests are
skipped with the reason, except under CI=true, where a missing browser fails.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

# Sync Playwright keeps an asyncio event loop on the test thread; Django would
# otherwise refuse ORM calls from the test (factories, assertions) there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(settings.PROJECT_DIR) / "test-results" / "screenshots"

# Runs in the page: a summary small enough to read in a failure message.
AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
    summary: v.nodes.length ? v.nodes[0].failureSummary : '',
  }));
}
"""


def _no_browser(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator[object]:
    """One Chromium for the whole session; each test gets its own context."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _no_browser(
            f"No Chromium at {CHROMIUM}: install it (sudo apt-get install chromium) "
            "or set CHROMIUM=/path/to/chromium"
        )
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # From here on the test code runs inside Playwright's event loop, whose
        # context gets fresh Django connection objects (asgiref Local). They lack
        # the serialized copy of the migrated data (the municipalities) that a
        # serialized rollback restores after each flush: hand it over.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
            )
        except PlaywrightError as exc:
            _no_browser(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(
    browser, live_server, transactional_db, django_db_serialized_rollback
) -> Iterator[Callable]:
    """Open fresh browser contexts (separate cookies) against the live server.

    The contexts ask for English (Accept-Language), so the tests also show
    that Mengpaneel stays Dutch until someone chooses another language.
    The serialized rollback brings back the municipalities the data migration
    loaded, which a transactional test's flush removes.
    """
    contexts = []

    def open_context():
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context; browser console errors (such as CSP refusals) are kept."""
    return open_page(new_context())


def open_page(context):
    page = context.new_page()
    page.console_errors = []

    def on_console(message) -> None:
        # The document's own status is for the test to judge (a 404 page is meant to be one).
        if message.type == "error" and message.location.get("url") != page.url:
            page.console_errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci` (axe-core is a devDependency)")
    return path.read_text()


def format_violations(name: str, url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} problem(s) on {name} ({url}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        lines.extend(f"    at {target}" for target in violation["targets"][:10])
        if violation["summary"]:
            lines.append("    " + violation["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


@pytest.fixture
def check_page(axe_source) -> Callable:
    """check_page(page, name): screenshot the whole page, then require 0 axe violations.

    The screenshot comes first so that a failing page can still be looked at,
    in test-results/screenshots/<name>.png.
    """

    def check(page, name: str) -> None:
        page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        # evaluate, not add_script_tag: the CSP refuses inline scripts, as it should.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        assert not violations, format_violations(name, page.url, violations)
        errors = getattr(page, "console_errors", [])
        assert not errors, f"Browser console errors on {name} ({page.url}):\n" + json.dumps(
            errors, indent=2
        )

    return check
