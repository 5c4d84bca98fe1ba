"""Pièces justificatives of a registration and the files uploaded for them."""
from datetime import datetime

from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField, fn

import clock
from .accounts import Account
from .base import BaseModel, ForeignKey, PreparedRows, by_id, db, inserted, prepared_sql
from .decisions import PieceDecisions
from .errors import NotAllowed
from .registrations import Registration
from .removals import REMOVAL_DELAY, Removal

MAX_FILES_PER_PIECE = 4  # recto, verso, and a page or two more
MAX_FILES_PER_REGISTRATION = 20
# « Supprimer » keeps the file this long for « Annuler la suppression »; sweep-uploads then deletes it.
# Registrations whose candidate provides pieces (a draft has none, a cancelled one no longer).
LIVE_STATUSES = ("enregistrée", "validée")


class Piece(PieceDecisions, BaseModel):
    """One required document of a registration: the candidate provides it, staff review it."""

    registration = ForeignKey(Registration, backref="pieces", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    help = TextField(default="")
    reason = TextField(default="")
    position = IntegerField(default=0)
    status = CharField(default="manquante")  # manquante, déposée, validée, refusée
    refusal_reason = TextField(default="")
    reviewed_by = ForeignKey(Account, null=True, on_delete="SET NULL")
    reviewed_at = DateTimeField(null=True)
    # A later due date staff granted this candidate for a refused piece.
    due_override = DateTimeField(null=True)
    obsolete_at = DateTimeField(null=True)  # no longer required after a change
    # Asked after the candidate had declared all their pieces: the page says
    # why the declaration was reopened, until they declare again.
    reopens_declaration = BooleanField(default=False)

    class Meta:
        indexes = ((("registration", "code"), True),
                   # Tableau de bord counts the pieces to review and refused from this index.
                   (("status", "obsolete_at", "registration"), False))

    @classmethod
    def for_registration(cls, registration):
        """The pieces currently required, in the session's order: a list, by SQL built once (every candidate page asks).

        Given as a row, the registration is each piece's own (due dates read its session).
        """
        pieces = _required.all(getattr(registration, "id", registration))
        if isinstance(registration, Registration):
            for piece in pieces:
                piece.registration = registration
        return pieces

    @classmethod
    def sync_for(cls, registration):
        """Make the pieces match what the rules now ask; call inside the saving transaction.

        New pieces appear as missing; pieces no longer asked are kept (with
        their files) but marked obsolete; a piece asked again comes back as it
        was. Returns True when a piece was added, since the candidate must
        then provide it and a declaration made earlier no longer holds.
        """
        wanted = {piece.code: (position, piece) for position, piece in enumerate(registration.required_pieces())}
        existing = {piece.code: piece for piece in _every_piece.all(registration.id)}
        added = False
        now = clock.now()
        declared = registration.pieces_declared_at is not None
        for code, (position, required) in wanted.items():
            piece = existing.get(code)
            if piece is None:
                cls.create(registration=registration, code=code, label=required.label, help=required.help,
                           reason=required.reason, position=position, reopens_declaration=declared)
                added = True
                continue
            changes = {"label": required.label, "help": required.help, "reason": required.reason,
                       "position": position, "obsolete_at": None}
            if piece.obsolete_at is not None and piece.status in ("manquante", "refusée"):
                added = True
                changes["reopens_declaration"] = declared
            piece._write_changed(changes)
        for code, piece in existing.items():
            if code not in wanted and piece.obsolete_at is None:
                piece._write_changed({"obsolete_at": now})
        return added

    def _write_changed(self, changes):
        """Write those of ``changes`` that differ from the row: a registration saved again unchanged writes no
        piece, and a piece's status, which staff may be deciding meanwhile, is never written back."""
        changed = [name for name, value in changes.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, changes[name])
        if changed:
            self.save(only=[self._meta.fields[name] for name in changed])

    # The candidate's side ------------------------------------------------------

    @classmethod
    def of_account(cls, piece_id, account):
        """The piece ``piece_id`` if it belongs to ``account``, else None (another's is not found)."""
        return _of_account.first(piece_id, account)

    @property
    def due_at(self):
        """Until when the candidate may change this piece: the session's date, or a later one staff granted."""
        due = self.registration.session.documents_due_at
        return max(due, self.due_override) if self.due_override else due

    @property
    def files(self):
        """The files deposited (not those removed, kept a few minutes for « Annuler la suppression »)."""
        if self._read_files is not None:
            return self._read_files[0]
        return _files.all(self.id)

    def removed_files(self, at=None):
        """The files removed less than REMOVAL_DELAY ago: they can still come back."""
        if self._read_files is not None and at is None:
            return self._read_files[1]
        since = (at or clock.now()) - REMOVAL_DELAY
        return list(self.uploads.where(Upload.removed_at > since).order_by(Upload.removed_at.desc(), Upload.id))

    # (files, removed files, files of the whole registration) when read_files gave them, for a page
    # showing every piece's. add_upload counts again, under the write lock.
    _read_files = None

    @classmethod
    def read_files(cls, pieces):
        """Give each of ``pieces`` (of one registration) its files and removed files, read in one query for them
        all with the registration's count of files (SQL built once); returns ``pieces``."""
        if not pieces:
            return pieces
        found = {piece.id: ([], []) for piece in pieces}
        in_registration = 0
        for upload in _registration_uploads.all(pieces[0].registration_id, clock.now() - REMOVAL_DELAY):
            in_registration += upload.removed_at is None
            if upload.piece_id in found:  # not a piece no longer asked
                found[upload.piece_id][upload.removed_at is not None].append(upload)
        for piece in pieces:
            files, removed = found[piece.id]
            removed.sort(key=lambda upload: upload.removed_at, reverse=True)  # stable: by id among equals
            piece._read_files = (files, removed, in_registration)
        return pieces

    @property
    def awaits_new_files(self):
        """Refused by staff, or given new files since: open again after the declaration."""
        return self.status == "refusée" or self.status == "déposée" and self.reviewed_at is not None

    def locked_reason(self, at=None):
        """Why the candidate cannot add or remove files now, or None when they can."""
        at = at or clock.now()
        registration = self.registration
        if self.obsolete_at is not None:
            return "Cette pièce n'est plus demandée pour votre inscription."
        if registration.status not in LIVE_STATUSES:
            return "Votre inscription n'est pas enregistrée : les pièces ne peuvent pas être déposées."
        if self.status == "validée":
            return "Cette pièce a été validée par le rectorat : elle ne peut plus être modifiée."
        if not registration.session.opens_at <= at < self.due_at:
            return "La date limite de dépôt des pièces est passée : contactez le pôle de votre examen."
        if registration.pieces_declared_at is not None and not self.awaits_new_files:
            return ("Vous avez déclaré avoir fourni toutes vos pièces : seule une pièce refusée par le rectorat "
                    "peut être déposée à nouveau.")
        return None

    def upload_refusal(self, at=None):
        """Why a new file cannot be added now (deadline, declaration, limits), or None."""
        reason = self.locked_reason(at)
        if reason:
            return reason
        if self._read_files is not None:  # a page's (read_files): counted when the page read them
            in_piece, in_all = len(self._read_files[0]), self._read_files[2]
        else:
            in_piece = _count(_piece_files_sql, self.id)
            in_all = _count(_registration_files_sql, self.registration_id)
        if in_piece >= MAX_FILES_PER_PIECE:
            return (f"Cette pièce a déjà {MAX_FILES_PER_PIECE} fichiers : supprimez-en un pour en ajouter un autre, "
                    "ou regroupez les pages dans un seul PDF.")
        if in_all >= MAX_FILES_PER_REGISTRATION:
            return (f"Vous avez déjà déposé {MAX_FILES_PER_REGISTRATION} fichiers en tout : supprimez ceux qui ne "
                    "servent pas, ou regroupez les pages dans un seul PDF.")
        return None

    def add_upload(self, stored, original_name):
        """Record a complete file kept by storage.store; NotAllowed when the rules say no.

        Called once the file is on disk, so a row always names a whole file;
        the rules are checked again under the write lock, as another request
        may have added a file or declared in the meantime.
        """
        with db.atomic():
            # The registration's row, locked, orders this against other uploads, removals and the declaration.
            registration = Registration.locked(self.registration_id)
            piece = by_id(Piece).get(self.id)
            piece.registration = registration
            refusal = piece.upload_refusal()
            if refusal:
                raise NotAllowed(refusal)
            upload = inserted(Upload, piece=piece, original_name=original_name[:255], stored_name=stored.stored_name,
                              size=stored.size, content_type=stored.content_type, sha256=stored.sha256)
            Registration.dossier_changes(registration.id)
            if piece.status in ("manquante", "refusée"):
                Piece.update(status="déposée").where(Piece.id == piece.id).execute()
        return upload


class Upload(Removal, BaseModel):
    piece = ForeignKey(Piece, backref="uploads", on_delete="CASCADE")
    original_name = CharField()
    stored_name = CharField(unique=True)
    size = IntegerField()
    content_type = CharField()
    sha256 = CharField()
    created_at = DateTimeField(default=clock.now)
    # « Supprimer » keeps the file a few minutes, for « Annuler la suppression »; then it goes for good.
    removed_at = DateTimeField(null=True)

    @classmethod
    def of_account(cls, upload_id, account, removed=False):
        """The upload ``upload_id`` if its piece belongs to ``account``, else None.

        A removed file is only found with ``removed`` (for « Annuler la suppression »).
        """
        query = (cls.select(cls, Piece, Registration).join(Piece).join(Registration)
                 .where(cls.id == upload_id, Registration.account == account))
        if not removed:
            query = query.where(cls.removed_at.is_null())
        return query.first()

    def same_content_elsewhere(self):
        """A piece of the same registration already holding a file with the same bytes, or None."""
        return _same_content.first(self.piece.registration_id, self.sha256, self.id)

# What the candidate's pages ask for each piece, by SQL built once (see prepared_sql); each takes one id.
_required = PreparedRows(Piece, lambda: (
    Piece.select().where(Piece.registration == 0, Piece.obsolete_at.is_null()).order_by(Piece.position)))
# The piece if it is the account's. Parameters: the piece's id, then the account's.
_of_account = PreparedRows(Piece, lambda: (
    Piece.select().join(Registration).where(Piece.id == 0, Registration.account == 0)))
# A piece still asked holding a file with these bytes. Parameters: the registration's id, the bytes' SHA-256,
# the id of the file not to count (the one just added).
_same_content = PreparedRows(Piece, lambda: (
    Piece.select().join(Upload)
    .where(Piece.registration == 0, Upload.sha256 == "", Upload.id != 0, Upload.removed_at.is_null(),
           Piece.obsolete_at.is_null())
    .order_by(Piece.position)))
# Every piece of a registration, those no longer asked included. Parameter: the registration's id.
_every_piece = PreparedRows(Piece, lambda: Piece.select().where(Piece.registration == 0))
# A removed file (kept a few minutes for « Annuler la suppression ») is not deposited: none of them counts it.
_files = PreparedRows(Upload, lambda: (
    Upload.select().where(Upload.piece == 0, Upload.removed_at.is_null()).order_by(Upload.created_at, Upload.id)))
_piece_files_sql = prepared_sql(lambda: (
    Upload.select(fn.COUNT(Upload.id)).where(Upload.piece == 0, Upload.removed_at.is_null())))
# The files of all a registration's pieces, those removed since a given time included, in the order they came.
# Parameters: the registration's id, then that time.
_registration_uploads = PreparedRows(Upload, lambda: (
    Upload.select().join(Piece)
    .where(Piece.registration == 0, Upload.removed_at.is_null() | (Upload.removed_at > datetime.min))
    .order_by(Upload.created_at, Upload.id)))
_registration_files_sql = prepared_sql(lambda: (
    Upload.select(fn.COUNT(Upload.id)).join(Piece).where(Piece.registration == 0, Upload.removed_at.is_null())))



def _count(sql, row_id):
    return db.execute_sql(sql(), (row_id,)).fetchone()[0]
