"""The rectorat's decisions: valider or refuser a piece, valider or écarter a registration, relancer,
each naming the version of the dossier its author saw.

Registration (registrations.py) and Piece (pieces.py) take these methods;
they reach rows through ``type(self)`` and the models' own relations, so
this module builds on none of the models.
"""
from datetime import timedelta

from peewee import SQL

import clock
from .base import db, locking
from .errors import DossierChanged, NotAllowed

# A candidate is reminded of missing pieces at most once in this time.
REMINDER_INTERVAL = timedelta(hours=24)
REMINDER_ACTION = "relance envoyée"
# dossier_changes' SQL, by kind of database and whether it checks the version seen.
_dossier_changes = {}


class RegistrationDecisions:
    """« Valider l'inscription », « Écarter l'inscription », « Relancer », and the version of the dossier."""

    def validate(self, by, seen=None):
        """« Valider l'inscription »: once each of its pieces is validated.

        ``seen`` is the dossier version its author saw (DossierChanged when it moved on).
        """
        with db.atomic():
            current = type(self).locked(self.id)
            if current.status != "enregistrée":
                raise NotAllowed(f"Cette inscription est {current.status} : elle ne peut pas être validée.")
            type(self).dossier_changes(self.id, seen)
            required = sorted((piece for piece in current.pieces if piece.obsolete_at is None), key=lambda p: p.position)
            waiting = [piece.label for piece in required if piece.status != "validée"]
            if waiting:
                raise NotAllowed("Validez d'abord chaque pièce. Pas encore validée(s) : " + " ; ".join(waiting) + ".")
            current._write(current.revision, status="validée")
            current.audit("inscription validée", by)
        return current

    def set_aside(self, by, reason, seen=None):
        """« Écarter l'inscription »: the candidate is not admitted to sit the exam, for ``reason``, which is kept
        (the candidate reads it in M'inscrire and on the recap)."""
        with db.atomic():
            current = type(self).locked(self.id)
            if current.status not in ("enregistrée", "validée"):
                raise NotAllowed(f"Cette inscription est {current.status} : elle ne peut pas être écartée.")
            type(self).dossier_changes(self.id, seen)
            current._write(current.revision, status="écartée", set_aside_reason=reason)
            current.audit("inscription écartée", by, reason)
        return current

    @classmethod
    def dossier_changes(cls, registration_id, seen=None):
        """The dossier staff review changed: one more ``dossier_version``.

        With ``seen`` (the version a decision's author saw) only if it is still
        that version, else DossierChanged: the UPDATE's condition decides, so of
        two decisions made at once on the same page, one passes, on any database.
        Call inside the transaction that makes the change.
        """
        params = (registration_id,) if seen is None else (registration_id, seen)
        if db.rows_affected(db.execute_sql(cls._dossier_changes_sql(seen is not None), params)) != 1:
            raise DossierChanged()

    @classmethod
    def _dossier_changes_sql(cls, checked):
        """``dossier_changes``' UPDATE, built once per kind of database (at each Enregistrer, peewee took
        longer to write it than SQLite to run it). Parameters: the id, then, when ``checked``, the version seen."""
        key = (type(db.obj), checked)
        if key not in _dossier_changes:
            query = cls.update(dossier_version=cls.dossier_version + SQL("1")).where(cls.id == 0)
            if checked:
                query = query.where(cls.dossier_version == 0)
            _dossier_changes[key] = query.sql()[0]
        return _dossier_changes[key]

    def remind(self, by, at=None):
        """« Relancer »: note that the candidate is reminded now; False when they already were within 24 h.

        The conditional UPDATE decides, so two members of staff sending the
        reminders at once remind each candidate once. Call inside the
        transaction that queues the email.
        """
        at, cls = at or clock.now(), type(self)
        with db.atomic():
            claimed = (cls.update(reminded_at=at)
                       .where(cls.id == self.id, cls.reminded_at.is_null() | (cls.reminded_at <= at - REMINDER_INTERVAL))
                       .execute())
            if claimed:
                self.reminded_at = at
                self.audit(REMINDER_ACTION, by)
        return bool(claimed)


class PieceDecisions:
    """« Valider la pièce », « Refuser la pièce »."""

    def accept(self, by, seen=None):
        """« Valider la pièce »: found good, so the candidate can no longer change it.

        ``seen``: the dossier version its author saw (DossierChanged when it moved on).
        """
        with db.atomic():
            piece = self._reviewable(seen)
            if piece.status == "validée":
                raise NotAllowed("Cette pièce est déjà validée.")
            if not piece.files:
                raise NotAllowed("Aucun fichier n'a été déposé pour cette pièce : elle ne peut pas être validée.")
            piece._review(by, "pièce validée", piece.label, status="validée", refusal_reason="")
        return piece

    def refuse(self, by, reason, due_override=None, seen=None):
        """« Refuser la pièce »: the candidate reads ``reason`` and may upload again until ``due_at``.

        ``due_override`` (naive UTC) gives this candidate a later date than the session's.
        """
        with db.atomic():
            piece = self._reviewable(seen)
            if piece.status == "manquante":
                raise NotAllowed("Aucun fichier n'a été déposé pour cette pièce : relancez plutôt le candidat.")
            changes = {"status": "refusée", "refusal_reason": reason}
            if due_override is not None:
                changes["due_override"] = due_override
            piece._review(by, "pièce refusée", f"{piece.label} : {reason}", **changes)
        return piece

    def _reviewable(self, seen=None):
        """This piece read again under the write lock; NotAllowed when staff may no longer review it.

        The dossier's version grows (if still ``seen``): this decision changes what staff see.
        """
        cls = type(self)
        # The registration's row before the piece's, as every path that changes pieces takes them: the trigger
        # counting the pieces (piece_counts.py) updates that row, so the opposite order could deadlock.
        registration = cls.registration.rel_model.locked(self.registration_id)
        piece = locking(cls.select().where(cls.id == self.id)).get()
        piece.registration = registration
        if registration.status != "enregistrée":
            raise NotAllowed(f"Cette inscription est {registration.status} : ses pièces ne sont plus examinées.")
        if piece.obsolete_at is not None:
            raise NotAllowed("Cette pièce n'est plus demandée pour cette inscription.")
        type(registration).dossier_changes(piece.registration_id, seen)
        return piece

    def _review(self, by, action, what, **changes):
        changes.update(reviewed_by=by, reviewed_at=clock.now())
        type(self).update(**changes).where(type(self).id == self.id).execute()
        for name, value in changes.items():
            setattr(self, name, value)
        self.registration.audit(action, by, what)
