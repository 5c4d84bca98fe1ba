"""The portal as an academy runs it: several ``flask serve`` processes sharing one database and one upload folder.

Thread-level tests (tests/live.py) share one Python process, one pool and one
SQLite handle; races between processes only show with real processes. A
``Portal`` owns the shared parts (database URL, upload folder, secret key)
and starts or kills server processes on them; the test itself reads the
database through an app of its own (``ctx``).
"""
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import models
from app import create_app
from tests.live import HttpClient, free_port

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 30  # seconds for a server process to accept connections


class ServerProcess:
    """One ``flask --app app serve`` child process on a loopback port."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log_path, "ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--threads", "6"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_until_listening()

    def _wait_until_listening(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"le serveur s'est arrêté au démarrage (code {self._process.returncode})")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"le serveur n'écoute pas sur le port {self.port}")

    def client(self):
        return HttpClient(self.url)

    def kill(self):
        """SIGKILL: the process dies mid-request, as in a power cut of that process."""
        self._process.send_signal(signal.SIGKILL)
        self._process.wait(timeout=10)
        self._log.close()

    def stop(self):
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._log.close()


class Portal:
    """A database, an upload folder and a secret key shared by the server processes it starts."""

    def __init__(self, folder, database_url):
        self.folder = Path(folder)
        self.upload_folder = self.folder / "uploads"
        self.database_url = database_url
        secret = secrets.token_hex(16)
        self.env = {**os.environ, "FLASK_DATABASE": database_url, "FLASK_UPLOAD_FOLDER": str(self.upload_folder),
                    "FLASK_SECRET_KEY": secret, "FLASK_INSTANCE_PATH": str(self.folder / "instance"),
                    # Emails stay queued in the outbox, where the test counts them.
                    "FLASK_MAIL_SEND_AFTER_REQUEST": "false"}
        self.app = create_app({"TESTING": True, "SECRET_KEY": secret, "DATABASE": database_url,
                               "UPLOAD_FOLDER": str(self.upload_folder), "INSTANCE_PATH": str(self.folder / "instance"),
                               "MAIL_SEND_AFTER_REQUEST": False})
        self.servers = []

    def flask(self, *args):
        """Run a ``flask --app app`` command on the shared database; returns what it printed."""
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self, count=1):
        """``count`` more server processes; returns them."""
        started = [ServerProcess(self.env, self.folder / f"server-{len(self.servers) + n}.log") for n in range(count)]
        self.servers.extend(started)
        return started

    def stop(self):
        for server in self.servers:
            server.stop()

    @contextmanager
    def ctx(self):
        """The shared database seen from the test, through the models."""
        with self.app.test_request_context(), models.db.connection_context():
            yield


@contextmanager
def running_portal(folder, database_url, servers=0):
    """A demo session open now on a fresh database, served by ``servers`` processes; all stopped on leaving."""
    portal = Portal(folder, database_url)
    portal.flask("init-db")
    portal.flask("demo")
    portal.start(servers)
    try:
        yield portal
    finally:
        portal.stop()
