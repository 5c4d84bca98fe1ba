"""Backups an academy can trust: taken while candidates write, restored into a fresh instance that serves them.

Each test backs up one instance and restores into another, both on the
suite's engine: SQLite files, or, with ``SESAME_TEST_DATABASE`` set, two
fresh PostgreSQL databases (then ``pg_dump`` and ``pg_restore`` do the work,
and SQLite's PRAGMA integrity_check is not asked).
"""
import hashlib
import io
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from werkzeug.datastructures import FileStorage

import models
import storage
from app import create_app
from commands import backups
from models import Account, Upload, db
from session_file import load_session_file
from tests.databases import ON_POSTGRESQL
from tests.helpers import PASSWORD, POITIERS_FILE, in_db, make_account
from tests.live import LiveServer
from tests.uploads_fixtures import enrol, live_login, pdf_bytes, pieces_of

CANDIDATES = 3  # each sends files while others sign up
SIGNERS = 3
SIGNUPS_EACH = 8
FILES_EACH = 8  # 4 per piece, the limit, on each of the two pieces


@pytest.fixture
def databases(database_url, second_database_url):
    """Two empty databases of the suite's engine: {"portail": URL backed up, "restauree": URL restored into}."""
    return {"portail": database_url, "restauree": second_database_url}


def instance(folder, database, clock):
    """A portal on ``database`` with its files in ``folder``, its database created."""
    folder.mkdir(parents=True, exist_ok=True)
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "INSTANCE_PATH": str(folder / "instance"),
                      "DATABASE": database, "UPLOAD_FOLDER": str(folder / "uploads"),
                      "MAIL_SERVER": None, "MAIL_SEND_AFTER_REQUEST": False, "CLOCK": clock})
    with in_db(app):
        models.create_tables()
    return app


def run(app, *args):
    result = app.test_cli_runner().invoke(args=[str(arg) for arg in args])
    return result.exit_code, result.output


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def integrity(url):
    """SQLite's own check of a database file ("ok"); PostgreSQL has no such thing to ask."""
    if not url.startswith("sqlite:///"):
        return "ok"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_backup_taken_under_load_restores_every_acknowledged_write(tmp_path, databases, clock):
    server = LiveServer(tmp_path / "portail", DATABASE=databases["portail"], CLOCK=clock).start()
    try:
        pieces = {}
        with server.ctx():
            session, _ = models.ExamSession.load_spec(load_session_file(POITIERS_FILE))
            for n in range(CANDIDATES):
                registration = enrol(make_account(f"candidat{n}@exemple.fr"), session,
                                     number=f"2023-06-POI-{n + 1:06d}")
                pieces[n] = pieces_of(registration.account_id)
        clients = {n: (live_login(server, f"candidat{n}@exemple.fr"), pieces[n]) for n in range(CANDIDATES)}

        acknowledged = []  # (when the reply came, "compte" | "fichier", email or sha256)
        lock = threading.Lock()

        def note(kind, key):
            with lock:
                acknowledged.append((time.monotonic(), kind, key))

        def sign_up(n):
            for k in range(SIGNUPS_EACH):
                client, email = server.client(), f"nouveau{n}.{k}@exemple.fr"
                client.get("/compte/creer")
                reply = client.post("/compte/creer", {"email": email, "password": PASSWORD, "confirm": PASSWORD})
                assert reply.status == 303, reply.text[-800:]
                note("compte", email)

        def send_files(n):
            client, pieces = clients[n]
            for k in range(FILES_EACH):
                piece = pieces["identite" if k % 2 else "jdc"]
                content = pdf_bytes(3000 + 100 * n + k)
                reply = client.post(f"/justificatifs/pieces/{piece.id}/ajouter",
                                    files={"fichier": (f"scan-{k}.pdf", content, "application/pdf")})
                assert reply.status == 303, reply.text[-800:]
                note("fichier", sha256(content))

        with ThreadPoolExecutor(SIGNERS + CANDIDATES) as pool:
            work = [pool.submit(sign_up, n) for n in range(SIGNERS)] + [pool.submit(send_files, n) for n in clients]
            # The backup starts once the load is well under way.
            while len(acknowledged) < 10 and not all(future.done() for future in work):
                time.sleep(0.02)
            started = time.monotonic()
            code, output = run(server.app, "backup", tmp_path / "sauvegarde")
            for future in work:
                future.result(timeout=120)
        assert code == 0, output
        before = [(kind, key) for at, kind, key in acknowledged if at < started]
        after = len(acknowledged) - len(before)
        # Writes went on while the backup ran, or it would prove little.
        assert before and after, (len(before), after)
        served = {(f.name, f.read_bytes()) for f in server.upload_folder.iterdir()}
    finally:
        server.stop()

    manifest = json.loads((tmp_path / "sauvegarde" / "manifest.json").read_text())
    assert manifest["schema_version"] == models.migrations.LATEST
    assert manifest["engine"] == ("postgresql" if ON_POSTGRESQL else "sqlite")

    fresh = tmp_path / "restauree"
    target = instance(fresh, databases["restauree"], clock)
    code, output = run(target, "restore", tmp_path / "sauvegarde")
    assert code == 0, output
    assert output.startswith(f"Restauré depuis {tmp_path / 'sauvegarde'}")
    assert f"{len(manifest['files']) - 1} fichier(s) déposé(s)" in output
    assert integrity(databases["restauree"]) == "ok"

    with in_db(target):
        emails = {account.email for account in Account.select()}
        uploads = {upload.sha256: upload for upload in Upload.select()}
    # The backup holds exactly the files its database names.
    assert set(manifest["files"]) == {manifest["database"]} | {f"uploads/{u.stored_name}" for u in uploads.values()}
    for kind, key in before:
        assert key in (emails if kind == "compte" else uploads), (kind, key)
    for upload in uploads.values():
        stored = (fresh / "uploads" / upload.stored_name).read_bytes()
        assert sha256(stored) == upload.sha256 and (upload.stored_name, stored) in served

    # The restored instance serves: a candidate logs in and downloads their file, byte for byte.
    restored = LiveServer(fresh, DATABASE=databases["restauree"], CLOCK=clock).start()
    try:
        client = live_login(restored, "candidat0@exemple.fr")
        with restored.ctx():
            mine = Upload.select().join(models.Piece).join(models.Registration).join(Account).where(
                Account.email == "candidat0@exemple.fr").order_by(Upload.id).first()
        assert mine is not None
        download = client.get(f"/justificatifs/fichiers/{mine.id}")
        assert download.status == 200
        assert download.body == (tmp_path / "sauvegarde" / "uploads" / mine.stored_name).read_bytes()
        assert sha256(download.body) == mine.sha256
    finally:
        restored.stop()


@pytest.fixture
def backed_up(tmp_path, databases, clock):
    """An instance with a candidate and two files, and its backup: (app, backup folder)."""
    folder = tmp_path / "portail"
    app = instance(folder, databases["portail"], clock)
    with app.test_request_context(), db.connection_context():
        session, _ = models.ExamSession.load_spec(load_session_file(POITIERS_FILE))
        account = make_account()
        enrol(account, session)
        for n, piece in enumerate(pieces_of(account).values()):
            stored = storage.store(FileStorage(io.BytesIO(pdf_bytes(2000 + n)), f"scan{n}.pdf"),
                                   folder / "uploads", 10**6)
            Upload.create(piece=piece, original_name=f"scan{n}.pdf", stored_name=stored.stored_name,
                          size=stored.size, content_type=stored.content_type, sha256=stored.sha256)
    code, output = run(app, "backup", tmp_path / "sauvegarde")
    assert code == 0, output
    return app, tmp_path / "sauvegarde"


def test_backup_says_what_it_wrote(backed_up):
    app, backup = backed_up
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"]["upload"] == 2 and manifest["tables"]["account"] == 1
    assert len([name for name in manifest["files"] if name.startswith("uploads/")]) == 2
    for name, entry in manifest["files"].items():
        data = (backup / name).read_bytes()
        assert entry == {"sha256": sha256(data), "size": len(data)}


def test_backup_refuses_a_folder_already_used(backed_up):
    app, backup = backed_up
    code, output = run(app, "backup", backup)
    assert code == 1 and "existe déjà et n'est pas vide" in output


def test_restore_refuses_an_instance_that_is_not_empty_unless_forced(backed_up, clock):
    app, backup = backed_up
    code, output = run(app, "restore", backup)
    assert code == 1
    assert "Cette instance n'est pas vide" in output and "--force" in output
    code, output = run(app, "restore", backup, "--force")
    assert code == 0, output
    assert "Restauré depuis" in output and "upload 2" in output


def test_restore_refuses_a_tampered_backup_and_touches_nothing(backed_up, tmp_path, databases, clock):
    _, backup = backed_up
    victim = sorted((backup / "uploads").iterdir())[0]
    victim.write_bytes(victim.read_bytes().replace(b"%PDF-1.4", b"%PDF-1.5"))
    fresh = tmp_path / "restauree"
    target = instance(fresh, databases["restauree"], clock)
    code, output = run(target, "restore", backup)
    assert code == 1
    assert f"Sauvegarde altérée : uploads/{victim.name}" in output
    with in_db(target):
        assert Account.select().count() == 0
    assert not (fresh / "uploads").exists() or not any((fresh / "uploads").iterdir())


def test_backup_fails_loudly_when_a_file_named_by_the_database_is_missing(backed_up, tmp_path):
    app, _ = backed_up
    missing = sorted((tmp_path / "portail" / "uploads").iterdir())[0]
    missing.unlink()
    code, output = run(app, "backup", tmp_path / "autre")
    assert code == 1
    assert f"Le fichier déposé {missing.name}, nommé par la base, est introuvable" in output
    assert not (tmp_path / "autre").exists() and not list(tmp_path.glob(".autre.partielle-*"))


def test_a_file_removed_while_the_backup_runs_is_left_out_with_its_row(backed_up, tmp_path, monkeypatch):
    """A candidate removes a file between the snapshot and the copy of the files: a new snapshot is taken."""
    app, _ = backed_up
    copy_named_files, seen = backups._copy_named_files, []

    def a_candidate_removes_a_file_meanwhile(source, target, names):
        if not seen:
            with in_db(app):
                upload = Upload.select().order_by(Upload.id).first()
                upload.delete_instance()
            (source / upload.stored_name).unlink()
        seen.append(sorted(names))
        return copy_named_files(source, target, names)

    monkeypatch.setattr(backups, "_copy_named_files", a_candidate_removes_a_file_meanwhile)
    code, output = run(app, "backup", tmp_path / "autre")
    assert code == 0, output
    assert [len(names) for names in seen] == [2, 1] and "1 fichier(s) déposé(s)" in output
    manifest = json.loads((tmp_path / "autre" / "manifest.json").read_text())
    assert manifest["tables"]["upload"] == 1 and f"uploads/{seen[1][0]}" in manifest["files"]
