"""Accounts, their login sessions and the login attempts that throttle them."""
import hashlib
import secrets
import unicodedata
from datetime import timedelta

from flask_login import UserMixin
from peewee import CharField, DateTimeField, ForeignKeyField, IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

import clock
import tokens
from .base import BaseModel, db, prepared_sql

ACTIVATION_DELAY = timedelta(hours=48)
RESEND_INTERVAL = timedelta(minutes=3)
PASSWORD_METHOD = "scrypt"
# A hash computed for nobody, so that a login with an unknown email costs
# the same time as one with a known email (no enumeration by timing).
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8), method=PASSWORD_METHOD)


def normalise_email(email):
    """One spelling per mailbox: ``User@X.fr`` and ``ｕｓｅｒ@x.fr`` are one account."""
    return unicodedata.normalize("NFKC", email or "").strip().casefold()


def _fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _new_uniquifier():
    return secrets.token_urlsafe(16)


class Account(UserMixin, BaseModel):
    email = CharField()
    email_key = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="candidat")  # candidat, gestionnaire, admin
    uniquifier = CharField(default=_new_uniquifier)
    created_at = DateTimeField(default=clock.now)
    activated_at = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)

    # The token of the login session this object was loaded for (see LoginSession).
    session_token = None

    @property
    def is_active(self):
        return self.activated_at is not None

    @property
    def is_staff(self):
        return self.role in ("gestionnaire", "admin")

    def get_id(self):
        return self.session_token

    @classmethod
    def by_email(cls, email):
        return cls.get_or_none(cls.email_key == normalise_email(email))

    @classmethod
    def sign_up(cls, email, password):
        """Create an unactivated account, or return the existing one.

        Returns ``(account, created)``. An unactivated account older than 48 h
        is deleted and replaced, so it never blocks a new signup; the new one
        gets a new uniquifier, so the old activation link cannot open it.
        """
        password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        with db.atomic():
            existing = cls.by_email(email)
            if existing and existing.is_expired_unactivated():
                existing.delete_instance(recursive=True)
                existing = None
            if existing:
                return existing, False
            try:
                # A savepoint: on PostgreSQL a failed INSERT spoils the rest of
                # the transaction, and the read below must still work.
                with db.atomic():
                    account = cls.create(
                        email=email.strip(),
                        email_key=normalise_email(email),
                        password_hash=password_hash,
                    )
            except IntegrityError:
                # Another request created it between our read and our write.
                return cls.by_email(email), False
            return account, True

    def is_expired_unactivated(self, at=None):
        at = at or clock.now()
        return self.activated_at is None and at - self.created_at >= ACTIVATION_DELAY

    @classmethod
    def purge_unactivated(cls):
        """Delete the accounts not activated within 48 h; returns how many."""
        limit = clock.now() - ACTIVATION_DELAY
        with db.atomic():
            stale = cls.select().where(cls.activated_at.is_null(), cls.created_at <= limit)
            count = 0
            for account in stale:
                account.delete_instance(recursive=True)
                count += 1
        return count

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @staticmethod
    def waste_password_check(password):
        check_password_hash(_DUMMY_HASH, password)

    def set_password(self, password):
        """Change the password and end every login session of the account."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        self.uniquifier = _new_uniquifier()
        self.save()

    def end_all_sessions(self):
        self.uniquifier = _new_uniquifier()
        self.save()

    # Tokens ---------------------------------------------------------------

    def _token_state(self, purpose):
        """What must not have changed since the token was made, per purpose."""
        if purpose == "activate":
            return "pending" if self.activated_at is None else "done"
        if purpose in ("reset", "set-password"):
            return _fingerprint(self.password_hash)
        return ""

    def make_token(self, purpose, **extra):
        payload = {
            "id": self.id,
            "u": self.uniquifier,
            "e": self.email_key,
            "s": self._token_state(purpose),
            **extra,
        }
        return tokens.sign(purpose, payload)

    @classmethod
    def from_token(cls, token, purpose):
        """The account a valid, unused token of ``purpose`` names, or None.

        Returns ``(account, payload)`` so callers can read extra fields.
        """
        payload = tokens.unsign(purpose, token)
        if not isinstance(payload, dict):
            return None, None
        account = cls.get_or_none(cls.id == payload.get("id"))
        if (
            account is None
            or payload.get("u") != account.uniquifier
            or payload.get("e") != account.email_key
            or payload.get("s") != account._token_state(purpose)
        ):
            return None, None
        return account, payload


    @classmethod
    def activated_by(cls, token):
        """Did this activation link already do its job? (To say so, rather than "invalid".)"""
        payload = tokens.unsign("activate", token)
        if not isinstance(payload, dict):
            return False
        account = cls.get_or_none(cls.id == payload.get("id"))
        return bool(account and account.is_active and payload.get("u") == account.uniquifier
                    and payload.get("e") == account.email_key)


class StaffPole(BaseModel):
    """A pôle a gestionnaire works for, by code (pôles keep their code across sessions)."""

    account = ForeignKeyField(Account, backref="staff_poles", on_delete="CASCADE")
    pole_code = CharField()

    class Meta:
        indexes = ((("account", "pole_code"), True),)


class LoginSession(BaseModel):
    """One browser's login. Logging out ends it here, so a copied cookie dies too."""

    account = ForeignKeyField(Account, backref="login_sessions", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    uniquifier = CharField()
    created_at = DateTimeField(default=clock.now)
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
        return [(_fingerprint(f"email:{normalise_email(email)}"), cls.LIMIT),
                (_fingerprint(f"ip:{ip}"), cls.LIMIT * 4)]

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
