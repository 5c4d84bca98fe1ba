"""« Supprimer » and « Annuler la suppression »: a candidate's file leaves its piece, stays a few minutes in
case they change their mind, then goes for good (``sweep-uploads``).

Upload (pieces.py) takes these methods; they reach the piece and the
registration through the upload's own relations, so this module builds on
none of the models (like decisions.py).
"""
from datetime import timedelta

import clock
from .base import db
from .errors import NotAllowed

REMOVAL_DELAY = timedelta(minutes=10)


def _models(upload):
    """``(Upload, Piece, Registration)``, by the relations of ``upload``."""
    model = type(upload)
    piece = model.piece.rel_model
    return model, piece, piece.registration.rel_model


class Removal:
    """What a candidate does with a file they deposited: remove it, bring it back in time."""

    def remove(self):
        """« Supprimer »: the file leaves the piece, kept REMOVAL_DELAY for « Annuler la suppression ».

        NotAllowed when the piece is validated, past its date, or declared.
        """
        Upload, Piece, Registration = _models(self)
        with db.atomic():
            piece = Piece.get_by_id(self.piece_id)
            piece.registration = Registration.locked(piece.registration_id)
            reason = piece.locked_reason()
            if reason:
                raise NotAllowed(reason)
            now = clock.now()
            # Conditional, so a second click (or another tab) removes nothing more.
            if not Upload.update(removed_at=now).where(Upload.id == self.id, Upload.removed_at.is_null()).execute():
                return
            self.removed_at = now
            Registration.dossier_changes(piece.registration_id)
            if piece.status == "déposée" and not piece.uploads.where(Upload.removed_at.is_null()).exists():
                # Back to what it was before these files: refused (the motif still holds) or missing.
                status = "refusée" if piece.refusal_reason else "manquante"
                Piece.update(status=status).where(Piece.id == piece.id).execute()

    def restore(self):
        """« Annuler la suppression »: the file is back in its piece, if still in time and within the limits."""
        Upload, Piece, Registration = _models(self)
        with db.atomic():
            piece = Piece.get_by_id(self.piece_id)
            piece.registration = Registration.locked(piece.registration_id)
            current = Upload.get_by_id(self.id)
            if current.removed_at is None:
                return  # already back (a second click)
            if current.removed_at <= clock.now() - REMOVAL_DELAY:
                raise NotAllowed("Ce fichier a été supprimé il y a plus de "
                                 f"{int(REMOVAL_DELAY.total_seconds() // 60)} minutes : déposez-le à nouveau.")
            refusal = piece.upload_refusal()
            if refusal:
                raise NotAllowed(refusal)
            Upload.update(removed_at=None).where(Upload.id == self.id).execute()
            self.removed_at = None
            Registration.dossier_changes(piece.registration_id)
            # A file given after the last review makes the piece deposited again; one that was refused stays so.
            if piece.status == "manquante" or (piece.status == "refusée" and piece.reviewed_at is not None
                                               and current.created_at > piece.reviewed_at):
                Piece.update(status="déposée").where(Piece.id == piece.id).execute()

    @classmethod
    def expired_removals(cls, at=None):
        """Files removed longer than REMOVAL_DELAY ago, for sweep-uploads to delete."""
        return cls.select().where(cls.removed_at <= (at or clock.now()) - REMOVAL_DELAY)

    def forget_removed(self, at=None):
        """Delete this removed file's row once past REMOVAL_DELAY; True when deleted (a restore in between wins)."""
        Upload = type(self)
        cutoff = (at or clock.now()) - REMOVAL_DELAY
        with db.atomic():
            return Upload.delete().where(Upload.id == self.id, Upload.removed_at <= cutoff).execute() == 1
