"""The portal for real: served by waitress on loopback, with an SMTP server that keeps what it receives.

Unit tests talk to the app through Flask's test client. The tests here need
more: real sockets, real threads, a real mail server, a real browser. This
module gives them one server per test, on the test's own database
(tests/databases.py) and temporary folders, and a small HTTP client that
behaves like a person (cookies, CSRF tokens, no redirect followed behind
its back).

Fixtures: ``live_server`` (a started ``LiveServer``), ``live_config`` (extra
configuration for it: override it in a module, e.g. to point at
``smtp_server``) and ``smtp_server`` (a started ``SmtpServer``). The
database handle (``models.db``) is one per process: a test uses either
``live_server`` or the ``app`` fixture, not both.
"""
import email
import email.message
import email.policy
import http.client
import logging
import re
import secrets
import socket
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from aiosmtpd.controller import Controller
from waitress.server import create_server

import models
from app import create_app

LOOPBACK = "127.0.0.1"


def free_port():
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class LogRecorder(logging.Handler):
    """Everything logged at WARNING or above while a server runs, from any thread."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def text(self):
        return "\n".join(self.format(record) for record in self.records)

    def errors(self):
        return [self.format(r) for r in self.records if r.levelno >= logging.ERROR]


class WaitressThread:
    """Any WSGI app served by waitress on a free loopback port, in a background thread."""

    def __init__(self, wsgi_app, threads=8):
        self._server = create_server(wsgi_app, host=LOOPBACK, port=0, threads=threads, ident="Sesame-test")
        self.port = self._server.effective_port
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name=f"waitress-{self.port}", daemon=True)

    def _serve(self):
        try:
            self._server.run()
        except OSError:
            # stop() closes sockets from this test's thread, which a select()
            # in progress may see as a bad file descriptor: expected then.
            if not self._stopping:
                raise

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        """Let the requests in progress finish (mail sent after a response included), then close every socket."""
        server = self._server
        self._stopping = True
        server.task_dispatcher.shutdown(cancel_pending=False, timeout=10)
        # Waitress has no stop(): closing the listening socket and every
        # connection empties its socket map, which ends the loop run() is in.
        server.close()
        while server._map:
            for channel in list(server._map.values()):
                channel.handle_close()
        self._thread.join(timeout=10)


class LiveServer:
    """The portal on temporary folders, served by waitress on loopback.

    Its database is ``database`` (a URL), by default a SQLite file in ``folder``.
    """

    def __init__(self, folder, database=None, **config):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.database = database or f"sqlite:///{folder / 'sesame.db'}"
        self.upload_folder = folder / "uploads"
        self.app = create_app({
            "INSTANCE_PATH": str(folder / "instance"),
            "SECRET_KEY": secrets.token_hex(16),
            "DATABASE": self.database,
            "UPLOAD_FOLDER": str(self.upload_folder),
            "MAIL_SERVER": None,
            "MAIL_SEND_AFTER_REQUEST": True,
            **config,
        })
        with self.app.app_context(), models.db.connection_context():
            models.create_tables()
        self.log = LogRecorder()
        self._waitress = WaitressThread(self.app)
        self.port, self.url = self._waitress.port, self._waitress.url
        self.app.config["PUBLIC_URL"] = self.url

    def start(self):
        logging.getLogger().addHandler(self.log)
        self._waitress.start()
        return self

    def stop(self):
        self._waitress.stop()
        logging.getLogger().removeHandler(self.log)
        models.db.close_all()

    @contextmanager
    def ctx(self):
        """An app context with its own database connection, to read or prepare data directly."""
        with self.app.test_request_context(base_url=self.url), models.db.connection_context():
            yield

    def client(self):
        return HttpClient(self.url)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("Location")


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


class HttpClient:
    """A person at a browser without JavaScript: keeps cookies, sends forms with their CSRF token.

    Redirects are returned, not followed, so a test sees the 303 itself.
    """

    def __init__(self, base_url, timeout=60):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.cookies = {}
        self.csrf_token = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
        self._keep_cookies(reply.headers.get_all("Set-Cookie") or [])
        found = CSRF_FIELD.search(reply.text) if "html" in (reply.headers.get("Content-Type") or "") else None
        self.csrf_token = found.group(1) if found else self.csrf_token
        return reply

    def _keep_cookies(self, set_cookies):
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, data=None, files=None, headers=None):
        """POST a form with the CSRF token of the last page; ``files``: {name: (filename, bytes, type)}."""
        fields = {"csrf_token": self.csrf_token or "", **(data or {})}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers={"Content-Type": content_type, **(headers or {})})


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n")
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Received:
    """One message as the SMTP server got it."""

    recipients: list
    message: email.message.EmailMessage

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def body(self):
        return self.message.get_body(("plain",)).get_content()

    def link(self, pattern=r"https?://\S+"):
        found = re.search(pattern, self.body)
        assert found, f"aucun lien dans le courriel « {self.subject} »"
        return found.group(0)


class SmtpServer:
    """An SMTP server on loopback (aiosmtpd) that keeps every message it receives.

    Made on a free port and started separately, so a test can see the
    portal with its SMTP server down, then start it.
    """

    def __init__(self, port=None):
        self.port = port or free_port()
        self.received = []
        self._arrived = threading.Condition()
        self._controller = None

    def config(self):
        """What the portal needs to send through this server."""
        return {"MAIL_SERVER": LOOPBACK, "MAIL_PORT": self.port}

    def start(self):
        self._controller = Controller(self, hostname=LOOPBACK, port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller:
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.received.append(Received(list(envelope.rcpt_tos), message))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def messages(self, to=None):
        return [m for m in self.received if to is None or to in m.recipients]

    def wait_for(self, to=None, count=1, timeout=15):
        """The messages for ``to`` once at least ``count`` have arrived (mail leaves after the response)."""
        with self._arrived:
            arrived = self._arrived.wait_for(lambda: len(self.messages(to)) >= count, timeout=timeout)
        assert arrived, f"{count} courriel(s) attendu(s) pour {to}, reçu(s) : {len(self.messages(to))}"
        return self.messages(to)


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def live_config():
    """Extra configuration for ``live_server``; a module overrides this fixture to change it."""
    return {}


@pytest.fixture
def live_server(tmp_path, live_config, database_url):
    server = LiveServer(tmp_path / "live", database_url, **live_config).start()
    yield server
    server.stop()
