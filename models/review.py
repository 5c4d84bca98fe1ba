"""What Gestion reads: the registrations, pieces and files a staff member reviews, counted and filtered
(whom Relancer chases is in reminders.py, the audit trail in journal.py).

Every query here starts from the staff member: a gestionnaire finds only
their pôles' candidates (another pôle's registration is simply not found), an
admin finds them all. The decisions themselves are the models' own
(``Registration.validate``, ``Piece.refuse``…).
"""
from functools import lru_cache

from peewee import fn

from .accounts import Account
from .base import PreparedRows, by_id, db, model_rows, once_per_request
from .pieces import Piece, Upload
from .addresses import AddressChange
from .registrations import Registration
from . import catalogue, registration_totals
from .sessions import Exam, ExamSession, Pole


def in_poles_of(account, query, code_column=Pole.code):
    """``query`` narrowed to the pôles ``account`` works for (unchanged for an admin)."""
    codes = account.pole_codes()
    return query if codes is None else query.where(code_column.in_(codes))


def registrations(account):
    """The numbered registrations ``account`` reviews, joined to their exam and pôle."""
    query = (Registration.select().join(Exam, on=(Registration.exam == Exam.id)).join(Pole).switch(Registration)
             .where(Registration.number.is_null(False)))
    return in_poles_of(account, query)


def registration(account, number):
    """The registration ``number`` if ``account`` reviews it, else None; with the candidate's account, its
    session and its exam (from the session's catalogue), which its review page shows. By SQL built once."""
    if account.pole_codes() is None:
        found = _reviewed_by_admin.first(number)
    else:
        found = _reviewed_in_poles.first(account.id, number)
    # The current session's row when it is this registration's (_known checks), else read when first needed.
    return found and found._known(by_id(Account).first(found.account_id), ExamSession.current())


# A registration by number, as ``registrations`` finds it for an admin (parameter: the number) and for a
# gestionnaire (parameters: their account's id, then the number).
_reviewed_by_admin = PreparedRows(Registration, lambda: (
    registrations(Account(id=0, role="admin")).where(Registration.number == "")))
_reviewed_in_poles = PreparedRows(Registration, lambda: (
    registrations(Account(id=0, role="gestionnaire")).where(Registration.number == "")))


def piece(account, piece_id):
    """The piece ``piece_id`` if ``account`` reviews its registration, else None."""
    reviewed = registrations(account).select(Registration.id)
    return (Piece.select(Piece, Registration).join(Registration)
            .where(Piece.id == piece_id, Registration.id.in_(reviewed)).first())


def upload(account, upload_id):
    """The file ``upload_id`` if ``account`` reviews its registration, else None (also while the candidate
    is removing it: « Annuler la suppression » may still bring it back, but it is no longer part of the dossier)."""
    reviewed = registrations(account).select(Registration.id)
    return (Upload.select(Upload, Piece, Registration).join(Piece).join(Registration)
            .where(Upload.id == upload_id, Upload.removed_at.is_null(), Registration.id.in_(reviewed)).first())


def address_change(account, change_id):
    """The change of address ``change_id`` if ``account`` reviews its registration, else None."""
    reviewed = registrations(account).select(Registration.id)
    return AddressChange.get_or_none(AddressChange.id == change_id, AddressChange.registration.in_(reviewed))


def reviewed_codes(account):
    """The codes of the pôles ``account`` works for (None for an admin: all of them), read once per request."""
    codes = account.pole_codes()
    if codes is None:
        return None
    return once_per_request(f"pole_codes_{account.id}", lambda: {code for (code,) in codes.tuples()})


def poles_of(account, session):
    """The pôles of ``session`` that ``account`` works for, in the file's order (the session's catalogue)."""
    codes = reviewed_codes(account)
    return [pole for pole in catalogue.of(session).poles if codes is None or pole.code in codes]


def reviewed_exams(account, session, pole="", exam=""):
    """The exams of ``session`` in ``account``'s pôles (all for an admin), narrowed to a pôle's or exam's code."""
    codes = reviewed_codes(account)
    return [e for e in catalogue.of(session).exams
            if (codes is None or e.pole.code in codes) and pole in ("", e.pole.code) and exam in ("", e.code)]


def listed_exams(account, session, filters):
    """The ids of the exams ``account``'s list with ``filters`` (by pôle, by exam) is narrowed to; None when it
    is not narrowed (an admin's, every exam)."""
    exams = reviewed_exams(account, session, filters.get("pole") or "", filters.get("exam") or "")
    return None if len(exams) == len(catalogue.of(session).exams) else [exam.id for exam in exams]


def _in_list(account, session, filters):
    """The conditions a registration of ``session`` meets to be in ``account``'s list with ``filters``.

    On the registration's own columns, its counts of pieces and unread
    messages included (piece_counts.py), never a join: counting thousands of
    registrations reads one index or the rows alone, and the list joins only
    the 50 rows a page shows.
    """
    return conditions_of_list(session.id, listed_exams(account, session, filters), filters)


def conditions_of_list(session_id, exams, filters):
    """``_in_list``'s conditions, from the values they depend on: the session, the exams (None: all), the filters."""
    conditions = [Registration.session == session_id, Registration.number.is_null(False)]
    if exams is not None:
        conditions.append(Registration.exam.in_(exams))
    wanted = [
        (filters.get("status"), lambda value: Registration.status == value),
        (filters.get("pieces"), lambda value: _PIECES_WANTED[value]),
        (filters.get("declared"), lambda value: Registration.pieces_declared_at.is_null(value != "oui")),
        (filters.get("messages"), lambda value: Registration.messages_unread > 0),
    ]
    conditions += [condition(value) for value, condition in wanted if value]
    for word in (filters.get("q") or "").split():
        conditions.append(Registration.number.contains(word) | Registration.birth_name.contains(word)
                          | Registration.usage_name.contains(word) | Registration.first_names.contains(word))
    return conditions


# The filters the totals by exam and status (registration_totals.py) count by themselves.
BY_TOTALS = {"status", "pole", "exam"}


def registration_count(account, session, filters=None, *conditions):
    """How many registrations ``registration_list`` gives (that also meet ``conditions``).

    Filtered by status, pôle or exam alone, the totals by exam and status
    say it (registration_totals.py) without counting the registrations.
    """
    filters = filters or {}
    if conditions or set(filters) - BY_TOTALS:
        return (Registration.select(fn.COUNT(Registration.id))
                .where(*_in_list(account, session, filters), *conditions).scalar())
    exams = listed_exams(account, session, filters)
    return sum(count for exam_id, status, count in counts_by_exam(account, session)
               if (exams is None or exam_id in exams) and filters.get("status", status) == status)


# A page of Gestion's list, and of Relancer's, shows this many registrations (Relancer reads their pieces by SQL
# built for that many).
PAGE_ROWS = 50
# What Gestion's list shows of each registration, its counts of pieces and unread messages included: reading
# the 40-odd others took three times as long.
LIST_COLUMNS = (Registration.id, Registration.number, Registration.birth_name, Registration.usage_name,
                Registration.first_names, Registration.status, Registration.pieces_declared_at, Registration.exam,
                Registration.pieces_open, Registration.pieces_to_review, Registration.pieces_refused,
                Registration.pieces_validated, Registration.messages_unread)


def listed(account, session, filters=None, columns=(Registration,)):
    """The registrations of ``session`` that ``account`` reviews, filtered, in the list's order; only
    ``columns`` of each (all by default), no join: a page shows its exam's label from the catalogue.

    ``filters`` (each optional): ``status``; ``pieces`` (``a-examiner``,
    ``refusees``, ``manquantes`` — missing or refused —, ``validees``);
    ``declared`` (``oui``, ``non``); ``pole`` and ``exam`` (codes);
    ``messages`` (``non-lus``: the candidate wrote and no staff member read it);
    ``q`` (words of a number or a name). ``with_piece_totals`` gives the rows a
    page shows their totals of pieces.
    """
    return Registration.select(*columns).where(*_in_list(account, session, filters or {})).order_by(*LIST_ORDER)


LIST_ORDER = (Registration.birth_name, Registration.first_names, Registration.number)


def list_page(account, session, filters, page):
    """Page ``page`` of Gestion's list: ``listed`` with ``filters``, LIST_COLUMNS of PAGE_ROWS rows.

    Its SQL is kept for each list and page asked (LRU): staff open the same
    pages of the same lists again and again, and peewee took twice as long to
    write it as SQLite to run it.
    """
    exams = listed_exams(account, session, filters)
    sql, params = _list_page_sql(type(db.obj), session.id, None if exams is None else tuple(exams),
                                 tuple(sorted(filters.items())), page)
    return model_rows(Registration, db.execute_sql(sql, params))


@lru_cache(maxsize=256)
def _list_page_sql(kind, session_id, exams, filters, page):
    """``(sql, params)`` of a page of the list, made only of its arguments; ``kind``, the database's class, keys
    it: SQLite and PostgreSQL write parameters apart."""
    query = (Registration.select(*LIST_COLUMNS).where(*conditions_of_list(session_id, exams, dict(filters)))
             .order_by(*LIST_ORDER).paginate(page, PAGE_ROWS))
    sql, params = query.sql()
    return sql, tuple(params)


def registration_list(account, session, filters=None, columns=(Registration,)):
    """``listed``, each row with its ``exam_label``, ``pole_id``, ``pole_label`` and ``email`` (the export
    and the reminders' emails)."""
    return (listed(account, session, filters, columns)
            .select_extend(Exam.label.alias("exam_label"), Exam.pole.alias("pole_id"),
                           Pole.label.alias("pole_label"), Account.email.alias("email"))
            .join(Exam, on=(Registration.exam == Exam.id)).join(Pole).switch(Registration)
            .join(Account, on=(Registration.account == Account.id)).objects())


def pieces_where(*conditions):
    """EXISTS: the row's registration has a current piece meeting ``conditions``."""
    return fn.EXISTS(Piece.select(Piece.id).where(Piece.registration == Registration.id,
                                                  Piece.obsolete_at.is_null(), *conditions))


# The pieces filter, on each registration's counts of its current pieces (piece_counts.py).
_PIECES_WANTED = {
    "a-examiner": Registration.pieces_to_review > 0,
    "refusees": Registration.pieces_refused > 0,
    "manquantes": Registration.pieces_open > 0,
    # At least one piece, and none missing, refused or to review.
    "validees": ((Registration.pieces_validated > 0) & (Registration.pieces_open == 0)
                 & (Registration.pieces_to_review == 0)),
}


def with_piece_totals(rows):
    """Give each row of ``rows`` (a page of the list, read with LIST_COLUMNS) its ``pieces_total``,
    ``pieces_provided`` and ``pieces_missing``, from its counts of its pieces by status (piece_counts.py: open
    are the missing and the refused)."""
    for row in rows:
        row.pieces_total = row.pieces_open + row.pieces_to_review + row.pieces_validated
        row.pieces_provided = row.pieces_to_review + row.pieces_validated
        row.pieces_missing = row.pieces_open - row.pieces_refused
    return rows


def counts_by_exam(account, session, figures=False):
    """``[(exam id, status, registrations)]``: the numbered registrations of ``session`` that ``account``
    reviews, counted by exam and status; with ``figures``, each row also has how many declared their pieces,
    their pieces to review and refused, their unread messages, and how many have pieces to provide. Read from
    the totals the database keeps (registration_totals.py)."""
    rows = registration_totals.by_exam(session.id, figures)
    if reviewed_codes(account) is None:
        return rows
    reviewed = {exam.id for exam in reviewed_exams(account, session)}
    return [row for row in rows if row[0] in reviewed]


def status_counts(account, session):
    """How many registrations of ``session`` that ``account`` reviews are in each status."""
    counts = {}
    for _, status, count in counts_by_exam(account, session):
        counts[status] = counts.get(status, 0) + count
    return counts
