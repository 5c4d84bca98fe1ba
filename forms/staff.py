"""Forms of the rectorat's area: the list's filters, refusing a piece, setting a registration aside."""
from datetime import datetime, time

from flask_wtf import FlaskForm
from wtforms import Form, SearchField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

import clock
import dates
from forms.fields import FrenchDateField
from models.messages import BODY_MAX

ANY = SelectChoice("", "Tous")
STATUSES = [ANY] + [SelectChoice(status, status.capitalize()) for status in ("enregistrée", "validée", "écartée", "annulée")]
PIECES = [SelectChoice("", "Toutes"), SelectChoice("a-examiner", "À examiner"), SelectChoice("refusees", "Au moins une refusée"),
          SelectChoice("manquantes", "Manquantes ou refusées"), SelectChoice("validees", "Toutes validées")]
DECLARED = [SelectChoice("", "Peu importe"), SelectChoice("oui", "Oui"), SelectChoice("non", "Non")]
MESSAGES = [SelectChoice("", "Peu importe"), SelectChoice("non-lus", "Non lus")]
REASON_MAX = 1000


class FiltersForm(Form):
    """The list's filters, read from the query string (a GET form: no CSRF token, nothing written).

    A value that is not one of the choices is ignored rather than refused: it
    comes from an old bookmark or a hand-typed address, and the list is still useful.
    """

    session = SelectField("Session")
    status = SelectField("Statut", choices=STATUSES)
    pieces = SelectField("Pièces", choices=PIECES)
    declared = SelectField("« J'ai fourni toutes mes pièces »", choices=DECLARED)
    pole = SelectField("Pôle")
    exam = SelectField("Examen")
    messages = SelectField("Messages", choices=MESSAGES)
    q = SearchField("Numéro ou nom", validators=[Length(max=100)])

    def __init__(self, formdata, sessions, poles, exams):
        super().__init__(formdata)
        self.session.choices = [SelectChoice(s.code, s.label) for s in sessions]
        self.pole.choices = [ANY] + [SelectChoice(p.code, p.label) for p in poles]
        self.exam.choices = [ANY] + [SelectChoice(e.code, e.label) for e in exams]

    def values(self):
        """The filters as models.review.registration_list reads them, with only known choices kept."""
        chosen = {name: getattr(self, name).data for name in ("status", "pieces", "declared", "pole", "exam", "messages")}
        known = {name: value for name, value in chosen.items()
                 if value and value in {choice.value for choice in getattr(self, name).choices}}
        query = (self.q.data or "").strip()[:100]
        return {**known, "q": query} if query else known


class ReviewForm(FlaskForm):
    """A form of the review page. The page holds one per piece (told apart by a prefix), so each
    carries the page's CSRF token (``csrf()`` macro), which CSRFProtect checks before any view runs."""

    class Meta:
        csrf = False


class RefusePieceForm(ReviewForm):
    """« Refuser la pièce »: a reason the candidate reads, and maybe more time to upload again."""

    reason = TextAreaField("Motif du refus, lu par le candidat", validators=[
        DataRequired("Indiquez le motif du refus : le candidat le lira dans « Mes justificatifs »."),
        Length(max=REASON_MAX, message=f"Le motif ne doit pas dépasser {REASON_MAX} caractères.")])
    due_on = FrenchDateField("Nouvelle date limite : déposer avant le",
                             description="Facultatif, JJ/MM/AAAA. Sans date, la date limite de la session s'applique.")
    message = TextAreaField("Message au candidat", description="Facultatif : une explication, ajoutée avec le motif "
                                                               "aux messages de l'inscription.",
                            validators=[Length(max=BODY_MAX, message=f"{BODY_MAX} caractères au plus.")])

    def __init__(self, session, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.exam_session = session

    def validate_due_on(self, field):
        if field.data is None:
            return
        due = self.due_override()
        if due <= clock.now():
            raise ValidationError("Cette date est déjà passée : choisissez une date à venir.")
        if due <= self.exam_session.documents_due_at:
            session_due = dates.local(self.exam_session.documents_due_at, self.exam_session.timezone).date()
            raise ValidationError(f"La date limite de la session ({dates.french_date(session_due)}) est plus tardive : "
                                  "laissez ce champ vide ou choisissez une date après elle.")
        if field.data >= self.exam_session.exams_start_on:
            raise ValidationError(f"Choisissez une date avant le début des épreuves "
                                  f"({dates.french_date(self.exam_session.exams_start_on)}).")

    def due_override(self):
        """« Avant le 30/11/2022 », as the notice words deadlines: midnight at the start of that day, stored in UTC."""
        if self.due_on.data is None:
            return None
        return dates.utc(datetime.combine(self.due_on.data, time()), self.exam_session.timezone)


class SetAsideForm(ReviewForm):
    """« Écarter l'inscription », with the reason sent to the candidate."""

    reason = TextAreaField("Motif, envoyé au candidat", validators=[
        DataRequired("Indiquez pourquoi l'inscription est écartée : le motif est envoyé au candidat."),
        Length(max=REASON_MAX, message=f"Le motif ne doit pas dépasser {REASON_MAX} caractères.")])
