"""Login sessions held on the server, and the failed attempts that throttle logins."""
import hashlib
import secrets
from datetime import timedelta

from peewee import CharField, DateTimeField, ForeignKeyField

import clock
from .accounts import Account, fingerprint, normalise_email
from .base import BaseModel, db, prepared_sql


class LoginSession(BaseModel):
    """One browser's login. Logging out ends it here, so a copied cookie dies too."""

    account = ForeignKeyField(Account, backref="login_sessions", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    uniquifier = CharField()
    created_at = DateTimeField(default=clock.now)
    # The last request made with it: a login left idle too long ends.
    last_seen_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)

    @staticmethod
    def _hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def open(cls, account):
        """Start a login session; returns the account ready for ``login_user``."""
        token = secrets.token_urlsafe(32)
        with db.atomic():
            cls.create(account=account, token_hash=cls._hash(token), uniquifier=account.uniquifier)
            account.last_login_at = clock.now()
            account.save()
        account.session_token = token
        return account

    @classmethod
    def load(cls, token):
        """The account of a live login session, or None. Runs on every request of a logged-in person."""
        if not token:
            return None
        account = next(iter(Account.raw(_live_session_sql(), cls._hash(token))), None)
        if account is None or account.session_uniquifier != account.uniquifier:
            return None
        account.session_token = token
        return account

    @classmethod
    def end(cls, token):
        if token:
            with db.atomic():
                cls.update(ended_at=clock.now()).where(cls.token_hash == cls._hash(token)).execute()


# The account of a live session, by the session's token hash: built once, as
# its SQL took longer to build than to run (see prepared_sql).
_live_session_sql = prepared_sql(lambda: (
    Account.select(Account, LoginSession.uniquifier.alias("session_uniquifier"))
    .join(LoginSession, on=(LoginSession.account == Account.id))
    .where(LoginSession.token_hash == "", LoginSession.ended_at.is_null())
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
