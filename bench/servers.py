"""The servers the bench measures, each in its own process so clients and server do not share a core.

``portal``: Sésame itself on a temporary SQLite file, with the demo session,
a candidate who went through M'inscrire (Enregistrer, a photo and a PDF
deposited), one more candidate per load client for the POSTs, a Gestion
admin and 10,000 more registrations. ``fresh``: Sésame with the demo
session and a few candidates, for the photo and rush tests (``config``
points it at the bench's SMTP sink). ``baseline``: a bare Flask + peewee
page with the same SQLite setup and one query per request, the yardstick.

A child answers its parent on a queue with the port it serves on and what
the parent needs to know (routes, the candidate's number, piece ids).
"""
import io
import logging
import multiprocessing
import re
import threading
from pathlib import Path

from flask import Flask
from peewee import CharField, Model
from playhouse.db_url import connect

from models.base import SQLITE_OPTIONS

CANDIDATE = ("candidat.banc@exemple.fr", "une phrase de passe pour le banc")
STAFF = ("gestion.banc@ac-exemple.fr", "une phrase de passe de gestion")
PASSWORD = CANDIDATE[1]
REGISTRATIONS = 10_000
BASELINE_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Témoin</title></head>
<body><h1>Témoin</h1><p>Bonjour {{ item.name }}.</p></body></html>"""


def baseline_app(folder, **_):
    """A bare Flask + peewee page: one connection per request, one query, one template."""
    baseline_db = connect(f"sqlite:///{folder}/baseline.db", **SQLITE_OPTIONS)

    class Item(Model):
        name = CharField()

        class Meta:
            database = baseline_db

    with baseline_db:
        baseline_db.create_tables([Item])
        Item.create(name="témoin")

    app = Flask(__name__)
    page = app.jinja_env.from_string(BASELINE_PAGE)

    @app.before_request
    def connect_db():
        baseline_db.connect(reuse_if_open=True)

    @app.teardown_request
    def close_db(exc):
        baseline_db.close()

    @app.get("/")
    def home():
        """The baseline page."""
        return page.render(item=Item.get_by_id(1))

    return app, {}


def _demo_server(folder, **config):
    from tests.live import LiveServer

    server = LiveServer(folder, MAIL_SEND_AFTER_REQUEST=bool(config.get("MAIL_SERVER")), **config)
    with server.app.app_context():
        server.app.test_cli_runner().invoke(args=["demo"])
    return server


def _journey(app, email, password):
    """``email`` signs up, registers and deposits a photo and a PDF, through the views (Flask's test client)."""
    from tests.helpers import Browser, make_account
    from tests.registration_journey import register

    with app.app_context():
        from models import db
        with db.connection_context():
            make_account(email, password)
    browser = Browser(app.test_client())
    browser.get("/connexion")
    assert browser.post("/connexion", {"email": email, "password": password}).status_code == 303
    register(browser)
    page = browser.get("/justificatifs/").get_data(as_text=True)
    piece_ids = [int(n) for n in re.findall(r"/justificatifs/pieces/(\d+)/ajouter", page)]
    files = [("photo.jpg", photo_bytes((1200, 900)), "image/jpeg"), ("piece.pdf", pdf_bytes(), "application/pdf")]
    for piece_id, (name, content, kind) in zip(piece_ids, files):
        reply = browser.post(f"/justificatifs/pieces/{piece_id}/ajouter",
                             {"fichier": (io.BytesIO(content), name, kind)}, content_type="multipart/form-data")
        assert reply.status_code == 303, reply.status_code
    return piece_ids


def _enrolled(server, emails):
    """Candidates with a saved registration (made directly, like the tests' fixtures), one per email."""
    from models import ExamSession
    from tests.helpers import make_account
    from tests.uploads_fixtures import enrol

    with server.ctx():
        session = ExamSession.current()
        for n, email in enumerate(emails):
            enrol(make_account(email, PASSWORD), session, number=f"{session.number_prefix}-{900000 + n:06d}")


def _crowd(count):
    """``count`` more registrations with their pieces, in bulk, for Gestion's pages."""
    import clock
    from models import Account, Exam, ExamSession, Piece, Registration, db
    from models.piece_counts import KEPT

    session = ExamSession.current()
    exams = list(Exam.select().where(Exam.session == session))
    model = Registration.get(Registration.session == session)
    pieces = list(Piece.select().where(Piece.registration == model))
    # Each copy counts its own pieces and messages, from nothing: the database adds them as they are inserted.
    data = {k: v for k, v in model.__data__.items() if k not in ("id", "account", "number", "exam", *KEPT)}
    statuses = ("manquante", "déposée", "validée", "refusée")
    names = ("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU")
    now = clock.now()
    with db.atomic():
        for start in range(0, count, 500):
            rows = range(start, min(start + 500, count))
            Account.insert_many([{"email": f"foule{n}@exemple.fr", "email_key": f"foule{n}@exemple.fr",
                                  "password_hash": "-", "activated_at": now, "created_at": now,
                                  "uniquifier": f"u{n}"} for n in rows]).execute()
            ids = dict(Account.select(Account.email_key, Account.id)
                       .where(Account.email_key.startswith("foule")).tuples())
            Registration.insert_many([{**data, "account": ids[f"foule{n}@exemple.fr"],
                                       "number": f"{session.number_prefix}-{100000 + n:06d}",
                                       "exam": exams[n % len(exams)].id,
                                       "birth_name": f"{names[n % len(names)]}{n // len(names)}"}
                                      for n in rows]).execute()
        registration_ids = [r for (r,) in Registration.select(Registration.id)
                            .where(Registration.number.startswith(f"{session.number_prefix}-1")).tuples()]
        rows = [{**{k: v for k, v in piece.__data__.items() if k not in ("id", "registration")},
                 "registration": rid, "status": statuses[(rid + piece.position) % len(statuses)]}
                for rid in registration_ids for piece in pieces]
        for start in range(0, len(rows), 500):
            Piece.insert_many(rows[start:start + 500]).execute()


def portal_app(folder, clients=4, **config):
    """Sésame with everyone the page bench needs (see the module's docstring)."""
    from models import Account, Piece, Registration, StaffPole, Upload
    from tests.helpers import make_account

    server = _demo_server(folder, **config)
    piece_ids = _journey(server.app, *CANDIDATE)
    posters = [f"candidat.post{n}@exemple.fr" for n in range(clients)]
    _enrolled(server, posters)
    with server.ctx():
        make_account(STAFF[0], STAFF[1], role="admin")
        assert not StaffPole.select().exists()
        _crowd(REGISTRATIONS)
        number = Registration.get(Registration.number.is_null(False),
                                  Registration.account == Account.by_email(CANDIDATE[0])).number
        uploads = {u.content_type: u.id for u in Upload.select().join(Piece).where(Piece.id.in_(piece_ids))}
    rules = [(rule.rule, sorted(rule.methods), rule.endpoint) for rule in server.app.url_map.iter_rules()]
    return server.app, {"rules": rules, "number": number, "piece_id": piece_ids[0], "upload_id": uploads["image/jpeg"],
                        "pdf_upload_id": uploads["application/pdf"],
                        "posters": posters}


def fresh_app(folder, candidates=0, **config):
    """Sésame with the demo session and ``candidates`` candidates already registered (photo test)."""
    server = _demo_server(folder, **config)
    emails = [f"candidat.photo{n}@exemple.fr" for n in range(candidates)]
    _enrolled(server, emails)
    return server.app, {"emails": emails, "database": server.database}


BUILDERS = {"baseline": baseline_app, "portal": portal_app, "fresh": fresh_app}


def _serve(kind, folder, options, answers):
    from tests.live import WaitressThread

    # Waitress says when requests queue up: under a bench they do, by design.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        app, facts = BUILDERS[kind](folder, **options)
        server = WaitressThread(app).start()
    except BaseException as error:
        answers.put({"error": repr(error)})
        raise
    answers.put({"port": server.port, **facts})
    threading.Event().wait()


def start(kind, folder, **options):
    """Serve ``kind`` in a child process; returns ``(process, base URL, facts)``."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    process = context.Process(target=_serve, args=(kind, folder, options, answers), daemon=True)
    process.start()
    facts = answers.get(timeout=600)
    if "error" in facts:
        raise RuntimeError(f"le serveur {kind} n'a pas démarré : {facts['error']}")
    return process, f"http://127.0.0.1:{facts.pop('port')}", facts


# Files like a candidate's ------------------------------------------------------------------

def photo_bytes(size=(4000, 3000), quality=92, orientation=None):
    """A JPEG that looks like a phone photo of a document: lit paper, printed lines, a stamp, sensor grain.

    Not pure noise (no phone shoots that) but not flat either, so it weighs
    what a real photo weighs: about 3 MB at 4000×3000.
    """
    from PIL import Image, ImageDraw, ImageFilter

    width, height = size
    # Uneven light across the page: a smooth gradient, drawn small and scaled up.
    light = Image.linear_gradient("L").resize((width, height)).rotate(25, expand=False, fillcolor=180)
    page = Image.merge("RGB", (light.point(lambda v: 150 + v // 3), light.point(lambda v: 145 + v // 3),
                               light.point(lambda v: 130 + v // 3)))
    draw = ImageDraw.Draw(page)
    step = max(height // 60, 8)
    for n, y in enumerate(range(height // 8, height * 7 // 8, step)):
        length = width * (5 + (n * 7) % 4) // 10
        for x in range(width // 10, width // 10 + length, step * 2):
            draw.rectangle([x, y, x + step * 3 // 2, y + step // 2], fill=(40 + n % 30, 40, 60))
    draw.ellipse([width * 6 // 10, height * 6 // 10, width * 8 // 10, height * 9 // 10], outline=(30, 60, 160),
                 width=max(width // 200, 2))
    draw.text((width // 10, height // 20), "RÉPUBLIQUE FRANÇAISE — pièce justificative", fill=(20, 20, 20))
    page = page.filter(ImageFilter.GaussianBlur(1.2))
    # Sensor grain, faint, as every phone photo has.
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    page = Image.blend(page, grain, 0.2)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    page.save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def pdf_bytes():
    from tests.uploads_fixtures import pdf_bytes as made

    return made()

