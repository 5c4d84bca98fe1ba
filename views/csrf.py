"""A session's CSRF token signed once per process, not at every page.

Flask-WTF signs the session's token anew for each request that shows a form
(a timestamp, then an HMAC): a fifth of a light page's time. The token
lives as long as the session (WTF_CSRF_TIME_LIMIT is None), so its first
signature stays valid: it is kept, and put where Flask-WTF looks first.
With a time limit set, each signature must carry its own time: Flask-WTF
then signs as it does by itself.
"""
from functools import lru_cache

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import URLSafeTimedSerializer

FIELD = "csrf_token"
SALT = "wtf-csrf-token"  # Flask-WTF's, or its check would refuse the token


def init_app(app):
    """Call after CSRFProtect(app): the templates' csrf_token() is replaced too."""
    app.before_request(_signed_token_for_this_request)
    app.jinja_env.globals["csrf_token"] = csrf_token


def csrf_token():
    """The signed token of this request, as Flask-WTF's csrf_token() gives it."""
    return g.csrf_token if FIELD in g else generate_csrf()


def _signed_token_for_this_request():
    config = current_app.config
    if (request.endpoint == "static" or config.get("WTF_CSRF_TIME_LIMIT", 3600) is not None
            or config.get("WTF_CSRF_FIELD_NAME", FIELD) != FIELD):
        return
    # A visitor without a session has no token yet: Flask-WTF makes it, at the first form.
    raw = session.get(FIELD) if session else None
    if isinstance(raw, str):
        g.csrf_token = _signed(config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, raw)


@lru_cache(maxsize=4096)
def _signed(secret_key, raw):
    return URLSafeTimedSerializer(secret_key, salt=SALT).dumps(raw)
