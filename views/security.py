"""Security headers, cache policy and fingerprinted static files."""
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import abort, current_app, has_request_context, request, url_for
from werkzeug.security import safe_join

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
SECURE_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # same-origin keeps the Referer that Flask-WTF checks on HTTPS POSTs,
    # and sends nothing to other sites.
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
ONE_YEAR = 365 * 24 * 3600


def init_app(app):
    app.after_request(_secure_headers)
    app.before_request(_refuse_nul_characters)
    # Flask's send_file asks the app how long a file may be cached; without
    # an answer it sends "no-cache", and the browser asks again at every page.
    app.get_send_file_max_age = _max_age


@lru_cache(maxsize=64)
def _fingerprint(folder, filename):
    return hashlib.sha256((Path(folder) / filename).read_bytes()).hexdigest()[:12]


def static_url(filename):
    """URL of a static file with its content hash, so it can be cached for a year.

    Every page asks for the same few: each URL is built once per portal
    and prefix it is served under.
    """
    root = request.script_root if has_request_context() else None
    return _static_url(current_app._get_current_object(), root, filename)


@lru_cache(maxsize=64)
def _static_url(app, root, filename):
    return url_for("static", filename=filename, v=_fingerprint(app.static_folder, filename))


def _fingerprinted():
    """Is this request for a static file by the URL static_url gives now (its current content hash)?"""
    if not has_request_context() or request.endpoint != "static" or not request.args.get("v"):
        return False
    filename = request.view_args.get("filename", "")
    if safe_join(current_app.static_folder, filename) is None:
        return False
    try:
        return request.args["v"] == _fingerprint(current_app.static_folder, filename)
    except OSError:  # no such file: Flask answers 404
        return False


def _max_age(filename):
    """A year for a fingerprinted static file (its URL changes with its content); for any other file, none."""
    return ONE_YEAR if _fingerprinted() else None


def _refuse_nul_characters():
    """No typed text holds a NUL character; PostgreSQL would refuse to store one."""
    # A GET carries no form: its body is not even looked at.
    form = request.form.values() if request.method != "GET" else ()
    if any("\x00" in value for value in (*request.args.values(), *form)):
        abort(400)


def _secure_headers(response):
    headers = response.headers
    # Each one unless the view set its own (a file's stricter CSP): the
    # names present are read once, not once per header.
    present = {name.lower() for name in headers.keys()}
    for name, value in SECURE_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    if request.endpoint == "static" and _fingerprinted():
        # send_file made it "public, max-age=…": it never changes under this URL.
        response.cache_control.immutable = True
    elif request.endpoint != "static":
        # Pages carry personal data: no copy in any cache or in the history.
        response.headers["Cache-Control"] = "no-store"
    return response
