"""Login sessions held on the server, and the failed attempts that throttle logins."""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from peewee import CharField, DateTimeField, fn

import clock
from .accounts import Account, fingerprint, normalise_email
from .base import BaseModel, ForeignKey, PreparedRows, db, guarded_update, inserted


class LoginSession(BaseModel):
    """One browser's login. Logging out ends it here, so a copied cookie dies too."""

    account = ForeignKey(Account, backref="login_sessions", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    uniquifier = CharField()
    created_at = DateTimeField(default=clock.now)
    # The last request made with it: a login left idle too long ends.
    last_seen_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)

    # Activity is written down at most this often: a page view seldom writes.
    SEEN_EVERY = timedelta(minutes=1)

    @staticmethod
    def _hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def open(cls, account):
        """Start a login session; returns the account ready for ``login_user``."""
        token = secrets.token_urlsafe(32)
        account.last_login_at = clock.now()
        with db.atomic():
            inserted(cls, account=account, token_hash=cls._hash(token), uniquifier=account.uniquifier)
            # Only this column: a whole-row save would write back the password and email read before the
            # check, undoing a change made meanwhile (a reset link used in another tab).
            guarded_update(Account, account.id, Account.uniquifier, account.uniquifier,
                           {"last_login_at": account.last_login_at})
        account.session_token = token
        return account

    @staticmethod
    def _limits():
        """``(created after, last active after)``: older logins have expired (SESSION_MAX_HOURS, SESSION_IDLE_MINUTES)."""
        now, config = clock.now(), current_app.config
        return (now - timedelta(hours=float(config["SESSION_MAX_HOURS"])),
                now - timedelta(minutes=float(config["SESSION_IDLE_MINUTES"])))

    @classmethod
    def load(cls, token):
        """The account of a live login session, or None. Runs on every request of a logged-in person.

        A login lives SESSION_MAX_HOURS after it began, and ends sooner when
        left idle SESSION_IDLE_MINUTES; each request made with it is activity.
        """
        if not token:
            return None
        token_hash = cls._hash(token)
        seen_before = clock.now() - cls.SEEN_EVERY
        account = _live_session.first(seen_before, token_hash, *cls._limits())
        if account is None or account.session_uniquifier != account.uniquifier:
            return None
        if account.deactivated_at is not None:
            # A staff member switched off in « Équipe »: deactivating also ends the sessions, this holds anyway.
            return None
        if account.session_seen_long_ago:
            cls._seen(token_hash, seen_before)
        account.session_token = token
        return account

    @classmethod
    def _seen(cls, token_hash, seen_before):
        # Conditional: of two requests at the same moment, one writes.
        with db.atomic():
            (cls.update(last_seen_at=clock.now())
             .where(cls.token_hash == token_hash, _last_active() < seen_before)
             .execute())

    @classmethod
    def end_if_expired(cls, token):
        """End the login session of ``token`` if it has expired; True when this call ended it (say so)."""
        if not token:
            return False
        created_after, active_after = cls._limits()
        with db.atomic():
            ended = (cls.update(ended_at=clock.now())
                     .where(cls.token_hash == cls._hash(token), cls.ended_at.is_null(),
                            (cls.created_at <= created_after) | (_last_active() <= active_after))
                     .execute())
        return ended == 1

    @classmethod
    def end(cls, token):
        if token:
            with db.atomic():
                cls.update(ended_at=clock.now()).where(cls.token_hash == cls._hash(token)).execute()


def _last_active():
    return fn.COALESCE(LoginSession.last_seen_at, LoginSession.created_at)


# The account of a live session, by the session's token hash: built once, as
# its SQL took longer to build than to run (see prepared_sql). Parameters:
# "last seen before" (is it time to write the activity down?), the token
# hash, "created after" and "last active after" (the session's limits).
_live_session = PreparedRows(Account, lambda: (
    Account.select(Account, LoginSession.uniquifier.alias("session_uniquifier"),
                   (_last_active() < datetime.min).alias("session_seen_long_ago"))
    .join(LoginSession, on=(LoginSession.account == Account.id))
    .where(LoginSession.token_hash == "", LoginSession.ended_at.is_null(),
           LoginSession.created_at > datetime.min, _last_active() > datetime.min)
))


class LoginAttempt(BaseModel):
    """A failed login, by email and by IP. Kept in the database so every process sees it."""

    key = CharField(index=True)
    at = DateTimeField(default=clock.now, index=True)

    WINDOW = timedelta(minutes=5)
    LIMIT = 5

    @classmethod
    def keys_for(cls, email, ip):
        # The IP allows more failures than one mailbox: a school or a family
        # behind one address must not lock each other out too easily. Keys
        # are hashed so any email fits the column.
        return [(fingerprint(f"email:{normalise_email(email)}"), cls.LIMIT),
                (fingerprint(f"ip:{ip}"), cls.LIMIT * 4)]

    @classmethod
    def retry_after(cls, email, ip):
        """Seconds before a new attempt is allowed, or 0 when allowed now."""
        now = clock.now()
        since = now - cls.WINDOW
        wait = 0
        for key, limit in cls.keys_for(email, ip):
            recent = list(
                cls.select(cls.at).where(cls.key == key, cls.at > since).order_by(cls.at.desc()).limit(limit)
            )
            if len(recent) >= limit:
                oldest = recent[-1].at
                wait = max(wait, int((oldest + cls.WINDOW - now).total_seconds()) + 1)
        return wait

    @classmethod
    def record_failure(cls, email, ip):
        with db.atomic():
            cls.delete().where(cls.at < clock.now() - cls.WINDOW * 12).execute()
            for key, _ in cls.keys_for(email, ip):
                cls.create(key=key)

    @classmethod
    def clear(cls, email):
        with db.atomic():
            cls.delete().where(cls.key == cls.keys_for(email, "")[0][0]).execute()
