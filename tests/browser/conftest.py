"""Chromium driven by Playwright, phone-sized, with JavaScript on (``page``) and off (``page_nojs``).

Where Chromium is missing the browser tests are skipped with a message,
except under ``CI=true``: there a missing browser fails the run, so a green
CI always means the journeys really ran.
"""
import os
import re
from pathlib import Path

import pytest

import clock
from commands.sessions import CATALOGUE, demo_spec
from models import ExamSession
from session_file import load_session_file

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI containers run as root), and nothing that talks to the
# outside world: the tests only ever reach the portal on loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} ; sous CI=true les tests du navigateur doivent s'exécuter.", pytrace=False)
    pytest.skip(f"{reason} : tests du navigateur ignorés (installez le paquet Debian chromium).")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole run (Debian's, never a downloaded one)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} introuvable")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("le paquet Python playwright n'est pas installé")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _phone_page(chromium, request, javascript):
    """A fresh phone-sized browser; its last screen is saved in test-artifacts/ for a person to look at."""
    context = chromium.new_context(viewport=PHONE, java_script_enabled=javascript, locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    # What the console reports (a script refused by the CSP, a failed request) is a defect.
    page.console_errors = []
    page.on("console", lambda message: _is_defect(message) and page.console_errors.append(
        f"{message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def _is_defect(message):
    # Chromium asks for /favicon.ico by itself; the pages never link to it.
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")


@pytest.fixture
def page(chromium, request):
    yield from _phone_page(chromium, request, javascript=True)


@pytest.fixture
def page_nojs(chromium, request):
    yield from _phone_page(chromium, request, javascript=False)


@pytest.fixture
def demo_session(live_server):
    """The session of ``flask demo``: open now, closing in 30 days."""
    with live_server.ctx():
        session, _ = ExamSession.load_spec(demo_spec(load_session_file(CATALOGUE), clock.now()))
    return session
