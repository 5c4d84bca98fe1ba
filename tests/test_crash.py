"""The server process killed (SIGKILL) in the middle of signups, saves and uploads, then started again.

What a candidate was told was done must be there after the restart; a file
whose upload was cut short must never be listed; the database must be whole;
``sweep-uploads`` clears what the crash left in the upload folder.
"""
import hashlib
import http.client
import json
import os
import sqlite3
import threading
import time

import pytest

from models import Account, Registration, Upload
from tests.databases import ON_POSTGRESQL
from tests.helpers import PASSWORD
from tests.processes import Portal
from tests.registration_journey import GOOD, hidden_in
from tests.test_races import candidates
from tests.uploads_fixtures import pdf_bytes

WORKERS = 4
LOAD_SECONDS = 3  # at least; on a busy machine, until something of each kind was acknowledged
MAX_LOAD_SECONDS = 60
FILE_SIZE = 400 * 1024  # large enough for the kill to catch some uploads half-received


@pytest.fixture
def portal(tmp_path, database_url):
    portal = Portal(tmp_path, database_url)
    portal.flask("init-db")
    portal.flask("demo")
    yield portal
    portal.stop()


def logged_in(server, email):
    client = server.client()
    client.get("/connexion")
    assert client.post("/connexion", {"email": email, "password": PASSWORD}).status == 303
    return client


class Worker(threading.Thread):
    """Until the server dies: someone signs up, a candidate changes their phone (step 3) then sends a file; what was acknowledged is noted."""

    def __init__(self, server, n, email, piece_ids, stop):
        super().__init__(daemon=True)
        self.server, self.n, self.email, self.piece_ids, self.stop = server, n, email, piece_ids, stop
        self.candidate = logged_in(server, email)
        self.candidate.get("/justificatifs/")
        self.signups, self.saves, self.files = [], [], []

    def run(self):
        attempt = 0
        try:
            while not self.stop.is_set():
                attempt += 1
                self.sign_up(attempt)
                self.save_step(attempt)
                self.send_file(attempt)
        except (OSError, http.client.HTTPException):  # the server is gone: what was acknowledged so far counts
            pass

    def sign_up(self, attempt):
        client = self.server.client()
        client.get("/compte/creer")
        email = f"nouveau{self.n}-{attempt}@exemple.fr"
        if client.post("/compte/creer", {"email": email, "password": PASSWORD, "confirm": PASSWORD}).status == 303:
            self.signups.append(email)

    def save_step(self, attempt):
        page = self.candidate.get("/inscription/etape/3")
        answers = {**GOOD[3], "phone": f"06{self.n:02d}{attempt:06d}"}
        reply = self.candidate.post("/inscription/etape/3", {**hidden_in(page.text), **answers})
        if reply.status == 303:
            self.saves.append(attempt)

    def send_file(self, attempt):
        name = f"envoi{self.n}-{attempt}.pdf"
        content = pdf_bytes(FILE_SIZE)
        piece_id = self.piece_ids[attempt % len(self.piece_ids)]
        reply = self.candidate.post(f"/justificatifs/pieces/{piece_id}/ajouter",
                                   files={"fichier": (name, content, "application/pdf")})
        if reply.status == 303:
            self.files.append((name, hashlib.sha256(content).hexdigest()))


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_server_loses_nothing_it_acknowledged(portal):
    emails = candidates(portal, WORKERS, status="enregistrée")
    with portal.ctx():
        pieces = {r.account.email: [p.id for p in r.pieces] for r in Registration.select()}
    [server] = portal.start(1)
    stop = threading.Event()
    workers = [Worker(server, n, email, pieces[email], stop) for n, email in enumerate(emails)]
    for worker in workers:
        worker.start()
    started = time.monotonic()
    while time.monotonic() - started < MAX_LOAD_SECONDS and (
            time.monotonic() - started < LOAD_SECONDS
            or not all(any(getattr(w, kind) for w in workers) for kind in ("signups", "saves", "files"))):
        time.sleep(0.2)
    server.kill()
    stop.set()
    for worker in workers:
        worker.join(timeout=60)

    portal.start(1)  # the restart, on the same database and folder
    signups = [email for worker in workers for email in worker.signups]
    files = dict(pair for worker in workers for pair in worker.files)
    print(f"\nAvant l'arrêt brutal : {len(signups)} comptes créés, {sum(len(w.saves) for w in workers)} étapes "
          f"gardées, {len(files)} fichiers acceptés.")
    assert signups and files, "la charge n'a rien fait avant l'arrêt"
    with portal.ctx():
        assert {email for email in signups} <= {a.email for a in Account.select()}
        for worker in workers:
            if worker.saves:
                draft = Registration.get(Registration.account == Account.get(Account.email == worker.email))
                kept = int(json.loads(draft.pending)["phone"][-6:])
                assert kept >= worker.saves[-1]
        rows = {upload.original_name: upload for upload in Upload.select()}
    for name, digest in files.items():
        assert name in rows and rows[name].sha256 == digest
    for upload in rows.values():  # listed means whole, acknowledged or not
        assert sha256_of(portal.upload_folder / upload.stored_name) == upload.sha256
    if not ON_POSTGRESQL:
        with sqlite3.connect(portal.database_url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # An hour later, the nightly sweep takes what the crash left behind, and only that.
    an_hour_ago = time.time() - 2 * 3600
    for path in portal.upload_folder.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    portal.flask("sweep-uploads")
    left = {path.name for path in portal.upload_folder.iterdir()}
    assert left == {upload.stored_name for upload in rows.values()}
