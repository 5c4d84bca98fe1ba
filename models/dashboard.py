"""Tableau de bord: the figures of a session per pôle, for the pôles a staff member reviews.

Read from the totals of the registrations by exam and status the database
keeps (registration_totals.py), and from indexes for the accounts and drafts,
whatever the number of registrations.
"""
from peewee import fn

from .accounts import Account
from .base import db, prepared_sql
from .registrations import Registration
from .review import counts_by_exam, poles_of, reviewed_exams


DASHBOARD_FIGURES = ("registered", "declared", "to_review", "refused", "validated", "set_aside", "unread")


def pole_figures(account, session):
    """The figures of Tableau de bord for ``session``: ``{pole code: {figure: n}}`` for the pôles ``account``
    reviews, and ``None``'s entry for their total.

    One query of the session's totals by exam and status, whatever the
    number of registrations; the session's catalogue says which pôle each
    exam belongs to. Figures:
    ``registered`` (enregistrées), ``declared`` (« J'ai fourni toutes mes
    pièces »), ``to_review`` and ``refused`` (pieces), ``validated`` and
    ``set_aside`` (registrations), ``unread`` (candidates' messages).
    """
    poles = list(poles_of(account, session))
    figures = {pole.code: dict.fromkeys(DASHBOARD_FIGURES, 0) for pole in poles}
    pole_of = {exam.id: exam.pole.code for exam in reviewed_exams(account, session)}

    names = ("registered", "declared", "validated", "set_aside", "to_review", "refused", "unread")
    for exam_id, *values in _by_status(counts_by_exam(account, session, figures=True)):
        if exam_id in pole_of and pole_of[exam_id] in figures:
            for name, value in zip(names, values):
                figures[pole_of[exam_id]][name] += value
    figures[None] = {name: sum(row[name] for row in figures.values()) for name in DASHBOARD_FIGURES}
    return poles, figures


def _by_status(rows):
    """Figures by exam from the totals by exam and status: ``(exam id, status, registrations, declared, pieces
    to review, pieces refused, unread messages, with pieces to provide)`` (registration_totals.py).

    Only registrations still under review have pieces to review or refused; unread messages count whatever
    the registration's status.
    """
    for exam_id, status, count, declared, to_review, refused, unread, _ in rows:
        live = status in ("enregistrée", "validée")
        yield (exam_id, count if status == "enregistrée" else 0, declared if status != "annulée" else 0,
               count if status == "validée" else 0, count if status == "écartée" else 0,
               to_review if live else 0, refused if live else 0, unread)


def candidates_overview(session):
    """For an admin only (they span every pôle): activated candidate accounts, and drafts of ``session``
    not yet saved (a draft has no exam, so no pôle, until Enregistrer)."""
    activated = db.execute_sql(_activated_sql(), ("candidat",)).fetchone()[0]
    drafts = db.execute_sql(_drafts_sql(), (session.id, "brouillon")).fetchone()[0]
    return {"activated": activated, "drafts": drafts}


# Counted from indexes, by SQL built once (peewee's count() wraps the query in a subquery, built at each view).
# Parameter: the role.
_activated_sql = prepared_sql(lambda: (
    Account.select(fn.COUNT(Account.id)).where(Account.role == "", Account.activated_at.is_null(False))))
# Parameters: the session's id, then the status.
_drafts_sql = prepared_sql(lambda: (
    Registration.select(fn.COUNT(Registration.id)).where(Registration.session == 0, Registration.status == "")))
