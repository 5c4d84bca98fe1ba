"""Pièces justificatives of a registration and the files uploaded for them."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

import clock
from .accounts import Account
from .base import BaseModel
from .registrations import Registration


class Piece(BaseModel):
    """One required document of a registration; its status is reviewed by staff."""

    registration = ForeignKeyField(Registration, backref="pieces", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    help = TextField(default="")
    reason = TextField(default="")
    position = IntegerField(default=0)
    status = CharField(default="manquante")  # manquante, déposée, validée, refusée
    refusal_reason = TextField(default="")
    reviewed_by = ForeignKeyField(Account, null=True, on_delete="SET NULL")
    reviewed_at = DateTimeField(null=True)
    # A later due date staff granted this candidate for a refused piece.
    due_override = DateTimeField(null=True)
    obsolete_at = DateTimeField(null=True)  # no longer required after a change

    class Meta:
        indexes = ((("registration", "code"), True),)


class Upload(BaseModel):
    piece = ForeignKeyField(Piece, backref="uploads", on_delete="CASCADE")
    original_name = CharField()
    stored_name = CharField(unique=True)
    size = IntegerField()
    content_type = CharField()
    sha256 = CharField()
    created_at = DateTimeField(default=clock.now)
