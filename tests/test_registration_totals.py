"""Gestion's figures read from the totals the database keeps are those counting the registrations gives.

A session filled as the bench fills it (every status, piece state, declaration
and unread message), some candidates reminded lately and some pieces given a
later date, then each reader that the totals or the registrations' counts now
answer (models/registration_totals.py, models/piece_counts.py) is compared with
the query it replaced, written here as it was, for an admin and for a
gestionnaire of one pôle, filtered every way the list allows.
"""
from datetime import timedelta
from itertools import product

import pytest
from peewee import SqliteDatabase, fn

from bench import gestion
from models import Message, Piece, Registration, StaffPole, db, reminders, review
from models.dashboard import pole_figures
from models.decisions import REMINDER_INTERVAL
from tests.helpers import in_db, make_account
from tests.staff_fixtures import SAH

FILTERS = [{}, {"status": "enregistrée"}, {"status": "validée"}, {"pole": SAH}, {"exam": "CAP-CUIS"},
           {"pole": SAH, "status": "enregistrée"}, {"pieces": "a-examiner"}, {"pieces": "refusees"},
           {"pieces": "manquantes"}, {"pieces": "validees"}, {"messages": "non-lus"}, {"declared": "oui"},
           {"pole": SAH, "pieces": "validees", "messages": "non-lus"}, {"q": "NOM1"}]


@pytest.fixture
def crowd(app, open_session, clock):
    """``(admin, gestionnaire)`` of a session of 300 registrations."""
    with in_db(app):
        made = gestion.fill(open_session, 300)
        ids = [r.id for r in made]
        # Reminded a moment ago, two days ago, or never; a few refused pieces with a later date of their own.
        Registration.update(reminded_at=clock.now - timedelta(hours=1)).where(Registration.id.in_(ids[::5])).execute()
        Registration.update(reminded_at=clock.now - timedelta(days=2)).where(Registration.id.in_(ids[1::5])).execute()
        Piece.update(status="refusée", due_override=open_session.documents_due_at + timedelta(days=10)).where(
            Piece.registration.in_(ids[::11]), Piece.code == "p0").execute()
        Piece.update(status="validée").where(Piece.registration.in_(ids[::13])).execute()
        admin = make_account("admin@ac-poitiers.fr", role="admin")
        gestionnaire = make_account("gestion.sah@ac-poitiers.fr", role="gestionnaire")
        StaffPole.create(account=gestionnaire, pole_code=SAH)
    return admin, gestionnaire


def counted_as_before(account, session):
    """Gestion's counts by exam and status with Tableau de bord's figures, as a GROUP BY of the registrations
    and a join of the messages gave them: ``{(exam id, status): (registrations, declared, to review, refused)}``
    and ``{exam id: unread messages}``."""
    numbered = (Registration.session == session, Registration.number.is_null(False))
    rows = (Registration.select(Registration.exam, Registration.status, fn.COUNT(Registration.id),
                                fn.COUNT(Registration.pieces_declared_at), fn.SUM(Registration.pieces_to_review),
                                fn.SUM(Registration.pieces_refused))
            .where(*numbered).group_by(Registration.exam, Registration.status).tuples())
    unread = (Message.unread_by_staff(Registration.exam, fn.COUNT(Message.id)).join(Registration)
              .where(*numbered).group_by(Registration.exam).tuples())
    reviewed = {exam.id for exam in review.reviewed_exams(account, session)}
    everything = review.reviewed_codes(account) is None
    return ({(exam, status): tuple(figures) for exam, status, *figures in rows if everything or exam in reviewed},
            {exam: count for exam, count in unread if everything or exam in reviewed})


PIECES_AS_BEFORE = {
    "a-examiner": lambda: review.pieces_where(Piece.status == "déposée"),
    "refusees": lambda: review.pieces_where(Piece.status == "refusée"),
    "manquantes": lambda: review.pieces_where(Piece.status.in_(("manquante", "refusée"))),
    "validees": lambda: review.pieces_where() & ~review.pieces_where(Piece.status != "validée"),
}


def listed_as_before(account, session, filters):
    """The ids of the list with ``filters``, its pieces and messages filtered by EXISTS as they were."""
    rest = {name: value for name, value in filters.items() if name not in ("pieces", "messages")}
    query = review.listed(account, session, rest, (Registration.id,))
    if "pieces" in filters:
        query = query.where(PIECES_AS_BEFORE[filters["pieces"]]())
    if "messages" in filters:
        unread = Message.unread_by_staff(Message.id).where(Message.registration == Registration.id)
        query = query.where(fn.EXISTS(unread))
    return [row.id for row in query]


def test_the_counts_by_exam_and_status_and_the_dashboard_are_the_registrations(app, open_session, crowd):
    with in_db(app):
        for account in crowd:
            figures, unread = counted_as_before(account, open_session)
            read = review.counts_by_exam(account, open_session, figures=True)
            assert {(exam, status): tuple(rest[:4]) for exam, status, *rest in read} == figures
            by_exam = {}
            for exam, _, _, _, _, _, count, _ in read:
                by_exam[exam] = by_exam.get(exam, 0) + count
            assert {exam: count for exam, count in by_exam.items() if count} == unread
            assert {(exam, status): count for exam, status, count in review.counts_by_exam(account, open_session)} \
                == {key: values[0] for key, values in figures.items()}
            _, dashboard = pole_figures(account, open_session)
            assert dashboard[None]["unread"] == sum(unread.values()) > 0


@pytest.mark.parametrize("filters", FILTERS)
def test_the_list_s_filters_and_count_are_the_registrations(app, open_session, crowd, filters):
    with in_db(app):
        for account in crowd:
            ids = listed_as_before(account, open_session, filters)
            assert [row.id for row in review.listed(account, open_session, filters, (Registration.id,))] == ids
            assert review.registration_count(account, open_session, filters) == len(ids)


def test_each_row_s_pieces_and_messages_are_its_pieces_and_messages(app, open_session, crowd):
    with in_db(app):
        rows = review.with_piece_totals(list(review.listed(crowd[0], open_session, {}, review.LIST_COLUMNS)))
        for row in rows:
            current = Piece.select().where(Piece.registration == row.id, Piece.obsolete_at.is_null())
            statuses = [p.status for p in current]
            unread = Message.unread_by_staff().where(Message.registration == row.id).count()
            assert (row.pieces_total, row.pieces_provided, row.pieces_to_review, row.pieces_refused,
                    row.pieces_missing, row.pieces_validated, row.messages_unread) == (
                len(statuses), sum(s in ("déposée", "validée") for s in statuses), statuses.count("déposée"),
                statuses.count("refusée"), statuses.count("manquante"), statuses.count("validée"), unread)


@pytest.mark.parametrize("when, filters", list(product(("now", "after the date"), FILTERS)))
def test_relancer_counts_whom_it_reminds(app, open_session, crowd, clock, when, filters):
    at = clock.now if when == "now" else open_session.documents_due_at + timedelta(days=1)
    with in_db(app):
        for account in crowd:
            expected = review.registration_count(account, open_session, filters,
                                                 *reminders.remindable(open_session, at))
            assert reminders.remindable_count(account, open_session, filters, at) == expected
        # Some were reminded lately, and taken off: the count is not the totals' alone.
        reminded = (Registration.select().where(Registration.reminded_at > at - REMINDER_INTERVAL,
                                                Registration.pieces_open > 0, Registration.status == "enregistrée"))
        assert when != "now" or reminded.exists()


def plan(query):
    sql, params = query.sql()
    return " ".join(row[-1] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("filters", [{"pieces": "validees"}, {"messages": "non-lus"}, {"declared": "non"}])
def test_the_list_counts_its_filtered_registrations_from_an_index(app, open_session, crowd, filters):
    with in_db(app):
        if not isinstance(db.obj, SqliteDatabase):
            pytest.skip("le plan de PostgreSQL dépend de ses statistiques")
        assert "COVERING INDEX" in plan(Registration.select(fn.COUNT(Registration.id))
                                        .where(*review._in_list(crowd[1], open_session, filters)))


@pytest.mark.parametrize("who", ["admin", "gestionnaire"])
def test_relancer_counts_from_an_index(app, open_session, crowd, clock, who):
    """Those reminded lately are a range of an index, not a walk of the session."""
    account = crowd[who == "gestionnaire"]
    with in_db(app):
        if not isinstance(db.obj, SqliteDatabase):
            pytest.skip("le plan de PostgreSQL dépend de ses statistiques")
        found = plan(Registration.select(fn.COUNT(Registration.id))
                     .where(*review._in_list(account, open_session, {}), Registration.status == "enregistrée",
                            Registration.pieces_open > 0, Registration.reminded_at > clock.now - REMINDER_INTERVAL))
        assert "COVERING INDEX" in found and "reminded_at>?" in found.replace(" ", ""), found
