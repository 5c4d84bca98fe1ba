"""Accounts, the signed links sent to them by email, and the pôles staff work for.

Links (activation, reset, email change, a new staff member's welcome) are
signed with one salt per purpose, so a reset link can never activate an
account. They carry the account's random ``uniquifier`` and normalised email,
not only its id: SQLite reuses ids after a purge, and a stale link must never
open a newer account. Single use comes from ``_token_state``: what a link
changes (the activation, the password) is part of what it signs.
"""
import hashlib
import secrets
import unicodedata
from datetime import timedelta

from flask import current_app
from flask_login import UserMixin
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer
from peewee import CharField, DateTimeField, IntegrityError

import clock
from .base import BaseModel, ForeignKey, PreparedRows, db, inserted
from .errors import EmailTaken
from .passwords import hash_password, password_matches, waste_a_check

ACTIVATION_DELAY = timedelta(hours=48)
RESEND_INTERVAL = timedelta(minutes=3)
TOKEN_MAX_AGE = {
    "activate": ACTIVATION_DELAY,
    "reset": timedelta(hours=1),
    "change-email": timedelta(hours=24),
    "set-password": timedelta(days=7),
}
STAFF_ROLES = ("admin", "gestionnaire")


def normalise_email(email):
    """One spelling per mailbox: ``User@X.fr`` and ``ｕｓｅｒ@x.fr`` are one account."""
    return unicodedata.normalize("NFKC", email or "").strip().casefold()


def fingerprint(text):
    """A short hash of ``text``: what a token or a throttling key keeps of a secret or an address."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _new_uniquifier():
    return secrets.token_urlsafe(16)


class ClockSigner(TimestampSigner):
    """Timestamps from the portal's clock, so tests can age a token."""

    def get_timestamp(self):
        return clock.timestamp()


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"sesame.{purpose}", signer=ClockSigner)


def _unsign(purpose, token):
    """The payload of a valid token for ``purpose``, or None (bad, expired, other purpose)."""
    try:
        return _serializer(purpose).loads(token, max_age=int(TOKEN_MAX_AGE[purpose].total_seconds()))
    except (BadSignature, TypeError, ValueError):
        return None


class Account(UserMixin, BaseModel):
    email = CharField()
    email_key = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="candidat")  # candidat, gestionnaire, admin
    uniquifier = CharField(default=_new_uniquifier)
    created_at = DateTimeField(default=clock.now)
    activated_at = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    # A staff member who left: their account stays (the audit trail names it) but cannot log in.
    deactivated_at = DateTimeField(null=True)

    class Meta:
        # Tableau de bord counts the activated candidates from this index, not the accounts' rows.
        indexes = ((("role", "activated_at"), False),)

    # The token of the login session this object was loaded for (see LoginSession).
    session_token = None

    @property
    def is_active(self):
        return self.activated_at is not None

    @property
    def is_deactivated(self):
        return self.deactivated_at is not None

    @property
    def is_staff(self):
        return self.role in STAFF_ROLES

    def get_id(self):
        return self.session_token

    @classmethod
    def by_email(cls, email):
        return _by_email_key.first(normalise_email(email))

    @classmethod
    def sign_up(cls, email, password):
        """Create an unactivated account, or return the existing one.

        Returns ``(account, created)``. An unactivated account older than 48 h
        is deleted and replaced, so it never blocks a new signup; the new one
        gets a new uniquifier, so the old activation link cannot open it.
        """
        password_hash = hash_password(password)
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
                    account = inserted(cls, email=email.strip(), email_key=normalise_email(email),
                                       password_hash=password_hash)
            except IntegrityError:
                # Another request created it between our read and our write.
                return cls.by_email(email), False
            return account, True

    def pole_codes(self):
        """The codes of the pôles this staff member works for, as a subquery; None for an admin, who sees them all.

        Pôles are named by code, which they keep from one session to the next.
        """
        if self.role == "admin":
            return None
        return StaffPole.select(StaffPole.pole_code).where(StaffPole.account == self.id)

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

    def activate(self):
        """Activer mon compte (or a first password chosen from a welcome link); False when it already was.

        Conditional, so two clicks on the link activate once on any database.
        """
        with db.atomic():
            now = clock.now()
            done = (Account.update(activated_at=now)
                    .where(Account.id == self.id, Account.activated_at.is_null()).execute())
        if done:
            self.activated_at = now
        return bool(done)

    def change_email(self, new_email):
        """Take ``new_email`` as the account's address; EmailTaken when another account has it.

        The UNIQUE index decides, so two accounts racing for one address
        cannot both get it, whatever the database.
        """
        try:
            with db.atomic():
                Account.update(email=new_email, email_key=normalise_email(new_email)).where(
                    Account.id == self.id).execute()
        except IntegrityError:
            raise EmailTaken(new_email) from None
        self.email, self.email_key = new_email, normalise_email(new_email)

    def check_password(self, password):
        return password_matches(self.password_hash, password)

    @staticmethod
    def waste_password_check(password):
        waste_a_check(password)

    def set_password(self, password):
        """Change the password and end every login session of the account."""
        with db.atomic():
            self.password_hash = hash_password(password)
            self.uniquifier = _new_uniquifier()
            self.save()

    def end_all_sessions(self):
        with db.atomic():
            self.uniquifier = _new_uniquifier()
            self.save()

    # Tokens ---------------------------------------------------------------

    def _token_state(self, purpose):
        """What must not have changed since the token was made, per purpose."""
        if purpose == "activate":
            return "pending" if self.activated_at is None else "done"
        if purpose in ("reset", "set-password"):
            return fingerprint(self.password_hash)
        return ""

    def make_token(self, purpose, **extra):
        """A URL-safe signed token for ``purpose``, naming this account as it is now."""
        payload = {"id": self.id, "u": self.uniquifier, "e": self.email_key, "s": self._token_state(purpose), **extra}
        return _serializer(purpose).dumps(payload)

    @classmethod
    def from_token(cls, token, purpose):
        """The account a valid, unused token of ``purpose`` names, or None.

        Returns ``(account, payload)`` so callers can read extra fields.
        """
        payload = _unsign(purpose, token)
        account = cls._named_by(payload)
        if account is None or payload.get("s") != account._token_state(purpose):
            return None, None
        return account, payload

    @classmethod
    def activated_by(cls, token):
        """Did this activation link already do its job? (To say so, rather than "invalid".)"""
        account = cls._named_by(_unsign("activate", token))
        return bool(account and account.is_active)

    @classmethod
    def _named_by(cls, payload):
        """The account a token's payload names, if it is still that account (same uniquifier and email)."""
        if not isinstance(payload, dict):
            return None
        account = cls.get_or_none(cls.id == payload.get("id"))
        if account is None or payload.get("u") != account.uniquifier or payload.get("e") != account.email_key:
            return None
        return account


class StaffPole(BaseModel):
    """A pôle a gestionnaire works for, by code (pôles keep their code across sessions)."""

    account = ForeignKey(Account, backref="staff_poles", on_delete="CASCADE")
    pole_code = CharField()

    class Meta:
        indexes = ((("account", "pole_code"), True),)


# At each signup, login and « mot de passe oublié ». Parameter: the normalised address.
_by_email_key = PreparedRows(Account, lambda: Account.select().where(Account.email_key == ""))
