"""The two servers the bench compares, each in its own process so clients and server do not share a core.

``portal``: Sésame itself on a temporary SQLite file, with the demo session
and one activated candidate. ``baseline``: a bare Flask + peewee page with
the same SQLite setup and one query per request, the yardstick.
"""
import multiprocessing
import threading

from flask import Flask
from peewee import CharField, Model
from playhouse.db_url import connect

from models.base import SQLITE_OPTIONS

CANDIDATE = ("candidat.banc@exemple.fr", "une phrase de passe pour le banc")
BASELINE_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Témoin</title></head>
<body><h1>Témoin</h1><p>Bonjour {{ item.name }}.</p></body></html>"""


def baseline_app(folder):
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

    return app


def portal_app(folder):
    """Sésame on a fresh database, with a session open now and one activated candidate."""
    from tests.conftest import make_account
    from tests.live import LiveServer

    server = LiveServer(folder, MAIL_SEND_AFTER_REQUEST=False)
    with server.app.app_context():
        server.app.test_cli_runner().invoke(args=["demo"])
    with server.ctx():
        make_account(*CANDIDATE)
    return server.app


def _serve(kind, folder, ports):
    from tests.live import WaitressThread

    build = portal_app if kind == "portal" else baseline_app
    server = WaitressThread(build(folder)).start()
    ports.put(server.port)
    threading.Event().wait()


def start(kind, folder):
    """Serve ``kind`` ("portal" or "baseline") in a child process; returns (process, base URL)."""
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    process = context.Process(target=_serve, args=(kind, folder, ports), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{ports.get(timeout=30)}"
