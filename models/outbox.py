"""Emails waiting to be delivered, and the audit trail of what people did."""
from datetime import timedelta

from flask import g, has_request_context
from peewee import CharField, DateTimeField, IntegerField, IntegrityError, TextField

import clock
from .accounts import Account
from .base import BaseModel, ForeignKey, db, guarded_update, inserted, kept_sql, model_rows

MAX_ATTEMPTS = 6
# A message claimed by a sender that died is claimable again after this.
CLAIM_TIMEOUT = timedelta(minutes=10)


class Outbox(BaseModel):
    """An email, written in the same transaction as the action that causes it."""

    recipient = CharField()
    subject = CharField()
    body = TextField()
    status = CharField(default="queued", index=True)  # queued, sending, sent, failed
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=clock.now)
    created_at = DateTimeField(default=clock.now)
    sent_at = DateTimeField(null=True)
    last_error = TextField(null=True)

    @classmethod
    def queue(cls, recipient, subject, body):
        message = inserted(cls, recipient=recipient, subject=subject, body=body)
        if has_request_context():
            # Sent once the response is out (see mail.py), only if this commits.
            db.after_commit(lambda: g.setdefault("outbox_pending", []).append(message.id))
        return message

    @classmethod
    def _due(cls, now):
        return (((cls.status == "queued") & (cls.next_attempt_at <= now))
                | ((cls.status == "sending") & (cls.next_attempt_at <= now - CLAIM_TIMEOUT)))

    @classmethod
    def claim_due(cls, limit=50, ids=None):
        """Mark due messages (among ``ids`` when given) as being sent by us; returns them, oldest first.

        One conditional UPDATE … RETURNING claims them all: it repeats the "due"
        test on each row it changes, so of two senders (two processes, or a
        request and the cron job) only one wins each message, and the winner
        gets its rows without reading them again.
        """
        now = clock.now()
        among = [] if ids is None else [cls.id.in_(ids)]
        due = cls.select(cls.id).where(cls._due(now), *among).order_by(cls.id).limit(limit)
        due_params = ["queued", now, "sending", now - CLAIM_TIMEOUT]
        params = ["sending", now, *due_params, *(ids or ()), limit, *due_params]
        with db.atomic():
            # Its SQL kept per number of ids: one claim per email sent.
            cursor = kept_sql(("claim", None if ids is None else len(ids)), params, lambda: (
                cls.update(status="sending", next_attempt_at=now).where(cls.id.in_(due), cls._due(now))
                .returning(cls)))
            claimed = model_rows(cls, cursor)
        return sorted(claimed, key=lambda message: message.id)

    def mark_sent(self):
        self.status, self.sent_at, self.last_error = "sent", clock.now(), None
        with db.atomic():
            # Ours since claim_due: it only changes while it is being sent.
            guarded_update(Outbox, self.id, Outbox.status, "sending",
                           {"status": self.status, "sent_at": self.sent_at, "last_error": None})

    def mark_failed(self, error):
        """Retry later with a growing delay; give up after MAX_ATTEMPTS."""
        with db.atomic():
            self.attempts += 1
            self.last_error = str(error)[:1000]
            if self.attempts >= MAX_ATTEMPTS:
                self.status = "failed"
            else:
                self.status = "queued"
                self.next_attempt_at = clock.now() + timedelta(minutes=2 ** self.attempts)
            self.save()


class MailThrottle(BaseModel):
    """When an email anyone can trigger (activation, reset…) last went to one address.

    One row per kind of email and address: claiming it is one conditional
    write, so two requests at once send one email, whatever the database.
    """

    key = CharField(unique=True)
    last_at = DateTimeField()

    @classmethod
    def claim(cls, key, interval):
        """True when nothing went under ``key`` within ``interval``: the caller sends, and the time is noted.

        An UPDATE whose condition decides, else an INSERT that the UNIQUE
        key decides: of two requests racing, one gets True, on any database.
        Call inside the transaction that queues the email, so both roll back together.
        """
        now = clock.now()
        with db.atomic():
            # By kept SQL (base.kept_sql, base.inserted): each signup and each « lien perdu » claims one.
            renewed = kept_sql(("throttle",), [now, key, now - interval], lambda: (
                cls.update(last_at=now).where(cls.key == key, cls.last_at <= now - interval)))
            if db.rows_affected(renewed):
                return True
            try:
                with db.atomic():  # a savepoint: PostgreSQL spoils a transaction whose INSERT failed
                    inserted(cls, key=key, last_at=now)
            except IntegrityError:
                return False
        return True


class Audit(BaseModel):
    """Who did what, when, about whom: read by staff, never edited."""

    at = DateTimeField(default=clock.now, index=True)
    actor = ForeignKey(Account, null=True, on_delete="SET NULL")
    action = CharField()
    subject = ForeignKey(Account, null=True, on_delete="SET NULL", backref="audit_events")
    detail = TextField(default="")

    @classmethod
    def record(cls, action, actor=None, subject=None, detail=""):
        # By a kept INSERT (base.inserted): most actions of a candidate leave a line here.
        return inserted(cls, action=action, actor=actor, subject=subject or actor, detail=detail)
