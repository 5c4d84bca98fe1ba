"""Candidates' profiles, their registrations to a session, and address changes.

A registration is filled in five steps. Each step's answers are kept as a
draft (``pending``) on the server until **Enregistrer** copies them into the
registration's columns, so what staff, Mes documents and the PDF show is
always the last saved version, never half-typed changes.
"""
import json
from datetime import date

from peewee import (JOIN, BooleanField, Case, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField,
                    IntegrityError, TextField, fn)

import clock
from rules import Facts, required_pieces
from .accounts import Account, StaffPole
from .base import BaseModel, db
from .outbox import Audit
from .sessions import DocumentRule, Exam, ExamSession, JSONListField, Pole

LAST_STEP = 5


class RegistrationClosed(Exception):
    """The session does not accept registrations or changes at this instant."""


class RegistrationSetAside(RegistrationClosed):
    """Staff set the registration aside (écartée): the candidate cannot change or cancel it."""


class StaleRevision(Exception):
    """The form was filled from an older state: another tab saved meanwhile."""


class StepNotReached(Exception):
    """A step was sent before the earlier ones were done."""

    def __init__(self, first_incomplete):
        super().__init__(first_incomplete)
        self.first_incomplete = first_incomplete


class IdentityFields(BaseModel):
    """Who the candidate is and where they live: kept on the profile across
    sessions, and copied into each registration as it was when saved."""

    civilite = CharField(default="")
    birth_name = CharField(default="")
    usage_name = CharField(default="")
    first_names = CharField(default="")
    birth_date = DateField(null=True)
    birth_commune = CharField(default="")
    birth_departement = CharField(default="")
    birth_country = CharField(default="")
    nationality = CharField(default="")
    address = TextField(default="")
    postcode = CharField(default="")
    commune = CharField(default="")
    country = CharField(default="France")
    phone = CharField(default="")

    IDENTITY = ("civilite", "birth_name", "usage_name", "first_names", "birth_date",
                "birth_commune", "birth_departement", "birth_country", "nationality")
    POSTAL = ("address", "postcode", "commune", "country")
    ADDRESS = POSTAL + ("phone",)

    def postal_address(self):
        """The postal address as it is written on an envelope."""
        lines = [*self.address.splitlines(), f"{self.postcode} {self.commune}".strip(), self.country]
        return "\n".join(line.strip() for line in lines if line.strip())


class Profile(IdentityFields):
    account = ForeignKeyField(Account, backref="profiles", unique=True, on_delete="CASCADE")
    updated_at = DateTimeField(default=clock.now)

    @classmethod
    def for_account(cls, account):
        return cls.get_or_none(cls.account == account)

    @classmethod
    def keep(cls, registration):
        """Remember who the candidate is and where they live, for their next session."""
        profile = cls.for_account(registration.account_id) or cls(account=registration.account_id)
        for name in cls.IDENTITY + cls.ADDRESS:
            setattr(profile, name, getattr(registration, name))
        profile.updated_at = clock.now()
        profile.save()
        return profile

    def change_address(self, values, registration=None):
        """Record a new postal address (allowed at any time, even after the close).

        The old address stays in the history (AddressChange) that staff read;
        the saved registration of the current session follows the move.
        """
        with db.atomic():
            old = self.postal_address()
            for name in self.POSTAL:
                setattr(self, name, values[name])
            self.updated_at = clock.now()
            self.save()
            if registration is not None and registration.number:
                registration.follow_address(self)
            return AddressChange.create(account=self.account_id, registration=registration, old_address=old,
                                        new_address=self.postal_address())


class Registration(IdentityFields):
    """One account's registration to one session."""

    account = ForeignKeyField(Account, backref="registrations", on_delete="CASCADE")
    session = ForeignKeyField(ExamSession, backref="registrations", on_delete="RESTRICT")
    status = CharField(default="brouillon")  # brouillon, enregistrée, validée, écartée, annulée
    step_reached = IntegerField(default=1)
    revision = IntegerField(default=0)  # grows at every write, to detect two tabs
    number = CharField(null=True, unique=True)
    version = IntegerField(default=0)  # grows at every Enregistrer
    created_at = DateTimeField(default=clock.now)
    saved_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)

    exam = ForeignKeyField(Exam, null=True, backref="registrations", on_delete="RESTRICT")
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
        indexes = ((("account", "session"), True),)

    # Reading ----------------------------------------------------------------

    @classmethod
    def for_account(cls, account, session):
        """The registration of ``account`` to ``session``, or None."""
        return cls.get_or_none(cls.account == account, cls.session == session)

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
        """The account's registrations to other sessions that were saved at least once."""
        return (cls.select(cls, ExamSession).join(ExamSession)
                .where(cls.account == account, cls.session != session, cls.number.is_null(False))
                .order_by(ExamSession.opens_at.desc()))

    @property
    def is_saved(self):
        """Enregistrer was clicked at least once and the registration is not cancelled."""
        return self.number is not None and self.status != "annulée"

    @property
    def has_unsaved_changes(self):
        return bool(self.pending)

    def working_copy(self):
        """The registration as the candidate is editing it: the saved answers
        overlaid by the draft. Never saved itself."""
        copy = Registration(**self.__data__)
        copy.session = self.session
        for name, value in json.loads(self.pending or "{}").items():
            setattr(copy, name, _decode(self._meta.fields[name], value))
        return copy

    # Writing ----------------------------------------------------------------

    def save_step(self, step, values, revision):
        """Keep the answers of ``step`` as a draft and open the next step.

        ``revision`` is the one the form was filled from: if another tab saved
        since, nothing is written (StaleRevision).
        """
        with db.atomic():
            self._check_open()
            if step > self.step_reached:
                raise StepNotReached(self.step_reached)
            draft = json.loads(self.pending or "{}")
            draft.update({name: _encode(values[name]) for name in self.STEP_FIELDS[step]})
            self._write(revision, pending=json.dumps(draft, ensure_ascii=False),
                        step_reached=max(self.step_reached, step + 1))

    def enregistrer(self, revision):
        """Enregistrer: the draft becomes the registration, numbered at the first
        save, one version more at each save; the pieces follow the answers.

        Returns True when a piece is now asked after the candidate had declared
        all their pieces provided: that declaration is reopened.
        """
        from .pieces import Piece  # pieces.py builds on this module

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
            Profile.keep(self)
            added = Piece.sync_for(self)
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

    def follow_address(self, profile):
        """Take the new postal address of ``profile``, dropping a draft of the old one."""
        draft = {name: value for name, value in json.loads(self.pending or "{}").items() if name not in self.POSTAL}
        changes = {name: getattr(profile, name) for name in self.POSTAL}
        self._write(self.revision, pending=json.dumps(draft, ensure_ascii=False) if draft else "", **changes)

    def _check_open(self):
        if not self.session.registration_open():
            raise RegistrationClosed()
        if self.status == "écartée":
            # The rectorat's decision stands: the candidate can no longer change it by saving again.
            raise RegistrationSetAside()

    def _next_number(self):
        """``2023-06-POI-000123``: the next free number of the session."""
        prefix = f"{self.session.number_prefix}-"
        last = (Registration.select(fn.MAX(Registration.number))
                .where(Registration.session == self.session, Registration.number.startswith(prefix)).scalar())
        return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:06d}"

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
        updated = (Registration.update(**changes)
                   .where(Registration.id == self.id, Registration.revision == revision).execute())
        if updated != 1:
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
        rules = self.session.document_rules.order_by(DocumentRule.position)
        return required_pieces(rules, self.facts())

    # The rectorat's side -------------------------------------------------------

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
        from .pieces import Piece  # pieces.py builds on this module

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
        from .pieces import NotAllowed, Piece

        with db.atomic():
            current = Registration.get_by_id(self.id)
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
        from .pieces import NotAllowed

        with db.atomic():
            current = Registration.get_by_id(self.id)
            if current.status not in ("enregistrée", "validée"):
                raise NotAllowed(f"Cette inscription est {current.status} : elle ne peut pas être écartée.")
            current._write(current.revision, status="écartée")
            current.audit("inscription écartée", by, reason)
        return current


class AddressChange(BaseModel):
    """A change of postal address reported by the candidate, shown to staff."""

    account = ForeignKeyField(Account, backref="address_changes", on_delete="CASCADE")
    registration = ForeignKeyField(Registration, null=True, backref="address_changes", on_delete="SET NULL")
    old_address = TextField()
    new_address = TextField()
    at = DateTimeField(default=clock.now)
    seen_by_staff_at = DateTimeField(null=True)

    def mark_seen(self, by):
        """The rectorat took note of the new address (recorded once, whoever saw it first)."""
        with db.atomic():
            seen = (AddressChange.update(seen_by_staff_at=clock.now())
                    .where(AddressChange.id == self.id, AddressChange.seen_by_staff_at.is_null()).execute())
            if seen and self.registration_id:
                Registration.get_by_id(self.registration_id).audit("changement d'adresse vu", by,
                                                                  self.new_address.replace("\n", ", "))
        return bool(seen)


def _encode(value):
    """A step's answer as JSON: dates as ISO text, an exam as its id."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.id
    if isinstance(value, tuple):
        return list(value)
    return value


def _decode(field, value):
    if isinstance(field, DateField) and value:
        return date.fromisoformat(value)
    if isinstance(field, JSONListField):
        return tuple(value or ())
    return value
