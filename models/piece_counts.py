"""Each registration's counts of its current pieces by what they await, kept by the database itself.

Relancer and Tableau de bord ask, for thousands of registrations, how many
pieces each still awaits; reading them from ``piece`` cost an EXISTS or a
join per registration. The counts live on ``registration`` instead, and
triggers on ``piece`` keep them: every write to a piece (the models, a bulk
insert, a cascade, code not written yet) takes its old row's contribution
off and adds its new row's, in the statement that makes the change.

On PostgreSQL the trigger updates the registration's row, so a transaction
changing a piece holds that row too: every path that changes pieces locks
the registration first (``Registration.locked``, or its own UPDATE of the
row), so two of them never wait for each other in opposite orders.

Version 4 (models/migrations.py) creates these triggers and so does a new
database; a version that changes them keeps these definitions for version 4
(a migration never uses today's code) and adds its own. SQLite rebuilds a table to change a column: rebuilding ``piece``
silently drops them, and rebuilding ``registration`` fails while they name
it, so a later migration doing either drops them first and creates them again.
"""
from peewee import PostgresqlDatabase

from .base import db

# Column of ``registration``: the current pieces (not obsolete) it counts, as a condition on a row of ``piece``.
COUNTS = {
    # What the candidate still has to provide (Relancer).
    "pieces_open": "{row}.status IN ('manquante', 'refusée')",
    # What staff have to look at, and what they sent back (Tableau de bord).
    "pieces_to_review": "{row}.status = 'déposée'",
    "pieces_refused": "{row}.status = 'refusée'",
}
# The columns of ``piece`` the counts depend on: any other change leaves them as they are.
WATCHED = ("status", "obsolete_at", "registration_id")
TRIGGERS = ("piece_counts_insert", "piece_counts_update", "piece_counts_delete")
FUNCTION = "piece_counts"


def _counted(row, condition):
    """1 when ``row`` (NEW or OLD) is a current piece meeting ``condition``, else 0."""
    return f"CASE WHEN {row}.obsolete_at IS NULL AND {condition.format(row=row)} THEN 1 ELSE 0 END"


def _update(row, sign):
    """The UPDATE that adds (``sign`` +) or takes off (-) the contribution of ``row`` to its registration.

    A registration being deleted has no row left to update: the UPDATE then changes nothing.
    """
    changes = ", ".join(f"{name} = {name} {sign} {_counted(row, condition)}" for name, condition in COUNTS.items())
    return f"UPDATE registration SET {changes} WHERE id = {row}.registration_id"


# An update that moves no piece in or out of any count (a label, a review date) leaves the registration alone.
_MOVES = ("OLD.registration_id <> NEW.registration_id OR "
          + " OR ".join(f"{_counted('OLD', condition)} <> {_counted('NEW', condition)}" for condition in COUNTS.values()))


def _sqlite():
    watched = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER piece_counts_insert AFTER INSERT ON piece BEGIN {_update('NEW', '+')}; END",
        f"CREATE TRIGGER piece_counts_update AFTER UPDATE OF {watched} ON piece WHEN {_MOVES} "
        f"BEGIN {_update('OLD', '-')}; {_update('NEW', '+')}; END",
        f"CREATE TRIGGER piece_counts_delete AFTER DELETE ON piece BEGIN {_update('OLD', '-')}; END",
    ]


def _postgresql():
    watched = ", ".join(WATCHED)
    return [
        f"""CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_update('OLD', '-')};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_update('NEW', '+')};
    END IF;
    RETURN NULL;
END
$$""",
        f"CREATE TRIGGER piece_counts_insert AFTER INSERT ON piece FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER piece_counts_update AFTER UPDATE OF {watched} ON piece FOR EACH ROW WHEN ({_MOVES}) "
        f"EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER piece_counts_delete AFTER DELETE ON piece FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
    ]


def create_triggers():
    """Create the triggers (and PostgreSQL's function) on the connected database; inside its transaction."""
    for statement in _postgresql() if isinstance(db.obj, PostgresqlDatabase) else _sqlite():
        db.execute_sql(statement)


def count_existing_pieces():
    """Set every registration's counts from its pieces, as the triggers would have kept them."""
    counts = ", ".join(
        f"{name} = (SELECT COUNT(*) FROM piece WHERE piece.registration_id = registration.id "
        f"AND piece.obsolete_at IS NULL AND {condition.format(row='piece')})" for name, condition in COUNTS.items())
    db.execute_sql(f"UPDATE registration SET {counts}")
