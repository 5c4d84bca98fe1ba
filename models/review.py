"""The rectorat's side of registrations and pieces: what staff see, review and chase.

Registration and Piece inherit these mixins. registrations.py and pieces.py
build on this module, so each method imports the other model where it needs it.
"""
from datetime import timedelta

from peewee import JOIN, Case, fn

import clock
from .accounts import Account, StaffPole
from .base import db
from .outbox import Audit
from .refusals import NotAllowed
from .sessions import Exam, ExamSession, Pole

# A candidate is reminded of missing pieces at most once in this time.
REMINDER_INTERVAL = timedelta(hours=24)
REMINDER_ACTION = "relance envoyée"


class RegistrationReview:
    """Registrations as staff find, count, validate and set them aside, with their history."""

    @classmethod
    def in_poles_of(cls, account):
        """The numbered registrations ``account`` reviews: all for an admin, their pôles' for a gestionnaire."""
        query = (cls.select().join(Exam, on=(cls.exam == Exam.id)).join(Pole).switch(cls)
                 .where(cls.number.is_null(False)))
        if account.role != "admin":
            # Pôles are named by code, which they keep from one session to the next.
            query = query.where(Pole.code.in_(StaffPole.select(StaffPole.pole_code).where(StaffPole.account == account)))
        return query

    @classmethod
    def for_staff(cls, account, session, filters=None):
        """The registrations of ``session`` that ``account`` reviews, filtered, each with its pieces counted.

        ``filters`` (each optional): ``status``; ``pieces`` (``a-examiner``,
        ``manquantes`` — missing or refused —, ``validees``); ``declared``
        (``oui``, ``non``); ``pole`` and ``exam`` (codes); ``q`` (words of a
        number or a name). Rows carry ``pieces_total``, ``pieces_provided``,
        ``pieces_to_review``, ``pieces_refused``, ``pieces_missing``,
        ``pieces_validated``, ``exam_label``, ``pole_id``, ``pole_label`` and ``email``:
        one query, however many rows.
        """
        from .pieces import Piece

        filters = filters or {}

        def tally(condition):
            return fn.SUM(Case(None, [(condition, 1)], 0))

        pieces = (Piece.select(Piece.registration.alias("registration_id"), fn.COUNT(Piece.id).alias("total"),
                               tally(Piece.status.in_(("déposée", "validée"))).alias("provided"),
                               tally(Piece.status == "déposée").alias("to_review"),
                               tally(Piece.status == "refusée").alias("refused"),
                               tally(Piece.status == "manquante").alias("missing"),
                               tally(Piece.status == "validée").alias("validated"))
                  .where(Piece.obsolete_at.is_null()).group_by(Piece.registration).alias("tally"))
        counts = [fn.COALESCE(getattr(pieces.c, name), 0).alias(f"pieces_{name}")
                  for name in ("total", "provided", "to_review", "refused", "missing", "validated")]
        query = (cls.in_poles_of(account)
                 .select_extend(*counts, Exam.label.alias("exam_label"), Exam.pole.alias("pole_id"),
                                Pole.label.alias("pole_label"), Account.email.alias("email"))
                 .join(Account, on=(cls.account == Account.id)).switch(cls)
                 .join(pieces, JOIN.LEFT_OUTER, on=(pieces.c.registration_id == cls.id))
                 .where(cls.session == session))
        wanted_pieces = {"a-examiner": pieces.c.to_review > 0,
                         "manquantes": (pieces.c.missing + pieces.c.refused) > 0,
                         "validees": (pieces.c.total > 0) & (pieces.c.validated == pieces.c.total)}
        conditions = [
            (filters.get("status"), lambda value: cls.status == value),
            (filters.get("pieces"), lambda value: wanted_pieces[value]),
            (filters.get("declared"), lambda value: cls.pieces_declared_at.is_null(value != "oui")),
            (filters.get("pole"), lambda value: Pole.code == value),
            (filters.get("exam"), lambda value: Exam.code == value),
        ]
        for value, condition in conditions:
            if value:
                query = query.where(condition(value))
        for word in (filters.get("q") or "").split():
            query = query.where(cls.number.contains(word) | cls.birth_name.contains(word)
                                | cls.usage_name.contains(word) | cls.first_names.contains(word))
        return query.order_by(cls.birth_name, cls.first_names, cls.number).objects()

    @classmethod
    def status_counts(cls, account, session):
        """How many registrations of ``session`` that ``account`` reviews are in each status."""
        query = (cls.in_poles_of(account).select(cls.status, fn.COUNT(cls.id))
                 .where(cls.session == session).group_by(cls.status))
        return dict(query.tuples())

    def audit(self, action, by, what=""):
        """Record a staff action on this registration; its number heads the detail, so its history can be found."""
        return Audit.record(action, by, self.account_id, f"{self.number} — {what}" if what else self.number)

    def staff_history(self, limit=20):
        """The latest actions recorded about this registration, newest first, with who did them."""
        return (Audit.select(Audit, Account).join(Account, JOIN.LEFT_OUTER, on=(Audit.actor == Account.id))
                .where(Audit.subject == self.account_id, Audit.detail.startswith(self.number))
                .order_by(Audit.at.desc(), Audit.id.desc()).limit(limit))

    def validate(self, by):
        """« Valider l'inscription »: once each of its pieces is validated."""
        from .pieces import Piece

        with db.atomic():
            current = type(self).get_by_id(self.id)
            if current.status != "enregistrée":
                raise NotAllowed(f"Cette inscription est {current.status} : elle ne peut pas être validée.")
            waiting = [piece.label for piece in Piece.for_registration(current) if piece.status != "validée"]
            if waiting:
                raise NotAllowed("Validez d'abord chaque pièce. Pas encore validée(s) : " + " ; ".join(waiting) + ".")
            current._write(current.revision, status="validée")
            current.audit("inscription validée", by)
        return current

    def set_aside(self, by, reason):
        """« Écarter l'inscription »: the candidate is not admitted to sit the exam, for ``reason``."""
        with db.atomic():
            current = type(self).get_by_id(self.id)
            if current.status not in ("enregistrée", "validée"):
                raise NotAllowed(f"Cette inscription est {current.status} : elle ne peut pas être écartée.")
            current._write(current.revision, status="écartée")
            current.audit("inscription écartée", by, reason)
        return current


class PieceReview:
    """« Valider la pièce », « Refuser la pièce », and the reminders of pieces still missing."""

    @classmethod
    def for_staff(cls, piece_id, account):
        """The piece if ``account`` reviews its registration, else None (another pôle's is not found)."""
        from .registrations import Registration

        reviewed = Registration.in_poles_of(account).select(Registration.id)
        return (cls.select(cls, Registration).join(Registration)
                .where(cls.id == piece_id, Registration.id.in_(reviewed)).first())

    def _reviewable(self):
        """This piece read again under the write lock; NotAllowed when staff may no longer review it."""
        from .registrations import Registration

        cls = type(self)
        piece = cls.select(cls, Registration).join(Registration).where(cls.id == self.id).get()
        if piece.registration.status != "enregistrée":
            raise NotAllowed(f"Cette inscription est {piece.registration.status} : ses pièces ne sont plus examinées.")
        if piece.obsolete_at is not None:
            raise NotAllowed("Cette pièce n'est plus demandée pour cette inscription.")
        return piece

    def _review(self, by, action, what, **changes):
        changes.update(reviewed_by=by, reviewed_at=clock.now())
        cls = type(self)
        cls.update(**changes).where(cls.id == self.id).execute()
        for name, value in changes.items():
            setattr(self, name, value)
        self.registration.audit(action, by, what)

    def accept(self, by):
        """« Valider la pièce »: found good, so the candidate can no longer change it."""
        with db.atomic():
            piece = self._reviewable()
            if piece.status == "validée":
                raise NotAllowed("Cette pièce est déjà validée.")
            if not piece.uploads.exists():
                raise NotAllowed("Aucun fichier n'a été déposé pour cette pièce : elle ne peut pas être validée.")
            piece._review(by, "pièce validée", piece.label, status="validée", refusal_reason="")
        return piece

    def refuse(self, by, reason, due_override=None):
        """« Refuser la pièce »: the candidate reads ``reason`` and may upload again until ``due_at``.

        ``due_override`` (naive UTC) gives this candidate a later date than the session's.
        """
        with db.atomic():
            piece = self._reviewable()
            if piece.status == "manquante":
                raise NotAllowed("Aucun fichier n'a été déposé pour cette pièce : relancez plutôt le candidat.")
            changes = {"status": "refusée", "refusal_reason": reason}
            if due_override is not None:
                changes["due_override"] = due_override
            piece._review(by, "pièce refusée", f"{piece.label} : {reason}", **changes)
        return piece

    @classmethod
    def to_chase(cls, registrations, at=None):
        """``[(registration, pieces)]``: the candidates to remind now, with the pieces they still have to provide.

        A piece is chased while missing or refused and still open to the
        candidate; a candidate reminded less than 24 h ago is left alone.
        Call inside the transaction that queues the reminders, so that two
        members of staff clicking together do not remind anyone twice.
        """
        at = at or clock.now()
        registrations = {r.id: r for r in registrations if r.status == "enregistrée"}
        sessions = {s.id: s for s in ExamSession.select().where(
            ExamSession.id.in_({r.session_id for r in registrations.values()}))}
        for registration in registrations.values():
            registration.session = sessions[registration.session_id]  # each piece's due_at reads it
        reminded = {row.subject_id for row in Audit.select(Audit.subject).where(
            Audit.action == REMINDER_ACTION, Audit.at > at - REMINDER_INTERVAL,
            Audit.subject.in_([r.account_id for r in registrations.values()]))}
        chased = {}
        pieces = (cls.select().where(cls.registration.in_(list(registrations)), cls.obsolete_at.is_null(),
                                     cls.status.in_(("manquante", "refusée"))).order_by(cls.position))
        for piece in pieces:
            registration = piece.registration = registrations[piece.registration_id]
            if registration.account_id not in reminded and at < piece.due_at:
                chased.setdefault(piece.registration_id, []).append(piece)
        return [(registrations[key], found) for key, found in chased.items()]

    @staticmethod
    def record_reminder(registration, by):
        registration.audit(REMINDER_ACTION, by)
