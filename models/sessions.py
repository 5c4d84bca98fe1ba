"""Exam sessions as the academy's session file describes them."""
import json
import secrets
from zoneinfo import ZoneInfo

from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField

import clock
from session_file import SessionFileError
from .base import BaseModel, ForeignKey, PreparedRows, db, once_per_request


# The columns of a session that its file sets, copied as they are on every load.
SESSION_FIELDS = ("label", "academy", "audience", "timezone", "opens_at", "closes_at",
                  "documents_due_at", "exams_start_on", "website")


class SessionChangeRefused(SessionFileError):
    """A reload that would take away something candidates already depend on."""


class JSONListField(TextField):
    """A short list of strings (phones, languages) stored as JSON text."""

    def db_value(self, value):
        return json.dumps(list(value or ()), ensure_ascii=False)

    def python_value(self, value):
        return tuple(json.loads(value)) if value else ()


class ExamSession(BaseModel):
    code = CharField(unique=True)
    label = CharField()
    academy = CharField()
    audience = CharField(default="")
    timezone = CharField(default="Europe/Paris")
    opens_at = DateTimeField()  # naive UTC, like every stored time
    closes_at = DateTimeField()
    documents_due_at = DateTimeField()
    exams_start_on = DateField()
    website = CharField(default="")
    # The last registration number given in this session, taken by an atomic
    # UPDATE so that candidates saving at the same instant get distinct numbers.
    last_number = IntegerField(default=0)
    # Random, changed by each load of the file: the pôles, exams and documents
    # a process keeps (models/catalogue.py) are read again.
    catalogue_key = CharField(default="")

    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    @property
    def number_prefix(self):
        """``2023-06-poitiers`` → ``2023-06-POI``: the start of registration numbers."""
        head, _, place = self.code.rpartition("-")
        return f"{head}-{place[:3].upper()}" if head else self.code[:8].upper()

    def registration_open(self, at=None):
        """Are registrations accepted or changed at ``at``? Close is exclusive."""
        at = at or clock.now()
        return self.opens_at <= at < self.closes_at

    def state(self, at=None):
        """``upcoming``, ``open``, ``documents`` (closed but pieces accepted) or ``closed``."""
        at = at or clock.now()
        if at < self.opens_at:
            return "upcoming"
        if at < self.closes_at:
            return "open"
        if at < self.documents_due_at:
            return "documents"
        return "closed"

    @classmethod
    def newest_first(cls):
        """Every session, the latest to open first (Gestion's choice of session, on each of its pages)."""
        return _newest_first.all()

    @classmethod
    def current(cls, at=None):
        """The session candidates deal with now: open, else next to open, else the last one.

        Several helpers of one page ask it: a request looks it up once.
        """
        if at is None:
            return once_per_request("current_session", lambda: cls._current(clock.now()))
        return cls._current(at)

    @classmethod
    def _current(cls, at):
        # Asked by almost every page: the usual case (a live session) runs prepared SQL.
        live = _live.first(at, at)
        if live:
            return live
        upcoming = cls.select().where(cls.opens_at > at).order_by(cls.opens_at).first()
        return upcoming or cls.select().order_by(cls.closes_at.desc()).first()

    @classmethod
    def load_spec(cls, spec):
        """Create or update the session ``spec`` (session_file.py) names; returns ``(session, created)``.

        Rows are matched by code and updated in place, so registrations keep
        pointing at the same exam and session. A change that would orphan a
        registration raises ``SessionChangeRefused`` and changes nothing.
        """
        with db.atomic():
            session = cls.get_or_none(cls.code == spec.code)
            created = session is None
            session = session or cls(code=spec.code)
            for name in SESSION_FIELDS:
                setattr(session, name, getattr(spec, name))
            session.catalogue_key = secrets.token_hex(8)
            session.save()
            poles = session._sync_poles(spec.poles)
            session._sync_exams(spec.exams, poles)
            session._sync_document_rules(spec.documents)
            session._drop_poles_not_in(poles)
        return session, created

    def _sync_poles(self, specs):
        """Create or update the pôles of ``specs``; returns them by code."""
        existing = {pole.code: pole for pole in self.poles}
        poles = {}
        for position, spec in enumerate(specs):
            pole = existing.get(spec.code) or Pole(session=self, code=spec.code)
            pole.label, pole.phones, pole.email, pole.position = spec.label, spec.phones, spec.email, position
            pole.save()
            poles[spec.code] = pole
        return poles

    def _sync_exams(self, specs, poles):
        existing = {exam.code: exam for exam in self.exams}
        for position, spec in enumerate(specs):
            exam = existing.pop(spec.code, None) or Exam(session=self, code=spec.code)
            exam.pole = poles[spec.pole]
            exam.label, exam.diploma, exam.position = spec.label, spec.diploma, position
            exam.languages, exam.optional_tests = spec.languages, spec.optional_tests
            exam.work_experience = spec.work_experience
            exam.save()
        for exam in existing.values():
            count = exam.registrations.count()
            if count:
                raise SessionChangeRefused(
                    f"l'examen « {exam.code} » ({exam.label}) ne peut pas être retiré : "
                    f"{count} inscription(s) le concernent. Gardez-le dans le fichier.")
            exam.delete_instance()

    def _sync_document_rules(self, specs):
        existing = {rule.code: rule for rule in self.document_rules}
        for position, spec in enumerate(specs):
            rule = existing.pop(spec.code, None) or DocumentRule(session=self, code=spec.code)
            rule.label, rule.when, rule.help, rule.position = spec.label, spec.when, spec.help, position
            rule.save()
        # Pieces already asked of candidates are copies (models/pieces.py):
        # deleting a rule only stops asking it of new registrations.
        for rule in existing.values():
            rule.delete_instance()

    def _drop_poles_not_in(self, kept):
        # Runs after the exams moved to their new pôles: a pôle left out of
        # the file has no exam, hence no registration, any more.
        Pole.delete().where(Pole.session == self, Pole.code.not_in(list(kept))).execute()


_live = PreparedRows(ExamSession, lambda: (
    ExamSession.select()
    .where(ExamSession.opens_at <= "", ExamSession.documents_due_at > "")
    .order_by(ExamSession.opens_at.desc())
))

# Building this SQL took longer than reading the few sessions of a year.
_newest_first = PreparedRows(ExamSession, lambda: ExamSession.select().order_by(ExamSession.opens_at.desc()))


class Pole(BaseModel):
    session = ForeignKey(ExamSession, backref="poles", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    phones = JSONListField(default=())
    email = CharField()
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "code"), True),)

    @property
    def dial_numbers(self):
        """Each phone as written in the notice, with what a ``tel:`` link dials (no dots, no spaces)."""
        return [(phone, phone.replace(".", "").replace(" ", "")) for phone in self.phones]


class Exam(BaseModel):
    session = ForeignKey(ExamSession, backref="exams", on_delete="CASCADE")
    pole = ForeignKey(Pole, backref="exams", on_delete="RESTRICT")
    code = CharField()
    label = CharField()
    diploma = CharField()
    languages = JSONListField(default=())
    optional_tests = JSONListField(default=())
    work_experience = BooleanField(default=False)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "code"), True),)


class DocumentRule(BaseModel):
    """A required piece of the session, asked when its ``when`` condition holds (rules.py)."""

    session = ForeignKey(ExamSession, backref="document_rules", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    when = CharField()
    help = TextField(default="")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "code"), True),)
