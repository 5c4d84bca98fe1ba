"""Each registration's counts of its current pieces by what they await, and of its unread messages, kept by the
database itself.

Gestion, Relancer and Tableau de bord ask, for thousands of registrations,
how many pieces each still awaits and whether the candidate wrote unread
messages; reading them from ``piece`` and ``message`` cost an EXISTS or a
join per registration. The counts live on ``registration`` instead, and
triggers on ``piece`` and ``message`` keep them: every write to one of their
rows (the models, a bulk insert, a cascade, code not written yet) takes its
old row's contribution off and adds its new row's, in the statement that
makes the change. Those counts are in turn added up by session, exam and
status (registration_totals.py) by triggers on ``registration``, which fire
from inside these.

On PostgreSQL the trigger updates the registration's row, so a transaction
changing a piece or a message holds that row too: every path that changes
them locks the registration first (``Registration.locked``, or its own
UPDATE of the row), so two of them never wait for each other in opposite
orders.

Version 4 made the triggers on ``piece`` with three counts (kept as it made
them in piece_counts_at_4.py); version 5 (models/migrations.py) makes these,
and so does a new database. A version that changes them keeps these
definitions for version 5 (a migration never uses today's code) and adds its
own. SQLite rebuilds a table to change a column: rebuilding ``piece`` or
``message`` silently drops them, and rebuilding ``registration`` fails while
they name it, so a later migration doing either drops them first and creates
them again.
"""
from dataclasses import dataclass

from peewee import PostgresqlDatabase

from .base import db


@dataclass(frozen=True)
class Counted:
    """The rows of ``table`` counted on their registration (``registration_id``): each column of ``registration``
    in ``counts`` counts the rows meeting its condition (on ``{row}``, NEW or OLD); they depend on the ``watched``
    columns alone, so any other change of a row leaves them as they are."""

    table: str
    counts: dict
    watched: tuple

    @property
    def triggers(self):
        return tuple(f"{self.table}_counts_{event}" for event in ("insert", "update", "delete"))

    def _counted(self, row, condition):
        """1 when ``row`` meets ``condition``, else 0."""
        return f"CASE WHEN {condition.format(row=row)} THEN 1 ELSE 0 END"

    def _update(self, row, sign):
        """The UPDATE that adds (``sign`` +) or takes off (-) the contribution of ``row`` to its registration.

        A registration being deleted has no row left to update: the UPDATE then changes nothing.
        """
        changes = ", ".join(f"{name} = {name} {sign} {self._counted(row, condition)}"
                            for name, condition in self.counts.items())
        return f"UPDATE registration SET {changes} WHERE id = {row}.registration_id"

    def _moves(self):
        """An update that moves no row in or out of any count (a label, a review date) leaves the registration alone."""
        return "OLD.registration_id <> NEW.registration_id OR " + " OR ".join(
            f"{self._counted('OLD', condition)} <> {self._counted('NEW', condition)}"
            for condition in self.counts.values())

    def sqlite(self):
        insert, update, delete = self.triggers
        return [
            f"CREATE TRIGGER {insert} AFTER INSERT ON {self.table} BEGIN {self._update('NEW', '+')}; END",
            f"CREATE TRIGGER {update} AFTER UPDATE OF {', '.join(self.watched)} ON {self.table} WHEN {self._moves()} "
            f"BEGIN {self._update('OLD', '-')}; {self._update('NEW', '+')}; END",
            f"CREATE TRIGGER {delete} AFTER DELETE ON {self.table} BEGIN {self._update('OLD', '-')}; END",
        ]

    def postgresql(self):
        insert, update, delete = self.triggers
        function = f"{self.table}_counts"
        return [
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {self._update('OLD', '-')};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {self._update('NEW', '+')};
    END IF;
    RETURN NULL;
END
$$""",
            f"CREATE TRIGGER {insert} AFTER INSERT ON {self.table} FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {update} AFTER UPDATE OF {', '.join(self.watched)} ON {self.table} FOR EACH ROW "
            f"WHEN ({self._moves()}) EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {delete} AFTER DELETE ON {self.table} FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]

    def count_existing(self):
        """Set every registration's counts from its rows, as the triggers would have kept them."""
        counts = ", ".join(
            f"{name} = (SELECT COUNT(*) FROM {self.table} WHERE {self.table}.registration_id = registration.id "
            f"AND {condition.format(row=self.table)})" for name, condition in self.counts.items())
        db.execute_sql(f"UPDATE registration SET {counts}")


_CURRENT = "{row}.obsolete_at IS NULL AND "  # a piece no longer asked counts nowhere
PIECES = Counted("piece", {
    # What the candidate still has to provide (Relancer).
    "pieces_open": _CURRENT + "{row}.status IN ('manquante', 'refusée')",
    # What staff have to look at, what they sent back, what they found good. With the count above, every status
    # of a piece (models/pieces.py): manquante = open - refused, and all of them = open + to review + validated.
    "pieces_to_review": _CURRENT + "{row}.status = 'déposée'",
    "pieces_refused": _CURRENT + "{row}.status = 'refusée'",
    "pieces_validated": _CURRENT + "{row}.status = 'validée'",
}, ("status", "obsolete_at", "registration_id"))
# The candidate's messages no member of staff has read (Message.unread_by_staff).
MESSAGES = Counted("message", {"messages_unread": "NOT {row}.from_staff AND {row}.read_at IS NULL"},
                   ("from_staff", "read_at", "registration_id"))
COUNTED = (PIECES, MESSAGES)
# The columns of ``registration`` the database keeps: the models never write them.
KEPT = tuple(name for counted in COUNTED for name in counted.counts)


def create_triggers():
    """Create the triggers (and PostgreSQL's functions) on the connected database; inside its transaction."""
    on_postgresql = isinstance(db.obj, PostgresqlDatabase)
    for counted in COUNTED:
        for statement in counted.postgresql() if on_postgresql else counted.sqlite():
            db.execute_sql(statement)


def count_existing():
    """Set every registration's counts from its pieces and messages, as the triggers would have kept them."""
    for counted in COUNTED:
        counted.count_existing()
