"""The message thread of a registration: the candidate and the staff of its pôle write to each other."""
from peewee import BooleanField, DateTimeField, ForeignKeyField, TextField

import clock
from .accounts import Account
from .base import BaseModel
from .registrations import Registration


class Message(BaseModel):
    """One message, plain text, kept with the registration; ``read_at`` is when the other side read it."""

    registration = ForeignKeyField(Registration, backref="messages", on_delete="CASCADE")
    author = ForeignKeyField(Account, null=True, on_delete="SET NULL")
    from_staff = BooleanField(default=False)
    body = TextField()
    created_at = DateTimeField(default=clock.now, index=True)
    read_at = DateTimeField(null=True)
