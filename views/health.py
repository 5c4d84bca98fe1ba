"""GET /sante: whether this process can serve, for a load balancer or a monitor."""
import tempfile
from pathlib import Path

from flask import Blueprint, current_app
from peewee import PeeweeException
from playhouse.pool import MaxConnectionsExceeded

from models import db

bp = Blueprint("health", __name__)

DATABASE_DOWN = "base de données injoignable"
UPLOADS_NOT_WRITABLE = "dossier des fichiers déposés non inscriptible"


@bp.get("/sante")
def check():
    """« ok » when the database answers and the upload folder takes a file; 503 and the reason otherwise."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except (PeeweeException, MaxConnectionsExceeded):
        return _unwell(DATABASE_DOWN)
    try:
        folder = Path(current_app.config["UPLOAD_FOLDER"])
        # The folder is created on the first upload (storage.store): a fresh
        # install that can create it is well.
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".sante-"):
            pass
    except OSError:
        return _unwell(UPLOADS_NOT_WRITABLE)
    return _plain("ok", 200)


# The connection each request opens (app.py) fails before the view runs when
# the database is gone: that is an answer of this page too, not a 500.
@bp.errorhandler(PeeweeException)
@bp.errorhandler(MaxConnectionsExceeded)
def database_down(error):
    return _unwell(DATABASE_DOWN)


def _unwell(reason):
    # The exception's text may name a host, a user or a path: only the reason is said.
    current_app.logger.warning("GET /sante : %s", reason)
    return _plain(reason, 503)


def _plain(text, status):
    return text, status, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
