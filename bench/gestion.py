"""Gestion at a rectorat's scale: Tableau de bord over 10,000 registrations, and the memory a ZIP of 200 takes.

``python -m bench.gestion [--registrations N] [--zip N]``: builds a throwaway
SQLite database and upload folder, then prints the dashboard's time (a few
GROUP BY queries, whatever N) and the peak Python memory while streaming the
ZIP of N registrations × 3 files (it must not grow with the archive's size).
"""
import argparse
import os
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import clock
from app import create_app
from models import Account, Exam, ExamSession, Message, Piece, Registration, Upload, db, normalise_email
from models.dashboard import pole_figures
from models.registrations import LAST_STEP
from session_file import load_session_file

SESSION_FILE = Path(__file__).resolve().parent.parent / "sessions" / "poitiers-juin-2023.toml"
FILE_BYTES = 400 * 1024
STATUSES = ("enregistrée", "enregistrée", "enregistrée", "validée", "écartée")
PIECE_STATES = ("manquante", "déposée", "validée", "refusée")


def fill(session, count, first=1):
    """``count`` registered candidates across the session's exams, pieces in every state, a few messages."""
    exams = list(Exam.select().where(Exam.session == session))
    now = clock.now()
    made = []
    with db.atomic():
        for start in range(first, first + count, 500):
            numbers = range(start, min(start + 500, first + count))
            Account.insert_many([{"email": f"c{n}@exemple.fr", "email_key": normalise_email(f"c{n}@exemple.fr"),
                                  "password_hash": "-", "activated_at": now, "created_at": now}
                                 for n in numbers]).execute()
            accounts = {a.email: a.id for a in Account.select(Account.id, Account.email)
                        .where(Account.email.in_([f"c{n}@exemple.fr" for n in numbers]))}
            Registration.insert_many([{
                "account": accounts[f"c{n}@exemple.fr"], "session": session.id, "exam": exams[n % len(exams)].id,
                "status": STATUSES[n % len(STATUSES)], "number": f"2023-06-POI-{n:06d}", "step_reached": LAST_STEP,
                "birth_name": f"NOM{n}", "first_names": "Camille", "birth_date": date(2000, 1, 1),
                "created_at": now, "saved_at": now, "version": 1,
                "pieces_declared_at": now if n % 3 == 0 else None} for n in numbers]).execute()
            registrations = list(Registration.select(Registration.id).where(
                Registration.number.in_([f"2023-06-POI-{n:06d}" for n in numbers])))
            Piece.insert_many([{"registration": r.id, "code": f"p{k}", "label": f"Pièce {k}", "reason": "",
                                "position": k, "status": PIECE_STATES[(r.id + k) % len(PIECE_STATES)]}
                               for r in registrations for k in range(3)]).execute()
            Message.insert_many([{"registration": r.id, "body": "Une question", "created_at": now}
                                 for r in registrations if r.id % 7 == 0]).execute()
            made += registrations
    return made


def add_files(registrations, folder):
    """Three files of FILE_BYTES for each registration, on disk and in the database."""
    content = b"%PDF-1.4\n" + os.urandom(FILE_BYTES)
    with db.atomic():
        for r in registrations:
            for piece in Piece.select().where(Piece.registration == r.id):
                name = f"bench-{piece.id}.pdf"
                (folder / name).write_bytes(content)
                Upload.create(piece=piece, original_name="scan.pdf", stored_name=name, size=len(content),
                              content_type="application/pdf", sha256="-")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--zip", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(folder, options.registrations, options.zip)


def run(folder, registrations_count=10_000, zip_count=200):
    """The section ``gestion`` of ``make bench``: figures only, no budget (returns none missed)."""
    print(f"\nGestion : Tableau de bord sur {registrations_count} inscriptions, ZIP de {zip_count}")
    uploads = Path(folder) / "uploads"
    uploads.mkdir(parents=True)
    app = create_app({"INSTANCE_PATH": f"{folder}/instance", "SECRET_KEY": "bench",
                      "DATABASE": f"sqlite:///{folder}/bench.db", "UPLOAD_FOLDER": str(uploads),
                      "MAIL_SERVER": None})
    from models import create_tables
    from views.staff.export import zip_chunks

    with app.test_request_context(), db.connection_context():
        create_tables()
        session, _ = ExamSession.load_spec(load_session_file(SESSION_FILE))
        admin = Account.create(email="admin@exemple.fr", email_key="admin@exemple.fr", password_hash="-",
                               role="admin", activated_at=clock.now())
        started = time.perf_counter()
        registrations = fill(session, registrations_count)
        print(f"{len(registrations)} inscriptions créées en {time.perf_counter() - started:.1f} s")
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            poles, figures = pole_figures(admin, session)
            timings.append(time.perf_counter() - started)
        print(f"Tableau de bord, {len(registrations)} inscriptions, {len(poles)} pôles : "
              f"{min(timings) * 1000:.0f} ms (meilleur de 5), total enregistrées {figures[None]['registered']}")

        zipped = registrations[:zip_count]
        add_files(zipped, uploads)
        rows = list(Registration.select().where(Registration.id.in_([r.id for r in zipped])))
        tracemalloc.start()
        size = sum(len(chunk) for chunk in zip_chunks([rows[i:i + 100] for i in range(0, len(rows), 100)],
                                                       uploads))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"ZIP de {len(rows)} inscriptions × 3 fichiers : {size / 2**20:.0f} Mo envoyés, "
              f"pic de mémoire Python {peak / 2**20:.1f} Mo")
    return []


if __name__ == "__main__":
    main()
