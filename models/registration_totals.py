"""The numbered registrations of each session counted by exam and status, with their figures added up, kept by
the database itself.

Gestion's list counts its registrations by status, Tableau de bord adds up
their declarations, pieces and unread messages by exam, Relancer counts the
candidates with pieces to provide: over a whole session, each of those
walked thousands of index entries. ``registration_totals`` holds the answers
instead, one row per (session, exam, status) of numbered registrations, and
triggers on ``registration`` keep it: every write to a registration (the
models, a bulk insert, a cascade, the triggers of piece_counts.py changing
its counts of pieces and messages) takes its old row's contribution off and
adds its new row's, in the statement that makes the change. A row is added
the first time its key is met (an upsert) and stays when it falls to zero:
readers skip rows without registrations. A registration without an exam
(Enregistrer never makes one) counts under exam 0, as no exam.

On PostgreSQL a row of totals is shared by every candidate of an exam, so
transactions wait for each other on it. The rows a transaction locks come in
this order: the session's counter of numbers (Enregistrer's first save), then
the registration (``Registration.locked``, or its own UPDATE), which puts
everything of its own (its pieces, messages, profile) behind it, then rows of
totals, after which it locks no other registration nor counter; and when a
registration moves from one row of totals to another (a change of exam or
status), the two rows in the order of their keys (session, exam, status). So
two transactions never wait for each other in opposite orders. A statement
changing several registrations at once (a bulk UPDATE, deleting an account
with registrations to several sessions: no page does either) takes their rows
in the order of the registrations.

Version 5 (models/migrations.py) creates the table and its triggers, and so
does a new database; a version that changes the triggers keeps these
definitions for version 5 (a migration never uses today's code), as
piece_counts_at_4.py keeps version 4's. SQLite rebuilds a table to change a
column: rebuilding ``registration`` fails while these triggers name it, so a
later migration doing so drops them first and creates them again.
"""
from peewee import SQL, CharField, CompositeKey, IntegerField, PostgresqlDatabase, fn

from .base import BaseModel, db, prepared_sql


class RegistrationTotals(BaseModel):
    """The numbered registrations of a session with one exam and status: how many, and their figures added up."""

    session_id = IntegerField()
    exam_id = IntegerField()  # 0: no exam
    status = CharField()
    registrations = IntegerField(default=0)
    declared = IntegerField(default=0)  # « J'ai fourni toutes mes pièces »
    pieces_to_review = IntegerField(default=0)
    pieces_refused = IntegerField(default=0)
    messages_unread = IntegerField(default=0)
    with_open_pieces = IntegerField(default=0)  # registrations with pieces to provide (Relancer)

    class Meta:
        table_name = "registration_totals"
        primary_key = CompositeKey("session_id", "exam_id", "status")


# Each row's key, and what a registration (``{row}``, NEW or OLD) adds to each figure.
KEY = {"session_id": "{row}.session_id", "exam_id": "COALESCE({row}.exam_id, 0)", "status": "{row}.status"}
FIGURES = {
    "registrations": "1",
    "declared": "CASE WHEN {row}.pieces_declared_at IS NULL THEN 0 ELSE 1 END",
    "pieces_to_review": "{row}.pieces_to_review",
    "pieces_refused": "{row}.pieces_refused",
    "messages_unread": "{row}.messages_unread",
    "with_open_pieces": "CASE WHEN {row}.pieces_open > 0 THEN 1 ELSE 0 END",
}
# The columns of ``registration`` the totals depend on: any other change leaves them as they are.
WATCHED = ("session_id", "exam_id", "status", "number", "pieces_declared_at", "pieces_open", "pieces_to_review",
           "pieces_refused", "messages_unread")
TRIGGERS = ("registration_totals_insert", "registration_totals_update", "registration_totals_delete")
FUNCTION = "registration_totals"


def _add(row):
    """The upsert adding the contribution of ``row`` to its totals, when it is numbered."""
    columns = ", ".join((*KEY, *FIGURES))
    values = ", ".join(value.format(row=row) for value in (*KEY.values(), *FIGURES.values()))
    sums = ", ".join(f"{name} = registration_totals.{name} + excluded.{name}" for name in FIGURES)
    # INSERT … SELECT … WHERE: the WHERE also spares SQLite's parser an ambiguity before ON CONFLICT.
    return (f"INSERT INTO registration_totals ({columns}) SELECT {values} WHERE {row}.number IS NOT NULL "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {sums}")


def _take_off(row):
    """The UPDATE taking the contribution of ``row`` off its totals, when it is numbered (its row exists)."""
    changes = ", ".join(f"{name} = {name} - {value.format(row=row)}" for name, value in FIGURES.items())
    key = " AND ".join(f"{name} = {value.format(row=row)}" for name, value in KEY.items())
    return f"UPDATE registration_totals SET {changes} WHERE {key} AND {row}.number IS NOT NULL"


def _key(row):
    return f"({', '.join(value.format(row=row) for value in KEY.values())})"


# An update that changes neither a numbered registration's key nor its figures (a name, a reminder) leaves the
# totals alone.
_MOVES = ("(OLD.number IS NOT NULL OR NEW.number IS NOT NULL) AND ((OLD.number IS NULL) <> (NEW.number IS NULL) OR "
          + " OR ".join(f"{value.format(row='OLD')} <> {value.format(row='NEW')}"
                        for value in (*KEY.values(), *FIGURES.values()) if value != "1") + ")")


def _sqlite():
    watched = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER registration_totals_insert AFTER INSERT ON registration BEGIN {_add('NEW')}; END",
        f"CREATE TRIGGER registration_totals_update AFTER UPDATE OF {watched} ON registration WHEN {_MOVES} "
        f"BEGIN {_take_off('OLD')}; {_add('NEW')}; END",
        f"CREATE TRIGGER registration_totals_delete AFTER DELETE ON registration BEGIN {_take_off('OLD')}; END",
    ]


def _postgresql():
    watched = ", ".join(WATCHED)
    return [
        # A registration moving to a row of totals with a smaller key adds itself there first: the two rows are
        # always locked in the order of their keys.
        f"""CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {_key('NEW')} < {_key('OLD')} THEN
        {_add('NEW')};
        {_take_off('OLD')};
    ELSE
        IF TG_OP <> 'INSERT' THEN
            {_take_off('OLD')};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {_add('NEW')};
        END IF;
    END IF;
    RETURN NULL;
END
$$""",
        f"CREATE TRIGGER registration_totals_insert AFTER INSERT ON registration FOR EACH ROW "
        f"EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER registration_totals_update AFTER UPDATE OF {watched} ON registration FOR EACH ROW "
        f"WHEN ({_MOVES}) EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER registration_totals_delete AFTER DELETE ON registration FOR EACH ROW "
        f"EXECUTE FUNCTION {FUNCTION}()",
    ]


def create_triggers():
    """Create the triggers (and PostgreSQL's function) on the connected database; inside its transaction."""
    for statement in _postgresql() if isinstance(db.obj, PostgresqlDatabase) else _sqlite():
        db.execute_sql(statement)


def count_existing_registrations():
    """Set the totals from the registrations (their counts of pieces and messages set first), as the triggers
    would have kept them."""
    sums = ", ".join(f"SUM({value.format(row='registration')})" for value in FIGURES.values())
    key = ", ".join(value.format(row="registration") for value in KEY.values())
    db.execute_sql("DELETE FROM registration_totals")
    db.execute_sql(f"INSERT INTO registration_totals ({', '.join((*KEY, *FIGURES))}) SELECT {key}, {sums} "
                   f"FROM registration WHERE number IS NOT NULL GROUP BY {key}")


def _by_exam(*figures):
    """The rows of a session's totals with registrations: exam (None for 0), status, registrations, ``figures``."""
    return (RegistrationTotals.select(fn.NULLIF(RegistrationTotals.exam_id, SQL("0")), RegistrationTotals.status,
                                      RegistrationTotals.registrations, *figures)
            .where(RegistrationTotals.session_id == 0, RegistrationTotals.registrations > SQL("0")))


# Built once each; parameter: the session's id.
_counts_sql = prepared_sql(lambda: _by_exam())
_figures_sql = prepared_sql(lambda: _by_exam(RegistrationTotals.declared, RegistrationTotals.pieces_to_review,
                                             RegistrationTotals.pieces_refused, RegistrationTotals.messages_unread,
                                             RegistrationTotals.with_open_pieces))


def by_exam(session_id, figures=False):
    """``[(exam id, status, registrations)]`` of the numbered registrations of a session; with ``figures``, each
    also with how many declared their pieces, their pieces to review and refused, their unread messages, and how
    many have pieces to provide."""
    return db.execute_sql((_figures_sql if figures else _counts_sql)(), (session_id,)).fetchall()
