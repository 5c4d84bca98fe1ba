"""Candidates' registrations to a session.

A registration is filled in five steps. Each step's answers are kept as a
draft (``pending``) on the server until **Enregistrer** copies them into the
registration's columns, so what staff, Mes documents and the PDF show is
always the last saved version, never half-typed changes.
"""
from peewee import BooleanField, CharField, DateTimeField, IntegerField, IntegrityError, TextField

import clock
from rules import Facts
from . import catalogue
from .accounts import Account
from .base import ForeignKey, PreparedRows, db, guarded_update, locking
from .decisions import RegistrationDecisions
from .drafts import Draft
from .errors import RegistrationClosed, RegistrationSetAside, StaleRevision, StepNotReached
from .outbox import Audit
from .piece_counts import KEPT
from .profiles import IdentityFields, Profile
from .sessions import Exam, ExamSession, JSONListField

LAST_STEP = 5


class Registration(Draft, RegistrationDecisions, IdentityFields):
    """One account's registration to one session; what Gestion lists and counts is in review.py."""

    account = ForeignKey(Account, backref="registrations", on_delete="CASCADE")
    session = ForeignKey(ExamSession, backref="registrations", on_delete="RESTRICT")
    status = CharField(default="brouillon")  # brouillon, enregistrée, validée, écartée, annulée
    step_reached = IntegerField(default=1)
    revision = IntegerField(default=0)  # grows at every write, to detect two tabs
    number = CharField(null=True, unique=True)
    version = IntegerField(default=0)  # grows at every Enregistrer
    created_at = DateTimeField(default=clock.now)
    saved_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)

    exam = ForeignKey(Exam, null=True, backref="registrations", on_delete="RESTRICT")
    candidate_status = CharField(default="")  # individuel, distance
    organisme = CharField(default="")
    language = CharField(default="")
    optional_tests = JSONListField(default=())
    diplomas_held = TextField(default="")
    exemption_requested = BooleanField(default=False)
    grades_kept = BooleanField(default=False)
    foreign_diploma = BooleanField(default=False)
    work_experience = BooleanField(default=False)
    accommodation_requested = BooleanField(default=False)
    jdc_status = CharField(default="")

    pieces_declared_at = DateTimeField(null=True)
    # When staff last reminded the candidate of missing pieces (« Relancer »).
    reminded_at = DateTimeField(null=True)
    # Why the rectorat set the registration aside (« Écarter »), shown to the candidate and in the recap.
    set_aside_reason = TextField(default="")
    # Grows whenever the dossier staff review changes (a file added or removed, a decision): a decision
    # names the version its author saw, and is refused when the dossier moved on meanwhile.
    dossier_version = IntegerField(default=0)
    # Its current pieces missing or refused, to review, refused, validated, and the candidate's messages no
    # member of staff has read: counted by the database from the pieces and messages (piece_counts.py) for
    # Gestion, Relancer and Tableau de bord, which would otherwise read every piece and message.
    pieces_open = IntegerField(default=0)
    pieces_to_review = IntegerField(default=0)
    pieces_refused = IntegerField(default=0)
    pieces_validated = IntegerField(default=0)
    messages_unread = IntegerField(default=0)
    # Answers of the steps not saved yet with Enregistrer, as JSON {field: value}.
    pending = TextField(default="")

    STEP_FIELDS = {
        1: ("exam", "candidate_status", "organisme", "language", "optional_tests"),
        2: IdentityFields.IDENTITY,
        3: IdentityFields.ADDRESS,
        4: ("diplomas_held", "exemption_requested", "grades_kept", "foreign_diploma", "work_experience",
            "accommodation_requested", "jdc_status"),
    }

    class Meta:
        indexes = ((("account", "session"), True),
                   # Gestion's list in its order: a page of 50 reads 50 rows, not the whole session sorted.
                   (("session", "birth_name", "first_names", "number"), False),
                   # Gestion's list counts its registrations filtered by exam, status, declaration, pieces or
                   # unread messages from this index alone, not the rows (by status alone, from the totals).
                   (("session", "exam", "status", "pieces_declared_at", "number", "pieces_open", "pieces_to_review",
                     "pieces_refused", "pieces_validated", "messages_unread"), False),
                   # Relancer reads the registered candidates in the list's order from this one, their pieces to
                   # provide and last reminder included, and counts them from it alone.
                   (("session", "status", "birth_name", "first_names", "number", "pieces_open", "reminded_at",
                     "exam"), False),
                   # Relancer counts the candidates reminded in the last 24 h, a short range of this one, and takes
                   # them off those with pieces to provide (registration_totals.py).
                   (("session", "status", "reminded_at", "pieces_open", "exam", "number"), False))

    # Reading ----------------------------------------------------------------

    @classmethod
    def for_account(cls, account, session):
        """The registration of ``account`` to ``session``, or None.

        Asked by every page of the candidate: its SQL is built once (see
        prepared_sql), and a session given as a row is the registration's own,
        so the templates do not load it again; nor its account when given as a
        row, nor its exam and pôle, read here with SQL built once.
        """
        found = _for_account.first(getattr(account, "id", account), getattr(session, "id", session))
        return None if found is None else found._known(account, session)

    @classmethod
    def numbered(cls, account, number):
        """The registration numbered ``number`` if it is ``account``'s, else None; read like ``for_account``."""
        found = _numbered.first(number, getattr(account, "id", account))
        return None if found is None else found._known(account, ExamSession.current())

    def _known(self, account, session):
        """This registration with what its pages show attached: the account and session given as rows
        (when they are its own), its exam and pôle from the session's catalogue."""
        if isinstance(session, ExamSession) and session.id == self.session_id:
            self.session = session
        if isinstance(account, Account):
            self.account = account
        exam = self.exam_id and catalogue.of(self.session).exam(self.exam_id)
        if exam:
            self.exam = exam
        return self

    @classmethod
    def for_account_or_new(cls, account, session):
        """The registration, or a new unsaved draft with the identity known from a previous session."""
        registration = cls.for_account(account, session)
        if registration is None:
            profile = Profile.for_account(account)
            known = {name: getattr(profile, name) for name in cls.IDENTITY + cls.ADDRESS} if profile else {}
            registration = cls(account=account, session=session, **known)
        return registration

    @classmethod
    def history(cls, account, session):
        """The account's registrations to other sessions that were saved at least once, latest first (a list).

        Most candidates have none: the question is asked by SQL built once,
        and the sessions of the ones found are read only then.
        """
        found = _history.all(getattr(account, "id", account), getattr(session, "id", session))
        if found:
            sessions = {s.id: s for s in ExamSession.select().where(ExamSession.id.in_({r.session_id for r in found}))}
            for registration in found:
                registration.session = sessions[registration.session_id]
        return found

    @property
    def is_saved(self):
        """Enregistrer was clicked at least once and the registration is not cancelled."""
        return self.number is not None and self.status != "annulée"

    # Writing ----------------------------------------------------------------

    def save(self, force_insert=False, only=None):
        """peewee's save, except that updating a row leaves its counts of pieces and messages alone: the database
        keeps them, and this row's may have been read before a piece or a message changed."""
        if only is None and self.id is not None and not force_insert:
            only = [field for field in self._meta.sorted_fields if not field.primary_key and field.name not in KEPT]
        return super().save(force_insert=force_insert, only=only)

    def enregistrer(self, revision):
        """Enregistrer: the draft becomes the registration, numbered at the first
        save, one version more at each save; the pieces follow the answers.

        Returns True when a piece is now asked after the candidate had declared
        all their pieces provided: that declaration is reopened.
        """
        with db.atomic():
            self._check_open()
            if self.step_reached < LAST_STEP:
                raise StepNotReached(self.step_reached)
            saved = self.working_copy()
            changes = {name: getattr(saved, name) for fields in self.STEP_FIELDS.values() for name in fields}
            changes.update(status="enregistrée", version=self.version + 1, saved_at=clock.now(),
                           cancelled_at=None, pending="", number=self.number or self._next_number())
            if self.status == "validée":
                self.audit("inscription modifiée après validation : à revoir", self.account, f"version {self.version + 1}")
            self._write(revision, **changes)
            # What staff review changed: a decision made on the page seen before is refused.
            Registration.dossier_changes(self.id)
            Profile.keep(self)
            # Pieces hang off registrations (pieces.py builds on this module): their backref names their model.
            added = Registration.pieces.rel_model.sync_for(self)
            reopened = added and self.pieces_declared_at is not None
            if reopened:
                self.pieces_declared_at = None
                Registration.update(pieces_declared_at=None).where(Registration.id == self.id).execute()
            return reopened

    def cancel(self):
        """Annuler mon inscription: kept for the record, no longer a candidate of the session."""
        with db.atomic():
            self._check_open()
            self._write(self.revision, status="annulée", cancelled_at=clock.now(), pending="")

    @classmethod
    def locked(cls, registration_id):
        """The registration read again, its row locked until the transaction ends (see base.locking)."""
        return _locked.get(registration_id)

    def audit(self, action, by, what=""):
        """Record an action on this registration; its number heads the detail, so its history can be found."""
        return Audit.record(action, by, self.account_id, f"{self.number} — {what}" if what else self.number)

    def _check_open(self):
        if not self.session.registration_open():
            raise RegistrationClosed()
        if self.status == "écartée":
            # The rectorat's decision stands: the candidate can no longer change it by saving again.
            raise RegistrationSetAside()

    def _next_number(self):
        """``2023-06-POI-000123``: the session's next number, from its counter.

        The UPDATE adds one and holds the session's row until the saving
        transaction ends, so candidates saving at the same instant, in any
        process, get distinct numbers and none waits for a retry; a save that
        fails gives its number back with the rollback.
        """
        ExamSession.update(last_number=ExamSession.last_number + 1).where(ExamSession.id == self.session_id).execute()
        taken = ExamSession.select(ExamSession.last_number).where(ExamSession.id == self.session_id).scalar()
        return f"{self.session.number_prefix}-{taken:06d}"

    def _write(self, revision, **changes):
        """Write ``changes`` if the row is still at ``revision``, else StaleRevision.

        The revision is checked by the UPDATE itself, so two requests racing on
        any database cannot both succeed.
        """
        changes["revision"] = revision + 1
        if self.id is None:
            if revision != 0 or Registration.for_account(self.account_id, self.session_id):
                raise StaleRevision()
            for name, value in changes.items():
                setattr(self, name, value)
            try:
                self.save(force_insert=True)
            except IntegrityError:
                raise StaleRevision() from None
            return
        if guarded_update(Registration, self.id, Registration.revision, revision, changes) != 1:
            raise StaleRevision()
        for name, value in changes.items():
            setattr(self, name, value)

    def facts(self):
        """What the rules of rules.py need to know about this registration."""
        return Facts(
            exams_start_on=self.session.exams_start_on,
            birth_date=self.birth_date,
            nationality=self.nationality,
            distance_learning=self.candidate_status == "distance",
            exemption_requested=self.exemption_requested,
            grades_kept=self.grades_kept,
            accommodation_requested=self.accommodation_requested,
            work_experience=bool(self.exam_id and self.exam.work_experience) or self.work_experience,
            foreign_diploma=self.foreign_diploma,
        )

    def required_pieces(self):
        """The pieces the session's rules ask of this registration, each with its reason."""
        return catalogue.of(self.session).required_pieces(self.facts())




# The registration of an account to a session (one at most: a unique index).
# Parameters: the account's id, then the session's.
_for_account = PreparedRows(Registration, lambda: (
    Registration.select().where(Registration.account == 0, Registration.session == 0)
))

# The registration, its row locked (see Registration.locked). Parameter: its id.
_locked = PreparedRows(Registration, lambda: locking(Registration.select().where(Registration.id == 0)))

# A registration by its number, if it is the account's. Parameters: the number, then the account's id.
_numbered = PreparedRows(Registration, lambda: (
    Registration.select().where(Registration.number == "", Registration.account == 0)
))

# The account's saved registrations to the other sessions, latest first.
# Parameters: the account's id, then the current session's.
_history = PreparedRows(Registration, lambda: (
    Registration.select().join(ExamSession)
    .where(Registration.account == 0, Registration.session != 0, Registration.number.is_null(False))
    .order_by(ExamSession.opens_at.desc())
))
