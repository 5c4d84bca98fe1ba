"""Exam sessions as the academy's session file describes them."""
import json
from zoneinfo import ZoneInfo

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

import clock
from .base import BaseModel


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

    def documents_open(self, at=None):
        """Are pieces still accepted at ``at``? (after the opening, before the due date)."""
        at = at or clock.now()
        return self.opens_at <= at < self.documents_due_at

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
    def current(cls, at=None):
        """The session candidates deal with now: open, else next to open, else the last one."""
        at = at or clock.now()
        live = cls.select().where(cls.opens_at <= at, cls.documents_due_at > at).order_by(cls.opens_at.desc()).first()
        if live:
            return live
        upcoming = cls.select().where(cls.opens_at > at).order_by(cls.opens_at).first()
        return upcoming or cls.select().order_by(cls.closes_at.desc()).first()


class Pole(BaseModel):
    session = ForeignKeyField(ExamSession, backref="poles", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    phones = JSONListField(default=())
    email = CharField()
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "code"), True),)


class Exam(BaseModel):
    session = ForeignKeyField(ExamSession, backref="exams", on_delete="CASCADE")
    pole = ForeignKeyField(Pole, backref="exams", on_delete="RESTRICT")
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

    session = ForeignKeyField(ExamSession, backref="document_rules", on_delete="CASCADE")
    code = CharField()
    label = CharField()
    when = CharField()
    help = TextField(default="")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("session", "code"), True),)
