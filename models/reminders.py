"""Relancer: which candidates of Gestion's list are to be reminded now, and of which pieces.

The same rules twice: as SQL conditions (``remindable``) so Relancer counts
(``remindable_count``) and pages through thousands of candidates without
reading them, and in Python over a page or a batch of rows (``to_remind``),
which also says which pieces each email names.
"""
from datetime import datetime
from functools import lru_cache

from peewee import fn

import clock
from .base import PreparedRows, db, model_rows
from .decisions import REMINDER_INTERVAL
from .pieces import Piece
from .registrations import Registration
from .review import (BY_TOTALS, LIST_COLUMNS, LIST_ORDER, PAGE_ROWS, conditions_of_list, counts_by_exam,
                     listed_exams, pieces_where)

# The pieces a candidate is reminded of.
CHASED = ("manquante", "refusée")


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
    return _remindable(at, after_due=at >= session.documents_due_at)


def _remindable(at, after_due):
    conditions = [Registration.status == "enregistrée",
                  Registration.reminded_at.is_null() | (Registration.reminded_at <= at - REMINDER_INTERVAL),
                  Registration.pieces_open > 0]
    if after_due:
        conditions.append(pieces_where(Piece.status.in_(CHASED), Piece.due_override > at))
    return conditions


def remindable_count(account, session, filters, at=None):
    """How many candidates of ``account``'s list with ``filters`` are to be reminded at ``at`` (``remindable``).

    Before the session's date, those with pieces to provide, from the totals
    the database keeps (registration_totals.py), less those reminded in the
    last 24 h, a short range of an index (Registration's): staff remind a
    whole list at most once a day. After it, or filtered by more than
    status, pôle and exam, by ``remindable``'s conditions.
    """
    at = at or clock.now()
    if at >= session.documents_due_at or set(filters) - BY_TOTALS:
        return _run("remindable", account, session, filters, at).fetchone()[0]
    if filters.get("status", "enregistrée") != "enregistrée":
        return 0
    exams = listed_exams(account, session, filters)
    with_open_pieces = sum(count for exam_id, status, *_, count in counts_by_exam(account, session, figures=True)
                           if status == "enregistrée" and (exams is None or exam_id in exams))
    return with_open_pieces - _run("reminded lately", account, session, filters, at).fetchone()[0]


def remind_page(account, session, filters, page, at=None):
    """Page ``page`` of Relancer's list: the registrations of ``account``'s list with ``filters`` to remind at
    ``at`` (``remindable``), LIST_COLUMNS and ``reminded_at`` (``to_remind`` reads it) of PAGE_ROWS rows."""
    return model_rows(Registration, _run(("page", page), account, session, filters, at or clock.now()))


# The instant Relancer's SQL is written for, once per list (``_sql``): each request runs it with its own
# instant in place of this one, and of this one less 24 h. Year 1: no filter of the list can give it.
WRITTEN_AT = datetime(1, 1, 2)


def _run(what, account, session, filters, at):
    """Run the SQL of ``what`` for ``account``'s list with ``filters`` at ``at``; returns the cursor.

    peewee took longer to write these queries than SQLite to run them, and
    the instant they depend on changes at every request: their SQL is kept
    per list (LRU), written for WRITTEN_AT, its parameters moved to ``at``.
    """
    exams = listed_exams(account, session, filters)
    sql, params = _sql(type(db.obj), what, session.id, None if exams is None else tuple(exams),
                         tuple(sorted(filters.items())), at >= session.documents_due_at)
    moved = {WRITTEN_AT: at, WRITTEN_AT - REMINDER_INTERVAL: at - REMINDER_INTERVAL}
    return db.execute_sql(sql, [moved.get(p, p) if isinstance(p, datetime) else p for p in params])


@lru_cache(maxsize=256)
def _sql(kind, what, session_id, exams, filters, after_due):
    """``(sql, params)`` written at WRITTEN_AT, made only of its arguments (``kind``: the database's class).

    ``what``: "remindable" counts those to remind, "reminded lately" those
    of the list with pieces to provide reminded in the last 24 h, ``("page", n)``
    reads page ``n`` of those to remind.
    """
    in_list = conditions_of_list(session_id, exams, dict(filters))
    if what == "reminded lately":
        query = Registration.select(fn.COUNT(Registration.id)).where(
            *in_list, Registration.status == "enregistrée", Registration.pieces_open > 0,
            Registration.reminded_at > WRITTEN_AT - REMINDER_INTERVAL)
    elif what == "remindable":
        query = Registration.select(fn.COUNT(Registration.id)).where(*in_list, *_remindable(WRITTEN_AT, after_due))
    else:
        query = (Registration.select(*LIST_COLUMNS, Registration.reminded_at)
                 .where(*in_list, *_remindable(WRITTEN_AT, after_due)).order_by(*LIST_ORDER)
                 .paginate(what[1], PAGE_ROWS))
    sql, params = query.sql()
    return sql, tuple(params)


def to_remind(session, registration_rows, at=None):
    """``[(registration, pieces)]``: the candidates of ``session`` to remind now, with the pieces they still
    have to provide.

    A piece is chased while missing or refused and still open to the
    candidate; a candidate reminded less than 24 h ago is left alone. Who
    is really reminded is decided row by row by ``Registration.remind``,
    since another member of staff may be sending the same reminders.
    """
    at = at or clock.now()
    rows = {r.id: r for r in registration_rows if r.status == "enregistrée"}
    for row in rows.values():
        row.session = session  # each piece's due_at reads it
    chased = {}
    for missing in _open_pieces(list(rows)):
        row = missing.registration = rows[missing.registration_id]
        recently_reminded = row.reminded_at is not None and row.reminded_at > at - REMINDER_INTERVAL
        if not recently_reminded and at < missing.due_at:
            chased.setdefault(missing.registration_id, []).append(missing)
    return [(row, chased[key]) for key, row in rows.items() if key in chased]


# What a reminder says of a piece, for PAGE_ROWS registrations at a time, by SQL built once: a shorter page
# pads its ids with 0, which no registration has. Parameters: the ids, then the two statuses chased.
# For a page of 50, building the query and peewee's rows took longer than SQLite to find them.
_pieces_of_page = PreparedRows(Piece, lambda: (
    Piece.select(Piece.id, Piece.registration, Piece.label, Piece.status, Piece.refusal_reason, Piece.due_override)
    .where(Piece.registration.in_([0] * PAGE_ROWS), Piece.obsolete_at.is_null(), Piece.status.in_(CHASED))
    .order_by(Piece.position)))


def _open_pieces(registration_ids):
    """The current pieces missing or refused of ``registration_ids``, in each registration's order."""
    for start in range(0, len(registration_ids), PAGE_ROWS):
        page = registration_ids[start:start + PAGE_ROWS]
        yield from _pieces_of_page.all(*page, *[0] * (PAGE_ROWS - len(page)), *CHASED)
