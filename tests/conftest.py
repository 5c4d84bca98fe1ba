"""Fixtures: the app on a database of its own, a fixed clock, accounts and sessions.

The fixtures of an area live in their own module, listed in ``pytest_plugins``
so every test finds them by name: the database (tests/databases.py), the real
server and SMTP server (tests/live.py), Mes justificatifs
(tests/uploads_fixtures.py), Gestion (tests/staff_fixtures.py). Helpers that
are not fixtures are imported from tests/helpers.py.
"""
import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

import models
from app import create_app
from models import Outbox, db
from session_file import load_session_file
from tests.helpers import PASSWORD, POITIERS_FILE, Browser, in_db, make_account

pytest_plugins = ["tests.databases", "tests.live", "tests.uploads_fixtures", "tests.staff_fixtures"]


class FixedClock:
    """A clock tests move by hand: ``clock.now = …`` or ``clock.advance(hours=48)``."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return FixedClock(datetime(2022, 11, 1, 9, 0, 0))


@pytest.fixture
def app(tmp_path, clock, database_url):
    # The instance folder is the test's own: nothing written into the
    # checkout, no developer's instance/config.py or secret_key read.
    app = create_app({
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "DATABASE": database_url,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "MAIL_SERVER": None,
        "MAIL_SEND_AFTER_REQUEST": False,
        "CLOCK": clock,
        # The clock jumps days between a login and what a test checks: a login
        # lasts the whole test (tests/test_login_expiry.py sets the real limits).
        "SESSION_MAX_HOURS": 24 * 365,
        "SESSION_IDLE_MINUTES": 60 * 24 * 365,
    })
    with in_db(app):
        models.create_tables()
    yield app
    db.close_all()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ctx(app):
    """An app context with an open connection, for calling models directly.

    Its app context is shared by the requests made while it is open (and so
    is ``g``): a test that goes back and forth between requests and models
    uses ``in_db(app)`` around the model calls instead.
    """
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        yield
        db.close()


class Mailbox:
    """What the portal queued for sending, read from the outbox table."""

    def __init__(self, app):
        self.app = app

    def messages(self, to=None):
        with in_db(self.app):
            query = Outbox.select().order_by(Outbox.id)
            return [m for m in query if to is None or m.recipient == to]

    def last(self, to=None):
        messages = self.messages(to)
        assert messages, f"aucun courriel pour {to}"
        return messages[-1]

    def link(self, to=None, pattern=r"https?://\S+"):
        return re.search(pattern, self.last(to).body).group(0)


@pytest.fixture
def mailbox(app):
    return Mailbox(app)


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def candidate(app):
    with in_db(app):
        return make_account()


@pytest.fixture
def logged_in(browser, candidate):
    """A browser logged in as ``candidate``."""
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": candidate.email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return browser


@pytest.fixture
def open_session(app, clock):
    """The notice's session (sessions/poitiers-juin-2023.toml), open at the test clock's now.

    The default clock (1 November 2022) is inside its real window; a test
    that moved the clock elsewhere gets the same session shifted by whole days.
    """
    spec = load_session_file(POITIERS_FILE)
    if not spec.opens_at <= clock.now < spec.closes_at:
        shift = timedelta(days=(clock.now - spec.opens_at).days - 1)
        spec = replace(spec, opens_at=spec.opens_at + shift, closes_at=spec.closes_at + shift,
                       documents_due_at=spec.documents_due_at + shift)
    with in_db(app):
        session, _ = models.ExamSession.load_spec(spec)
    return session


@pytest.fixture
def closed_session(open_session, clock):
    """The same session, the clock moved a day after its documents deadline."""
    clock.now = open_session.documents_due_at + timedelta(days=1)
    return open_session
