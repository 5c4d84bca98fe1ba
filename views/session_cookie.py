"""Flask's signed session cookie, each cookie verified once per process rather than at every request.

Opening the cookie (derive the key, check the HMAC, base64, zlib, tagged
JSON) took about 0.1 ms of every logged-in page, while a browser sends the
same cookie again and again until the session changes. The cookie's text is
its own key here: the same bytes under the same secret always give the same
answer, so keeping the answer drops no check. Its age is still compared with
PERMANENT_SESSION_LIFETIME at each request, as itsdangerous would, and a
cookie that fails (bad signature, tampered, expired) is never kept: it goes
through the whole check again, and gives an empty session as before.
"""
import copy
import time
from functools import lru_cache

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

# Cookies kept verified: about 1 KB each; a browser's cookie changes only when its session does.
KEPT = 2048


class VerifiedOnceSessionInterface(SecureCookieSessionInterface):

    def __init__(self):
        self._verified = lru_cache(maxsize=KEPT)(self._verify)

    def _verify(self, app, secret_keys, value):
        """``(data, signed at, in seconds since the epoch)`` of a cookie; BadSignature when it is not ours."""
        data, signed_at = self.get_signing_serializer(app).loads(value, return_timestamp=True)
        return data, int(signed_at.timestamp())

    def open_session(self, app, request):
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or not app.secret_key:
            return super().open_session(app, request)
        # Keyed by the secrets too: a cookie verified under a key that was since replaced is checked again.
        secret_keys = (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        try:
            data, signed_at = self._verified(app, secret_keys, value)
        except BadSignature:
            return self.session_class()
        if int(time.time()) - signed_at > int(app.permanent_session_lifetime.total_seconds()):
            return self.session_class()  # too old, as itsdangerous' SignatureExpired would say
        # A copy: the request may change its session (nested values too) without changing what is kept.
        return self.session_class(copy.deepcopy(data))
