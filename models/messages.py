"""The message thread of a registration: the candidate and the staff of its pôle write to each other."""
from datetime import timedelta

from peewee import JOIN, BooleanField, DateTimeField, TextField, fn

import clock
from .accounts import Account
from .base import BaseModel, ForeignKey, PreparedRows, db, prepared_sql
from .errors import NotAllowed
from .registrations import Registration

BODY_MAX = 2000
# A candidate writes at most this many messages in this time: enough for a real exchange, not a flood of emails.
CANDIDATE_DAILY_LIMIT = 10
CANDIDATE_LIMIT_WINDOW = timedelta(hours=24)


class Message(BaseModel):
    """One message, plain text, kept with the registration; ``read_at`` is when the other side read it."""

    registration = ForeignKey(Registration, backref="messages", on_delete="CASCADE")
    author = ForeignKey(Account, null=True, on_delete="SET NULL")
    from_staff = BooleanField(default=False)
    body = TextField()
    created_at = DateTimeField(default=clock.now, index=True)
    read_at = DateTimeField(null=True)

    @classmethod
    def thread(cls, registration):
        """The registration's messages, oldest first, each with its ``author_email`` (None when the author's
        account is gone): SQL built once, the candidate's page and the review page show the thread."""
        return _thread.all(getattr(registration, "id", registration))

    @classmethod
    def write(cls, registration, author, body, from_staff):
        """Add a message to the thread; NotAllowed when it is empty, too long, or the candidate wrote too much today.

        The candidate's messages of the last 24 hours are counted under the
        registration's row lock, so two messages sent at the same instant, in
        two processes, cannot both be the tenth.
        """
        body = (body or "").strip()
        if not body:
            raise NotAllowed("Écrivez votre message.")
        if len(body) > BODY_MAX:
            raise NotAllowed(f"Un message ne doit pas dépasser {BODY_MAX} caractères.")
        with db.atomic():
            Registration.locked(registration.id)
            if not from_staff:
                since = clock.now() - CANDIDATE_LIMIT_WINDOW
                written = cls.select().where(cls.registration == registration.id, cls.from_staff == False,  # noqa: E712
                                             cls.created_at > since).count()
                if written >= CANDIDATE_DAILY_LIMIT:
                    raise NotAllowed(f"Vous avez déjà écrit {CANDIDATE_DAILY_LIMIT} messages en 24 heures : "
                                     "attendez la réponse du pôle, ou téléphonez-lui si c'est urgent.")
            return cls.create(registration=registration.id, author=author, from_staff=from_staff, body=body)

    @classmethod
    def opened(cls, registration, by_staff):
        """The thread of ``registration`` as one side opens it (staff when ``by_staff``): the other side's
        messages read from now on.

        Written only when some are unread, so a page opened without news stays
        a read (no write transaction); then the thread is read again, so that a
        message arriving in between is shown rather than marked read unseen.
        """
        thread = cls.thread(registration)
        if any(message.from_staff != by_staff and message.read_at is None for message in thread):
            cls.mark_read(registration, by_staff)
            thread = cls.thread(registration)
        return thread

    @classmethod
    def mark_read(cls, registration, by_staff):
        """The messages of the other side are read now (by staff when ``by_staff``)."""
        with db.atomic():
            if by_staff:
                # The registration's row before the messages', as every path that changes its messages takes them:
                # the trigger counting its unread messages (piece_counts.py) updates that row.
                Registration.locked(registration.id)
            return (cls.update(read_at=clock.now())
                    .where(cls.registration == registration.id, cls.from_staff == (not by_staff),
                           cls.read_at.is_null()).execute())

    @classmethod
    def unread_by_staff(cls, *columns):
        """The candidate's messages no member of staff has read (``columns`` of them)."""
        return cls.select(*columns).where(cls.from_staff == False, cls.read_at.is_null())  # noqa: E712

    @classmethod
    def unread_by_candidate(cls, registration):
        """How many of the rectorat's messages the candidate has not read yet (« Écrire au pôle » says so on
        M'inscrire and Mes justificatifs: SQL built once)."""
        return db.execute_sql(_unread_by_candidate_sql(), (registration.id, True)).fetchone()[0]


# Parameters: the registration's id, then True (from staff).
_unread_by_candidate_sql = prepared_sql(lambda: (
    Message.select(fn.COUNT(Message.id))
    .where(Message.registration == 0, Message.from_staff == True, Message.read_at.is_null())))  # noqa: E712


# Parameter: the registration's id.
_thread = PreparedRows(Message, lambda: (
    Message.select(Message, Account.email.alias("author_email"))
    .join(Account, JOIN.LEFT_OUTER, on=(Message.author == Account.id))
    .where(Message.registration == 0).order_by(Message.created_at, Message.id)))
