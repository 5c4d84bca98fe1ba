"""Relancer: which candidates of Gestion's list are to be reminded now, and of which pieces.

The same rules twice: as SQL conditions (``remindable``) so Relancer counts
and pages through thousands of candidates without reading them, and in
Python over a page or a batch of rows (``to_remind``), which also says which
pieces each email names.
"""
import clock
from .base import read
from .decisions import REMINDER_INTERVAL
from .pieces import Piece
from .registrations import Registration
from .review import pieces_where
from .sessions import ExamSession


def remindable(session, at=None):
    """The conditions a registration of ``session`` meets when its candidate is to be reminded at ``at``:
    registered, not reminded in the last 24 h, with a current piece missing or refused that they may still
    provide (before the session's date for documents, or a later one granted for that piece).

    The same rules as ``to_remind``, in SQL: Relancer counts and pages through
    thousands of candidates without reading them all.

    Before the session's date, the registration's own count of such pieces
    says it (``pieces_open``, kept by the database); after it, only a piece
    given a later date may still be due, which is rare: those few
    registrations are looked up piece by piece.
    """
    at = at or clock.now()
    conditions = [Registration.status == "enregistrée",
                  Registration.reminded_at.is_null() | (Registration.reminded_at <= at - REMINDER_INTERVAL),
                  Registration.pieces_open > 0]
    if at >= session.documents_due_at:
        conditions.append(pieces_where(Piece.status.in_(("manquante", "refusée")), Piece.due_override > at))
    return conditions


def to_remind(registration_rows, at=None):
    """``[(registration, pieces)]``: the candidates to remind now, with the pieces they still have to provide.

    A piece is chased while missing or refused and still open to the
    candidate; a candidate reminded less than 24 h ago is left alone. Who
    is really reminded is decided row by row by ``Registration.remind``,
    since another member of staff may be sending the same reminders.
    """
    at = at or clock.now()
    rows = {r.id: r for r in registration_rows if r.status == "enregistrée"}
    # Read as PreparedRows makes rows (models.base.read): for a page of 50, peewee's cursor wrapper took
    # longer to build the pieces than SQLite to find them.
    sessions = {s.id: s for s in read(ExamSession.select().where(
        ExamSession.id.in_({r.session_id for r in rows.values()})))}
    for row in rows.values():
        row.session = sessions[row.session_id]  # each piece's due_at reads it
    chased = {}
    pieces = read(Piece.select().where(Piece.registration.in_(list(rows)), Piece.obsolete_at.is_null(),
                                       Piece.status.in_(("manquante", "refusée"))).order_by(Piece.position))
    for missing in pieces:
        row = missing.registration = rows[missing.registration_id]
        recently_reminded = row.reminded_at is not None and row.reminded_at > at - REMINDER_INTERVAL
        if not recently_reminded and at < missing.due_at:
            chased.setdefault(missing.registration_id, []).append(missing)
    return [(rows[key], found) for key, found in chased.items()]
