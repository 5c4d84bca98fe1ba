"""The tables migrations create, as each version created them (models/migrations.py).

A migration never uses today's models, whose fields will have moved on by
the time an old database meets it: the tables it creates are declared here,
frozen at its version, and only ever read by it.
"""
from peewee import BooleanField, CharField, CompositeKey, DateTimeField, ForeignKeyField, IntegerField, Model, TextField

from .base import db


class MailThrottleAt1(Model):
    """``mail_throttle`` as version 1 creates it."""

    key = CharField(unique=True)
    last_at = DateTimeField()

    class Meta:
        database = db
        table_name = "mail_throttle"
        legacy_table_names = False  # indexes named after the table, as BaseModel does


class _Table(Model):
    """A table named by foreign keys of a table a migration creates (only its id is read)."""

    class Meta:
        database = db


class RegistrationAt2(_Table):
    class Meta:
        table_name = "registration"


class AccountAt2(_Table):
    class Meta:
        table_name = "account"


class MessageAt2(Model):
    """``message`` as version 2 creates it."""

    registration = ForeignKeyField(RegistrationAt2, on_delete="CASCADE")
    author = ForeignKeyField(AccountAt2, null=True, on_delete="SET NULL")
    from_staff = BooleanField(default=False)
    body = TextField()
    created_at = DateTimeField(index=True)
    read_at = DateTimeField(null=True)

    class Meta:
        database = db
        table_name = "message"
        legacy_table_names = False


class RegistrationTotalsAt5(Model):
    """``registration_totals`` as version 5 creates it."""

    session_id = IntegerField()
    exam_id = IntegerField()
    status = CharField()
    registrations = IntegerField(default=0)
    declared = IntegerField(default=0)
    pieces_to_review = IntegerField(default=0)
    pieces_refused = IntegerField(default=0)
    messages_unread = IntegerField(default=0)
    with_open_pieces = IntegerField(default=0)

    class Meta:
        database = db
        table_name = "registration_totals"
        primary_key = CompositeKey("session_id", "exam_id", "status")
