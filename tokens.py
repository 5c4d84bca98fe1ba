"""Signed, expiring links sent by email (activation, reset, email change).

Each purpose has its own salt, so a reset token can never activate an
account. Tokens carry the account's random ``uniquifier`` and normalised
email, not only its id: SQLite reuses ids after a purge, and a stale link
must never open a newer account. Single use is the model's job (see
``Account.from_token``).
"""
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

import clock

MAX_AGE = {
    "activate": timedelta(hours=48),
    "reset": timedelta(hours=1),
    "change-email": timedelta(hours=24),
    "set-password": timedelta(days=7),
}


class ClockSigner(TimestampSigner):
    """Timestamps from the portal's clock, so tests can age a token."""

    def get_timestamp(self):
        return clock.timestamp()


def _serializer(purpose):
    return URLSafeTimedSerializer(
        current_app.secret_key, salt=f"sesame.{purpose}", signer=ClockSigner
    )


def sign(purpose, payload):
    """A URL-safe token for ``purpose`` carrying ``payload``."""
    return _serializer(purpose).dumps(payload)


def unsign(purpose, token):
    """The payload of a valid token for ``purpose``, or None (bad, expired, other purpose)."""
    try:
        return _serializer(purpose).loads(
            token, max_age=int(MAX_AGE[purpose].total_seconds())
        )
    except (BadSignature, TypeError, ValueError):
        return None
