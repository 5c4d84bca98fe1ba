"""« J'ai fourni toutes mes pièces »: what stops the declaration, making it once, and the next date a candidate must meet."""
import clock
from .base import db, prepared_sql
from .errors import NotAllowed
from .pieces import LIVE_STATUSES, Piece, Upload
from .registrations import Registration


def blockers(registration, at=None, pieces=None):
    """What stops the declaration now, in sentences for the candidate (empty: it may be made).

    ``pieces``: the registration's, with their files already read (Piece.read_files), as a page has them.
    """
    at = at or clock.now()
    if registration.status not in LIVE_STATUSES:
        return ["Votre inscription n'est pas enregistrée : enregistrez-la d'abord."]
    if at >= registration.session.documents_due_at:
        return ["La date limite de dépôt des pièces est passée : contactez le pôle de votre examen."]
    if pieces is not None:
        with_files = {piece.id for piece in pieces if piece.files}
    else:
        pieces = list(Piece.for_registration(registration))
        with_files = {piece_id for (piece_id,) in db.execute_sql(_pieces_with_files_sql(), (registration.id,))}
    return [f"Aucun fichier pour « {piece.label} »." for piece in pieces if piece.id not in with_files]


def declare(registration):
    """Record « J'ai fourni toutes mes pièces »; False when it was already made.

    Call inside the transaction that queues the acknowledgement.
    """
    with db.atomic():
        registration = Registration.locked(registration.id)
        if registration.pieces_declared_at is not None:
            return False
        refused = blockers(registration)
        if refused:
            raise NotAllowed(" ".join(refused))
        # Conditional, so two clicks at once declare once on any database.
        declared = (Registration.update(pieces_declared_at=clock.now())
                    .where(Registration.id == registration.id, Registration.pieces_declared_at.is_null())
                    .execute())
        if not declared:
            return False
        Piece.update(reopens_declaration=False).where(Piece.registration == registration).execute()
    return True


def next_due(registration, pieces, at=None):
    """The nearest date still ahead by which something must be deposited or declared, or None.

    Before the declaration the session's date counts; a refused piece
    counts with its own date, which staff may have moved later.
    """
    at = at or clock.now()
    dates = [piece.due_at for piece in pieces if piece.status == "refusée"]
    if registration.pieces_declared_at is None and pieces:
        dates.append(registration.session.documents_due_at)
    ahead = [due for due in dates if due > at]
    return min(ahead) if ahead else None


# The pieces of a registration with at least one file (a removed one does not count), by SQL built once.
_pieces_with_files_sql = prepared_sql(lambda: (
    Upload.select(Upload.piece).distinct().join(Piece).where(Piece.registration == 0, Upload.removed_at.is_null())))
