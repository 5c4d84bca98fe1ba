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

    @classmethod
    def for_registration(cls, registration):
        """The pieces currently required, in the session's order."""
        return (cls.select().where(cls.registration == registration, cls.obsolete_at.is_null())
                .order_by(cls.position))

    @classmethod
    def sync_for(cls, registration):
        """Make the pieces match what the rules now ask; call inside the saving transaction.

        New pieces appear as missing; pieces no longer asked are kept (with
        their files) but marked obsolete; a piece asked again comes back as it
        was. Returns True when a piece was added, since the candidate must
        then provide it and a declaration made earlier no longer holds.
        """
        wanted = {piece.code: (position, piece) for position, piece in enumerate(registration.required_pieces())}
        existing = {piece.code: piece for piece in cls.select().where(cls.registration == registration)}
        added = False
        now = clock.now()
        for code, (position, required) in wanted.items():
            piece = existing.get(code)
            if piece is None:
                cls.create(registration=registration, code=code, label=required.label, help=required.help,
                           reason=required.reason, position=position)
                added = True
                continue
            added = added or piece.obsolete_at is not None and piece.status in ("manquante", "refusée")
            piece.label, piece.help, piece.reason, piece.position = required.label, required.help, required.reason, position
            piece.obsolete_at = None
            piece.save()
        for code, piece in existing.items():
            if code not in wanted and piece.obsolete_at is None:
                piece.obsolete_at = now
                piece.save()
        return added


class Upload(BaseModel):
    piece = ForeignKeyField(Piece, backref="uploads", on_delete="CASCADE")
    original_name = CharField()
    stored_name = CharField(unique=True)
    size = IntegerField()
    content_type = CharField()
    sha256 = CharField()
    created_at = DateTimeField(default=clock.now)
