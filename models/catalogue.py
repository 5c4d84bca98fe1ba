"""What a session's file says, read once per load: its pôles, exams and required documents.

Nearly every page shows some of it (the exam list of M'inscrire, a
registration's exam and pôle, the pieces asked), and it only changes when
``load-session`` loads the file again. Each load gives the session a new
``catalogue_key``; the pages read the session's row anyway, so a process
keeps the catalogue of the key it last saw, and a load made by another
process (the command line, another server) is seen at the next request.

The rows kept are shared by every request of the process: read them, never
change or save them.
"""
import threading
from dataclasses import dataclass
from functools import cached_property

import rules
from .sessions import DocumentRule, Exam, Pole

# Catalogues of sessions kept at once: a few sessions are live in a year.
KEPT = 16
_kept = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Catalogue:
    poles: list  # in the file's order
    exams: list  # each with its pôle, as lists show them: by pôle, then in the file's order
    documents: list  # DocumentRule rows, in the file's order

    def exam(self, exam_id):
        """The exam ``exam_id`` of this session with its pôle, or None."""
        return self._exams_by_id.get(exam_id)

    def exam_by_code(self, code):
        return self._exams_by_code.get(code)

    # Gestion's list names the exam of each of its 50 rows: looked up, not searched for among the session's.
    @cached_property
    def _exams_by_id(self):
        return {exam.id: exam for exam in reversed(self.exams)}  # the first of each, as a search would

    @cached_property
    def _exams_by_code(self):
        return {exam.code: exam for exam in reversed(self.exams)}

    def required_pieces(self, facts):
        """The pieces this session's rules ask for these facts (rules.py), each with its reason."""
        return rules.required_pieces(self.documents, facts)


def of(session):
    """The catalogue of ``session`` (a row), read from the database the first time its key is seen."""
    key = (session.id, session.catalogue_key)
    found = _kept.get(key)
    if found is None:
        found = _read(session)
        with _lock:
            if len(_kept) >= KEPT:
                _kept.clear()
            _kept[key] = found
    return found


def _read(session):
    poles = list(Pole.select().where(Pole.session == session.id).order_by(Pole.position))
    by_id = {pole.id: pole for pole in poles}
    exams = list(Exam.select().where(Exam.session == session.id).order_by(Exam.position))
    for exam in exams:
        exam.pole = by_id[exam.pole_id]
    exams.sort(key=lambda exam: exam.pole.position)  # stable: the file's order within a pôle
    documents = list(DocumentRule.select().where(DocumentRule.session == session.id)
                     .order_by(DocumentRule.position))
    return Catalogue(poles, exams, documents)
