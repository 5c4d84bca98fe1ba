"""One log line per request: method, path (tokens masked), status, duration and a request id."""
import logging
import re
import secrets
import sys
import time
from urllib.parse import quote

from flask import g, request

logger = logging.getLogger("sesame.requests")

# An id a proxy in front already gave the request is kept, so its log and
# ours can be matched; anything else is replaced by one of our own.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MASK = "…"
PATH_SAFE = "/-._~!$&'()*+,;=:@"


def init_app(app):
    """Call before any other hook is registered: its before_request then runs first and its after_request last."""
    app.before_request(_start)
    app.after_request(_finish)


def log_to_stderr():
    """Show INFO lines (these, and waitress') on stderr: for `serve`, not for tests or cron commands."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _start():
    # An htmx POST that answers with the next page runs the hooks again for
    # that page (views.page.see_other_url): the line stays the POST's.
    if "request_log" in g:
        return
    incoming = request.headers.get("X-Request-Id", "")
    request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else secrets.token_hex(6)
    g.request_log = (time.perf_counter(), request_id, request.method, _masked_path())


def _masked_path():
    """The path, with the token of an emailed link replaced: a log must not open anyone's account.

    Percent-encoded, as it came: a path cannot break the line or forge another.
    """
    path = quote(request.path, safe=PATH_SAFE)
    for name, value in (request.view_args or {}).items():
        if name == "token" and value:
            path = path.replace(quote(str(value), safe=PATH_SAFE), MASK)
    return path


def _finish(response):
    if "request_log" not in g:
        _start()
    started, request_id, method, path = g.request_log
    milliseconds = (time.perf_counter() - started) * 1000
    response.headers["X-Request-Id"] = request_id
    logger.info("%s %s %s %.0f ms id=%s", method, path, response.status_code, milliseconds, request_id)
    return response
