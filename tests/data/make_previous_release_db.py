"""Make ``previous_release.sqlite-dump.txt`` and ``previous_release_uploads/``: a portal in use, as the previous release left it.

Run it with the code of the previous release (commit 515ee08, the last one
before versioned migrations), from that code's folder, giving it an empty
PostgreSQL database for the PostgreSQL form of the same tables:

    git worktree add /tmp/prev 515ee08        # or: git archive 515ee08 | tar -x -C /tmp/prev
    cd /tmp/prev && /path/to/sesame/.venv/bin/python /path/to/sesame/tests/data/make_previous_release_db.py \
        postgresql://user@127.0.0.1:5432/empty_database

People use that release through its pages, as they would: candidates sign
up, activate, register, upload, declare, move house; staff validate, refuse
and remind. Every table gets a few rows. Then the column releases before it
carried (``account.activation_sent_at``) is added with values, as a portal
installed earlier and upgraded by hand would have it. The database is dumped
as SQL (diff-friendly); the stored files are copied beside it. The same
release's tables created on PostgreSQL (with the same stale column) are
dumped, without rows, as ``previous_release.postgresql-dump.txt``: on
PostgreSQL, tests load that schema and copy the SQLite dump's rows into it.

tests/test_migrations.py upgrades those dumps with today's code.
"""
import io
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))  # the previous release's code, not this repository's

import models  # noqa: E402
from app import create_app  # noqa: E402
from models import Account, AddressChange, Piece, Registration, StaffPole, Upload, db  # noqa: E402
from session_file import load_session_file  # noqa: E402
from tests.conftest import PASSWORD, Browser, FixedClock, make_account  # noqa: E402
from tests.registration_journey import GOOD, enregistrer, fill_steps, post_step  # noqa: E402
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, png_bytes  # noqa: E402

HERE = Path(__file__).resolve().parent
DUMP = HERE / "previous_release.sqlite-dump.txt"
UPLOADS = HERE / "previous_release_uploads"
POSTGRESQL_SCHEMA = HERE / "previous_release.postgresql-dump.txt"


def main():
    folder = Path(tempfile.mkdtemp())
    clock = FixedClock(datetime(2022, 10, 20, 8, 0))
    app = create_app({
        "TESTING": True, "SECRET_KEY": "previous-release", "DATABASE": f"sqlite:///{folder / 'sesame.db'}",
        "UPLOAD_FOLDER": str(folder / "uploads"), "MAIL_SERVER": None, "MAIL_SEND_AFTER_REQUEST": False,
        "CLOCK": clock,
    })
    with app.app_context(), db.connection_context():
        models.create_tables()
        models.ExamSession.load_spec(load_session_file(Path("sessions/poitiers-juin-2023.toml")))
        make_account("admin@ac-poitiers.fr", role="admin")
        gestionnaire = make_account("gestion.sah@ac-poitiers.fr", role="gestionnaire")
        for code in ("services-alimentation-hotellerie", "bac-pro"):
            StaffPole.create(account=gestionnaire, pole_code=code)

    def outbox_link(email):
        with app.app_context(), db.connection_context():
            last = models.Outbox.select().where(models.Outbox.recipient == email).order_by(models.Outbox.id.desc())
            body = last.get().body
        return next(word for word in body.split() if "/compte/activer/" in word)

    def candidate(email, activate=True):
        browser = Browser(app.test_client())
        browser.get("/compte/creer")
        signup = {"email": email, "password": PASSWORD, "confirm": PASSWORD}
        assert browser.post("/compte/creer", signup).status_code == 303
        if activate:
            clock.advance(minutes=5)
            link = outbox_link(email)
            browser.get(link)
            assert browser.post(link).status_code == 303
            browser.get("/connexion")
            assert browser.post("/connexion", {"email": email, "password": PASSWORD}).status_code == 303
        return browser

    def pieces_of(email):
        with app.app_context(), db.connection_context():
            return {p.code: p for p in Piece.select().join(Registration).join(Account).where(Account.email == email)}

    def upload(browser, piece, name, content):
        browser.get("/justificatifs/")
        response = browser.post(f"/justificatifs/pieces/{piece.id}/ajouter",
                                {"fichier": (io.BytesIO(content), name, "application/octet-stream")},
                                content_type="multipart/form-data")
        assert response.status_code == 303, response.get_data(as_text=True)[-2000:]

    # Jeanne: registered, both pieces sent, declared; staff validate one, refuse the other, she sends it again.
    jeanne = candidate("Jeanne.Martin@exemple.fr")
    fill_steps(jeanne, answers={2: {**GOOD[2], "birth_name": "Martin", "first_names": "Jeanne"}})
    assert enregistrer(jeanne).status_code == 303
    pieces = pieces_of("Jeanne.Martin@exemple.fr")
    upload(jeanne, pieces["identite"], "carte d'identité recto.pdf", pdf_bytes())
    upload(jeanne, pieces["identite"], "verso.png", png_bytes())
    upload(jeanne, pieces["jdc"], "JDC.jpg", jpeg_bytes())
    clock.advance(hours=1)
    jeanne.get("/justificatifs/")
    assert jeanne.post("/justificatifs/declarer").status_code == 303

    # Bruno: registered to another exam, one piece sent, then moved house.
    clock.advance(hours=3)
    bruno = candidate("bruno.durand@exemple.fr")
    bruno_answers = {1: {"exam_code": "CAP-PATIS", "candidate_status": "individuel", "organisme": "",
                         "language": "Espagnol"},
                     2: {**GOOD[2], "civilite": "Monsieur", "birth_name": "Durand", "first_names": "Bruno",
                         "birth_date": "02/03/1985"},
                     4: {**GOOD[4], "jdc_status": ""}}
    for step in range(1, 5):
        response = post_step(bruno, step, answers=bruno_answers.get(step))
        assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    assert enregistrer(bruno).status_code == 303
    upload(bruno, pieces_of("bruno.durand@exemple.fr")["identite"], "passeport.pdf", pdf_bytes(4096))
    clock.advance(days=2)
    bruno.get("/compte/adresse-postale")
    assert bruno.post("/compte/adresse-postale", {"address": "5 rue des Lilas", "postcode": "17000",
                                                  "commune": "La Rochelle", "country": "France",
                                                  "phone": "06 98 76 54 32"}).status_code == 303

    # Chloé: a draft, two steps answered, never saved (no number).
    chloe = candidate("chloe.petit@exemple.fr")
    for step in (1, 2):
        assert post_step(chloe, step, answers={2: {**GOOD[2], "birth_name": "Petit", "first_names": "Chloé"}}
                         .get(step)).status_code == 303

    # Émile: registered, then cancelled his registration; logged out.
    emile = candidate("emile.roux@exemple.fr")
    fill_steps(emile, answers={2: {**GOOD[2], "civilite": "Monsieur", "birth_name": "Roux", "first_names": "Émile"}})
    assert enregistrer(emile).status_code == 303
    emile.get("/inscription/annuler")
    assert emile.post("/inscription/annuler", {"confirm": "y"}).status_code == 303
    emile.get("/compte/")
    assert emile.post("/deconnexion").status_code == 303

    # David: signed up, never activated. Someone mistypes a password.
    candidate("david.moreau@exemple.fr", activate=False)
    stranger = Browser(app.test_client())
    stranger.get("/connexion")
    wrong = {"email": "jeanne.martin@exemple.fr", "password": "pas le bon"}
    assert stranger.post("/connexion", wrong).status_code == 422

    # The rectorat reviews: identité validée, JDC refusée; Bruno reminded; the address change seen.
    clock.advance(days=1)
    staff = Browser(app.test_client())
    staff.get("/connexion")
    assert staff.post("/connexion", {"email": "gestion.sah@ac-poitiers.fr", "password": PASSWORD}).status_code == 303
    number = "2023-06-POI-000001"
    staff.get(f"/gestion/inscriptions/{number}")
    assert staff.post(f"/gestion/pieces/{pieces['identite'].id}/valider").status_code == 303
    staff.get(f"/gestion/inscriptions/{number}")
    jdc = pieces["jdc"].id
    assert staff.post(f"/gestion/pieces/{jdc}/refuser", {f"piece-{jdc}-reason": "Le document est illisible.",
                                                         f"piece-{jdc}-due_on": ""}).status_code == 303
    staff.get("/gestion/relancer")
    assert staff.post("/gestion/relancer").status_code == 303
    with app.app_context(), db.connection_context():
        change = AddressChange.get()
    staff.get("/gestion/inscriptions/2023-06-POI-000002")
    assert staff.post(f"/gestion/adresses/{change.id}/vu").status_code == 303
    clock.advance(hours=2)
    upload(jeanne, pieces["jdc"], "JDC lisible.pdf", pdf_bytes(2048))

    # Some emails went out, the rest wait in the outbox.
    with app.app_context(), db.connection_context():
        first = models.Outbox.select().order_by(models.Outbox.id).limit(4)
        models.Outbox.update(status="sent", sent_at=clock.now).where(models.Outbox.id.in_(first)).execute()
        assert Upload.select().count() == 5 and Registration.select().count() == 4

    # The column releases before this one carried and this one no longer uses.
    with sqlite3.connect(folder / "sesame.db") as connection:
        connection.execute('ALTER TABLE "account" ADD COLUMN "activation_sent_at" DATETIME')
        connection.execute('UPDATE "account" SET "activation_sent_at" = "created_at" WHERE "role" = \'candidat\'')
    with sqlite3.connect(folder / "sesame.db") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        DUMP.write_text("\n".join(connection.iterdump()) + "\n", encoding="utf-8")
    shutil.rmtree(UPLOADS, ignore_errors=True)
    shutil.copytree(folder / "uploads", UPLOADS, ignore=shutil.ignore_patterns(".envoi-*"))
    shutil.rmtree(folder)
    print(f"{DUMP} et {UPLOADS}/ écrits.")


def postgresql_schema(url):
    """The previous release's tables created in the empty PostgreSQL database ``url``, with the stale column; dumped."""
    app = create_app({"TESTING": True, "SECRET_KEY": "previous-release", "DATABASE": url,
                      "UPLOAD_FOLDER": tempfile.mkdtemp(), "MAIL_SERVER": None})
    with app.app_context(), db.connection_context():
        models.create_tables()
        db.execute_sql('ALTER TABLE "account" ADD COLUMN "activation_sent_at" TIMESTAMP')
    db.obj.close_all()
    dump = subprocess.run(["pg_dump", "--schema-only", "--no-owner", "--no-privileges", url],
                          check=True, capture_output=True, text=True).stdout
    # Lines starting with a backslash (\restrict…) are for psql, not SQL.
    POSTGRESQL_SCHEMA.write_text("".join(line for line in dump.splitlines(keepends=True) if not line.startswith("\\")),
                                 encoding="utf-8")
    print(f"{POSTGRESQL_SCHEMA} écrit.")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 1:
        postgresql_schema(sys.argv[1])
