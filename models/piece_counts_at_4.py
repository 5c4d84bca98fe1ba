"""The triggers on ``piece`` as version 4 made them: its migration creates them from here, version 5's drops them.

A migration never uses today's code (models/migrations.py), and
models/piece_counts.py will move on: a later version counting more pieces
counts them into columns version 4 does not have. So version 4's three
counts and their triggers are written here as that release made them, for a
database upgraded from version 3 through 4 and beyond.
"""
from peewee import PostgresqlDatabase

from .base import db

# The columns version 4 adds to ``registration``, each counting the current pieces of a status.
COUNTS = {"pieces_open": "IN ('manquante', 'refusée')", "pieces_to_review": "= 'déposée'",
          "pieces_refused": "= 'refusée'"}
TRIGGERS = ("piece_counts_insert", "piece_counts_update", "piece_counts_delete")
FUNCTION = "piece_counts"
_WATCHED = "status, obsolete_at, registration_id"


def _current(row, status):
    return f"CASE WHEN {row}.obsolete_at IS NULL AND {row}.status {status} THEN 1 ELSE 0 END"


def _update(row, sign):
    changes = ", ".join(f"{name} = {name} {sign} {_current(row, status)}" for name, status in COUNTS.items())
    return f"UPDATE registration SET {changes} WHERE id = {row}.registration_id"


_MOVES = "OLD.registration_id <> NEW.registration_id OR " + " OR ".join(
    f"{_current('OLD', status)} <> {_current('NEW', status)}" for status in COUNTS.values())
SQLITE = [
    f"CREATE TRIGGER piece_counts_insert AFTER INSERT ON piece BEGIN {_update('NEW', '+')}; END",
    f"CREATE TRIGGER piece_counts_update AFTER UPDATE OF {_WATCHED} ON piece WHEN {_MOVES} "
    f"BEGIN {_update('OLD', '-')}; {_update('NEW', '+')}; END",
    f"CREATE TRIGGER piece_counts_delete AFTER DELETE ON piece BEGIN {_update('OLD', '-')}; END",
]
POSTGRESQL = [
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
    f"CREATE TRIGGER piece_counts_update AFTER UPDATE OF {_WATCHED} ON piece FOR EACH ROW WHEN ({_MOVES}) "
    f"EXECUTE FUNCTION {FUNCTION}()",
    f"CREATE TRIGGER piece_counts_delete AFTER DELETE ON piece FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
]


def create_triggers():
    """Create version 4's triggers (and PostgreSQL's function) on the connected database."""
    for statement in POSTGRESQL if isinstance(db.obj, PostgresqlDatabase) else SQLITE:
        db.execute_sql(statement)


def count_existing_pieces():
    """Set every registration's version-4 counts from its pieces, as the triggers would have kept them."""
    counts = ", ".join(f"{name} = (SELECT COUNT(*) FROM piece WHERE piece.registration_id = registration.id AND "
                       f"piece.obsolete_at IS NULL AND piece.status {status})" for name, status in COUNTS.items())
    db.execute_sql(f"UPDATE registration SET {counts}")


def drop_triggers():
    """Drop version 4's triggers (and function): before version 5 changes ``registration`` and makes its own."""
    on_postgresql = isinstance(db.obj, PostgresqlDatabase)
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + (" ON piece" if on_postgresql else ""))
    if on_postgresql:
        db.execute_sql(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
