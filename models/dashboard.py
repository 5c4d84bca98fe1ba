"""Tableau de bord: the figures of a session per pôle, for the pôles a staff member reviews.

Read from indexes by a few GROUP BY queries, whatever the number of
registrations (see the indexes of Registration, Piece and Account).
"""
from peewee import JOIN, fn

from .accounts import Account
from .messages import Message
from .pieces import Piece
from .registrations import Registration
from .review import reviewed_exams, tally, poles_of


DASHBOARD_FIGURES = ("registered", "declared", "to_review", "refused", "validated", "set_aside", "unread")


def pole_figures(account, session):
    """The figures of Tableau de bord for ``session``: ``{pole code: {figure: n}}`` for the pôles ``account``
    reviews, and ``None``'s entry for their total.

    Three GROUP BY queries by exam, whatever the number of registrations, each
    read from an index (see the indexes of Registration and Piece); the
    session's catalogue says which pôle each exam belongs to. Figures:
    ``registered`` (enregistrées), ``declared`` (« J'ai fourni toutes mes
    pièces »), ``to_review`` and ``refused`` (pieces), ``validated`` and
    ``set_aside`` (registrations), ``unread`` (candidates' messages).
    """
    poles = list(poles_of(account, session))
    figures = {pole.code: dict.fromkeys(DASHBOARD_FIGURES, 0) for pole in poles}
    pole_of = {exam.id: exam.pole.code for exam in reviewed_exams(account, session)}

    def add(names, rows):
        for exam_id, *values in rows:
            if exam_id in pole_of and pole_of[exam_id] in figures:
                for name, value in zip(names, values):
                    figures[pole_of[exam_id]][name] += int(value or 0)

    in_session = (Registration.session == session) & Registration.number.is_null(False)
    add(("registered", "declared", "validated", "set_aside"), Registration.select(
        Registration.exam, tally(Registration.status == "enregistrée"),
        tally(Registration.pieces_declared_at.is_null(False) & (Registration.status != "annulée")),
        tally(Registration.status == "validée"), tally(Registration.status == "écartée"))
        .where(in_session).group_by(Registration.exam).tuples())
    # A CROSS JOIN, the condition in WHERE: SQLite then reads the pieces to review or refused from their index
    # and each one's registration by its key, rather than every piece of every registration of the session
    # (three times slower). PostgreSQL plans it as any join.
    add(("to_review", "refused"), Piece.select(
        Registration.exam, tally(Piece.status == "déposée"), tally(Piece.status == "refusée"))
        .join(Registration, JOIN.CROSS)
        .where(Piece.registration == Registration.id, Piece.status.in_(("déposée", "refusée")),
               Piece.obsolete_at.is_null(), in_session, Registration.status.in_(("enregistrée", "validée")))
        .group_by(Registration.exam).tuples())
    add(("unread",), Message.unread_by_staff(Registration.exam, fn.COUNT(Message.id)).join(Registration)
        .where(in_session).group_by(Registration.exam).tuples())
    figures[None] = {name: sum(row[name] for row in figures.values()) for name in DASHBOARD_FIGURES}
    return poles, figures


def candidates_overview(session):
    """For an admin only (they span every pôle): activated candidate accounts, and drafts of ``session``
    not yet saved (a draft has no exam, so no pôle, until Enregistrer)."""
    activated = Account.select().where(Account.role == "candidat", Account.activated_at.is_null(False)).count()
    drafts = Registration.select().where(Registration.session == session, Registration.status == "brouillon").count()
    return {"activated": activated, "drafts": drafts}
