"""Sésame: the application factory."""
import os
import secrets
from pathlib import Path

from flask import Flask, g, request, session
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

import clock
import commands
import dates
import mail
import models
import storage
import views
from views import compression, csrf, errors, menu, request_log, security
from views.session_cookie import VerifiedOnceSessionInterface

DEFAULTS = {
    "MAX_UPLOAD_BYTES": 5 * 1024 * 1024,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_DEFAULT_SENDER": "Sésame <ne-pas-repondre@localhost>",
    "MAIL_TIMEOUT": 10,
    "MAIL_SEND_AFTER_REQUEST": True,
    "TRUSTED_PROXIES": 0,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "sesame",
    # A candidate may spend more than an hour on one step: the CSRF token
    # lives as long as the session instead of expiring mid-form.
    "WTF_CSRF_TIME_LIMIT": None,
    "CLOCK": None,
    # Where links in emails sent from the command line point to (`make`
    # sets it from HOST and PORT).
    "PUBLIC_URL": "http://127.0.0.1:5000",
    # A login ends when left idle this long, and this long after it began.
    "SESSION_IDLE_MINUTES": 120,
    "SESSION_MAX_HOURS": 12,
}

login_manager = LoginManager()
login_manager.login_view = "account.login"
login_manager.login_message = "Connectez-vous pour accéder à cette page."
login_manager.login_message_category = "info"
LOGIN_EXPIRED = "Votre session a expiré : reconnectez-vous."


@login_manager.user_loader
def _load_login(token):
    """The logged-in account, or None when the login has ended or expired."""
    account = models.LoginSession.load(token)
    if account is None:
        # Forget the dead token, so the next requests do not look it up again.
        session.pop("_user_id", None)
        g.login_expired = models.LoginSession.end_if_expired(token)
    return account


def _login_message(message):
    """The words of Flask-Login's "log in first" message: say so when the login expired."""
    return LOGIN_EXPIRED if g.get("login_expired") else message


login_manager.localize_callback = _login_message


def create_app(test_config=None):
    """Build the portal: defaults → instance/config.py → FLASK_* variables → test_config."""
    # INSTANCE_PATH: the tests keep the instance folder in a temporary one.
    app = Flask(__name__, instance_relative_config=True, instance_path=(test_config or {}).get("INSTANCE_PATH"))
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    _complete_config(app)

    # First of all hooks, so its line times the whole request and sees the final status.
    request_log.init_app(app)
    models.open_database(app.config["DATABASE"])
    security.init_app(app)
    CSRFProtect(app)
    csrf.init_app(app)
    app.session_interface = VerifiedOnceSessionInterface()
    login_manager.init_app(app)
    compression.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        count = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count)

    _connect_per_request(app)
    _template_helpers(app)
    app.after_request(mail.deliver_after_response)
    views.register(app)
    errors.register(app)
    commands.register(app)
    return app


def _complete_config(app):
    """Fill in what depends on the instance folder, creating it on first run."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    app.config.setdefault("DATABASE", f"sqlite:///{instance / 'sesame.db'}")
    app.config.setdefault("UPLOAD_FOLDER", str(instance / "uploads"))
    # The body of an upload request is one file plus a few form fields; the
    # upload view checks the file itself against MAX_UPLOAD_BYTES exactly.
    # (Flask's defaults hold MAX_CONTENT_LENGTH = None, so setdefault would never set it.)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_BYTES"]) + 64 * 1024


def _instance_secret(path):
    """The secret key kept in the instance folder, generated the first time."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path.read_text().strip()


MACROS = ("field", "feedback", "error_summary", "csrf")


def _template_helpers(app):
    """Every filter and global the templates use: wording has one home (dates.py, storage.py)."""
    app.jinja_env.filters.update(
        long_date=dates.long_date,
        long_datetime=dates.long_datetime,
        deadline=dates.deadline,
        day_and_time=dates.day_and_time,
        compact_datetime=dates.compact_datetime,
        countdown=lambda until: dates.countdown(until, clock.now()),
        file_size=storage.file_size,
    )
    app.jinja_env.globals.update(
        static_url=security.static_url,
        menu=menu.menu,
        has_endpoint=lambda name: name in app.view_functions,
        download_name=storage.download_name,
        # The rectorat's messages a candidate has not read (« Écrire au pôle »).
        unread_messages=models.Message.unread_by_candidate,
        # The colour of a piece's state, wherever it is shown.
        status_class={"manquante": "status-warn", "déposée": "", "validée": "status-ok", "refusée": "status-bad"},
    )
    # The macros of every form (a field, its feedback, the error summary, the CSRF field) are known to
    # every template: an import in each template, and in each piece's fragment, cost more than the macro.
    macros = app.jinja_env.get_template("_macros.html").module
    app.jinja_env.globals.update({name: getattr(macros, name) for name in MACROS})


def _connect_per_request(app):
    """One database connection per request, closed whatever happens."""

    @app.before_request
    def connect():
        if request.endpoint != "static":
            # Runs twice when a POST answers with the next page (see_other).
            g.opened_connection = g.get("opened_connection") or models.db.connect(reuse_if_open=True)

    @app.teardown_request
    def close(exc):
        # Only the connection this request opened: a caller (a test, a
        # command) that already had one keeps it.
        if g.pop("opened_connection", False) and not models.db.is_closed():
            models.db.close()
