"""The one source of "now" for the whole portal.

Deadlines are decided to the second, so tests must be able to set the time.
An app may put a callable in ``app.config["CLOCK"]``; everything that needs
the time asks this module, never ``datetime.now()`` directly.
"""
from datetime import datetime, timezone

from flask import current_app, has_app_context


def now():
    """The current instant as a naive UTC datetime (how the database stores it)."""
    if has_app_context():
        clock = current_app.config.get("CLOCK")
        if clock is not None:
            return clock()
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def timestamp():
    """The current instant as seconds since the epoch, for signed tokens."""
    return int(now().replace(tzinfo=timezone.utc).timestamp())
