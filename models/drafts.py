"""A registration's answers not saved yet: each step's « Suivant » keeps them as a draft (``pending``, JSON)
on the server until « Enregistrer » copies them into the registration's columns.

Registration (registrations.py) takes these methods; they use only its own
columns, so this module builds on no model, only on the session's catalogue for the exam a draft names.
"""
import json
from datetime import date

from peewee import DateField, ForeignKeyField

from .base import BaseModel, db
from .errors import StepNotReached
from . import catalogue
from .sessions import JSONListField


class Draft:
    """The candidate's answers as they are typing them, step by step."""

    @property
    def has_unsaved_changes(self):
        return bool(self.pending)

    def working_copy(self):
        """The registration as the candidate is editing it: the saved answers
        overlaid by the draft. Never saved itself."""
        copy = type(self)(**self.__data__)
        copy.session = self.session
        if "account" in self.__rel__:
            copy.account = self.account  # already read: the recap shows its email
        if "exam" in self.__rel__:
            copy.exam = self.exam  # already read: a draft that chose another exam replaces it below
        for name, value in json.loads(self.pending or "{}").items():
            setattr(copy, name, _decode(self._meta.fields[name], value, self.session))
        return copy

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

    def follow_address(self, profile):
        """Take the new postal address of ``profile``, dropping a draft of the old one."""
        draft = {name: value for name, value in json.loads(self.pending or "{}").items() if name not in self.POSTAL}
        changes = {name: getattr(profile, name) for name in self.POSTAL}
        self._write(self.revision, pending=json.dumps(draft, ensure_ascii=False) if draft else "", **changes)


def _encode(value):
    """A step's answer as JSON: dates as ISO text, an exam as its id."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.id
    if isinstance(value, tuple):
        return list(value)
    return value


def _decode(field, value, session):
    if isinstance(field, DateField) and value:
        return date.fromisoformat(value)
    if field.name == "exam" and isinstance(field, ForeignKeyField) and value is not None:
        # The exam a draft chose may have left the session file since: then none is chosen.
        return catalogue.of(session).exam(value)
    if isinstance(field, ForeignKeyField) and value is not None:
        target = field.rel_model
        return value if target.select().where(target.id == value).exists() else None
    if isinstance(field, JSONListField):
        return tuple(value or ())
    return value
