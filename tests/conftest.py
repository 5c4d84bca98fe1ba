"""Fixtures: the app on a temporary SQLite file, a fixed clock, accounts and sessions."""
import re
from datetime import datetime, timedelta

import pytest
from werkzeug.http import parse_options_header

import models
from app import create_app
from models import Account, Outbox, db


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
def app(tmp_path, clock):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE": f"sqlite:///{tmp_path / 'sesame.db'}",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "MAIL_SERVER": None,
        "MAIL_SEND_AFTER_REQUEST": False,
        "CLOCK": clock,
    })
    with app.app_context():
        with db.connection_context():
            models.create_tables()
    yield app
    if not db.is_closed():
        db.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ctx(app):
    """An app context with an open connection, for calling models directly."""
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        yield
        db.close()


class Mailbox:
    """What the portal queued for sending, read from the outbox table."""

    def __init__(self, app):
        self.app = app

    def messages(self, to=None):
        with self.app.app_context(), db.connection_context():
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


PASSWORD = "une phrase de passe solide"


def attachment(content_disposition):
    """``(kind, file name)`` of a Content-Disposition header, the exact name (``filename*``) when given."""
    kind, options = parse_options_header(content_disposition)
    return kind, options.get("filename")


def csrf_from(html):
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    return match.group(1) if match else None


class Browser:
    """The test client used like a person: GET a page, then POST its form with its CSRF token."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        token = csrf_from(response.get_data(as_text=True))
        self.token = token or self.token
        return response

    def post(self, url, data=None, **kwargs):
        if self.token is None:
            self.get("/")
        data = {"csrf_token": self.token, **(data or {})}
        response = self.client.post(url, data=data, **kwargs)
        token = csrf_from(response.get_data(as_text=True))
        self.token = token or self.token
        return response


@pytest.fixture
def browser(client):
    return Browser(client)


def make_account(email="candidat@exemple.fr", password=PASSWORD, role="candidat", activated=True):
    account, _ = Account.sign_up(email, password)
    account.role = role
    if activated:
        account.activated_at = account.created_at
    account.save()
    return account


@pytest.fixture
def candidate(app):
    with app.app_context(), db.connection_context():
        return make_account()


@pytest.fixture
def logged_in(browser, candidate):
    """A browser logged in as ``candidate``."""
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": candidate.email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return browser


# Sessions (appended after the fixtures above, hence the imports here).
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

from session_file import load_session_file  # noqa: E402

POITIERS_FILE = Path(__file__).resolve().parent.parent / "sessions" / "poitiers-juin-2023.toml"


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
    with app.app_context():
        # A test may already hold the connection (``ctx``): leave it open then.
        opened = db.connect(reuse_if_open=True)
        session, _ = models.ExamSession.load_spec(spec)
        if opened:
            db.close()
    return session


@pytest.fixture
def closed_session(open_session, clock):
    """The same session, the clock moved a day after its documents deadline."""
    clock.now = open_session.documents_due_at + timedelta(days=1)
    return open_session


from tests.live import live_config, live_server, smtp_server  # noqa: F401 (real server, real SMTP: tests/live.py)
